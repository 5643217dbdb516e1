// Integration: a member on the paper list who links a chat after /moi gets the invitation by chat (R9), once —
// at linking, or from the next /moi when the link came another way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring } from '../../../functions/chat-deps.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { deliverPendingInvitations } from '../../../shared/services/invitations.js';
import { createLinkCode, redeemLinkCode } from '../../../shared/services/link-codes.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  STAFF,
} from '../../support/bot-world.js';

const INVITATION_TITLE = 'THƯ MỜI HỌP';

function invitationsIn(world: BotWorld, user: SimulatedUser) {
  return world.emu.botMessages(user.id).filter((m) => m.text?.startsWith(INVITATION_TITLE));
}

async function pressInvite(world: BotWorld, staffUser: SimulatedUser, meeting: Meeting) {
  await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
  const menu = world.emu.lastBotMessage(staffUser.id);
  await world.emu.pressButton({
    user: staffUser,
    messageId: menu?.messageId ?? 0,
    data: `moi1|${meeting.id}`,
  });
  await world.queue.drain();
}

describe('Use case: invitations to a member who links a chat late (R9)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const staffUser = aUser('Chủ');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    await link(world, staffUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('delivers the pending invitation when the member links with /start, once, and /moi again sends nothing more', async () => {
    // Prepare: invited while without a chat (an SMS went to the phone).
    const member = await addMember(world, { fullName: 'Võ Văn Muộn', phone: '0912000222' });
    await pressInvite(world, staffUser, meeting);
    expect((await world.repos.invitations.get(meeting.id, member.id))?.delivery).toBe('no_chat');
    const user = aUser('Muộn');

    // Act
    await link(world, user, { kind: 'member', id: member.id });
    await pressInvite(world, staffUser, meeting);

    // Assess
    const letters = invitationsIn(world, user);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.text).toContain('08:00, Thứ Bảy, ngày 20/06/2026');
    expect(letters[0]?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Tham dự',
      'Vắng mặt',
    ]);
    const invitation = await world.repos.invitations.get(meeting.id, member.id);
    expect(invitation).toMatchObject({ delivery: 'sent', smsSent: true });
    expect(world.sms.sent.filter((s) => s.phone === '0912000222')).toHaveLength(1);
    expect(world.emu.lastBotMessage(staffUser.id)?.text ?? '').not.toContain('Võ Văn Muộn');
  });

  it('delivers it from the next /moi when the chat was linked without the bot seeing it, and takes the member off the paper list', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Đinh Thị Trễ', phone: undefined });
    await pressInvite(world, staffUser, meeting);
    expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('Đinh Thị Trễ');
    const user = aUser('Trễ');
    const issued = await createLinkCode({ kind: 'member', id: member.id }, 'test', {
      chatLinks: world.repos.chatLinks,
      clock: world.clock,
      newCode: () => 'LATE2345',
    });
    await redeemLinkCode(
      issued.code,
      { channel: 'telegram', userId: String(user.id), chatId: String(user.id) },
      { ...world.repos, clock: world.clock },
    );

    // Act
    await pressInvite(world, staffUser, meeting);
    await pressInvite(world, staffUser, meeting);

    // Assess
    expect(invitationsIn(world, user)).toHaveLength(1);
    expect((await world.repos.invitations.get(meeting.id, member.id))?.delivery).toBe('sent');
    expect(world.emu.lastBotMessage(staffUser.id)?.text ?? '').not.toContain('Đinh Thị Trễ');
  });

  it('sends the letter once when two deliveries race (a link and a retried update at the same moment)', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Hà Văn Đôi', phone: undefined });
    await pressInvite(world, staffUser, meeting);
    const user = aUser('Đôi');
    const issued = await createLinkCode({ kind: 'member', id: member.id }, 'test', {
      chatLinks: world.repos.chatLinks,
      clock: world.clock,
      newCode: () => 'RACE2345',
    });
    await redeemLinkCode(
      issued.code,
      { channel: 'telegram', userId: String(user.id), chatId: String(user.id) },
      { ...world.repos, clock: world.clock },
    );
    const ports = invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger));

    // Act
    const sent = await Promise.all([
      deliverPendingInvitations(member.id, ports),
      deliverPendingInvitations(member.id, ports),
    ]);

    // Assess
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(invitationsIn(world, user)).toHaveLength(1);
    expect((await world.repos.invitations.get(meeting.id, member.id))?.delivery).toBe('sent');
  });

  it('sends nothing on linking for a meeting that has started', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Lý Văn Qua', phone: undefined });
    await pressInvite(world, staffUser, meeting);
    world.clock.set('2026-06-20T02:00:00Z'); // 09:00 in Vietnam: the meeting began at 08:00
    const user = aUser('Qua');

    // Act
    await link(world, user, { kind: 'member', id: member.id });

    // Assess
    expect(invitationsIn(world, user)).toHaveLength(0);
    expect((await world.repos.invitations.get(meeting.id, member.id))?.delivery).toBe('no_chat');
  });
});
