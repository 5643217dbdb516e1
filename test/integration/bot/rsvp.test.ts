// Integration: answering an invitation in the bot — attend, absent with a reason, the workplace's decision (R9),
// answers refused once the meeting started, stale buttons, and 50 concurrent changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import type { RsvpAnswer } from '../../../shared/domain/rsvp.js';
import { recordAnswer } from '../../../shared/services/rsvp.js';
import { anInvitedMember } from '../../support/bot-invitations.js';
import {
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  relayAndNotify,
  SCHOOL,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';

describe('Feature: RSVP and absence confirmation', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const workplaceUser = aUser('Công');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  /** A linked member with the invitation in their chat (and its message id). */
  const invited = (name: string, workplaceOrgId = WORKPLACE) =>
    anInvitedMember(world, meeting, name, { workplaceOrgId });

  const press = (user: SimulatedUser, messageId: number, text: string) =>
    world.emu.pressButton({ user, messageId, text });

  const invitationOf = (member: Member) => world.repos.invitations.get(meeting.id, member.id);

  it('records "Tham dự" with a toast and shows the answer under the invitation, buttons kept to change it', async () => {
    // Prepare
    const { member, user, messageId } = await invited('Nguyễn Văn Tâm');

    // Act
    const pressed = await press(user, messageId, 'Tham dự');

    // Assess
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')).toEqual({
      text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    });
    const letter = world.emu.message(user.id, messageId);
    expect(letter?.text).toContain('Đồng chí đã trả lời: THAM DỰ.');
    expect(letter?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Tham dự', 'Vắng mặt']);
    expect(await invitationOf(member)).toMatchObject({ rsvp: 'attending', version: 2 });
  });

  it('takes "Vắng mặt" → a category → a typed reason (refusing one over 500 characters) to the workplace, who confirms', async () => {
    // Prepare
    const { member, user, messageId } = await invited('Lê Thị Hạnh');

    // Act: the member reports the absence.
    await press(user, messageId, 'Vắng mặt');
    const categories = world.emu
      .message(user.id, messageId)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text);
    await press(user, messageId, 'Ốm đau');
    await world.emu.sendUserMessage({ user, text: 'x'.repeat(501) });
    const refusal = world.emu.lastBotMessage(user.id)?.text;
    await world.emu.sendUserMessage({ user, text: 'Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.' });
    const thanks = world.emu.lastBotMessage(user.id)?.text;
    // The relay hands AbsenceReasonSubmitted to the notifier: the workplace staff gets the reason.
    await relayAndNotify(world);
    const card = world.emu.lastBotMessage(workplaceUser.id);
    await world.emu.pressButton({ user: workplaceUser, messageId: card?.messageId ?? 0, text: 'Xác nhận' });
    await relayAndNotify(world);

    // Assess
    expect(categories).toEqual(['Bận công tác', 'Ốm đau', 'Việc gia đình', 'Lý do khác', '« Quay lại']);
    expect(refusal).toContain('lời giải thích dài 501 ký tự, vượt quá 500 ký tự cho phép');
    expect(thanks).toBe('Đã gửi lý do vắng mặt đến cấp ủy nơi công tác để xác nhận. Cảm ơn đồng chí!');
    expect(card?.text).toContain('ĐỀ NGHỊ XÁC NHẬN LÝ DO VẮNG MẶT');
    expect(card?.text).toContain('Lý do: Ốm đau — «Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.»');
    expect(world.emu.message(workplaceUser.id, card?.messageId ?? 0)?.text).toContain(
      'Đã xác nhận lý do vắng mặt.',
    );
    expect(world.emu.message(workplaceUser.id, card?.messageId ?? 0)?.replyMarkup).toBeUndefined();
    expect(world.emu.lastBotMessage(user.id)?.text).toBe(
      'Chi bộ Sở Y tế đã xác nhận lý do vắng mặt của đồng chí tại cuộc họp ngày 20/06/2026.',
    );
    expect(world.emu.message(user.id, messageId)?.text).toContain(
      'Đồng chí đã báo VẮNG MẶT — lý do: Ốm đau («Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.»)',
    );
    expect(await invitationOf(member)).toMatchObject({
      rsvp: 'absent',
      absence: {
        category: 'illness',
        text: 'Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.',
        confirmation: 'confirmed',
        decidedBy: 'work-1',
      },
    });
    const events = (await world.repos.outbox.pending(500)).events.map((e) => e.type);
    expect(events).toEqual([]); // all relayed
    expect(
      (await world.repos.outbox.get(`AbsenceReasonConfirmed:${meeting.id}:${member.id}:4`))?.status,
    ).toBe('sent');
  });

  it('lists pending reasons with /xacnhan and rejects from the list; "Bỏ qua" submits without a text', async () => {
    // Prepare
    const { member, user, messageId } = await invited('Trần Văn Bình');
    await press(user, messageId, 'Vắng mặt');
    await press(user, messageId, 'Việc gia đình');
    await press(user, messageId, 'Bỏ qua');
    const other = await invited('Võ Thị Sinh', SCHOOL); // another workplace: not on this staff's list

    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/xacnhan' });
    const list = world.emu.lastBotMessage(workplaceUser.id);
    const listText = list?.text;
    await world.emu.pressButton({
      user: workplaceUser,
      messageId: list?.messageId ?? 0,
      text: '❌ Không xác nhận 1',
    });
    const again = await world.emu.pressButton({
      user: workplaceUser,
      messageId: list?.messageId ?? 0,
      data: `abs1|n|${meeting.id}|${member.id}|l`,
      force: true,
    });
    await relayAndNotify(world);

    // Assess
    expect(listText).toContain('Lý do vắng mặt chờ xác nhận (1):');
    expect(listText).toContain('1. Trần Văn Bình — họp ngày 20/06/2026 (Đảng ủy phường An Hòa)');
    expect(listText).toContain('Lý do: Việc gia đình');
    expect(listText).not.toContain(other.member.fullName);
    expect(world.emu.message(workplaceUser.id, list?.messageId ?? 0)?.text).toBe(
      'Không có lý do vắng mặt nào đang chờ xác nhận.',
    );
    expect(world.emu.callbackAnswer(again.update.callback_query?.id ?? '')).toEqual({
      text: 'Lý do này đã được xử lý.',
      show_alert: true,
    });
    expect(await invitationOf(member)).toMatchObject({
      absence: { category: 'family', confirmation: 'rejected' },
    });
    expect((await invitationOf(member))?.absence?.text).toBeUndefined();
    expect(world.emu.lastBotMessage(user.id)?.text).toContain('Chi bộ Sở Y tế không xác nhận lý do vắng mặt');
  });

  it('after the meeting, a rejected reason does not ask the member to arrange to attend it', async () => {
    // Prepare
    const { user, messageId } = await invited('Lâm Văn Muộn');
    await press(user, messageId, 'Vắng mặt');
    await press(user, messageId, 'Ốm đau');
    await press(user, messageId, 'Bỏ qua');
    world.clock.set('2026-06-22T09:00:00+07:00');

    try {
      // Act
      await world.emu.sendUserMessage({ user: workplaceUser, text: '/xacnhan' });
      const list = world.emu.lastBotMessage(workplaceUser.id);
      await world.emu.pressButton({
        user: workplaceUser,
        messageId: list?.messageId ?? 0,
        text: '❌ Không xác nhận 1',
      });
      await relayAndNotify(world);

      // Assess
      const told = world.emu.lastBotMessage(user.id)?.text ?? '';
      expect(told).toContain('Chi bộ Sở Y tế không xác nhận lý do vắng mặt');
      expect(told).toContain('Cuộc họp đã diễn ra');
      expect(told).not.toContain('thu xếp tham dự');
    } finally {
      world.clock.set('2026-06-01T08:00:00+07:00');
    }
  });

  it('refuses a change once the meeting has started, politely, and leaves the answer as it was', async () => {
    // Prepare
    const { member, user, messageId } = await invited('Đặng Văn Trễ');
    await press(user, messageId, 'Tham dự');
    world.clock.set('2026-06-20T08:05:00+07:00');

    try {
      // Act
      const late = await press(user, messageId, 'Vắng mặt');

      // Assess
      expect(world.emu.callbackAnswer(late.update.callback_query?.id ?? '')).toEqual({
        text: 'Cuộc họp đã bắt đầu, không thể thay đổi câu trả lời nữa. Xin cảm ơn đồng chí.',
        show_alert: true,
      });
      const letter = world.emu.message(user.id, messageId);
      expect(letter?.text).toContain('Cuộc họp đã bắt đầu; câu trả lời không thay đổi được nữa.');
      expect(letter?.replyMarkup).toBeUndefined();
      expect(await invitationOf(member)).toMatchObject({ rsvp: 'attending', version: 2 });
    } finally {
      world.clock.set('2026-06-01T08:00:00+07:00');
    }
  });

  it('handles buttons of an old version, a replaced message and strangers, and answers every press', async () => {
    // Prepare
    const { member, user, messageId } = await invited('Bùi Văn Cũ');
    const stranger = aUser('Lạ');

    // Act
    const oldVersion = await world.emu.pressButton({
      user,
      messageId,
      data: `rsvp0|a|${meeting.id}`,
      force: true,
    });
    await press(user, messageId, 'Vắng mặt');
    // The message now shows the categories; a press of the replaced "Tham dự" button still counts.
    const replaced = await world.emu.pressButton({
      user,
      messageId,
      data: `rsvp1|a|${meeting.id}`,
      force: true,
    });
    const unknownMeeting = await world.emu.pressButton({
      user,
      messageId,
      data: 'rsvp1|a|nowhere.2026.06',
      force: true,
    });
    await world.emu.sendUserMessage({ user: stranger, text: '/start' });
    const strangers = await world.emu.pressButton({
      user: stranger,
      messageId: world.emu.lastBotMessage(stranger.id)?.messageId ?? 0,
      data: `rsvp1|a|${meeting.id}`,
      force: true,
    });

    // Assess
    expect(world.emu.callbackAnswer(oldVersion.update.callback_query?.id ?? '')?.text).toBe(
      'Nút này đã cũ hoặc không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất.',
    );
    expect(world.emu.callbackAnswer(replaced.update.callback_query?.id ?? '')?.text).toBe(
      'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    );
    expect(world.emu.callbackAnswer(unknownMeeting.update.callback_query?.id ?? '')?.text).toBe(
      'Không tìm thấy thông tin được yêu cầu.',
    );
    expect(world.emu.callbackAnswer(strangers.update.callback_query?.id ?? '')?.text).toContain(
      'Tài khoản Telegram này chưa được liên kết',
    );
    expect(await invitationOf(member)).toMatchObject({ rsvp: 'attending' });
    for (const chat of [user.id, stranger.id, workplaceUser.id]) {
      const unanswered = world.emu.callbackQueries(chat).filter((q) => q.answer === undefined);
      expect(unanswered).toEqual([]);
    }
  });

  it('keeps 50 concurrent changes of one answer consistent: versions never skip, one event per change', async () => {
    // Prepare
    const { member } = await invited('Hồ Văn Nhanh');
    const answers: RsvpAnswer[] = Array.from({ length: 50 }, (_, i) =>
      i % 3 === 0
        ? { kind: 'attending' }
        : { kind: 'absent', category: (['work', 'illness', 'family', 'other'] as const)[i % 4] ?? 'other' },
    );
    const ports = {
      meetings: world.repos.meetings,
      invitations: world.repos.invitations,
      clock: world.clock,
    };

    // Act
    const results = await Promise.allSettled(
      answers.map((a) => recordAnswer(member.id, meeting.id, a, ports)),
    );

    // Assess
    const done = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof recordAnswer>>>).value);
    expect(done).toHaveLength(50);
    const changes = done.filter((r) => r.changed);
    const final = await invitationOf(member);
    expect(final?.version).toBe(1 + changes.length);
    const versions = changes.map((r) => r.invitation.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: changes.length }, (_, i) => i + 2));
    const last = changes.find((r) => r.invitation.version === final?.version)?.invitation;
    expect(final?.rsvp).toBe(last?.rsvp);
    expect(final?.absence?.category).toBe(last?.absence?.category);
    const events = (await world.repos.outbox.pending(1000)).events.filter(
      (e) => e.type === 'RsvpRecorded' && e.data.memberId === member.id,
    );
    expect(events).toHaveLength(changes.length);
  });
});
