// Integration: the Telegram webhook Lambda end to end — secret header, real update payloads, updates applied once.
import { readFileSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPDATE_IN_PROGRESS_SECONDS } from '../../../bot/create-bot.js';
import { DynamoIdempotencyStore } from '../../../shared/adapters/dynamodb/support-repositories.js';
import { invitationJobId } from '../../../shared/services/invitations.js';
import { anInvitedMember, storeInvitation } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  type BotWorld,
  createBotWorld,
  link,
  postUpdate,
  postUpdateForReply,
  RESIDENCE,
} from '../../support/bot-world.js';

function fixture(name: string): Update {
  return JSON.parse(readFileSync(new URL(`../../fixtures/telegram/${name}.json`, import.meta.url), 'utf8'));
}

/** The captured payloads' sender (test/fixtures/telegram): Nhung, chat 5123456789. */
const CAPTURED_USER = { id: 5123456789, first_name: 'Nhung', language_code: 'vi' };

describe('Function: telegram-webhook', () => {
  let world: BotWorld;

  /** The captured payloads' chat linked to a member: each test that needs it prepares it, whatever ran before. */
  async function capturedChatMember(): Promise<string> {
    const linked = await world.repos.chatLinks.byChat('telegram', String(CAPTURED_USER.id));
    if (linked?.kind === 'member' && !linked.blocked) return linked.id;
    const member = await addMember(world, { fullName: 'Nguyễn Thị Hồng Nhung' });
    await link(world, CAPTURED_USER, { kind: 'member', id: member.id });
    return member.id;
  }

  beforeAll(async () => {
    world = await createBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  describe('secret token', () => {
    it('answers 401 to a wrong or missing X-Telegram-Bot-Api-Secret-Token and applies nothing', async () => {
      // Prepare
      const update = { ...fixture('command'), update_id: 900_001 };

      // Act
      const wrong = await postUpdate(world, update, 'not-the-secret');
      const missing = await postUpdate(world, update, null);

      // Assess
      expect(wrong).toBe(401);
      expect(missing).toBe(401);
      expect(await world.repos.idempotency.status('telegram-update', '900001')).toBeUndefined();
      expect(world.emu.callsOf('sendMessage').filter((c) => c.chatId === 5123456789)).toHaveLength(0);
    });

    it('answers 200 with the right secret and the bot replies to the user', async () => {
      // Act
      const status = await postUpdate(world, { ...fixture('message'), update_id: 900_002 });

      // Assess
      expect(status).toBe(200);
      expect(world.emu.lastBotMessage(5123456789)?.text).toContain('chưa được liên kết');
    });
  });

  describe('captured payloads', () => {
    it('links the account with a /start <code> command update', async () => {
      // Prepare
      const member = await addMember(world, { fullName: 'Nguyễn Thị Hồng Nhung' });
      await world.repos.chatLinks.createLinkCode({
        code: 'K7QM2XPA',
        subject: { kind: 'member', id: member.id },
        createdBy: 'res-1',
        expiresAt: '2026-06-03T00:00:00.000Z',
      });

      // Act
      const status = await postUpdate(world, fixture('command'));
      // The member agrees to the purpose notice (issue 18): the captured press, carrying the consent's data.
      const press = fixture('callback_query') as unknown as {
        update_id: number;
        callback_query: { id: string; data: string };
      };
      const agreed = await postUpdate(world, {
        ...press,
        update_id: press.update_id + 1000,
        callback_query: {
          ...press.callback_query,
          id: `${press.callback_query.id}1`,
          data: 'cs1|y|K7QM2XPA',
        },
      });

      // Assess
      expect([status, agreed]).toEqual([200, 200]);
      expect(await world.repos.chatLinks.byChat('telegram', '5123456789')).toMatchObject({
        kind: 'member',
        id: member.id,
        chatId: '5123456789',
        languageCode: 'vi',
      });
      expect(world.emu.lastBotMessage(5123456789)?.text).toContain(
        'Đã liên kết tài khoản với đảng viên Nguyễn Thị Hồng Nhung',
      );
    });

    it('records the answer of a callback_query payload, and an edited_message changes nothing', async () => {
      // Prepare: the captured chat's member is invited to the June meeting the captured press names.
      const memberId = await capturedChatMember();
      const meeting =
        (await world.repos.meetings.get(`${RESIDENCE}.2026.06`)) ?? (await aPlannedMeeting(world));
      await storeInvitation(world, meeting, {
        id: memberId,
        fullName: 'Nguyễn Thị Hồng Nhung',
        workplaceOrgId: 'so-y-te',
      });

      // Act
      const pressed = await postUpdateForReply(world, fixture('callback_query'));
      const edited = await postUpdate(world, fixture('edited_message'));

      // Assess
      expect([pressed.status, edited]).toEqual([200, 200]);
      const invitation = await world.repos.invitations.get(meeting.id, memberId);
      expect(invitation).toMatchObject({ rsvp: 'attending', version: 2 });
      expect(world.emu.lastBotMessage(5123456789)?.text).toContain('Tin nhắn đã sửa không được ghi nhận');
      // The pressed message (415) does not exist in the emulator: the edit fails, the answer is still recorded.
      // The press is answered in the webhook's response (grammY's webhook reply), not by a call of its own.
      expect(pressed.reply).toMatchObject({
        method: 'answerCallbackQuery',
        params: { callback_query_id: '2200711447561843117' },
      });
    });

    it('marks the chat blocked on a my_chat_member "kicked" payload', async () => {
      // Prepare
      await capturedChatMember();

      // Act
      const status = await postUpdate(world, fixture('my_chat_member'));

      // Assess
      expect(status).toBe(200);
      expect((await world.repos.chatLinks.byChat('telegram', '5123456789'))?.blocked).toBe(true);
    });
  });

  describe('redelivery', () => {
    it('records one RSVP when the same update is delivered 10 times, one after another and at once', async () => {
      // Prepare
      const meeting =
        (await world.repos.meetings.get(`${RESIDENCE}.2026.06`)) ?? (await aPlannedMeeting(world));
      const { member, user, messageId } = await anInvitedMember(world, meeting, 'Trần Văn An');
      const attend = world.emu.nextUpdate.callbackQuery({ user, messageId, text: 'Tham dự' });
      const absent = world.emu.nextUpdate.callbackQuery({ user, messageId, text: 'Vắng mặt' });

      // Act
      const sequential: number[] = [];
      for (let i = 0; i < 10; i++) sequential.push((await world.emu.deliver(attend)).status ?? 0);
      const concurrent = await Promise.all(Array.from({ length: 10 }, () => world.emu.deliver(absent)));
      // A copy that came while the first was still being handled got 500, as Telegram is told to try again
      // later (Telegram itself never sends one update twice at once); its retry now is acknowledged.
      const retried = await Promise.all(
        concurrent.filter((d) => d.status !== 200).map(() => world.emu.deliver(absent)),
      );

      // Assess
      expect(sequential).toEqual(Array(10).fill(200));
      expect(concurrent.every((d) => d.status === 200 || d.status === 500)).toBe(true);
      expect(retried.map((d) => d.status)).toEqual(retried.map(() => 200));
      const invitation = await world.repos.invitations.get(meeting.id, member.id);
      expect(invitation).toMatchObject({ rsvp: 'attending', version: 2 });
      const recorded = (await world.repos.outbox.pending(500)).events;
      expect(recorded.filter((e) => e.type === 'RsvpRecorded' && e.data.memberId === member.id)).toHaveLength(
        1,
      );
      // Each press was answered exactly once; "Vắng mặt" only opened the reason categories.
      expect(world.emu.callbackAnswer(attend.callback_query?.id ?? '')).toEqual({
        text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
      });
      expect(world.emu.callbackAnswer(absent.callback_query?.id ?? '')).toEqual({});
      expect(
        world.emu
          .message(user.id, messageId)
          ?.replyMarkup?.inline_keyboard.flat()
          .map((b) => b.text),
      ).toContain('Ốm đau');
      expect(invitationJobId(meeting.id)).toBe(`invitations:${meeting.id}`);
    });

    it('handles the retry of a press whose function died after claiming it, and asks for a retry while one runs', async () => {
      // Prepare: two presses of one member, each claimed by an invocation that never finished: one claimed 41 s
      // ago (cut at its timeout: its time is up), one 10 s ago (it may still be running).
      const meeting =
        (await world.repos.meetings.get(`${RESIDENCE}.2026.06`)) ?? (await aPlannedMeeting(world));
      const { member, user, messageId } = await anInvitedMember(world, meeting, 'Lê Thị Hạnh');
      const dead = world.emu.nextUpdate.callbackQuery({ user, messageId, text: 'Tham dự' });
      const running = world.emu.nextUpdate.callbackQuery({ user, messageId, text: 'Tham dự' });
      const claimedAt = (secondsAgo: number) =>
        new DynamoIdempotencyStore(world.repos.store, () => new Date(Date.now() - secondsAgo * 1000));
      const claim = (update: Update, store: DynamoIdempotencyStore) =>
        store.claim('telegram-update', String(update.update_id), 7 * 24 * 3600, {
          inProgressSeconds: UPDATE_IN_PROGRESS_SECONDS,
        });
      await claim(running, claimedAt(10));
      await claim(dead, claimedAt(UPDATE_IN_PROGRESS_SECONDS + 1));

      // Act
      const whileRunning = await world.emu.deliver(running);
      const unrecorded = await world.repos.invitations.get(meeting.id, member.id);
      const retryOfDead = await world.emu.deliver(dead);
      const again = await world.emu.deliver(dead);

      // Assess
      expect(whileRunning.status).toBe(500);
      expect(unrecorded?.rsvp).toBe('none');
      expect([retryOfDead.status, again.status]).toEqual([200, 200]);
      expect(await world.repos.invitations.get(meeting.id, member.id)).toMatchObject({ rsvp: 'attending' });
      expect(world.emu.callbackAnswer(dead.callback_query?.id ?? '')).toEqual({
        text: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
      });
      expect(await world.repos.idempotency.status('telegram-update', String(dead.update_id))).toBe(
        'completed',
      );
    });
  });
});
