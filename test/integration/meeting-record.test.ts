// A whole contact meeting through the HTTP routes and use cases on DynamoDB Local: attendance, every part of
// the minutes, both signatures, the seal, the PDF, addenda, tampering, R10 notices and comments carried over.
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as ackNotice } from '../../functions/http/absence-notice-ack.js';
import { createHandler as pendingNotices } from '../../functions/http/absence-notices-pending.js';
import { createHandler as attendanceGet } from '../../functions/http/meeting-attendance-get.js';
import { createHandler as attendanceOpen } from '../../functions/http/meeting-attendance-open.js';
import { createHandler as attendanceSet } from '../../functions/http/meeting-attendance-set.js';
import { createHandler as commentAnswer } from '../../functions/http/meeting-comment-answer.js';
import { createHandler as commentRaise } from '../../functions/http/meeting-comment-raise.js';
import { createHandler as minutesAddendum } from '../../functions/http/meeting-minutes-addendum.js';
import { createHandler as minutesGet } from '../../functions/http/meeting-minutes-get.js';
import { createHandler as minutesPut } from '../../functions/http/meeting-minutes-part-put.js';
import { createHandler as minutesPdf } from '../../functions/http/meeting-minutes-pdf.js';
import { createHandler as minutesSign } from '../../functions/http/meeting-minutes-sign.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import type { AbsenceNotice } from '../../shared/domain/attendance.js';
import { ForbiddenError } from '../../shared/domain/errors.js';
import { MINUTES_PARTS, type MinutesPart } from '../../shared/domain/minutes.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Page } from '../../shared/ports/common.js';
import type {
  AttendanceChange,
  AttendanceSheetView,
  openAttendance,
} from '../../shared/services/attendance.js';
import { type CommentView, commentsToAnswer, raiseComment } from '../../shared/services/comments.js';
import type { MinutesView, PartWritten, SignResult } from '../../shared/services/minutes.js';
import type { AddendumResult } from '../../shared/services/minutes-addenda.js';
import { aMember } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import {
  type ApiRequest,
  call,
  type ErrorJson,
  type HttpHandler,
  type TestClock,
  type TestDeps,
  testClock,
  testDeps,
  tokenFor,
} from '../support/http.js';
import {
  memberPrincipal,
  OTHER_WORKPLACE,
  STAFF,
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
  WORKPLACE,
} from '../support/meeting-world.js';
import { pdfText } from '../support/pdf.js';
import { hd02Form, seedEvaluation } from '../support/year-end-seed.js';

const JUNE = `${WARD}.2026.06`;
const OCTOBER = `${WARD}.2026.10`;

const PART_TEXT: Record<(typeof MINUTES_PARTS)[number], string> = {
  opening:
    'Đồng chí chủ trì tuyên bố lý do: họp giữ mối liên hệ với đảng viên đang công tác. Đại biểu: đồng chí Bí thư chi bộ khu vực 3.',
  agenda: 'Thông qua chương trình, nội dung; dự kiến thời gian 120 phút. Đảng viên thống nhất.',
  secretary: 'Phân công đồng chí Lê Thị Thư làm thư ký.',
  report: 'Phường hoàn thành 8/10 chỉ tiêu; chưa đạt chỉ tiêu thu ngân sách do dịch bệnh.',
  plan: 'Tháng 7: ra quân vệ sinh môi trường, tuyên truyền phòng chống ma túy.',
  answers: 'Kỳ trước không có ý kiến cần phản hồi.',
  assessment: 'Đảng viên và gia đình chấp hành tốt chủ trương, chính sách.',
  discussion: 'Đảng viên góp ý về đèn chiếu sáng hẻm 12 và vệ sinh môi trường.',
  conclusion: 'Đồng chí chủ trì kết luận; thư ký thông qua toàn văn biên bản.',
};

/** A route's JSON: its answer, or the error body when refused. */
type Answer<T> = T & Partial<ErrorJson>;

describe('Function: the contact meeting, end to end (R10, R13–R16)', () => {
  let table: TestTable;
  let deps: TestDeps;
  let clock: TestClock;
  const token: Record<string, string> = {};
  const h = {
    attendanceGet: attendanceGet(() => deps),
    attendanceOpen: attendanceOpen(() => deps),
    attendanceSet: attendanceSet(() => deps),
    minutesGet: minutesGet(() => deps),
    minutesPut: minutesPut(() => deps),
    minutesSign: minutesSign(() => deps),
    minutesAddendum: minutesAddendum(() => deps),
    minutesPdf: minutesPdf(() => deps),
    commentRaise: commentRaise(() => deps),
    commentAnswer: commentAnswer(() => deps),
    ackNotice: ackNotice(() => deps),
    pendingNotices: pendingNotices(() => deps),
  };
  const members = {
    nhung: aMember({ id: 'm-nhung', fullName: 'Nguyễn Thị Hồng Nhung', partyCardNumber: '200000001' }),
    an: aMember({ id: 'm-an', fullName: 'Lê Văn An', partyCardNumber: '200000002' }),
    dung: aMember({ id: 'm-dung', fullName: 'Trần Quốc Dũng', partyCardNumber: '200000003' }),
    hoa: aMember({ id: 'm-hoa', fullName: 'Phạm Thị Hòa', partyCardNumber: '200000004' }),
    ut: aMember({
      id: 'm-ut',
      fullName: 'Võ Văn Út',
      partyCardNumber: '200000005',
      workplaceOrgId: OTHER_WORKPLACE,
      category: 'student',
    }),
    khanh: aMember({ id: 'm-khanh', fullName: 'Huỳnh Minh Khánh', partyCardNumber: '200000006' }),
    phuc: aMember({ id: 'm-phuc', fullName: 'Đặng Hữu Phúc', partyCardNumber: '200000007' }),
  };
  let commentId = '';
  let sealHash = '';

  // One caller per route: who calls (a key of `token`), on the June meeting unless told otherwise.
  const path = (extra: Record<string, string> = {}) => ({ id: JUNE, ...extra });
  const callAs = <T>(handler: HttpHandler, who: string, request: Omit<ApiRequest, 'token' | 'principal'>) =>
    call<Answer<T>>(handler, { ...request, token: token[who] as string });
  const openSheet = (who: string) =>
    callAs<Awaited<ReturnType<typeof openAttendance>>>(h.attendanceOpen, who, {
      method: 'POST',
      route: '/meetings/{id}/attendance/open',
      pathParameters: path(),
    });
  /** Each row's version: equal before and after means no row was written. */
  const sheetVersions = async () => {
    const versions: Record<string, number> = {};
    for await (const i of deps.repos.invitations.streamSheet(JUNE)) versions[i.memberId] = i.version;
    return versions;
  };
  const getSheet = (who: string, query?: Record<string, string>) =>
    callAs<AttendanceSheetView>(h.attendanceGet, who, {
      method: 'GET',
      route: '/meetings/{id}/attendance',
      pathParameters: path(),
      ...(query ? { query } : {}),
    });
  const setPresent = (who: string, memberId: string, present: boolean) =>
    callAs<AttendanceChange>(h.attendanceSet, who, {
      method: 'PUT',
      route: '/meetings/{id}/attendance/{memberId}',
      pathParameters: path({ memberId }),
      body: { present },
    });
  const putPart = (who: string, part: string, text: string) =>
    callAs<PartWritten>(h.minutesPut, who, {
      method: 'PUT',
      route: '/meetings/{id}/minutes/{part}',
      pathParameters: path({ part }),
      body: { text },
    });
  const sign = (who: string, as: 'chair' | 'secretary', meetingId = JUNE) =>
    callAs<SignResult>(h.minutesSign, who, {
      method: 'POST',
      route: '/meetings/{id}/minutes/sign',
      pathParameters: { id: meetingId },
      body: { as },
    });
  const getMinutes = (meetingId = JUNE) =>
    callAs<MinutesView>(h.minutesGet, 'secretary', {
      method: 'GET',
      route: '/meetings/{id}/minutes',
      pathParameters: { id: meetingId },
    });
  const raise = (who: string, body: { topic: string; text: string }, headers?: Record<string, string>) =>
    callAs<CommentView>(h.commentRaise, who, {
      method: 'POST',
      route: '/meetings/{id}/comments',
      pathParameters: path(),
      body,
      ...(headers ? { headers } : {}),
    });
  const answerComment = (who: string, body: Record<string, string>) =>
    callAs<CommentView>(h.commentAnswer, who, {
      method: 'POST',
      route: '/meetings/{id}/comments/{commentId}/answer',
      pathParameters: path({ commentId }),
      body,
    });
  const acknowledge = (who: string, memberId: string) =>
    callAs<AbsenceNotice>(h.ackNotice, who, {
      method: 'POST',
      route: '/meetings/{id}/absence-notices/{memberId}/ack',
      pathParameters: path({ memberId }),
    });
  const partOf = (view: MinutesView, part: MinutesPart) => view.parts.find((p) => p.part === part);

  beforeAll(async () => {
    table = await createTestTable();
    clock = testClock('2026-06-10T03:00:00Z');
    deps = testDeps(table, { clock });
    const repos = deps.repos;
    await seedWard(repos);
    for (const m of Object.values(members)) await seedReceivedMember(repos, m);
    const june = await seedMeeting(repos, {
      id: JUNE,
      year: 2026,
      round: 'june',
      date: '2026-06-20',
      time: '08:00',
    });
    await seedMeeting(repos, {
      id: OCTOBER,
      year: 2026,
      round: 'october',
      date: '2026-10-17',
      time: '08:00',
    });
    const submittedAt = '2026-06-12T02:00:00Z';
    await seedInvitation(repos, june, members.nhung, { rsvp: 'attending', rsvpAt: submittedAt });
    await seedInvitation(repos, june, members.an, { rsvp: 'attending', rsvpAt: submittedAt });
    await seedInvitation(repos, june, members.dung, {
      rsvp: 'absent',
      absence: {
        category: 'work',
        text: 'Đi công tác Hà Nội',
        submittedAt,
        confirmation: 'confirmed',
        decidedBy: 'wp-1',
      },
    });
    await seedInvitation(repos, june, members.hoa, {
      rsvp: 'absent',
      absence: { category: 'illness', submittedAt, confirmation: 'pending' },
    });
    await seedInvitation(repos, june, members.ut);
    await seedInvitation(repos, june, members.khanh, { rsvp: 'attending', rsvpAt: submittedAt });
    await seedInvitation(repos, june, members.phuc);
    const principals: Record<string, Principal> = {
      ...STAFF,
      nhung: memberPrincipal('m-nhung'),
      an: memberPrincipal('m-an'),
      chairAsSecretary: { sub: 'chair-1', orgId: WARD, role: 'secretary' },
    };
    for (const [name, principal] of Object.entries(principals)) token[name] = await tokenFor(principal);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('takes members’ comments before the meeting: for the upcoming planned meeting (R15 2.5)', async () => {
    // Prepare
    const lighting = { topic: 'Chiếu sáng', text: 'Đề nghị lắp đèn chiếu sáng hẻm 12 khu vực 3.' };

    // Act
    const byRoute = await raise('nhung', lighting, { 'idempotency-key': 'k-1' });
    const replay = await raise('nhung', lighting, { 'idempotency-key': 'k-1' });
    const auto = await raiseComment({ ...deps.repos, clock, ids: deps.ids }, memberPrincipal('m-an'), {
      topic: 'Môi trường',
      text: 'Rác thải đổ không đúng nơi quy định ở bờ kè.',
    });
    const byStaff = await raise('chair', { topic: 'x', text: 'y' });

    // Assess
    expect(byRoute.status).toBe(201);
    expect(byRoute.json).toMatchObject({
      meetingId: JUNE,
      answeredAtMeetingId: OCTOBER,
      topic: 'Chiếu sáng',
    });
    expect(replay.json.id).toBe(byRoute.json.id);
    expect(auto.meetingId).toBe(JUNE);
    expect(byStaff.status).toBe(403);
    expect(await deps.repos.comments.ofMeeting(JUNE)).toHaveLength(2);
    commentId = byRoute.json.id;
  });

  it('refuses to take attendance before the meeting day, and refuses other committees', async () => {
    // Act
    const early = await openSheet('residence');
    clock.set('2026-06-20T01:30:00Z'); // 08:30 in Vietnam, the meeting's morning
    const otherWard = await openSheet('otherWardChair');
    const byMember = await getSheet('nhung');

    // Assess
    expect(early.status).toBe(409);
    expect(early.json.error?.code).toBe('meeting_not_yet');
    expect(otherWard.status).toBe(403);
    expect(byMember.status).toBe(403);
  });

  it('opens the sheet with the RSVPs’ forecast and writes no row, pages it, and always gives totals and reasons', async () => {
    // Prepare
    const versionsBefore = await sheetVersions();

    // Act
    const opened = await openSheet('residence');
    const reopened = await openSheet('residence');
    const first = await getSheet('chair', { limit: '4' });
    const second = await getSheet('viewer', { limit: '4', cursor: String(first.json.cursor) });

    // Assess
    expect(opened.status).toBe(200);
    // Issue 19: opening writes nothing; an unmarked row shows (and counts as) its RSVP's forecast.
    expect(opened.json.totals).toMatchObject({ total: 7, present: 3, absent: 4, unrecorded: 7 });
    expect(reopened.json.totals).toEqual(opened.json.totals);
    expect(await sheetVersions()).toEqual(versionsBefore);
    expect(first.json.rows).toHaveLength(4);
    expect(second.json.rows).toHaveLength(3);
    expect(second.json.cursor).toBeUndefined();
    for (const page of [first, second]) {
      expect(page.json.totals).toMatchObject({ total: 7, present: 3, absent: 4, unrecorded: 7 });
    }
    const rows = [...first.json.rows, ...second.json.rows];
    const dung = rows.find((r) => r.memberId === 'm-dung');
    const hoa = rows.find((r) => r.memberId === 'm-hoa');
    expect(dung?.absence).toEqual({ status: 'confirmed', category: 'work', text: 'Đi công tác Hà Nội' });
    expect(hoa?.absence).toEqual({ status: 'pending', category: 'illness' });
    expect(rows.some((r) => r.recorded)).toBe(false);
  });

  it('toggles one member at a time and keeps the totals right', async () => {
    // Act
    const khanhAway = await setPresent('secretary', 'm-khanh', false);
    const phucCame = await setPresent('residence', 'm-phuc', true);
    const again = await setPresent('residence', 'm-phuc', true);
    const stranger = await setPresent('residence', 'm-nobody', true);

    // Assess
    expect(khanhAway.status).toBe(200);
    expect(khanhAway.json.row).toMatchObject({ present: false, absence: { status: 'no_reason' } });
    expect(phucCame.json.totals).toMatchObject({
      total: 7,
      present: 3,
      absent: 4,
      absentBy: { confirmed: 1, pending: 1, rejected: 0, no_reply: 1, no_reason: 1 },
    });
    expect(again.json.changed).toBe(false);
    expect(stranger.status).toBe(404);
  });

  it('walks the minutes in the protocol’s order and fills in attendance and comments (R13–R15)', async () => {
    // Prepare
    const writers = ['secretary', 'chair', 'residence'];

    // Act
    const byMember = await putPart('nhung', 'report', 'x');
    const unknownPart = await putPart('secretary', 'gossip', 'x');
    const results = [];
    for (const [i, part] of MINUTES_PARTS.entries()) {
      if (part === 'conclusion') break; // written after an early attempt to sign
      results.push(await putPart(writers[i % writers.length] as string, part, PART_TEXT[part]));
    }
    const tooEarly = await sign('chair', 'chair');
    const last = await putPart('secretary', 'conclusion', PART_TEXT.conclusion);
    const view = await getMinutes();

    // Assess
    expect(byMember.status).toBe(403);
    expect(unknownPart.status).toBe(400);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results[0]?.json.nextPart).toBe('agenda');
    expect(results[7]?.json.nextPart).toBe('conclusion');
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.json.error?.rule).toBe('R15');
    expect(last.json.missing).toEqual([]);
    expect(view.status).toBe(200);
    expect(view.json.state).toBe('draft');
    expect(view.json.parts.map((p) => p.part)).toEqual([...MINUTES_PARTS]);
    const opening = view.json.parts[0];
    expect(opening?.text).toBe(PART_TEXT.opening);
    expect(opening?.filledIn).toContain('Tổng số đảng viên được mời: 7; có mặt: 3; vắng mặt: 4.');
    // The minutes name the reason's category and the decision; the free text stays on the sheet only.
    expect(opening?.filledIn).toContain('Trần Quốc Dũng — Bận công tác (cấp ủy nơi công tác đã xác nhận)');
    expect(opening?.filledIn).toContain('Võ Văn Út — không trả lời thư mời');
    const discussion = partOf(view.json, 'discussion');
    expect(discussion?.filledIn).toContain('Đ/c Nguyễn Thị Hồng Nhung — Chiếu sáng');
    expect(discussion?.filledIn).toContain('Đ/c Lê Văn An — Môi trường');
    expect(view.json.filledIn.absentees.map((a) => a.name)).toEqual([
      'Trần Quốc Dũng',
      'Phạm Thị Hòa',
      'Huỳnh Minh Khánh',
      'Võ Văn Út',
    ]);
    expect(view.json.filledIn.previousComments).toEqual([]);
    expect(view.json.seal).toBeUndefined();
  });

  it('lets only the assigned chair and a secretary sign, as two different people, then seals (R15 2.6, R16)', async () => {
    // Act
    const byResidenceStaff = await sign('residence', 'secretary');
    const secretaryAsChair = await sign('secretary', 'chair');
    const chair = await sign('chair', 'chair');
    const chairAgain = await sign('chair', 'chair');
    const frozenToggle = await setPresent('secretary', 'm-an', false);
    const samePerson = await sign('chairAsSecretary', 'secretary');
    const secretary = await sign('secretary', 'secretary');
    const meeting = await deps.repos.meetings.get(JUNE);
    const signedEvent = await deps.repos.outbox.get(`MinutesSigned:${JUNE}`);

    // Assess
    expect(byResidenceStaff.status).toBe(403);
    expect(secretaryAsChair.status).toBe(403);
    expect(chair.status).toBe(200);
    expect(chair.json.state).toBe('signing');
    expect(chairAgain.json.state).toBe('signing');
    expect(frozenToggle.status).toBe(409);
    expect(frozenToggle.json.error?.code).toBe('minutes_signing');
    expect(samePerson.status).toBe(422);
    expect(samePerson.json.error?.rule).toBe('R15');
    expect(secretary.status).toBe(200);
    expect(secretary.json.state).toBe('sealed');
    expect(secretary.json.seal?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretary.json.signatures.chair?.name).toBe('Trần Văn Chủ');
    expect(secretary.json.signatures.secretary?.name).toBe('Lê Thị Thư');
    expect(meeting?.status).toBe('held');
    expect(signedEvent?.event).toMatchObject({ type: 'MinutesSigned', data: { meetingId: JUNE } });
    // Sealed, the minutes are numbered from the ward's counter of minutes for the year, once
    expect((await deps.repos.minutes.get(JUNE))?.number).toMatch(/^1-BB\/(ĐU|CB)$/);
    sealHash = secretary.json.seal?.hash ?? '';
  });

  it('sends the R10 notices on sealing: absent without reply or without a reason, not while a reason awaits the workplace', async () => {
    // Act
    const sent = await Promise.all(
      ['m-hoa', 'm-ut', 'm-khanh', 'm-dung', 'm-nhung'].map((m) =>
        deps.repos.outbox.get(`AbsentWithoutNotice:${JUNE}:${m}`),
      ),
    );

    // Assess
    const [hoa, ut, khanh, dung, nhung] = sent;
    // R10: Hòa's reason still waits for the workplace's decision — pending, not absent without notice.
    expect(hoa).toBeUndefined();
    expect(ut?.event.orgIds).toEqual([OTHER_WORKPLACE, WARD]);
    expect(khanh?.event.orgIds).toEqual([WORKPLACE, WARD]);
    expect(khanh?.event.data).toEqual({ meetingId: JUNE, memberId: 'm-khanh' });
    expect(dung).toBeUndefined();
    expect(nhung).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain('Hòa');
  });

  it('lets only the member’s workplace acknowledge a notice, with one tap', async () => {
    // Act
    const wrongWorkplace = await acknowledge('otherWorkplace', 'm-khanh');
    const ack = await acknowledge('workplace', 'm-khanh');
    const ackAgain = await acknowledge('workplace', 'm-khanh');
    const noNotice = await acknowledge('workplace', 'm-dung');
    const pending = await callAs<Page<AbsenceNotice>>(h.pendingNotices, 'workplace', {
      method: 'GET',
      route: '/absence-notices',
    });

    // Assess
    expect(wrongWorkplace.status).toBe(403);
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ memberId: 'm-khanh', acknowledgedBy: 'wp-1', ground: 'no_reason' });
    expect(ackAgain.json.acknowledgedAt).toBe(ack.json.acknowledgedAt);
    expect(noNotice.status).toBe(404);
    expect(pending.json.items.map((n) => n.memberId)).toEqual([]);
  });

  it('refuses any edit after sealing (409), keeps the seal verifying, and takes addenda signed by both signers (R16)', async () => {
    // Prepare
    const addendum = (who: string, body: Record<string, unknown>) =>
      callAs<AddendumResult>(h.minutesAddendum, who, {
        method: 'POST',
        route: '/meetings/{id}/minutes/addenda',
        pathParameters: path(),
        body,
      });

    // Act
    const edit = await putPart('chair', 'report', 'Sửa sau khi ký');
    const toggle = await setPresent('chair', 'm-an', false);
    const byResidenceStaff = await addendum('residence', { text: 'Đính chính của người không ký.' });
    const proposed = await addendum('secretary', { text: 'Đính chính: chỉ tiêu đạt 9/10, không phải 8/10.' });
    const countersigned = await addendum('chair', { countersign: 1 });
    const view = await getMinutes();

    // Assess
    expect(edit.status).toBe(409);
    expect(edit.json.error?.code).toBe('minutes_sealed');
    expect(toggle.status).toBe(409);
    expect(byResidenceStaff.status).toBe(403);
    expect(proposed.status).toBe(201);
    expect(proposed.json).toMatchObject({ state: 'pending', awaiting: 'chair', sealHash });
    expect(countersigned.status).toBe(200);
    expect(countersigned.json.state).toBe('signed');
    expect(countersigned.json.addendum).toMatchObject({
      seq: 1,
      signatures: {
        chair: { staffId: 'chair-1', name: 'Trần Văn Chủ' },
        secretary: { staffId: 'sec-1', name: 'Lê Thị Thư' },
      },
    });
    expect(countersigned.json.sealHash).toBe(sealHash);
    expect(view.json.state).toBe('sealed');
    expect(view.json.seal).toMatchObject({ hash: sealHash, verifies: true });
    expect(view.json.addendaVerify).toBe(true);
    expect(partOf(view.json, 'report')?.text).toBe(PART_TEXT.report);
    expect(view.json.filledIn.frozen).toBe(true);
  });

  it('prints the minutes as a PDF with Vietnamese names, every part, the signatures and the seal', async () => {
    // Act
    const answer = await callAs<unknown>(h.minutesPdf, 'chair', {
      method: 'GET',
      route: '/meetings/{id}/minutes.pdf',
      pathParameters: path(),
    });
    const text = await pdfText(answer.bytes);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.raw.isBase64Encoded).toBe(true);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain(`Số ${(await deps.repos.minutes.get(JUNE))?.number}`);
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('Huỳnh Minh Khánh');
    // The reason's category and decision, never its free text (docs/privacy.md: the record is kept for good).
    expect(text).toContain('Bận công tác (cấp ủy nơi công tác đã xác nhận)');
    expect(text).not.toContain('Đi công tác Hà Nội');
    expect(text).toContain('2.3. Phản hồi ý kiến đóng góp');
    // The two signature blocks with their full names, the seal's hash as the footer's check code
    expect(text).toContain('THƯ KÝ CUỘC HỌP');
    expect(text).toContain('CHỦ TRÌ CUỘC HỌP');
    expect(text).toContain('Trần Văn Chủ');
    expect(text).toContain('Lê Thị Thư');
    expect(text).not.toContain('Đã ký:');
    expect(text).toContain(`Mã kiểm tra`);
    expect(text).toContain(sealHash);
    expect(text).toContain('Đính chính: chỉ tiêu đạt 9/10');
    expect(text).toContain('Phụ lục 1 — đã ký: chủ trì Trần Văn Chủ');
  });

  it('lists June’s open comments for the answers once June is sealed, to its committee only (/traloi)', async () => {
    // Prepare
    clock.set('2026-07-01T02:00:00Z');
    const ports = { ...deps.repos, clock };

    // Act
    const open = await commentsToAnswer(ports, STAFF.residence, WARD);
    const otherWard = commentsToAnswer(ports, STAFF.otherWardChair, WARD);
    const workplace = commentsToAnswer(ports, STAFF.workplace, WARD);

    // Assess
    expect(open?.meetingId).toBe(JUNE);
    expect(open?.answeredAtMeetingId).toBe(OCTOBER);
    expect(open?.comments.map((c) => [c.topic, c.authorName])).toEqual([
      ['Chiếu sáng', 'Nguyễn Thị Hồng Nhung'],
      ['Môi trường', members.an.fullName],
    ]);
    await expect(otherWard).rejects.toBeInstanceOf(ForbiddenError);
    await expect(workplace).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('carries June’s comments to October: answered, under 2.3 with the answer, the author told', async () => {
    // Prepare
    clock.set('2026-07-02T02:00:00Z');
    // A draft proposing commendation: the October minutes name her under 2.4.
    await seedEvaluation(deps.repos, {
      residenceOrgId: WARD,
      memberId: 'm-nhung',
      form: hd02Form('commend'),
      status: 'draft',
    });
    const notDone = {
      status: 'not_done',
      text: 'Chưa lắp được đèn hẻm 12.',
      reason: 'Chưa có kinh phí trong quý 3.',
      remedy: 'Vận động xã hội hóa, lắp trong tháng 11.',
    };

    // Act
    const closedMeeting = await raise('an', { topic: 'Muộn', text: 'Ý kiến gửi sau khi họp xong.' });
    const forOctober = await raiseComment({ ...deps.repos, clock, ids: deps.ids }, memberPrincipal('m-an'), {
      topic: 'An ninh',
      text: 'Tình trạng trộm cắp xe máy về đêm.',
    });
    const withoutRemedy = await answerComment('chair', { status: 'not_done', text: 'Chưa lắp được đèn.' });
    const byMember = await answerComment('nhung', { status: 'done', text: 'x' });
    const answered = await answerComment('chair', notDone);
    const answeredAgain = await answerComment('secretary', notDone);
    const pending = (await deps.repos.outbox.pending(100)).events;
    const told = pending.filter((e) => e.type === 'CommentAnswered');
    const october = await getMinutes(OCTOBER);

    // Assess
    expect(closedMeeting.status).toBe(422);
    expect(forOctober.meetingId).toBe(OCTOBER);
    expect(withoutRemedy.status).toBe(422);
    expect(withoutRemedy.json.error?.rule).toBe('R15');
    expect(byMember.status).toBe(403);
    expect(answered.status).toBe(200);
    expect(answered.json.answer).toMatchObject({ status: 'not_done', answeredAtMeetingId: OCTOBER });
    expect(answeredAgain.json.answer?.answeredAt).toBe(answered.json.answer?.answeredAt);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      orgIds: [WARD],
      data: { commentId, memberId: 'm-nhung', meetingId: JUNE, answeredAtMeetingId: OCTOBER },
    });
    expect(JSON.stringify(told)).not.toContain('đèn');
    const previous = october.json.filledIn.previousComments;
    expect(previous.map((c) => c.topic)).toEqual(['Chiếu sáng', 'Môi trường']);
    expect(previous[0]).toMatchObject({
      authorName: 'Nguyễn Thị Hồng Nhung',
      answer: { status: 'not_done', remedy: 'Vận động xã hội hóa, lắp trong tháng 11.' },
    });
    expect(previous[1]?.answer).toBeUndefined();
    const answers = partOf(october.json, 'answers');
    expect(answers?.filledIn).toContain('Chưa làm được: Chưa lắp được đèn hẻm 12.');
    expect(answers?.filledIn).toContain('hướng khắc phục: Vận động xã hội hóa');
    expect(answers?.filledIn).toContain('Chưa có phản hồi.');
    expect(october.json.filledIn.comments.map((c) => c.topic)).toEqual(['An ninh']);
    expect(partOf(october.json, 'assessment')?.filledIn).toBe(
      'Đề nghị biểu dương: đồng chí Nguyễn Thị Hồng Nhung.',
    );
  });

  it('detects a stored record modified behind its back: the seal no longer verifies', async () => {
    // Prepare
    const before = await getMinutes();

    // Act: one edit of a part's text in the minutes item, one of the attendance in the record kept beside it
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.minutes(JUNE),
        UpdateExpression: 'SET parts.#report = :text',
        ExpressionAttributeNames: { '#report': 'report' },
        ExpressionAttributeValues: { ':text': 'Phường hoàn thành 10/10 chỉ tiêu.' },
      }),
    );
    const textEdited = await getMinutes();
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.minutes(JUNE),
        UpdateExpression: 'SET parts.#report = :text',
        ExpressionAttributeNames: { '#report': 'report' },
        ExpressionAttributeValues: {
          ':text': before.json.parts.find((p) => p.part === 'report')?.text ?? '',
        },
      }),
    );
    const part = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: keys.minutesRecordPart(JUNE, 0) }),
    );
    const record = JSON.parse(gunzipSync(part.Item?.bytes as Uint8Array).toString('utf8'));
    record.attendance.present = 6;
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...part.Item, bytes: gzipSync(Buffer.from(JSON.stringify(record))) },
      }),
    );
    const recordEdited = await getMinutes();

    // Assess
    expect(before.json.seal?.verifies).toBe(true);
    expect(textEdited.status).toBe(200);
    expect(textEdited.json.seal).toMatchObject({ hash: sealHash, verifies: false });
    expect(recordEdited.json.filledIn.attendance.present).toBe(6);
    expect(recordEdited.json.seal).toMatchObject({ hash: sealHash, verifies: false });
  });
});
