// Reliability of the bot: replayed updates of every kind, Bot API faults during the invitation fan-out, and
// hostile free text — through the webhook handler, the Telegram emulator and DynamoDB Local.
// (50 concurrent RSVP changes by one member: test/integration/bot/rsvp.test.ts, last case.)

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentData } from '../../../chat/keyboards/link-requests.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { invitationJobId } from '../../../shared/services/invitations.js';
import { createLinkCode } from '../../../shared/services/link-codes.js';
import { anInvitedMember, linkedMembers } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  STAFF,
} from '../../support/bot-world.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;
const INVITATION_TITLE = 'THƯ MỜI HỌP';
let nextCode = 1;

/**
 * Every stored item except the ones a delivered update always leaves: its update-id claim, the count of
 * wrong link codes a `/start <anything>` adds to (guessing is limited per chat: bookkeeping, no record), and
 * the chat's activity stamp (`lastActiveAt`: which channel the person uses now, written at most hourly).
 */
async function storedItems(world: BotWorld): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await world.table.doc.send(
      new ScanCommand({ TableName: world.table.tableName, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) {
      const key = `${item.pk}|${item.sk}`;
      if (String(item.pk).startsWith('IDEMP#telegram-update')) continue;
      if (String(item.pk).startsWith('ATTEMPTS#')) continue;
      const { lastActiveAt: _stamp, ...record } = item;
      out.set(key, JSON.stringify(record, Object.keys(record).sort()));
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

describe('Reliability: the bot under replays, faults and hostile text', () => {
  describe('replay of every kind of update', () => {
    let world: BotWorld;
    let meeting: Meeting;

    beforeAll(async () => {
      world = await createBotWorld();
      meeting = await aPlannedMeeting(world);
    });
    afterAll(async () => {
      await world.close();
    });

    /** One person per kind of update, all set up alike; returns the updates, built but not delivered. */
    async function cohort(tag: string) {
      const talker = aUser('Nói');
      await world.emu.sendUserMessage({ user: talker, text: '/help' });
      const first = world.emu.botMessages(talker.id).length;
      const joinee = await addMember(world, { fullName: `Phan Văn Mới${tag}` });
      const joiner = aUser('Mới');
      const code = await createLinkCode({ kind: 'member', id: joinee.id }, 'test', {
        chatLinks: world.repos.chatLinks,
        clock: world.clock,
        newCode: () => `R${String(nextCode++).padStart(7, '0')}`,
      });
      const answering = await anInvitedMember(world, meeting, `Ngô Văn Đáp${tag}`);
      const blocker = await addMember(world, { fullName: `Lý Văn Chặn${tag}` });
      const blockerUser = aUser('Chặn');
      await link(world, blockerUser, { kind: 'member', id: blocker.id });
      // The joiner opened the link already (the purpose notice is on screen); the update is the «Đồng ý».
      await world.emu.sendUserMessage({ user: joiner, text: `/start ${code.code}` });
      const notice = world.emu.lastBotMessage(joiner.id)?.messageId ?? 0;
      const message = world.emu.nextUpdate.message({ user: talker, text: 'Xin chào 👋 cán bộ phường' });
      const sentId = message.message?.message_id ?? 0;
      const updates: Update[] = [
        message,
        world.emu.nextUpdate.callbackQuery({
          user: joiner,
          messageId: notice,
          data: consentData(true, code.code),
        }),
        world.emu.nextUpdate.callbackQuery({
          user: answering.user,
          messageId: answering.messageId,
          // The letter's own button (it names the member: the press's one-read path, issue 19).
          text: 'Tham dự',
        }),
        world.emu.nextUpdate.editedMessage({ user: talker, messageId: sentId, text: 'Xin chào, sửa lại' }),
        world.emu.nextUpdate.myChatMember({ user: blockerUser, oldStatus: 'member', newStatus: 'kicked' }),
      ];
      const summary = async () => ({
        talkerReplies: world.emu.botMessages(talker.id).length - first,
        joinerLinked: await world.repos.chatLinks
          .byChat('telegram', String(joiner.id))
          .then((l) => (l ? { kind: l.kind, id: l.id } : undefined)),
        joinerReplies: world.emu.botMessages(joiner.id).map((m) => m.text?.replace(tag, '')),
        invitation: await world.repos.invitations.get(meeting.id, answering.member.id),
        answers: world.emu.callbackQueries(answering.user.id).map((q) => q.answer),
        letter: world.emu.message(answering.user.id, answering.messageId)?.text?.replace(tag, ''),
        events: (await world.repos.outbox.pending(1000)).events.filter(
          (e) => e.data.memberId === answering.member.id,
        ).length,
        blocked: (await world.repos.chatLinks.byChat('telegram', String(blockerUser.id)))?.blocked,
      });
      return { updates, summary, joineeId: joinee.id };
    }

    it('leaves the same state when each update arrives one to five times in any order as when each arrives once', async () => {
      let round = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }),
          fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
          async (copies, shuffle) => {
            // Prepare
            round += 1;
            const once = await cohort(`a${round}`);
            const replayed = await cohort(`b${round}`);
            const plan = replayed.updates.flatMap((u, i) => Array.from({ length: copies[i] ?? 1 }, () => u));
            const order = plan
              .map((u, i) => ({ u, k: shuffle[i] ?? i }))
              .sort((a, b) => a.k - b.k)
              .map((e) => e.u);

            // Act
            for (const u of once.updates) expect((await world.emu.deliver(u)).status).toBe(200);
            for (const u of order) expect((await world.emu.deliver(u)).status).toBe(200);

            // Assess
            const expected = await once.summary();
            const actual = await replayed.summary();
            expect(expected.joinerLinked).toEqual({ kind: 'member', id: once.joineeId });
            expect(actual.joinerLinked).toEqual({ kind: 'member', id: replayed.joineeId });
            expect(expected.invitation).toMatchObject({ rsvp: 'attending', version: 2 });
            expect(expected.blocked).toBe(true);
            expect({ ...actual, joinerLinked: undefined, invitation: actual.invitation?.rsvp }).toEqual({
              ...expected,
              joinerLinked: undefined,
              invitation: expected.invitation?.rsvp,
            });
            expect(actual.invitation?.version).toBe(expected.invitation?.version);
          },
        ),
        { numRuns: RUNS ?? 4 },
      );
    }, 300_000); // a hang guard: the rounds take 90 s beside a heavy file
  });

  describe('Bot API faults during the invitation fan-out', () => {
    let world: BotWorld;

    beforeAll(async () => {
      world = await createBotWorld();
    });
    afterAll(async () => {
      await world.close();
    });

    it('loses and duplicates nothing when the emulator answers 429, 500 and 403 on the way', async () => {
      // Prepare
      const meeting = await aPlannedMeeting(world);
      const staffUser = aUser('Chủ');
      await link(world, staffUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
      const members = await linkedMembers(world, 12, 'Đinh');
      const refused = members[7];
      // Act
      await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
      const menu = world.emu.lastBotMessage(staffUser.id);
      world.emu.injectFault({ method: 'sendMessage', status: 429, retryAfter: 1, times: 3 });
      world.emu.injectFault({ method: 'sendMessage', status: 500, times: 2 });
      world.emu.injectFault({ method: 'sendMessage', chatId: refused?.user.id, status: 403, times: 1 });

      await world.emu.pressButton({
        user: staffUser,
        messageId: menu?.messageId ?? 0,
        data: `moi1|${meeting.id}`,
      });
      await world.queue.drain();
      // The staff presses again: nothing is sent twice.
      await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
      const again = world.emu.lastBotMessage(staffUser.id);
      await world.emu.pressButton({
        user: staffUser,
        messageId: again?.messageId ?? 0,
        data: `moi1|${meeting.id}`,
      });
      await world.queue.drain();

      // Assess
      const failed = world.emu
        .callsOf('sendMessage')
        .filter((c) => !c.ok)
        .map((c) => c.errorCode);
      expect(failed.filter((c) => c === 429).length).toBeGreaterThanOrEqual(1);
      expect(failed).toContain(500);
      expect(failed).toContain(403);
      expect(world.emu.faults).toEqual([]);
      for (const { member, user } of members) {
        const letters = world.emu.botMessages(user.id).filter((m) => m.text?.startsWith(INVITATION_TITLE));
        const stored = await world.repos.invitations.get(meeting.id, member.id);
        if (member.id === refused?.member.id) {
          expect(letters).toHaveLength(0);
          expect(stored?.delivery).toBe('undeliverable');
        } else {
          expect(letters).toHaveLength(1);
          expect(stored?.delivery).toBe('sent');
        }
      }
      expect(world.queue.failed).toEqual([]);
      const job = await world.repos.invitationJobs.get(invitationJobId(meeting.id));
      expect(job).toMatchObject({ total: 12, sent: 11, undeliverable: 1 });
    }, 240_000); // a hang guard: the fan-out waits out each 429 and retry, slower beside a heavy file
  });

  describe('hostile free text', () => {
    let world: BotWorld;
    let member: Member;
    const linked = aUser('Tâm');
    const stranger = aUser('Lạ');

    beforeAll(async () => {
      world = await createBotWorld();
      await aPlannedMeeting(world);
      member = await addMember(world, { fullName: 'Nguyễn Văn Tâm' });
      await link(world, linked, { kind: 'member', id: member.id });
    });
    afterAll(async () => {
      await world.close();
    });

    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.constantFrom(
        'Tôi xin phép vắng mặt vì ốm',
        'Đồng chí ơi 🙏🏻🇻🇳',
        'Nghĩa vụ\u0000\u0007\u001b[31m',
        '/start',
      ),
      fc.string({
        unit: fc.constantFrom('ạ', 'ệ', '🎉', '\n', '\t', '\u0000', '\u200b', 'a'),
        maxLength: 300,
      }),
      fc.constant('Đ'.repeat(10_240)),
      fc.string({ maxLength: 60 }).map((s) => `/start ${s}`),
      fc.string({ maxLength: 60 }).map((s) => `/${s}`),
    );

    it('answers every text politely, never fails the webhook, and changes no stored record', async () => {
      await fc.assert(
        fc.asyncProperty(hostile, fc.boolean(), async (text, fromMember) => {
          // Prepare
          const user = fromMember ? linked : stranger;
          const before = await storedItems(world);
          const repliesBefore = world.emu.botMessages(user.id).length;

          // Act
          const delivery = await world.emu.sendUserMessage({ user, text: text.length ? text : ' ' });

          // Assess
          expect(delivery.status).toBe(200);
          const replies = world.emu.botMessages(user.id).slice(repliesBefore);
          expect(replies.length).toBeGreaterThanOrEqual(1);
          for (const r of replies) {
            expect(r.text?.length ?? 0).toBeGreaterThan(0);
            expect(r.text).not.toMatch(/undefined|NaN|\[object |Error:|at .*\.ts:/);
          }
          expect(await storedItems(world)).toEqual(before);
        }),
        { numRuns: RUNS ?? 40 },
      );
      expect(world.logs.filter((l) => l.includes('"level":"ERROR"'))).toEqual([]);
    }, 120_000);
  });
});
