// Integration: the invitation job — /moi in the bot, exactly one invitation per member however it is retried,
// blocked and unlinked members, the staff's progress message, the SQS worker, and Telegram's limits.

import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BotAppDeps,
  type BotAppOverrides,
  createBotAppDeps,
  invitationWiring,
} from '../../../functions/chat-deps.js';
import { createHandler as sendInvitationsRoute } from '../../../functions/http/send-invitations.js';
import { createHandler as createWorker } from '../../../functions/invitation-worker.js';
import { runQueueTask } from '../../../functions/queue-worker.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import { InMemoryInvitationQueue } from '../../../shared/adapters/memory/invitation-queue.js';
import { loadBotConfig } from '../../../shared/config/bot.js';
import { loadConfig } from '../../../shared/config/env.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Principal } from '../../../shared/domain/roles.js';
import type { InvitationTask } from '../../../shared/ports/invitations.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import {
  deliverInvitation,
  InvitationInFlightError,
  invitationJobId,
  startInvitations,
} from '../../../shared/services/invitations.js';
import { linkedMembers } from '../../support/bot-invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  SECRET,
  STAFF,
} from '../../support/bot-world.js';
import { call, TEST_JWT } from '../../support/http.js';

const INVITATION_TITLE = 'THƯ MỜI HỌP';

function invitationsIn(world: BotWorld, user: SimulatedUser) {
  return world.emu.botMessages(user.id).filter((m) => m.text?.startsWith(INVITATION_TITLE));
}

async function pressInvite(world: BotWorld, staffUser: SimulatedUser, meeting: Meeting) {
  await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
  const menu = world.emu.lastBotMessage(staffUser.id);
  const press = await world.emu.pressButton({
    user: staffUser,
    messageId: menu?.messageId ?? 0,
    data: `moi1|${meeting.id}`,
  });
  return { progressMessageId: menu?.messageId ?? 0, press };
}

/** One function's own dependencies over the world's table and emulator, as each local function has them. */
function functionDeps(world: BotWorld, overrides: BotAppOverrides): BotAppDeps {
  return createBotAppDeps(
    loadConfig({
      TABLE_NAME: world.table.tableName,
      JWT_ISSUER: TEST_JWT.issuer,
      JWT_AUDIENCE: TEST_JWT.audience,
      JWT_SECRET: TEST_JWT.secret,
    }),
    loadBotConfig({ BOT_USERNAME: world.emu.botInfo.username, TELEGRAM_API_ROOT: world.emu.url }),
    { repos: world.repos, assignments: undefined, clock: world.clock, ...overrides },
  );
}

describe('Use case: the invitation job', () => {
  describe('from /moi in the bot', () => {
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

    it('invites every active member once: linked ones by Telegram, a blocked one is undeliverable, unlinked ones are listed (SMS where a phone is known)', async () => {
      // Prepare
      const linked = await linkedMembers(world, 6, 'Nguyễn');
      const [blockedByUpdate, blockedSilently] = await linkedMembers(world, 2, 'Lê');
      await world.emu.userBlocksBot(blockedByUpdate?.user ?? aUser('x')); // my_chat_member → marked blocked
      world.emu.blockUser(blockedSilently?.user.id ?? 0); // unknown to us until a send answers 403
      const withPhone = await addMember(world, { fullName: 'Phạm Thị Điện', phone: '0912000111' });
      const withoutPhone = await addMember(world, { fullName: 'Đỗ Văn Không', phone: undefined });
      const ended = await addMember(world, { fullName: 'Hồ Văn Chuyển' });
      const intro = await world.repos.introductions.get(`intro-${ended.id}`);
      if (intro)
        await world.repos.introductions.save({ ...intro, status: 'ended', version: 2 }, ended.fullName, 1);

      // Act
      const { progressMessageId, press } = await pressInvite(world, staffUser, meeting);
      await world.queue.drain();

      // Assess
      for (const { user } of linked) {
        const [letter, ...more] = invitationsIn(world, user);
        expect(more).toHaveLength(0);
        expect(letter?.text).toContain('Đảng ủy phường An Hòa trân trọng kính mời đồng chí');
        expect(letter?.text).toContain('08:00, Thứ Bảy, ngày 20/06/2026');
        expect(letter?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
          'Tham dự',
          'Vắng mặt',
        ]);
      }
      expect(invitationsIn(world, blockedByUpdate?.user ?? aUser('x'))).toHaveLength(0);
      const sheet = new Map<string, string>();
      for await (const i of world.repos.invitations.streamSheet(meeting.id))
        sheet.set(i.memberId, i.delivery);
      expect(sheet.size).toBe(10); // the ended introduction is not invited
      expect(sheet.has(ended.id)).toBe(false);
      expect(sheet.get(blockedByUpdate?.member.id ?? '')).toBe('undeliverable');
      expect(sheet.get(blockedSilently?.member.id ?? '')).toBe('undeliverable');
      expect(sheet.get(withPhone.id)).toBe('no_chat');
      expect(sheet.get(withoutPhone.id)).toBe('no_chat');
      expect([...sheet.values()].filter((d) => d === 'sent')).toHaveLength(6);
      expect(
        (await world.repos.chatLinks.byChat('telegram', String(blockedSilently?.user.id)))?.blocked,
      ).toBe(true);
      // SMS to the unlinked member with a phone, and to the blocked ones (the builder gives them one).
      expect(world.sms.sent.map((s) => s.phone)).toContain('0912000111');
      expect(world.sms.sent.find((s) => s.phone === '0912000111')?.text).toContain(
        'kính mời đồng chí dự họp',
      );
      // The staff's message became the progress message, ending with the totals; then the list to print.
      expect(world.emu.callbackAnswer(press.update.callback_query?.id ?? '')).toBeDefined();
      const progress = world.emu.message(staffUser.id, progressMessageId);
      expect(progress?.text).toContain('Đã gửi xong thư mời họp tháng 6/2026 (20/06/2026): 6/10');
      expect(progress?.history.map((h) => h.text).join('\n')).toContain('Đang chuẩn bị gửi thư mời');
      const list = world.emu.lastBotMessage(staffUser.id);
      expect(list?.text).toContain('Danh sách 4 đồng chí cần gửi thư mời giấy');
      expect(list?.text).toContain('Đỗ Văn Không — Khu vực 1');
      expect(list?.text).toContain('Phạm Thị Điện — Khu vực 1 — đã nhắn SMS');
      expect(list?.text).toContain('(đã chặn bot)');
      const job = await world.repos.invitationJobs.get(invitationJobId(meeting.id));
      expect(job).toMatchObject({ run: 1, total: 10, sent: 6, noChat: 2, undeliverable: 2, finishedRun: 1 });
    });

    it('sends nothing twice when /moi is pressed again, and reports the same totals', async () => {
      // Prepare
      const before = world.emu.callsOf('sendMessage').length;

      // Act
      const { progressMessageId } = await pressInvite(world, staffUser, meeting);
      await world.queue.drain();

      // Assess: the only new messages are the /moi menu and the unreachable list, both to the staff.
      const after = world.emu.callsOf('sendMessage').slice(before);
      expect(after.every((c) => c.chatId === staffUser.id)).toBe(true);
      expect(world.emu.message(staffUser.id, progressMessageId)?.text).toContain('6/10');
      expect((await world.repos.invitationJobs.get(invitationJobId(meeting.id)))?.run).toBe(2);
    });

    it('refuses /moi to workplace staff and to members', async () => {
      // Prepare
      const workplaceUser = aUser('Công');
      await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });

      // Act
      await world.emu.sendUserMessage({ user: workplaceUser, text: '/invite' });

      // Assess
      expect(world.emu.lastBotMessage(workplaceUser.id)?.text).toBe(
        'Chỉ cán bộ cấp ủy nơi cư trú mới gửi thư mời họp.',
      );
    });
  });

  describe('killed halfway and run again', () => {
    let world: BotWorld;

    beforeAll(async () => {
      world = await createBotWorld({ autoStartQueue: false });
    });
    afterAll(async () => {
      await world.close();
    });

    it('sends no invitation twice, whether the queue is lost or redelivers every task', async () => {
      // Prepare
      const meeting = await aPlannedMeeting(world);
      const staffUser = aUser('Thư');
      await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
      const members = await linkedMembers(world, 12, 'Trần');
      await pressInvite(world, staffUser, meeting);
      const queuedByWebhook = [...world.queue.pending];
      await world.queue.runNext(1); // the worker prepares the run: one delivery per member is queued
      const firstRun = [...world.queue.pending];

      // Act: five tasks run, then the process dies and its queue is lost.
      await world.queue.runNext(5);
      world.queue.discard();
      const sentBeforeRerun = members.filter(({ user }) => invitationsIn(world, user).length === 1).length;
      await pressInvite(world, staffUser, meeting);
      await world.queue.runNext(1);
      const secondRunSize = world.queue.pending.length;
      await world.queue.drain();
      // …and SQS redelivers every task of both runs (at-least-once delivery).
      await world.queue.enqueue(firstRun);
      await world.queue.drain();

      // Assess
      expect(queuedByWebhook).toEqual([
        { kind: 'prepare', jobId: invitationJobId(meeting.id), meetingId: meeting.id, run: 1 },
      ]);
      expect(firstRun).toHaveLength(12);
      expect(sentBeforeRerun).toBe(5);
      expect(secondRunSize).toBe(7);
      for (const { user } of members) expect(invitationsIn(world, user)).toHaveLength(1);
      const job = await world.repos.invitationJobs.get(invitationJobId(meeting.id));
      expect(job).toMatchObject({ run: 2, total: 12, sent: 12, finishedRun: 2 });
      expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('12/12');
    });

    it('lets one of two workers holding the same task send, the other retries later', async () => {
      // Prepare
      const meeting = (await world.repos.meetings.get(`${RESIDENCE}.2026.06`)) as Meeting;
      const [extra] = await linkedMembers(world, 1, 'Bùi');
      await world.repos.invitations.createOnce({
        meetingId: meeting.id,
        residenceOrgId: RESIDENCE,
        memberId: extra?.member.id ?? '',
        memberName: extra?.member.fullName ?? '',
        workplaceOrgId: 'so-y-te',
        hamletId: 'kv-1',
        meetingDate: meeting.date,
        delivery: 'pending',
        rsvp: 'none',
        attendance: 'unrecorded',
        version: 1,
      });
      const { messenger } = await world.deps.telegram();
      const ports = invitationPorts(invitationWiring(world.deps, messenger));
      const task: InvitationTask = {
        jobId: invitationJobId(meeting.id),
        meetingId: meeting.id,
        memberId: extra?.member.id ?? '',
        run: 2,
      };

      // Act
      const outcomes = await Promise.allSettled([
        deliverInvitation(task, ports),
        deliverInvitation(task, ports),
      ]);
      const later = await deliverInvitation(task, ports);

      // Assess
      expect(
        outcomes
          .filter((o) => o.status === 'fulfilled')
          .map((o) => (o as PromiseFulfilledResult<string>).value),
      ).toEqual(['sent']);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult | undefined;
      expect(rejected?.reason).toBeInstanceOf(InvitationInFlightError);
      expect(later).toBe('sent');
      expect(invitationsIn(world, extra?.user ?? aUser('x'))).toHaveLength(1);
    });
  });

  describe('Function: invitation-worker (SQS)', () => {
    let world: BotWorld;

    beforeAll(async () => {
      world = await createBotWorld({ autoStartQueue: false });
    });
    afterAll(async () => {
      await world.close();
    });

    function sqsEvent(bodies: string[]): SQSEvent {
      return {
        Records: bodies.map(
          (body, i) =>
            ({
              messageId: `msg-${i}`,
              body,
              receiptHandle: `r-${i}`,
              attributes: {},
              messageAttributes: {},
            }) as unknown as SQSRecord,
        ),
      };
    }

    it('reports only the failed task of a batch; a malformed message is dropped, the others are delivered', async () => {
      // Prepare
      const meeting = await aPlannedMeeting(world);
      const members = await linkedMembers(world, 3, 'Võ');
      const started = await startInvitations(
        { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
        meeting.id,
        undefined,
        invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
      );
      const worker = createWorker(() => world.deps);
      const prepared = await worker(sqsEvent(world.queue.discard().map((t) => JSON.stringify(t))));
      const tasks = world.queue.discard();
      world.emu.injectFault({
        method: 'sendMessage',
        chatId: members[1]?.user.id ?? 0,
        status: 500,
        times: 1,
      });

      // Act
      const first = await worker(sqsEvent([...tasks.map((t) => JSON.stringify(t)), '{"not":"a task"}']));
      const retry = await worker(sqsEvent([JSON.stringify(tasks[1])]));

      // Assess
      expect(started.job.run).toBe(1);
      expect(prepared.batchItemFailures).toEqual([]);
      expect(
        tasks.map((t) => (t.kind === undefined || t.kind === 'invitation' ? t.memberId : '')).sort(),
      ).toEqual(members.map(({ member }) => member.id).sort());
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }]);
      expect(retry.batchItemFailures).toEqual([]);
      for (const { user } of members) expect(invitationsIn(world, user)).toHaveLength(1);
    });
  });

  describe('Function: send-invitations (POST /meetings/{id}/invitations)', () => {
    let world: BotWorld;
    beforeAll(async () => {
      world = await createBotWorld();
    });
    afterAll(async () => {
      await world.close();
    });

    const post = (meetingId: string, principal: Principal) =>
      call(
        sendInvitationsRoute(() => world.deps),
        {
          method: 'POST',
          route: '/meetings/{id}/invitations',
          pathParameters: { id: meetingId },
          principal,
        },
      );

    it('answers 202 with the queued run and reports to the staff’s linked chat; 403 to another committee', async () => {
      // Prepare
      const meeting = await aPlannedMeeting(world);
      const secretaryUser = aUser('Thư');
      await link(world, secretaryUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
      const members = await linkedMembers(world, 2, 'Đào');
      await addMember(world, { fullName: 'Lý Văn Giấy', phone: undefined });

      // Act
      const started = await post(meeting.id, { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' });
      await world.queue.drain();
      const forbidden = await post(meeting.id, { sub: 'work-1', orgId: 'so-y-te', role: 'workplace_staff' });
      const badId = await post('not-a-meeting', { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' });

      // Assess
      expect(started.status).toBe(202);
      expect(started.json).toEqual({ jobId: `invitations:${meeting.id}`, run: 1, state: 'preparing' });
      for (const { user } of members) expect(invitationsIn(world, user)).toHaveLength(1);
      const staffChat = world.emu.botMessages(secretaryUser.id).map((m) => m.text ?? '');
      expect(
        staffChat.some((t) => t.startsWith('Đã gửi xong thư mời họp tháng 6/2026 (20/06/2026): 2/3')),
      ).toBe(true);
      expect(staffChat.at(-1)).toContain('1. Lý Văn Giấy — Khu vực 1');
      expect(forbidden.status).toBe(403);
      expect(badId.status).toBe(400);
    });
  });

  describe('Function: send-invitations with its own dependencies, as each function has on `npm start`', () => {
    let world: BotWorld;
    beforeAll(async () => {
      world = await createBotWorld();
    });
    afterAll(async () => {
      await world.close();
    });

    it('delivers on its own function’s in-process queue, as on `npm start`: the worker runs without the bot ever answering a chat there', async () => {
      // Prepare: the route's own dependencies, as each local function has (its queue, no webhook traffic).
      const meeting = await aPlannedMeeting(world);
      const members = await linkedMembers(world, 2, 'Hồ');
      const ownQueue = new InMemoryInvitationQueue({ retryDelayMs: 10 });
      const own = functionDeps(world, {
        queue: ownQueue,
        // What local/stack/composition.ts gives every function: the queue's tasks run in this process.
        queueRunner: runQueueTask,
        sms: world.sms,
        secrets: async () => ({ token: world.emu.token, webhookSecret: SECRET }),
        throttle: { globalPerSecond: 1000, perChatPerSecond: 1000 },
        invitationSettings: { progressIntervalMs: 0 },
      });

      // Act
      const started = await call(
        sendInvitationsRoute(() => own),
        {
          method: 'POST',
          route: '/meetings/{id}/invitations',
          pathParameters: { id: meeting.id },
          principal: { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
        },
      );

      // Assess
      expect(started.status).toBe(202);
      await expect
        .poll(() => members.map(({ user }) => invitationsIn(world, user).length), { timeout: 10_000 })
        .toEqual([1, 1]);
      await ownQueue.drain();
      expect(ownQueue.failed).toEqual([]);
    });
  });

  describe('Function: a function with no queue composed (in AWS: without the queue grant)', () => {
    let world: BotWorld;
    beforeAll(async () => {
      world = await createBotWorld();
    });
    afterAll(async () => {
      await world.close();
    });

    it('refuses with 500, naming the missing queue, instead of keeping tasks nobody runs', async () => {
      // Prepare: no INVITATION_QUEUE_URL, no in-process runner.
      const meeting = await aPlannedMeeting(world);
      const bare = functionDeps(world, { sms: world.sms });

      // Act
      const refused = await bare.queue.enqueue([{ kind: 'import', jobId: 'j-1' }]).catch((e: Error) => e);
      const answered = await call(
        sendInvitationsRoute(() => bare),
        {
          method: 'POST',
          route: '/meetings/{id}/invitations',
          pathParameters: { id: meeting.id },
          principal: { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
        },
      );

      // Assess
      expect((refused as Error).message).toContain('INVITATION_QUEUE_URL');
      expect(answered.status).toBe(500);
    });
  });

  describe('within Telegram limits', () => {
    let world: BotWorld;

    beforeAll(async () => {
      // The throttler keeps to 30/s overall and 1/s per chat; the emulator enforces the same limits.
      world = await createBotWorld({ throttle: { globalPerSecond: 30, perChatPerSecond: 1 } });
    });
    afterAll(async () => {
      await world.close();
    });

    it('retries a 429 after its retry_after and still delivers every invitation once', async () => {
      // Prepare
      const meeting = await aPlannedMeeting(world);
      const members = await linkedMembers(world, 20, 'Huỳnh');
      world.emu.setRateLimits({ globalPerSecond: 30, perChatPerSecond: 1 });
      // Telegram answers 429 now and then even within the limits (its own load): three sends get one.
      world.emu.injectFault({ method: 'sendMessage', status: 429, retryAfter: 1, times: 3 });
      world.emu.clearCalls();
      const started = Date.now();

      // Act
      await startInvitations(
        { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
        meeting.id,
        undefined,
        invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
      );
      await world.queue.drain();
      const elapsedMs = Date.now() - started;

      // Assess
      const { throttler } = await world.deps.telegram();
      const limited = world.emu.callsOf('sendMessage').filter((c) => c.errorCode === 429);
      expect(limited.length).toBeGreaterThanOrEqual(3);
      expect(throttler.stats.retried).toBeGreaterThanOrEqual(limited.length);
      expect(throttler.stats.gaveUp).toBe(0);
      for (const { user } of members) expect(invitationsIn(world, user)).toHaveLength(1);
      expect(elapsedMs).toBeGreaterThanOrEqual(1000);
      world.emu.disableRateLimits();
    });
  });
});
