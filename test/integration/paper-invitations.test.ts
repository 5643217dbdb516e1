// The paper invitations of a meeting (R9, issue 16 item 8) through GET /meetings/{id}/paper-invitations.pdf
// on DynamoDB Local: a letter a page for each member no chat reached, by hamlet and in Vietnamese order, in
// the party's format with one number for the round that a reprint keeps; a moved meeting's letters say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as paperInvitations } from '../../functions/http/meeting-paper-invitations-pdf.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Principal } from '../../shared/domain/roles.js';
import { aCommittee, aMember } from '../support/builders.js';
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
import { pdfText } from '../support/pdf.js';

const JUNE = `${WARD}.2027.06`;
const OCTOBER = `${WARD}.2027.10`;

describe('Function: paper invitations for the members no message reached (R9)', () => {
  let table: TestTable;
  let deps: TestDeps;
  const handler = paperInvitations(() => deps);
  const print = (
    meetingId: string,
    query: Record<string, string> = {},
    principal: Principal = STAFF.secretary,
  ) =>
    call(handler, {
      method: 'GET',
      route: '/meetings/{id}/paper-invitations.pdf',
      pathParameters: { id: meetingId },
      query,
      principal,
    });
  const members = {
    // Khu vực 10: one on paper.
    tam: aMember({ id: 'm-tam', fullName: 'Nguyễn Văn Tám' }),
    // Khu vực 2: two on paper (Vietnamese order: by given name, "Bình" before "Út"), one reached by chat.
    ut: aMember({ id: 'm-ut', fullName: 'Lê Văn Út' }),
    binh: aMember({ id: 'm-binh', fullName: 'Trần Thị Bình' }),
    chat: aMember({ id: 'm-chat', fullName: 'Phạm Văn Chát' }),
  };

  beforeAll(async () => {
    // Prepare
    table = await createTestTable();
    deps = testDeps(table, { clock: testClock('2027-05-20T03:00:00Z') });
    const repos = deps.repos;
    await seedWard(repos);
    await repos.committees.put(
      aCommittee({ id: 'quan-ninh-kieu', kind: 'board', name: 'Quận ủy Ninh Kiều' }),
    );
    await repos.committees.put(
      aCommittee({
        id: WARD,
        kind: 'residence',
        name: 'Đảng ủy phường An Hòa',
        parentId: 'quan-ninh-kieu',
        hamlets: [
          { id: 'kv-10', name: 'Khu vực 10' },
          { id: 'kv-2', name: 'Khu vực 2' },
        ],
      }),
    );
    // The ward's bí thư signs its letters.
    await repos.staff.put({
      id: 'chair-1',
      orgId: WARD,
      role: 'chair',
      fullName: 'Trần Văn Chủ',
      standing: true,
      partyTitle: 'bi_thu',
    });
    for (const m of Object.values(members)) await seedReceivedMember(repos, m);
    const june = await seedMeeting(repos, {
      id: JUNE,
      year: 2027,
      round: 'june',
      date: '2027-06-05',
      time: '14:00',
      place: 'Hội trường khu vực 2',
      agenda: 'Thông tin tình hình địa phương 6 tháng đầu năm',
    });
    await seedInvitation(repos, june, members.tam, { hamletId: 'kv-10', delivery: 'no_chat' });
    await seedInvitation(repos, june, members.ut, { hamletId: 'kv-2', delivery: 'undeliverable' });
    await seedInvitation(repos, june, members.binh, {
      hamletId: 'kv-2',
      delivery: 'no_chat',
      optional: true,
    });
    await seedInvitation(repos, june, members.chat, { hamletId: 'kv-2', delivery: 'sent' });
    const october = await seedMeeting(repos, {
      id: OCTOBER,
      year: 2027,
      round: 'october',
      date: '2027-10-16',
    });
    await seedInvitation(repos, october, members.chat, { delivery: 'sent' });
  });

  afterAll(async () => {
    await table?.drop();
  });

  it('prints a letter a page for the paper list, by hamlet then name, numbered once for the round', async () => {
    // Act
    const first = await print(JUNE);
    const again = await print(JUNE);
    const text = await pdfText(first.bytes);

    // Assess
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toContain('no-store');
    expect(text.match(/GIẤY MỜI/g)).toHaveLength(3);
    const order = [
      'Kính gửi: đồng chí Trần Thị Bình',
      'Kính gửi: đồng chí Lê Văn Út',
      'Kính gửi: đồng chí Nguyễn Văn Tám',
    ];
    expect(order.map((line) => text.indexOf(line))).toEqual(
      [...order.map((line) => text.indexOf(line))].sort((a, b) => a - b),
    );
    expect(order.every((line) => text.includes(line))).toBe(true);
    expect(text).not.toContain('Phạm Văn Chát');
    // The party's format: the organisation above the issuer, the round's number, the place and date.
    expect(text).toContain('ĐẢNG BỘ QUẬN NINH KIỀU');
    expect(text).toContain('ĐẢNG ỦY PHƯỜNG AN HÒA');
    expect(text).toContain('Số 1-GM/ĐU');
    expect(text).toContain('ngày 20 tháng 05 năm 2027');
    expect(text).toContain('14 giờ 00, thứ Bảy, ngày 05/06/2027');
    expect(text).toContain('Hội trường khu vực 2');
    expect(text).toContain('T/M ĐẢNG ỦY');
    expect(text).toContain('Trần Văn Chủ');
    // R4: only the exempt member's letter says attending is not required.
    expect(text.match(/không bắt buộc/g)).toHaveLength(1);
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    // A reprint keeps the number (taken once, kept on the meeting).
    expect(await pdfText(again.bytes)).toContain('Số 1-GM/ĐU');
    expect((await deps.repos.meetings.get(JUNE))?.invitationNumber).toBe('1-GM/ĐU');
  });

  it('prints every invitee with scope=all, and a moved meeting’s letters say what they replace', async () => {
    // Prepare
    const june = (await deps.repos.meetings.get(JUNE)) as Meeting;
    await deps.repos.meetings.save(
      {
        ...june,
        date: '2027-06-12',
        rescheduled: {
          by: 'sec-1',
          at: '2027-05-20T03:00:00Z',
          previous: { date: '2027-06-05', time: '14:00', place: 'Hội trường khu vực 2' },
        },
        version: june.version + 1,
      },
      june.version,
    );

    // Act
    const text = await pdfText((await print(JUNE, { scope: 'all' })).bytes);

    // Assess
    expect(text.match(/GIẤY MỜI/g)).toHaveLength(4);
    expect(text).toContain('Kính gửi: đồng chí Phạm Văn Chát');
    expect(text).toContain('ngày 12/06/2027');
    expect(text).toContain('cuộc họp đã dời từ 14 giờ 00, thứ Bảy, ngày 05/06/2027');
    expect(text).toContain('Số 1-GM/ĐU');
  });

  it('says there is nothing to print when everyone was reached, and refuses a bad scope in Vietnamese', async () => {
    // Act
    const nothing = await print(OCTOBER);
    const bad = await print(JUNE, { scope: 'everyone' });

    // Assess
    expect(nothing.status).toBe(409);
    expect(nothing.json.error?.code).toBe('nothing_to_print');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error?.issues)).toContain('phạm vi in');
  });

  it('is refused to the workplace’s staff and to another ward, and to the ward’s read-only viewer', async () => {
    // Act
    const answers = await Promise.all([
      print(JUNE, {}, STAFF.workplace),
      print(JUNE, {}, STAFF.otherWardChair),
      print(JUNE, {}, STAFF.viewer),
    ]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
  });

  it('prints nothing for a meeting that was called off', async () => {
    // Prepare
    const june = (await deps.repos.meetings.get(JUNE)) as Meeting;
    await deps.repos.meetings.save(
      {
        ...june,
        status: 'cancelled',
        cancellation: { reason: 'Bão', by: 'sec-1', at: '2027-05-21T03:00:00Z' },
        version: june.version + 1,
      },
      june.version,
    );

    // Act
    const answer = await print(JUNE);

    // Assess
    expect(answer.status).toBe(409);
    expect(answer.json.error?.code).toBe('meeting_cancelled');
  });
});
