// Integration: the meeting in the bot (issue 5) — /diemdanh pre-filled from the RSVPs, one tap per member with
// its target state (a re-delivered press changes nothing), pages of 10, totals and absentees' reasons; /gopy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation } from '../../../shared/domain/invitation.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { sendAbsenceNotices } from '../../../shared/services/absence-notices.js';
import { answerComment } from '../../../shared/services/comments.js';
import { planMeeting } from '../../../shared/services/meetings.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  postUpdate,
  RESIDENCE,
  relayAndNotify,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';

describe('Feature: attendance and comments in the bot', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const staffUser = aUser('Thư');
  const memberUser = aUser('Hòa');
  const workplaceUser = aUser('Công');
  const members: Member[] = [];

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    // 12 members: the first 8 said they attend, the 9th is absent for illness (pending), the rest never answered.
    for (let i = 1; i <= 12; i += 1) {
      const member = await addMember(world, { fullName: `Nguyễn Văn Thành ${String(i).padStart(2, '0')}` });
      members.push(member);
      const rsvp: Invitation['rsvp'] = i <= 8 ? 'attending' : i === 9 ? 'absent' : 'none';
      await world.repos.invitations.createOnce({
        meetingId: meeting.id,
        residenceOrgId: RESIDENCE,
        memberId: member.id,
        memberName: member.fullName,
        workplaceOrgId: WORKPLACE,
        hamletId: 'kv-1',
        meetingDate: meeting.date,
        delivery: 'sent',
        rsvp,
        ...(rsvp === 'absent'
          ? {
              absence: {
                category: 'illness' as const,
                text: 'Đang điều trị tại bệnh viện',
                submittedAt: '2026-06-10T02:00:00.000Z',
                confirmation: 'pending' as const,
              },
            }
          : {}),
        attendance: 'unrecorded',
        version: 1,
      });
    }
    await link(world, memberUser, { kind: 'member', id: members[0]?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  const sheetMessage = () => world.emu.lastBotMessage(staffUser.id);
  const press = (text: string) =>
    world.emu.pressButton({ user: staffUser, messageId: sheetMessage()?.messageId ?? 0, text });

  it('refuses /diemdanh before the meeting day, and to a member', async () => {
    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: '/diemdanh' });
    const staffReply = sheetMessage()?.text;
    await world.emu.sendUserMessage({ user: memberUser, text: '/attendance' });

    // Assess
    expect(staffReply).toBe('Cấp ủy chưa có cuộc họp nào đã đến ngày họp để điểm danh.');
    expect(world.emu.lastBotMessage(memberUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi cư trú mới điểm danh cuộc họp.',
    );
  });

  it('opens the sheet with the RSVPs’ forecast and totals, the absentee reason and its status', async () => {
    // Prepare
    world.clock.set('2026-06-20T08:30:00+07:00');

    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: '/diemdanh' });

    // Assess
    const text = sheetMessage()?.text ?? '';
    expect(text).toContain('ĐIỂM DANH — họp ngày 20/06/2026');
    expect(text).toContain('(trang 1/2)');
    expect(text).toContain('Tổng số: 12 — Có mặt: 8 — Vắng mặt: 4');
    expect(text).toContain('1. ✅ Nguyễn Văn Thành 01');
    expect(text).toContain('9. ❌ Nguyễn Văn Thành 09');
    expect(text).toContain(
      'Lý do: Ốm đau — «Đang điều trị tại bệnh viện» (chờ cấp ủy nơi công tác xác nhận)',
    );
    expect(text).toContain('10. ❌ Nguyễn Văn Thành 10');
    expect(text).toContain('(không trả lời thư mời)');
    expect(text).not.toContain('Thành 11');
    // Issue 19: opening writes no row; the sheet shows the RSVP's forecast until a row is marked.
    const invitation = await world.repos.invitations.get(meeting.id, members[0]?.id ?? '');
    expect(invitation?.attendance).toBe('unrecorded');
  });

  it('sets one member absent with one tap, edits the sheet in place, and a re-delivered press changes nothing', async () => {
    // Prepare
    const messageId = sheetMessage()?.messageId ?? 0;

    // Act
    const pressed = await press('2. Nguyễn Văn Thành 02 → vắng');
    const again = await postUpdate(world, {
      ...pressed.update,
      update_id: pressed.update.update_id + 100_000,
    });

    // Assess
    expect(again).toBe(200);
    expect(sheetMessage()?.messageId).toBe(messageId);
    const text = sheetMessage()?.text ?? '';
    expect(text).toContain('Tổng số: 12 — Có mặt: 7 — Vắng mặt: 5');
    expect(text).toContain('2. ❌ Nguyễn Văn Thành 02');
    expect(text).toContain('(đã báo dự họp nhưng vắng, không có lý do)');
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')?.text).toBe(
      'Nguyễn Văn Thành 02: vắng mặt.',
    );
    const invitation = await world.repos.invitations.get(meeting.id, members[1]?.id ?? '');
    expect(invitation?.attendance).toBe('absent');
    expect(invitation?.version).toBe(2); // one change: the second press wrote nothing
  });

  it('pages with ▶ and ◀ and marks a member of page 2 present', async () => {
    // Act
    await press('Trang sau ▶');
    const page2 = sheetMessage()?.text ?? '';
    await press('12. Nguyễn Văn Thành 12 → có mặt');
    const afterTap = sheetMessage()?.text ?? '';
    await press('◀ Trang trước');

    // Assess
    expect(page2).toContain('(trang 2/2)');
    expect(page2).toContain('11. ❌ Nguyễn Văn Thành 11');
    expect(page2).not.toContain('Thành 01');
    expect(afterTap).toContain('(trang 2/2)');
    expect(afterTap).toContain('12. ✅ Nguyễn Văn Thành 12');
    expect(afterTap).toContain('Tổng số: 12 — Có mặt: 8 — Vắng mặt: 4');
    expect(sheetMessage()?.text).toContain('(trang 1/2)');
  });

  it('/gopy "chủ đề: nội dung" raises a comment for the next meeting', async () => {
    // Act
    await world.emu.sendUserMessage({
      user: memberUser,
      text: '/gopy Vệ sinh môi trường: Đề nghị tổ chức dọn vệ sinh khu phố mỗi tháng.',
    });

    // Assess
    expect(world.emu.lastBotMessage(memberUser.id)?.text).toContain(
      'Đã ghi nhận ý kiến «Vệ sinh môi trường».',
    );
    const comments = await world.repos.comments.ofMember(members[0]?.id ?? '');
    expect(comments.map((c) => [c.topic, c.text])).toEqual([
      ['Vệ sinh môi trường', 'Đề nghị tổ chức dọn vệ sinh khu phố mỗi tháng.'],
    ]);
  });

  it('/comment alone asks for the next message, which becomes the comment; a message without ":" is refused', async () => {
    // Act
    await world.emu.sendUserMessage({ user: memberUser, text: '/comment' });
    const prompt = world.emu.lastBotMessage(memberUser.id)?.text;
    await world.emu.sendUserMessage({ user: memberUser, text: 'Đèn đường: Hẻm 12 thiếu đèn chiếu sáng.' });
    await world.emu.sendUserMessage({ user: memberUser, text: '/gopy không có dấu hai chấm' });

    // Assess
    expect(prompt).toContain('theo mẫu «chủ đề: nội dung»');
    expect(world.emu.lastBotMessage(memberUser.id)?.text).toContain('Chưa đúng mẫu «chủ đề: nội dung»');
    const topics = (await world.repos.comments.ofMember(members[0]?.id ?? '')).map((c) => c.topic).sort();
    expect(topics).toEqual(['Vệ sinh môi trường', 'Đèn đường']);
  });

  it('tells the author the answer to their comment (CommentAnswered), once', async () => {
    // Prepare
    const [comment] = await world.repos.comments.ofMember(members[0]?.id ?? '');
    await answerComment(
      { ...world.repos, clock: world.clock },
      { sub: STAFF.residence?.id ?? '', orgId: RESIDENCE, role: 'residence_staff' },
      {
        meetingId: comment?.meetingId ?? '',
        commentId: comment?.id ?? '',
        status: 'not_done',
        text: 'Phường đã ghi nhận đề nghị.',
        reason: 'Chưa có kinh phí trong năm nay',
        remedy: 'Đưa vào kế hoạch năm sau',
      },
    );
    const before = world.emu.botMessages(memberUser.id).length;

    // Act
    await relayAndNotify(world);
    await relayAndNotify(world);

    // Assess
    const told = world.emu.botMessages(memberUser.id).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(`TRẢ LỜI Ý KIẾN «${comment?.topic}»`);
    expect(told[0]?.text).toContain('Kết quả: chưa thực hiện.');
    expect(told[0]?.text).toContain('Hướng khắc phục: Đưa vào kế hoạch năm sau');
  });

  it('R10: the workplace gets one notice per absentee without notice with "Đã nhận", and one tap acknowledges it', async () => {
    // Prepare: after the meeting, the absentees without a reason (02, 10, 11) raise the event; 09's reason
    // still waits for the workplace (R10: pending, no notice yet).
    world.clock.set('2026-06-20T20:00:00+07:00');
    const run = await sendAbsenceNotices({ ...world.repos, clock: world.clock }, meeting);
    const before = world.emu.botMessages(workplaceUser.id).length;

    // Act
    await relayAndNotify(world);
    await relayAndNotify(world); // a re-published event is not a second message
    const notices = world.emu.botMessages(workplaceUser.id).slice(before);
    const card = notices.find((n) => n.text?.includes('Nguyễn Văn Thành 02'));
    const pressed = await world.emu.pressButton({
      user: workplaceUser,
      messageId: card?.messageId ?? 0,
      text: 'Đã nhận',
    });

    // Assess
    expect(run).toMatchObject({ raised: 3, pending: 1 });
    expect(notices).toHaveLength(3);
    expect(card?.text).toContain('THÔNG BÁO ĐẢNG VIÊN VẮNG MẶT KHÔNG BÁO CÁO');
    expect(card?.text).not.toContain('R10');
    expect(world.emu.callbackAnswer(pressed.update.callback_query?.id ?? '')?.text).toBe(
      'Đã ghi nhận: cấp ủy đã nhận thông báo.',
    );
    const after = world.emu.message(workplaceUser.id, card?.messageId ?? 0);
    expect(after?.text).toContain('✅ Cấp ủy nơi công tác đã nhận thông báo ngày 20/06/2026.');
    expect(after?.replyMarkup?.inline_keyboard ?? []).toEqual([]);
    const stored = await world.repos.absenceNotices.get(meeting.id, members[1]?.id ?? '');
    expect(stored?.acknowledgedBy).toBe(STAFF.workplace?.id);
  });
  it('lists the sheet in Vietnamese order of names, not in the order of ids or of the full names', async () => {
    // Prepare: an October meeting of three, added so neither their ids nor their full names sort right.
    const october = (
      await planMeeting(
        { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' },
        RESIDENCE,
        {
          year: 2026,
          round: 'october',
          date: '2026-10-17',
          time: '08:00',
          place: 'Hội trường Đảng ủy phường An Hòa',
          chairStaffId: 'chair-1',
        },
        { ...world.repos, clock: world.clock },
      )
    ).meeting;
    for (const fullName of ['Trần Văn Út', 'Lê Thị Ánh', 'Phạm Văn An']) {
      const member = await addMember(world, { fullName });
      await world.repos.invitations.createOnce({
        meetingId: october.id,
        residenceOrgId: RESIDENCE,
        memberId: member.id,
        memberName: member.fullName,
        workplaceOrgId: WORKPLACE,
        hamletId: 'kv-1',
        meetingDate: october.date,
        delivery: 'sent',
        rsvp: 'none',
        attendance: 'unrecorded',
        version: 1,
      });
    }
    world.clock.set('2026-10-17T08:30:00+07:00');

    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: '/diemdanh' });

    // Assess
    const text = sheetMessage()?.text ?? '';
    expect(text).toContain('ĐIỂM DANH — họp ngày 17/10/2026');
    expect(text.indexOf('1. ❌ Phạm Văn An')).toBeGreaterThan(-1);
    expect(text.indexOf('2. ❌ Lê Thị Ánh')).toBeGreaterThan(text.indexOf('1. ❌ Phạm Văn An'));
    expect(text.indexOf('3. ❌ Trần Văn Út')).toBeGreaterThan(text.indexOf('2. ❌ Lê Thị Ánh'));
  });
});
