// Integration: moving and cancelling a planned meeting over HTTP (POST /meetings/{id}/reschedule, /cancel) and the
// answers staff record for a member (PUT /meetings/{id}/rsvp/{memberId}) — the request answers 202 and queues the
// telling (issue 19); the task tells every invitee on their channel (chat, SMS, else the paper list) and reports
// to the staff who asked; answers kept but asked again for a new day, reminders following the new day, a
// cancelled meeting closed to invitations, answers and attendance (issue 16, item 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring } from '../../../functions/chat-deps.js';
import { createHandler as answerRoute } from '../../../functions/http/meeting-answer-on-behalf.js';
import { createHandler as cancelRoute } from '../../../functions/http/meeting-cancel.js';
import { createHandler as rescheduleRoute } from '../../../functions/http/meeting-reschedule.js';
import { createHandler as remindersJob } from '../../../functions/jobs/reminders.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Principal } from '../../../shared/domain/roles.js';
import { sendDueAbsenceNotices } from '../../../shared/services/absence-notices.js';
import { openAttendance, setAttendance } from '../../../shared/services/attendance.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../../shared/services/invitations.js';
import { recordAnswer } from '../../../shared/services/rsvp.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';
import { call, type ErrorJson } from '../../support/http.js';

const chair: Principal = { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' };
const workplace: Principal = { sub: 'work-1', orgId: 'so-y-te', role: 'workplace_staff' };

/** A ward with four invitees: two on Telegram (one attending), one reached by SMS, one on the paper list. */
async function invitedWard(world: BotWorld, meeting: Meeting) {
  const coming = aUser('Đến');
  const silent = aUser('Im');
  const comingMember = await addMember(world, { fullName: 'Trần Thị Đến' });
  const silentMember = await addMember(world, { fullName: 'Nguyễn Văn Im' });
  await link(world, coming, { kind: 'member', id: comingMember.id });
  await link(world, silent, { kind: 'member', id: silentMember.id });
  const textMember = await addMember(world, { fullName: 'Lê Văn Nhắn', phone: '0987000111' });
  const paperMember = await addMember(world, { fullName: 'Phạm Văn Giấy', phone: undefined });
  await startInvitations(
    chair,
    meeting.id,
    undefined,
    invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
  );
  await world.queue.drain();
  await recordAnswer(
    comingMember.id,
    meeting.id,
    { kind: 'attending' },
    {
      meetings: world.repos.meetings,
      invitations: world.repos.invitations,
      clock: world.clock,
    },
  );
  return { coming, silent, comingMember, silentMember, textMember, paperMember };
}

describe('Function: meeting-reschedule and meeting-cancel', () => {
  let world: BotWorld;
  let meeting: Meeting;
  let ward: Awaited<ReturnType<typeof invitedWard>>;
  // The chair who calls the routes: the queued task's report reaches their linked chat.
  const chairUser = aUser('Chủ');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world); // Saturday 20/06/2026 08:00
    ward = await invitedWard(world, meeting);
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  const reschedule = (body: unknown, principal: Principal = chair, id = meeting.id) =>
    call(
      rescheduleRoute(() => world.deps),
      {
        method: 'POST',
        route: '/meetings/{id}/reschedule',
        pathParameters: { id },
        body,
        principal,
      },
    );
  const cancel = (body: unknown, principal: Principal = chair) =>
    call(
      cancelRoute(() => world.deps),
      {
        method: 'POST',
        route: '/meetings/{id}/cancel',
        pathParameters: { id: meeting.id },
        body,
        principal,
      },
    );
  const invitation = (memberId: string) => world.repos.invitations.get(meeting.id, memberId);
  const labels = (userId: number) =>
    world.emu
      .lastBotMessage(userId)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];

  it('refuses bad input with Vietnamese issues (400) and staff of another committee (403)', async () => {
    // Act
    const empty = await reschedule({});
    const badDate = await reschedule({ date: '2026-06-31' });
    const forbidden = await reschedule({ place: 'Nhà văn hóa' }, workplace);
    const noReason = await cancel({ reason: '   ' });

    // Assess
    expect(empty.status).toBe(400);
    expect(JSON.stringify((empty.json as ErrorJson).error.issues)).toContain('cần ít nhất một trong');
    expect(badDate.status).toBe(400);
    expect(JSON.stringify((badDate.json as ErrorJson).error.issues)).toContain('ngày theo dạng YYYY-MM-DD');
    expect(forbidden.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect((await world.repos.meetings.get(meeting.id))?.version).toBe(meeting.version);
  });

  it('moves the meeting to another day: R8 warnings again, everyone told on their channel, answers to confirm again, once under retries', async () => {
    // Prepare
    const smsBefore = world.sms.sent.length;

    // Act: Monday 22/06/2026, 14:00, another place; then the client's retry of the same request.
    const body = { date: '2026-06-22', time: '14:00', place: 'Nhà văn hóa khu vực 1' };
    const moved = await reschedule(body);
    await world.queue.drain();
    const comingLetter = world.emu.lastBotMessage(ward.coming.id);
    const silentLetter = world.emu.lastBotMessage(ward.silent.id);
    const report = world.emu.lastBotMessage(chairUser.id);
    const smsAfterFirst = world.sms.sent.length;
    const retried = await reschedule(body);
    await world.queue.drain();

    // Assess
    expect(moved.status).toBe(202);
    expect(moved.json).toMatchObject({
      meeting: { date: '2026-06-22', time: '14:00', place: 'Nhà văn hóa khu vực 1', status: 'planned' },
      warnings: ['not_weekend'],
      changed: true,
      dateChanged: true,
      queued: true,
    });
    expect(moved.json).not.toHaveProperty('told');
    // The task's report to the chair: the numbers by path and the paper list.
    expect(report?.text).toContain(
      'Đã đổi lịch họp: 14:00, Thứ Hai, ngày 22/06/2026, tại Nhà văn hóa khu vực 1.',
    );
    expect(report?.text).toContain('Đã báo 3 đảng viên; 1 đồng chí cần báo bằng giấy');
    expect(report?.text).toContain('• Qua tin nhắn (Telegram 2).');
    expect(report?.text).toContain('• Qua số điện thoại: 1 tin SMS.');
    expect(report?.text).toContain('1. Phạm Văn Giấy — Khu vực 1');
    expect(comingLetter?.text).toContain('THÔNG BÁO ĐỔI LỊCH HỌP');
    expect(comingLetter?.text).toContain('• Thời gian: 14:00, Thứ Hai, ngày 22/06/2026');
    expect(comingLetter?.text).toContain('• Địa điểm: Nhà văn hóa khu vực 1');
    expect(comingLetter?.text).toContain('xin đồng chí xác nhận lại có tham dự hay không');
    expect(labels(ward.coming.id)).toEqual(['Tham dự', 'Vắng mặt']);
    expect(silentLetter?.text).toContain('Đồng chí vui lòng cho biết có tham dự hay không.');
    expect(smsAfterFirst - smsBefore).toBe(1);
    expect(world.sms.sent.at(-1)?.phone).toBe('0987000111');
    expect(await invitation(ward.comingMember.id)).toMatchObject({
      meetingDate: '2026-06-22',
      rsvp: 'attending',
      reconfirm: true,
    });
    expect((await invitation(ward.silentMember.id))?.reconfirm).toBeUndefined();
    // The retry changes nothing and tells nobody again; its task reports nothing again either.
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ changed: false });
    expect(world.sms.sent.length).toBe(smsAfterFirst);
    expect(world.emu.lastBotMessage(ward.coming.id)?.messageId).toBe(comingLetter?.messageId);
    expect(world.emu.lastBotMessage(chairUser.id)?.messageId).toBe(report?.messageId);
    expect(await world.repos.meetings.onDate('2026-06-20')).toEqual([]);
    expect((await world.repos.meetings.onDate('2026-06-22')).map((m) => m.id)).toEqual([meeting.id]);
  });

  it('takes the same answer again as its confirmation for the new day', async () => {
    // Act
    const letter = world.emu.lastBotMessage(ward.coming.id);
    const pressed = await world.emu.pressButton({
      user: ward.coming,
      messageId: letter?.messageId ?? 0,
      text: 'Tham dự',
    });

    // Assess
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    });
    const after = await invitation(ward.comingMember.id);
    expect(after?.rsvp).toBe('attending');
    expect(after?.reconfirm).toBeUndefined();
    // The letter redrawn after the press is the member's invitation with the new details.
    const redrawn = world.emu.message(ward.coming.id, letter?.messageId ?? 0)?.text;
    expect(redrawn).toContain('THƯ MỜI HỌP');
    expect(redrawn).toContain('• Thời gian: 14:00, Thứ Hai, ngày 22/06/2026');
    expect(redrawn).toContain('Lịch họp đã được thay đổi; thông tin trên là lịch mới.');
    expect(redrawn).toContain('Đồng chí đã trả lời: THAM DỰ.');
  });

  it('keeps the answers when only the place changes', async () => {
    // Act
    const moved = await reschedule({ place: 'Hội trường Đảng ủy phường An Hòa' });
    await world.queue.drain();

    // Assess
    expect(moved.json).toMatchObject({ changed: true, dateChanged: false, warnings: ['not_weekend'] });
    expect(world.emu.lastBotMessage(ward.coming.id)?.text).toContain('Đồng chí có thể đổi câu trả lời');
    expect((await invitation(ward.comingMember.id))?.reconfirm).toBeUndefined();
  });

  it('reminds for the new day: the claims of the old day do not block it, and answers to confirm get the three-day reminder', async () => {
    // Prepare: the one-day reminder of a meeting on 25/06 went out; the meeting then moves to Saturday 27/06.
    await reschedule({ date: '2026-06-25' });
    await recordAnswer(
      ward.comingMember.id,
      meeting.id,
      { kind: 'attending' },
      {
        meetings: world.repos.meetings,
        invitations: world.repos.invitations,
        clock: world.clock,
      },
    );
    const oneDayBefore = await remindersJob(() => world.deps)({ now: '2026-06-24T08:00:00+07:00' });
    await reschedule({ date: '2026-06-27' });

    // Act: two days before (the three-day reminder of a run that missed a day), then the day before.
    const threeDays = await remindersJob(() => world.deps)({ now: '2026-06-25T08:00:00+07:00' });
    const dayBefore = await remindersJob(() => world.deps)({ now: '2026-06-26T08:00:00+07:00' });

    // Assess
    expect(oneDayBefore?.counts.meetings).toBe(1);
    const reminders = world.emu
      .botMessages(ward.coming.id)
      .map((m) => m.text ?? '')
      .filter((t) => t.includes('NHẮC LỊCH HỌP'));
    expect(reminders).toHaveLength(3); // 25/06 one-day, 27/06 three-day (to confirm again), 27/06 one-day
    expect(threeDays?.counts.sent).toBeGreaterThan(0);
    expect(dayBefore?.counts.sent).toBeGreaterThan(0);
    expect(reminders.at(-1)).toContain('27/06/2026');
  });

  it('cancels with a reason: everyone told, then no invitations, answers, attendance or reminders; a retry tells nobody again', async () => {
    // Act
    const cancelled = await cancel({ reason: 'Trùng lịch bầu cử của phường' });
    await world.queue.drain();
    const silentNotice = world.emu.lastBotMessage(ward.silent.id);
    const report = world.emu.lastBotMessage(chairUser.id);
    const retried = await cancel({ reason: 'Trùng lịch bầu cử của phường' });
    await world.queue.drain();
    const moveAfter = await reschedule({ place: 'Nơi khác' });
    const invite = await startInvitations(
      chair,
      meeting.id,
      undefined,
      invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
    ).catch((error: unknown) => error);
    const answer = await recordAnswer(
      ward.silentMember.id,
      meeting.id,
      { kind: 'attending' },
      {
        meetings: world.repos.meetings,
        invitations: world.repos.invitations,
        clock: world.clock,
      },
    ).catch((error: unknown) => error);
    world.clock.set('2026-06-27T09:00:00+07:00');
    const attendance = await openAttendance(
      {
        meetings: world.repos.meetings,
        invitations: world.repos.invitations,
        minutes: world.repos.minutes,
        clock: world.clock,
      },
      chair,
      meeting.id,
    ).catch((error: unknown) => error);
    const reminders = await remindersJob(() => world.deps)({ now: '2026-06-26T08:00:00+07:00' });
    world.clock.set('2026-07-10T20:00:00+07:00');
    const r10 = await sendDueAbsenceNotices(
      { ...world.repos, clock: world.clock },
      { meetingId: meeting.id },
    );
    const oldLetter = world.emu.botMessages(ward.silent.id).find((m) => m.text?.startsWith('THƯ MỜI HỌP'));
    const pressOld = await world.emu.pressButton({
      user: ward.silent,
      messageId: oldLetter?.messageId ?? 0,
      text: 'Tham dự',
    });

    // Assess
    expect(cancelled.status).toBe(202);
    expect(cancelled.json).toMatchObject({
      meeting: {
        status: 'cancelled',
        cancellation: { reason: 'Trùng lịch bầu cử của phường', by: 'chair-1' },
      },
      changed: true,
      queued: true,
    });
    expect(report?.text).toContain('Đã hủy cuộc họp đợt tháng 6/2026');
    expect(report?.text).toContain('Đã báo 3 đảng viên; 1 đồng chí cần báo bằng giấy');
    // Nothing to print for a meeting called off.
    expect(report?.replyMarkup).toBeUndefined();
    expect(silentNotice?.text).toContain('THÔNG BÁO HỦY CUỘC HỌP');
    expect(silentNotice?.text).toContain('Lý do: Trùng lịch bầu cử của phường');
    expect(silentNotice?.replyMarkup).toBeUndefined();
    expect(retried.json).toMatchObject({ changed: false });
    expect(world.emu.lastBotMessage(ward.silent.id)?.messageId).toBe(silentNotice?.messageId);
    expect(world.emu.lastBotMessage(chairUser.id)?.messageId).toBe(report?.messageId);
    expect(moveAfter.status).toBe(409);
    expect(invite).toMatchObject({ code: 'meeting_cancelled' });
    expect(answer).toMatchObject({ code: 'meeting_cancelled' });
    expect(attendance).toMatchObject({ code: 'meeting_cancelled' });
    expect(reminders?.total).toBe(0);
    // R10 and R11: a meeting called off has no absentees.
    expect(r10.raised).toBe(0);
    expect((await invitation(ward.silentMember.id))?.meetingCancelled).toBe(true);
    // A press on the old letter: refused, and the letter shows the cancellation without buttons.
    expect(world.emu.callbackAnswer(pressOld.update.callback_query?.id ?? '')).toEqual({
      text: 'Cuộc họp đã bị hủy.',
      show_alert: true,
    });
    const redrawn = world.emu.message(ward.silent.id, oldLetter?.messageId ?? 0);
    expect(redrawn?.text).toContain('CUỘC HỌP ĐÃ BỊ HỦY. Lý do: Trùng lịch bầu cử của phường');
    expect(redrawn?.replyMarkup?.inline_keyboard ?? []).toEqual([]);
  });
});

describe('Function: meeting-answer-on-behalf', () => {
  let world: BotWorld;
  let meeting: Meeting;
  let ward: Awaited<ReturnType<typeof invitedWard>>;
  const workplaceUser = aUser('Công');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    ward = await invitedWard(world, meeting);
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  const put = (memberId: string, body: unknown, principal: Principal = chair) =>
    call(
      answerRoute(() => world.deps),
      {
        method: 'PUT',
        route: '/meetings/{id}/rsvp/{memberId}',
        pathParameters: { id: meeting.id, memberId },
        body,
        principal,
      },
    );

  it('records an absence a member phoned in: who entered it and how, the member told, the workplace asked to confirm', async () => {
    // Act
    const body = { rsvp: 'absent', category: 'illness', text: 'Đang nằm viện', via: 'phone' };
    const recorded = await put(ward.silentMember.id, body);
    const retried = await put(ward.silentMember.id, body);
    await relayAndNotify(world);

    // Assess
    expect(recorded.status).toBe(200);
    expect(recorded.json).toMatchObject({ changed: true, memberTold: true });
    expect(retried.json).toMatchObject({ changed: false, memberTold: false });
    const stored = (await world.repos.invitations.get(meeting.id, ward.silentMember.id)) as Invitation;
    expect(stored).toMatchObject({
      rsvp: 'absent',
      absence: { category: 'illness', text: 'Đang nằm viện', confirmation: 'pending' },
      onBehalf: { staffId: 'chair-1', via: 'phone' },
    });
    const told = world.emu.lastBotMessage(ward.silent.id);
    expect(told?.text).toContain('đã ghi câu trả lời của đồng chí');
    expect(told?.text).toContain('Vắng mặt — Ốm đau');
    expect(told?.text).toContain('Người ghi: Trần Văn Chủ (qua điện thoại)');
    expect(told?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Tham dự', 'Vắng mặt']);
    const card = world.emu.lastBotMessage(workplaceUser.id);
    expect(card?.text).toContain('Nguyễn Văn Im');
    expect(card?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Xác nhận',
      'Không xác nhận',
    ]);
  });

  it('records an answer given in person for a member without a chat; the member’s own later answer replaces it', async () => {
    // Act
    const recorded = await put(ward.paperMember.id, { rsvp: 'attending', via: 'in_person' });
    const own = await recordAnswer(
      ward.silentMember.id,
      meeting.id,
      { kind: 'absent', category: 'illness' },
      {
        meetings: world.repos.meetings,
        invitations: world.repos.invitations,
        clock: world.clock,
      },
    );

    // Assess
    expect(recorded.json).toMatchObject({
      changed: true,
      memberTold: false,
      invitation: { rsvp: 'attending', onBehalf: { via: 'in_person' } },
    });
    expect(own.changed).toBe(true);
    expect(own.invitation.onBehalf).toBeUndefined();
  });

  it('refuses staff of another committee (403), bad input (400) and an unknown member (404)', async () => {
    // Act
    const forbidden = await put(ward.silentMember.id, { rsvp: 'attending', via: 'phone' }, workplace);
    const noCategory = await put(ward.silentMember.id, { rsvp: 'absent', via: 'phone' });
    const badVia = await put(ward.silentMember.id, { rsvp: 'attending', via: 'fax' });
    const unknown = await put('m-999', { rsvp: 'attending', via: 'phone' });

    // Assess
    expect(forbidden.status).toBe(403);
    expect(noCategory.status).toBe(400);
    expect(JSON.stringify((noCategory.json as ErrorJson).error.issues)).toContain(
      'vắng mặt cần có loại lý do',
    );
    expect(badVia.status).toBe(400);
    expect(unknown.status).toBe(404);
  });
});

describe('Feature: /cuochop — move, cancel and answer for a member in the bot', () => {
  let world: BotWorld;
  let meeting: Meeting;
  let ward: Awaited<ReturnType<typeof invitedWard>>;
  const chairUser = aUser('Chủ');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    ward = await invitedWard(world, meeting);
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  const last = () => world.emu.lastBotMessage(chairUser.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: chairUser, messageId: last()?.messageId ?? 0, text });
  const type = (text: string) => world.emu.sendUserMessage({ user: chairUser, text });

  it('moves the meeting step by step (typed date, a time button, the place kept), warns as on planning and reports who to tell on paper', async () => {
    // Act
    await type('/cuochop');
    const menu = labels();
    await press('Đổi lịch');
    await type('31/06/2026');
    const badDate = last()?.text;
    await type('22/06/2026');
    await press('14:00');
    await press('Giữ nguyên');
    const summary = last()?.text;
    await press('Xác nhận');
    const answer = last()?.text ?? '';
    await world.queue.drain();
    expect(menu).toEqual(['Đổi lịch', 'Huỷ cuộc họp', 'Ghi trả lời thay đảng viên', 'Thôi']);
    expect(badDate).toContain('Ngày chưa đúng');
    expect(summary).toContain(
      '• Thời gian: 08:00, Thứ Bảy, ngày 20/06/2026 → 14:00, Thứ Hai, ngày 22/06/2026',
    );
    expect(summary).toContain('Ngày họp không phải thứ Bảy hoặc Chủ nhật');
    // At once: the move saved, the telling under way, R8's warning.
    expect(answer).toContain('Đã dời cuộc họp: 14:00, Thứ Hai, ngày 22/06/2026');
    expect(answer).toContain('đang báo cho các đồng chí được mời…');
    expect(answer).toContain('Ngày họp không phải thứ Bảy hoặc Chủ nhật');
    // Then the task's report.
    const report = last()?.text ?? '';
    expect(report).toContain(
      'Đã đổi lịch họp: 14:00, Thứ Hai, ngày 22/06/2026, tại Hội trường Đảng ủy phường An Hòa.',
    );
    expect(report).toContain('Đã báo 3 đảng viên; 1 đồng chí cần báo bằng giấy');
    expect(report).toContain('1. Phạm Văn Giấy — Khu vực 1');
    expect(world.emu.lastBotMessage(ward.coming.id)?.text).toContain('THÔNG BÁO ĐỔI LỊCH HỌP');
    expect(await world.repos.meetings.get(meeting.id)).toMatchObject({ date: '2026-06-22', time: '14:00' });
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
  });

  it('records an answer a member phoned in: member → answer → how they told', async () => {
    // Act
    await type('/cuochop');
    await press('Ghi trả lời thay đảng viên');
    const members = labels();
    await press('Nguyễn Văn Im');
    await press('Vắng mặt — Ốm đau');
    const vias = labels();
    await press('Qua điện thoại');

    // Assess
    // The sheet's Vietnamese order (by given name), each with its answer so far.
    expect(members).toEqual(['Trần Thị Đến ✓', 'Phạm Văn Giấy', 'Nguyễn Văn Im', 'Lê Văn Nhắn', 'Thôi']);
    expect(vias).toEqual(['Qua điện thoại', 'Trực tiếp', 'Qua người khác', 'Thôi']);
    expect(last()?.text).toBe(
      'Đã ghi trả lời của đồng chí Nguyễn Văn Im: Vắng mặt — Ốm đau. Đảng viên đã được báo qua tin nhắn.',
    );
    expect(await world.repos.invitations.get(meeting.id, ward.silentMember.id)).toMatchObject({
      rsvp: 'absent',
      absence: { category: 'illness', confirmation: 'pending' },
      onBehalf: { staffId: 'chair-1', via: 'phone' },
    });
    expect(world.emu.lastBotMessage(ward.silent.id)?.text).toContain(
      'Người ghi: Trần Văn Chủ (qua điện thoại)',
    );
  });

  it('cancels with a typed reason after a confirmation; the meeting then leaves the menu', async () => {
    // Act
    await type('/cuochop');
    await press('Huỷ cuộc họp');
    await type('Trùng lịch bầu cử');
    const confirm = last()?.text;
    await press('Xác nhận');
    const answer = last()?.text;
    await world.queue.drain();
    const report = last()?.text;
    await type('/cuochop');

    // Assess
    expect(confirm).toContain('Đồng chí xác nhận HỦY cuộc họp đợt tháng 6/2026');
    expect(confirm).toContain('Lý do: Trùng lịch bầu cử');
    expect(answer).toContain('Đã hủy cuộc họp đợt tháng 6/2026');
    expect(answer).toContain('đang báo cho các đồng chí được mời…');
    expect(report).toContain('Đã báo 3 đảng viên; 1 đồng chí cần báo bằng giấy');
    expect(world.emu.lastBotMessage(ward.silent.id)?.text).toContain('Lý do: Trùng lịch bầu cử');
    expect((await world.repos.meetings.get(meeting.id))?.status).toBe('cancelled');
    expect(last()?.text).toBe('Không có cuộc họp nào sắp tới để thay đổi.');
  });

  it('refuses staff of a workplace committee', async () => {
    // Prepare
    const workplaceUser = aUser('Công');
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });

    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/cuochop' });

    // Assess
    expect(world.emu.lastBotMessage(workplaceUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi cư trú mới đổi lịch hoặc hủy cuộc họp.',
    );
  });
});

describe('Feature: a reason a member reports after the meeting started (R9)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  let ward: Awaited<ReturnType<typeof invitedWard>>;
  const chairUser = aUser('Chủ');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world); // Saturday 20/06/2026 08:00
    ward = await invitedWard(world, meeting);
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    world.clock.set('2026-06-20T05:00:00Z'); // 12:00 on the day: started, minutes not signed
  });
  afterAll(async () => {
    await world.close();
  });

  const last = () => world.emu.lastBotMessage(chairUser.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: chairUser, messageId: last()?.messageId ?? 0, text });
  const put = (memberId: string, body: unknown) =>
    call<ErrorJson>(
      answerRoute(() => world.deps),
      {
        method: 'PUT',
        route: '/meetings/{id}/rsvp/{memberId}',
        pathParameters: { id: meeting.id, memberId },
        body,
        principal: chair,
      },
    );

  it('offers only «Ghi lý do vắng» for the meeting under way, no «Tham dự», and tells the member without buttons', async () => {
    // Act
    await world.emu.sendUserMessage({ user: chairUser, text: '/cuochop' });
    const menu = labels();
    await press('Ghi lý do vắng (báo sau)');
    await press('Nguyễn Văn Im');
    const answers = labels();
    await press('Vắng mặt — Ốm đau');
    await press('Qua điện thoại');
    await relayAndNotify(world);

    // Assess
    expect(menu).toEqual(['Ghi lý do vắng (báo sau)', 'Thôi']);
    expect(answers).not.toContain('Tham dự');
    expect(answers).toContain('Vắng mặt — Ốm đau');
    expect(await world.repos.invitations.get(meeting.id, ward.silentMember.id)).toMatchObject({
      rsvp: 'absent',
      absence: { category: 'illness', confirmation: 'pending' },
      onBehalf: { staffId: 'chair-1', via: 'phone' },
    });
    const told = world.emu
      .botMessages(ward.silent.id)
      .filter((m) => m.text?.includes('đã ghi câu trả lời của đồng chí'))
      .at(-1);
    expect(told?.text).toContain('chuyển cấp ủy nơi công tác xác nhận');
    expect(told?.replyMarkup?.inline_keyboard ?? []).toEqual([]);
  });

  it('refuses, over HTTP, an attending answer after the start and a reason for a member recorded present', async () => {
    // Prepare
    await openAttendance({ ...world.repos, clock: world.clock }, chair, meeting.id);
    // Opening writes no row (issue 19): the staff mark the member who said they come present.
    await setAttendance(
      { ...world.repos, clock: world.clock },
      chair,
      meeting.id,
      ward.comingMember.id,
      true,
    );

    // Act
    const attending = await put(ward.silentMember.id, { rsvp: 'attending', via: 'phone' });
    const present = await put(ward.comingMember.id, { rsvp: 'absent', category: 'work', via: 'phone' });

    // Assess
    expect(attending.status).toBe(409);
    expect(attending.json.error?.code).toBe('meeting_started');
    expect(present.status).toBe(409);
    expect(present.json.error?.code).toBe('recorded_present');
  });
});
