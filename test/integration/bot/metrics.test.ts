// Integration: the business metrics through the Telegram webhook — an RSVP counts once however often its update
// is delivered, a workplace decision once however often it is pressed, an invitation once per member reached;
// and the webhook's log lines carry the update id as their correlation id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anInvitedMember } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';

describe('Function: telegram-webhook metrics and correlation ids', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await createBotWorld();
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('counts RsvpsRecorded once for an update delivered six times, and not for a repeated press', async () => {
    // Prepare
    const meeting = await aPlannedMeeting(world);
    const { user, messageId } = await anInvitedMember(world, meeting, 'Trần Văn Đếm');
    const attend = world.emu.nextUpdate.callbackQuery({ user, messageId, text: 'Tham dự' });
    const before = world.metrics.total('RsvpsRecorded');

    // Act
    for (let i = 0; i < 3; i++) await world.emu.deliver(attend);
    // One logger per runtime: its invocation keys are for one invocation at a time, as Lambda runs them.
    const sequentialLines = world.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    await Promise.all(Array.from({ length: 3 }, () => world.emu.deliver(attend)));
    await world.emu.pressButton({ user, messageId, text: 'Tham dự' });

    // Assess
    expect(world.metrics.total('RsvpsRecorded') - before).toBe(1);
    const repeats = sequentialLines.filter((l) => l.message === 'telegram update seen before');
    expect(repeats).toHaveLength(2);
    for (const line of repeats) {
      expect(line).toMatchObject({
        updateId: attend.update_id,
        correlation_id: String(attend.update_id),
        function_request_id: expect.any(String),
        level: 'INFO',
      });
    }
  });
});

describe('Function: telegram-webhook metrics of the invitation and absence flow', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await createBotWorld();
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('counts InvitationsSent per member reached and AbsenceReasonsDecided once for a decision pressed twice', async () => {
    // Prepare: a chair and a workplace in their chats, one linked member and one without a chat.
    const meeting = await aPlannedMeeting(world);
    const chair = aUser('Chủ');
    const workplace = aUser('Công');
    const user = aUser('Hai');
    await link(world, chair, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, workplace, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    const member = await addMember(world, { fullName: 'Phạm Thị Hai' });
    await link(world, user, { kind: 'member', id: member.id });
    await addMember(world, { fullName: 'Võ Văn Không Chat', phone: '0933444555' });

    // Act: /moi, the member's absence with a reason, the workplace's decision pressed twice.
    await world.emu.sendUserMessage({ user: chair, text: '/moi' });
    const menu = world.emu.lastBotMessage(chair.id);
    await world.emu.pressButton({ user: chair, messageId: menu?.messageId ?? 0, data: `moi1|${meeting.id}` });
    await world.queue.drain();
    const letter = world.emu.botMessages(user.id).find((m) => m.text?.startsWith('THƯ MỜI HỌP'));
    await world.emu.pressButton({ user, messageId: letter?.messageId ?? 0, text: 'Vắng mặt' });
    await world.emu.pressButton({ user, messageId: letter?.messageId ?? 0, text: 'Ốm đau' });
    await world.emu.sendUserMessage({ user, text: 'Sốt cao' });
    await relayAndNotify(world);
    const card = world.emu.lastBotMessage(workplace.id);
    // Two presses of the same button (two updates) before the card is replaced: a double tap.
    const presses = [0, 1].map(() =>
      world.emu.nextUpdate.callbackQuery({
        user: workplace,
        messageId: card?.messageId ?? 0,
        text: 'Xác nhận',
      }),
    );
    for (const press of presses) await world.emu.deliver(press);

    // Assess: the linked member's letter counted; the member without a chat (an SMS) did not.
    const sheet = (await world.repos.invitations.sheet(meeting.id, { limit: 100 })).items;
    expect(sheet.map((i) => i.delivery).sort()).toEqual(['no_chat', 'sent']);
    expect(world.metrics.total('InvitationsSent')).toBe(1);
    expect(world.metrics.total('InvitationsUndeliverable')).toBe(0);
    expect(world.metrics.total('AbsenceReasonsDecided')).toBe(1);
    expect(world.logs.join('\n')).not.toMatch(/Phạm Thị Hai|Sốt cao|0933444555/);
  });
});
