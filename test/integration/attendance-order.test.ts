// The attendance sheet lists people in Vietnamese order (given name, then family and middle names, tones
// last), page after page, whatever their ids — through the HTTP route and the repository the bot pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as attendanceGet } from '../../functions/http/meeting-attendance-get.js';
import type { AttendanceSheetView } from '../../shared/services/attendance.js';
import { aMember } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type TestDeps, testClock, testDeps } from '../support/http.js';
import {
  STAFF,
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
} from '../support/meeting-world.js';

const JUNE = `${WARD}.2026.06`;
// Ids in the opposite order to the names, so an id-ordered sheet cannot pass for a collated one.
const PEOPLE: [string, string][] = [
  ['m-1', 'Võ Văn Út'],
  ['m-2', 'Trần Thị Ánh'],
  ['m-3', 'Lê Văn Đức'],
  ['m-4', 'Nguyễn Văn Dũng'],
  ['m-5', 'Phạm Thị Anh'],
  ['m-6', 'Đỗ Văn An'],
];
const VIETNAMESE_ORDER = [
  'Đỗ Văn An',
  'Phạm Thị Anh',
  'Trần Thị Ánh',
  'Nguyễn Văn Dũng',
  'Lê Văn Đức',
  'Võ Văn Út',
];

describe('Function: GET /meetings/{id}/attendance — Vietnamese order', () => {
  let table: TestTable;
  let deps: TestDeps;
  const get = (cursor?: string) =>
    call<AttendanceSheetView>(
      attendanceGet(() => deps),
      {
        method: 'GET',
        route: '/meetings/{id}/attendance',
        pathParameters: { id: JUNE },
        query: { limit: '4', ...(cursor ? { cursor } : {}) },
        principal: STAFF.secretary,
      },
    );

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock: testClock('2026-06-20T03:00:00Z') });
    await seedWard(deps.repos);
    const june = await seedMeeting(deps.repos, {
      id: JUNE,
      year: 2026,
      round: 'june',
      date: '2026-06-20',
      time: '08:00',
    });
    for (const [id, fullName] of PEOPLE) {
      const member = aMember({ id, fullName, partyCardNumber: `40000000${id.slice(2)}` });
      await seedReceivedMember(deps.repos, member);
      await seedInvitation(deps.repos, june, member);
    }
  });
  afterAll(async () => {
    await table.drop();
  });

  it('pages the sheet in Vietnamese order of names, with the totals of all of it', async () => {
    // Act
    const first = await get();
    const second = await get(first.json.cursor);

    // Assess
    expect(first.status).toBe(200);
    expect(first.json.totals.total).toBe(6);
    expect([...first.json.rows, ...second.json.rows].map((r) => r.name)).toEqual(VIETNAMESE_ORDER);
    expect(second.json.cursor).toBeUndefined();
  });

  it('gives the bot (which pages the repository) the same order', async () => {
    // Act
    const first = await deps.repos.invitations.sheet(JUNE, { limit: 5 });
    const rest = await deps.repos.invitations.sheet(JUNE, { limit: 5, cursor: first.cursor ?? '' });

    // Assess
    expect([...first.items, ...rest.items].map((i) => i.memberName)).toEqual(VIETNAMESE_ORDER);
  });
});
