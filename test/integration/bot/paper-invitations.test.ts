// Integration: «In giấy mời» under the paper list (R9, issue 16 item 8) — through the webhook and the Telegram
// emulator, the staff who pressed /moi get one PDF with a letter for each member no message reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/domain/meeting.js';
import { aLinkedMember } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  STAFF,
} from '../../support/bot-world.js';
import { pdfText } from '../../support/pdf.js';

const PAPER_LIST = 'cần gửi thư mời giấy';

describe('Feature: printing the paper invitations from the paper list (R9)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const staffUser = aUser('Thư');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await aLinkedMember(world, 'Nguyễn Văn Im');
    await addMember(world, { fullName: 'Đỗ Văn Không', phone: undefined, hamletId: 'kv-2' });
    await addMember(world, { fullName: 'Trần Thị Bình', phone: undefined, hamletId: 'kv-1' });
    await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
    const menu = world.emu.lastBotMessage(staffUser.id);
    await world.emu.pressButton({
      user: staffUser,
      messageId: menu?.messageId ?? 0,
      data: `moi1|${meeting.id}`,
    });
    await world.queue.drain();
  });
  afterAll(async () => {
    await world.close();
  });

  it('offers «In giấy mời» under the paper list, and sends the letters of those on it as one PDF', async () => {
    // Prepare
    const list = world.emu.botMessages(staffUser.id).find((m) => m.text?.includes(PAPER_LIST));
    const print = list?.replyMarkup?.inline_keyboard.flat().find((b) => b.text === 'In giấy mời');

    // Act
    await world.emu.pressButton({
      user: staffUser,
      messageId: list?.messageId ?? 0,
      data: (print && 'callback_data' in print ? print.callback_data : '') ?? '',
    });
    const sent = world.emu.lastBotMessage(staffUser.id);
    const text = await pdfText(world.emu.document(sent?.document?.fileId ?? '')?.bytes ?? new Uint8Array());

    // Assess
    expect(print).toBeDefined();
    expect(sent?.document?.fileName).toBe(`giay-moi-${meeting.id}.pdf`);
    expect(sent?.caption).toContain('2 giấy');
    expect(text.match(/GIẤY MỜI/g)).toHaveLength(2);
    // By hamlet: Khu vực 1 before Khu vực 2.
    expect(text.indexOf('Kính gửi: đồng chí Trần Thị Bình')).toBeGreaterThan(-1);
    expect(text.indexOf('Kính gửi: đồng chí Trần Thị Bình')).toBeLessThan(
      text.indexOf('Kính gửi: đồng chí Đỗ Văn Không'),
    );
    expect(text).not.toContain('Nguyễn Văn Im');
  });

  it('refuses a forged press of a member politely, and sends them nothing', async () => {
    // Prepare
    const { user } = await aLinkedMember(world, 'Lê Văn Hai');
    const before = world.emu.botMessages(user.id).length;

    // Act
    await world.emu.pressButton({
      user,
      messageId: world.emu.lastBotMessage(user.id)?.messageId ?? 0,
      data: `gm1|${meeting.id}`,
      force: true,
    });

    // Assess
    expect(world.emu.callbackQueries(user.id).at(-1)?.answer).toMatchObject({
      text: 'Chỉ cán bộ cấp ủy nơi cư trú mới gửi thư mời họp.',
      show_alert: true,
    });
    expect(world.emu.botMessages(user.id)).toHaveLength(before);
  });
});
