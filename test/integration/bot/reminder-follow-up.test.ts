// Integration: following up the invitations (R9) — the paper list reaches the chair and the secretary, the staff
// summary lists who has not answered (name, hamlet, phone) to be phoned, and members without a chat are
// reminded by SMS, once per reminder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as remindersJob } from '../../../functions/jobs/reminders.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { recordAnswer } from '../../../shared/services/rsvp.js';
import { aLinkedMember } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';

const PAPER_LIST = 'cần gửi thư mời giấy';

describe('Feature: following up the invitations (R9)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const residenceUser = aUser('Thư');
  const chairUser = aUser('Chủ');
  const secretaryUser = aUser('Ký');
  let withPhone: Member;
  let comingByPhone: Member;

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world); // Saturday 20/06/2026 08:00, chaired by chair-1
    await world.repos.staff.put({
      id: 'sec-1',
      orgId: RESIDENCE,
      role: 'secretary',
      fullName: 'Đặng Thị Ký',
    });
    await link(world, residenceUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, secretaryUser, { kind: 'staff', id: 'sec-1' });
    await aLinkedMember(world, 'Nguyễn Văn Im', { phone: '0900000001' });
    withPhone = await addMember(world, { fullName: 'Phạm Thị Điện', phone: '0912000333', hamletId: 'kv-2' });
    await addMember(world, { fullName: 'Đỗ Văn Không', phone: undefined, hamletId: 'kv-2' });
    comingByPhone = await addMember(world, { fullName: 'Bùi Văn Đến', phone: '0912000444' });
  });
  afterAll(async () => {
    await world.close();
  });

  const lastText = (user: SimulatedUser) => world.emu.lastBotMessage(user.id)?.text ?? '';

  it('sends the paper list to the chair and the secretary too when residence staff press /moi', async () => {
    // Act
    await world.emu.sendUserMessage({ user: residenceUser, text: '/moi' });
    const menu = world.emu.lastBotMessage(residenceUser.id);
    await world.emu.pressButton({
      user: residenceUser,
      messageId: menu?.messageId ?? 0,
      data: `moi1|${meeting.id}`,
    });
    await world.queue.drain();

    // Assess
    for (const user of [residenceUser, chairUser, secretaryUser]) {
      const lists = world.emu.botMessages(user.id).filter((m) => m.text?.includes(PAPER_LIST));
      expect(lists).toHaveLength(1);
      expect(lists[0]?.text).toContain('Đỗ Văn Không — Khu vực 2');
      expect(lists[0]?.text).toContain('Phạm Thị Điện — Khu vực 2 — đã nhắn SMS');
    }
  });

  it('three days before: the summary lists who has not answered by hamlet and name with their phone, and members without a chat get an SMS reminder, once', async () => {
    // Prepare
    await recordAnswer(
      comingByPhone.id,
      meeting.id,
      { kind: 'attending' },
      { meetings: world.repos.meetings, invitations: world.repos.invitations, clock: world.clock },
    );
    const smsBefore = world.sms.sent.length;

    // Act
    await remindersJob(() => world.deps)({ now: '2026-06-17T08:00:00+07:00' });
    await remindersJob(() => world.deps)({ now: '2026-06-17T09:00:00+07:00' });
    await remindersJob(() => world.deps)({ now: '2026-06-18T08:00:00+07:00' });

    // Assess
    const summary = lastText(secretaryUser);
    expect(summary).toContain('TÌNH HÌNH TRẢ LỜI THƯ MỜI — họp 20/06/2026 (còn 3 ngày)');
    expect(summary).toContain('Danh sách 3 đồng chí chưa trả lời (để gọi điện):');
    expect(summary).toContain(
      [
        '1. Nguyễn Văn Im — Khu vực 1 — 0900000001',
        '2. Phạm Thị Điện — Khu vực 2 — 0912000333',
        '3. Đỗ Văn Không — Khu vực 2 — chưa có số điện thoại',
      ].join('\n'),
    );
    expect(summary).not.toContain('Bùi Văn Đến');
    expect(lastText(chairUser)).toBe(summary);
    const sms = world.sms.sent.slice(smsBefore);
    expect(sms).toHaveLength(1); // the attending one waits for the day before; the linked one has a chat
    expect(sms[0]?.phone).toBe(withPhone.phone);
    expect(sms[0]?.text).toContain('Nhắc lịch họp: còn 3 ngày nữa là cuộc họp giữ mối liên hệ');
    expect(sms[0]?.text).toContain('08:00 ngày 20/06/2026');
  });

  it('one day before: the member attending without a chat gets the SMS reminder, once', async () => {
    // Prepare
    const smsBefore = world.sms.sent.length;

    // Act
    await remindersJob(() => world.deps)({ now: '2026-06-19T08:00:00+07:00' });
    await remindersJob(() => world.deps)({ now: '2026-06-19T10:00:00+07:00' });

    // Assess
    const sms = world.sms.sent.slice(smsBefore);
    expect(sms.map((s) => s.phone)).toEqual([comingByPhone.phone]);
    expect(sms[0]?.text).toContain('Nhắc lịch họp: ngày mai (20/06/2026) lúc 08:00');
  });
});
