// Integration (DynamoDB Local): the minutes of a ward of 10,000 members are signed and sealed — the record
// (a row per member, the absentees with their reasons) is kept beside the minutes item, gzipped in parts
// written in the same transaction, and read back whole: the seal still verifies.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { verifyMinutes, withSignature } from '../../shared/domain/meeting-protocol.js';
import {
  emptyMinutes,
  MINUTES_PARTS,
  type Minutes,
  type MinutesRecord,
} from '../../shared/domain/minutes.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

const MEETING = 'phuong-rat-lon.2027.06';
const MEMBERS = 10_000;
/** DynamoDB refuses an item over 400 KB: the minutes item must stay far below it. */
const ITEM_LIMIT_BYTES = 400 * 1024;

function bigRecord(): MinutesRecord {
  const rows = Array.from({ length: MEMBERS }, (_, i) => ({
    memberId: `dv-${String(i).padStart(5, '0')}`,
    name: `Nguyễn Thị Thanh Hương ${i}`,
    present: i % 3 !== 0,
  }));
  return {
    meeting: {
      residenceOrgId: 'phuong-rat-lon',
      committeeName: 'Đảng ủy phường Rất Lớn',
      year: 2027,
      round: 'june',
      date: '2027-06-19',
      time: '19:30',
      place: 'Hội trường phường',
      chairName: 'Trần Văn Chủ',
    },
    attendance: {
      total: MEMBERS,
      present: rows.filter((r) => r.present).length,
      absent: rows.filter((r) => !r.present).length,
    },
    rows,
    absentees: rows
      .filter((r) => !r.present)
      .map((r) => ({
        memberId: r.memberId,
        name: r.name,
        status: 'confirmed' as const,
        reason: { category: 'work' as const, text: 'Đi công tác tỉnh ngoài theo quyết định của cơ quan.' },
      })),
    previousComments: [],
    comments: [],
    commendations: [],
    frozenAt: '2027-06-19T14:00:00Z',
  };
}

describe('Storage: the sealed minutes of a ward of 10,000 members', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('signs twice, seals, and reads the whole record back with a seal that verifies', async () => {
    // Prepare: every part written, then stored
    const record = bigRecord();
    let minutes: Minutes = emptyMinutes(MEETING);
    for (const part of MINUTES_PARTS)
      minutes = { ...minutes, parts: { ...minutes.parts, [part]: `Nội dung ${part}.` } };
    minutes = { ...minutes, version: 1 };
    await repos.minutes.save(minutes, 0);

    // Act: the chair signs (the record is frozen), then the secretary (the minutes are sealed)
    const chair = withSignature(
      minutes,
      'chair',
      { staffId: 'st-chu', name: 'Trần Văn Chủ', signedAt: '2027-06-19T14:00:00Z' },
      () => record,
    );
    await repos.minutes.save(chair, minutes.version);
    const sealed = withSignature(
      chair,
      'secretary',
      { staffId: 'st-thu', name: 'Lê Thị Thư', signedAt: '2027-06-19T14:05:00Z' },
      () => record,
    );
    await repos.minutes.save(sealed, chair.version);
    const read = await repos.minutes.get(MEETING);
    const item = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.minutes(MEETING) }),
    );

    // Assess
    expect(sealed.seal).toBeDefined();
    expect(read?.record?.rows).toHaveLength(MEMBERS);
    expect(read?.record?.absentees).toHaveLength(record.absentees.length);
    expect(read?.record).toEqual(record);
    expect(read && verifyMinutes(read)).toEqual({ seal: true, addenda: true });
    expect(Buffer.byteLength(JSON.stringify(item.Item))).toBeLessThan(ITEM_LIMIT_BYTES / 10);
    expect(JSON.stringify(record).length).toBeGreaterThan(ITEM_LIMIT_BYTES);
  });
});
