// Test support: the whole bot on one machine — DynamoDB Local, the Telegram emulator, the webhook Lambda
// served on loopback, an in-process invitation queue, a fake clock — plus a small demo ward to seed.

import { Api } from 'grammy';
import { createWebhookHandler } from '../../bot/lambda/telegram.js';
import { createZaloWebhookHandler } from '../../bot/lambda/zalo.js';
import { ZNS_PARAM_LIMITS } from '../../chat/channels/zalo/zns.js';
import { consentData } from '../../chat/keyboards/link-requests.js';
import { type BotAppDeps, createBotAppDeps, notifierPorts } from '../../functions/chat-deps.js';
import { runQueueTask } from '../../functions/queue-worker.js';
import { type SimulatedUser, TelegramEmulator } from '../../local/telegram-emulator/index.js';
import { webhookReplyCall } from '../../local/telegram-emulator/webhook-client.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { reportRenderer } from '../../shared/adapters/documents/report-renderer.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { DynamoZaloTokenStore } from '../../shared/adapters/dynamodb/zalo-token-store.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { DirectEventPublisher } from '../../shared/adapters/memory/direct-publisher.js';
import { InMemoryInvitationQueue } from '../../shared/adapters/memory/invitation-queue.js';
import { RecordingMetrics } from '../../shared/adapters/memory/recording-metrics.js';
import { RecordingSmsSender } from '../../shared/adapters/memory/recording-sms-sender.js';
import { loadBotConfig } from '../../shared/config/bot.js';
import { loadConfig } from '../../shared/config/env.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import type { StaffAssignment } from '../../shared/domain/roles.js';
import type { ChatSubject } from '../../shared/ports/repositories.js';
import { createLinkCode } from '../../shared/services/link-codes.js';
import { planMeeting } from '../../shared/services/meetings.js';
import { notifyEvent } from '../../shared/services/notifier.js';
import { relayPending } from '../../shared/services/outbox-relay.js';
import { aCommittee, aMember, anIntroduction } from './builders.js';
import { createTestTable, type TestTable } from './dynamo.js';
import { TEST_JWT } from './http.js';
import { serveLambda } from './lambda-http.js';

export const SECRET = 'webhook-secret_for-tests';
export const RESIDENCE = 'phuong-an-hoa';
export const WORKPLACE = 'so-y-te';
export const SCHOOL = 'truong-dh-can-tho';

export class FakeClock {
  private current: number;
  /** Wall-clock ms since which time passes (a ticking clock); undefined: time stands still until moved. */
  private readonly tickingSince: number | undefined;
  constructor(iso: string, options: { ticking?: boolean } = {}) {
    this.current = Date.parse(iso);
    this.tickingSince = options.ticking ? Date.now() : undefined;
  }
  now = (): Date =>
    new Date(this.current + (this.tickingSince === undefined ? 0 : Date.now() - this.tickingSince));
  set(iso: string): void {
    this.current = Date.parse(iso) - (this.tickingSince === undefined ? 0 : Date.now() - this.tickingSince);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const STAFF: Record<string, StaffAssignment> = {
  chair: { id: 'chair-1', orgId: RESIDENCE, role: 'chair', fullName: 'Trần Văn Chủ', standing: true },
  residence: { id: 'res-1', orgId: RESIDENCE, role: 'residence_staff', fullName: 'Lê Thị Thư' },
  workplace: {
    id: 'work-1',
    orgId: WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Phạm Văn Công',
    partyTitle: 'bi_thu',
  },
  school: { id: 'work-2', orgId: SCHOOL, role: 'workplace_staff', fullName: 'Võ Thị Giáo' },
};

export interface WorldOptions {
  /** Start the in-process queue automatically (default) or let the test run it step by step. */
  autoStartQueue?: boolean;
  throttle?: { globalPerSecond?: number; perChatPerSecond?: number };
  now?: string;
  /** A table on another DynamoDB Local (the bench runs outside vitest); a fresh test table by default. */
  table?: TestTable;
  /** Invitation tasks the in-process queue runs at once (4 by default). */
  queueConcurrency?: number;
  /** The emulator's flood limits; off by default. */
  emulatorRateLimits?: { globalPerSecond: number; perChatPerSecond: number };
  /** Seed the demo ward and its staff (default); off for a test that sets everything up through the bot. */
  seed?: boolean;
  /** The second channel (issue 15): a Zalo OA emulator POSTing signed events to the Zalo webhook. Off by default. */
  zalo?: boolean;
  /** With Zalo: ZNS templates approved (the emulator's WORLD_ZNS_TEMPLATES) and the month's free proactive quota. */
  zaloOutbound?: { zns?: boolean; proactiveFreePerMonth?: number };
  /**
   * The fake clock runs at the wall clock's pace from `now` (still a fake date). The Zalo emulator's rate
   * window is on the world's clock, so the bench's fan-out needs time to pass for the window to slide.
   */
  ticking?: boolean;
}

/** The ZNS template ids a world with `zaloOutbound.zns` approves and configures. */
export const WORLD_ZNS_TEMPLATES = { invitation: '200001', reminder: '200002' } as const;

/** The Zalo side of a world: the emulator (on the world's clock) and where its events are POSTed. */
export interface ZaloWorld {
  emu: ZaloEmulator;
  webhookUrl: string;
}

export interface BotWorld {
  table: TestTable;
  repos: Repositories;
  emu: TelegramEmulator;
  clock: FakeClock;
  deps: BotAppDeps;
  queue: InMemoryInvitationQueue;
  sms: RecordingSmsSender;
  webhookUrl: string;
  logs: string[];
  /** What the functions counted (every cold start of this world counts here). */
  metrics: RecordingMetrics;
  /** A fresh set of functions over the same table (what a new Lambda container would build). */
  coldStart(): BotAppDeps;
  /** Present when the world was created with `zalo: true`. */
  zalo?: ZaloWorld;
  close(): Promise<void>;
}

/**
 * The emulators' and the webhook's patience, under the per-test guard (vitest.config.ts), so a slow webhook
 * fails as a slow test, not as "no answer".
 */
const WEBHOOK_TIMEOUT_MS = 100_000;

let nextUserId = 7_000_000_001;
export function aUser(firstName: string, languageCode = 'vi'): SimulatedUser {
  return { id: nextUserId++, first_name: firstName, language_code: languageCode };
}

export async function createBotWorld(options: WorldOptions = {}): Promise<BotWorld> {
  const table = options.table ?? (await createTestTable());
  const repos = createRepositories(table);
  const emu = new TelegramEmulator({
    rateLimits: options.emulatorRateLimits ?? false,
    // Telegram's own patience is not the subject here: on a busy CI machine a first webhook call (cold
    // modules, a shared DynamoDB Local) took over the emulator's 10 s and the test saw no answer at all.
    webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
  });
  await emu.start();
  const clock = new FakeClock(options.now ?? '2026-06-01T08:00:00+07:00', {
    ticking: options.ticking ?? false,
  });
  const logs: string[] = [];
  const metrics = new RecordingMetrics();
  const sms = new RecordingSmsSender();
  const queue = new InMemoryInvitationQueue({
    autoStart: options.autoStartQueue ?? true,
    retryDelayMs: 10,
    concurrency: options.queueConcurrency ?? 4,
  });
  // The HTTP routes of this world take the tokens test/support/http.ts signs.
  const config = loadConfig({
    TABLE_NAME: table.tableName,
    JWT_ISSUER: TEST_JWT.issuer,
    JWT_AUDIENCE: TEST_JWT.audience,
    JWT_SECRET: TEST_JWT.secret,
  });
  const botConfig = loadBotConfig({ BOT_USERNAME: emu.botInfo.username, TELEGRAM_API_ROOT: emu.url });
  // Zalo stamps and signs events with its clock and the webhook checks their age with ours: one fake clock.
  const zaloEmu = options.zalo
    ? new ZaloEmulator({
        now: () => clock.now().getTime(),
        rateLimits: false,
        webhookTimeoutMs: WEBHOOK_TIMEOUT_MS,
        ...(options.zaloOutbound?.zns
          ? {
              znsTemplates: {
                [WORLD_ZNS_TEMPLATES.invitation]: Object.keys(ZNS_PARAM_LIMITS),
                [WORLD_ZNS_TEMPLATES.reminder]: Object.keys(ZNS_PARAM_LIMITS),
              },
            }
          : {}),
      })
    : undefined;
  if (zaloEmu) await zaloEmu.start();
  const build = () =>
    createBotAppDeps(config, botConfig, {
      repos,
      // Its HTTP routes take tokens the tests sign for any principal (the check: administration.test.ts).
      assignments: undefined,
      clock,
      queue,
      // The composition root of one machine runs the queue's tasks here, as local/ does.
      queueRunner: runQueueTask,
      sms,
      logger: createLogger((line) => logs.push(line)),
      metrics,
      secrets: async () => ({ token: emu.token, webhookSecret: SECRET }),
      throttle: { globalPerSecond: 1000, perChatPerSecond: 1000, ...options.throttle },
      invitationSettings: { progressIntervalMs: 0 },
      // Parts of 50 rows: the import's parts and progress show on 60 rows instead of 600.
      importProgressRows: 50,
      reportRenderer,
      minutesPdf: createMinutesPdfRenderer(),
      zalo: zaloEmu
        ? {
            config: {
              appId: zaloEmu.appId,
              oaId: zaloEmu.oaId,
              apiBaseUrl: zaloEmu.url,
              oauthBaseUrl: zaloEmu.url,
              znsBaseUrl: zaloEmu.url,
              ...(options.zaloOutbound?.zns ? { znsTemplates: WORLD_ZNS_TEMPLATES } : {}),
              ...(options.zaloOutbound?.proactiveFreePerMonth !== undefined
                ? { outbound: { proactiveFreePerMonth: options.zaloOutbound.proactiveFreePerMonth } }
                : {}),
            },
            secrets: async () => ({ appSecret: zaloEmu.appSecret, oaSecretKey: zaloEmu.oaSecretKey }),
          }
        : false,
    });
  const deps = build();
  const server = await serveLambda(createWebhookHandler(() => deps, { timeoutMs: WEBHOOK_TIMEOUT_MS }));
  let zalo: ZaloWorld | undefined;
  let zaloServer: { url: string; close: () => Promise<void> } | undefined;
  if (zaloEmu) {
    // The OA authorised once, as an administrator does in the Zalo console.
    await authoriseZaloOa({ repos, clock }, zaloEmu);
    zaloServer = await serveLambda(
      createZaloWebhookHandler(() => deps),
      '/zalo/webhook',
    );
    zaloEmu.webhookUrl = zaloServer.url;
    zalo = { emu: zaloEmu, webhookUrl: zaloServer.url };
  }
  await new Api(emu.token, { apiRoot: emu.url }).setWebhook(server.url, { secret_token: SECRET });
  if (options.seed ?? true) await seedWard(repos);
  return {
    table,
    repos,
    emu,
    clock,
    deps,
    queue,
    sms,
    webhookUrl: server.url,
    logs,
    metrics,
    coldStart: build,
    ...(zalo ? { zalo } : {}),
    close: async () => {
      await queue.drain().catch(() => undefined);
      await server.close();
      await zaloServer?.close();
      await zaloEmu?.stop();
      await emu.stop();
      await table.drop();
    },
  };
}

/**
 * The OA authorised in the Zalo console: a fresh token pair stored as an administrator installs it. A test
 * whose clock jumps past the refresh token's 3 months with no Zalo traffic authorises again, as the
 * administrator must then.
 */
export async function authoriseZaloOa(
  world: Pick<BotWorld, 'repos' | 'clock'>,
  emu: ZaloEmulator,
): Promise<void> {
  const pair = emu.issueTokens();
  await new DynamoZaloTokenStore(world.repos.store, emu.oaId).install(
    {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt: new Date(world.clock.now().getTime() + pair.expiresIn * 1000).toISOString(),
    },
    world.clock.now(),
  );
}

async function seedWard(repos: Repositories): Promise<void> {
  await repos.committees.put(
    aCommittee({
      id: RESIDENCE,
      kind: 'residence',
      name: 'Đảng ủy phường An Hòa',
      address: 'Hội trường Đảng ủy phường An Hòa',
    }),
  );
  // Hamlets are shown by name: members are assigned to kv-1, kv-2 (R5).
  for (const n of [1, 2, 3]) {
    await repos.committees.put(
      aCommittee({ id: `kv-${n}`, kind: 'hamlet_cell', name: `Khu vực ${n}`, parentId: RESIDENCE }),
    );
  }
  await repos.committees.put(aCommittee({ id: WORKPLACE, kind: 'workplace', name: 'Chi bộ Sở Y tế' }));
  await repos.committees.put(
    aCommittee({ id: SCHOOL, kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ' }),
  );
  for (const staff of Object.values(STAFF)) await repos.staff.put(staff);
}

let nextMember = 1;
/** A member living in the ward (introduction received, hamlet kv-1), working at `workplace`. */
export async function addMember(
  world: Pick<BotWorld, 'repos'>,
  overrides: Partial<Member> & { hamletId?: string } = {},
): Promise<Member> {
  const { hamletId = 'kv-1', ...rest } = overrides;
  const n = nextMember++;
  const member = aMember({
    id: `m-${String(n).padStart(3, '0')}`,
    partyCardNumber: String(100_000_000 + n),
    workplaceOrgId: WORKPLACE,
    ...rest,
  });
  await world.repos.introductions.issue(
    anIntroduction({
      id: `intro-${member.id}`,
      memberId: member.id,
      workplaceOrgId: member.workplaceOrgId,
      residenceOrgId: RESIDENCE,
      status: 'received',
      receipt: { receivedOn: '2026-03-01', receivedBy: 'res-1', receivedByName: 'Lê Thị Thư', hamletId },
    }),
    member.fullName,
    { newMember: member },
  );
  return member;
}

let nextCode = 1;
/** Links a Telegram user to a member or staff person the way a person does: a code, then /start <code>. */
export async function link(world: BotWorld, user: SimulatedUser, subject: ChatSubject): Promise<void> {
  const issued = await createLinkCode(subject, 'test', {
    chatLinks: world.repos.chatLinks,
    clock: world.clock,
    newCode: () => `T${String(nextCode++).padStart(7, '0')}`,
  });
  const delivery = await world.emu.sendUserMessage({ user, text: `/start ${issued.code}` });
  if (delivery.status !== 200) throw new Error(`The webhook answered ${delivery.status}`);
  // A member agrees to the purpose notice first (issue 18); staff are linked at once.
  if (subject.kind === 'member') await agreeToNotice(world, user, issued.code);
}

/** Presses «Đồng ý» under the purpose notice shown after `/start <code>` (any language). */
export async function agreeToNotice(world: BotWorld, user: SimulatedUser, code: string): Promise<void> {
  const notice = world.emu.lastBotMessage(user.id);
  const pressed = await world.emu.pressButton({
    user,
    messageId: notice?.messageId ?? 0,
    data: consentData(true, code),
  });
  if (pressed.status !== 200) throw new Error(`The webhook answered ${pressed.status}`);
}

/** The June 2026 meeting of the ward, planned by its chair (20/06/2026 is a Saturday). */
export async function aPlannedMeeting(world: BotWorld, overrides: { date?: string; time?: string } = {}) {
  const planned = await planMeeting(
    { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' },
    RESIDENCE,
    {
      year: 2026,
      round: 'june',
      date: overrides.date ?? '2026-06-20',
      time: overrides.time ?? '08:00',
      place: 'Hội trường Đảng ủy phường An Hòa',
      chairStaffId: 'chair-1',
    },
    { ...world.repos, clock: world.clock },
  );
  return planned.meeting satisfies Meeting;
}

/** The outbox relay and the notifier, as the local stack runs them: pending events → chat notices. */
export async function relayAndNotify(world: BotWorld): Promise<number> {
  const { messenger } = await world.deps.telegram();
  const publisher = new DirectEventPublisher([
    (event) => notifyEvent(event, notifierPorts(world.deps, messenger)),
  ]);
  const result = await relayPending(world.repos.outbox, publisher, { limit: 500 });
  return result.published;
}

/** Sends the webhook a raw update (a captured payload) and returns the HTTP status; `null`: no secret header. */
export async function postUpdate(world: BotWorld, update: unknown, secret: string | null = SECRET) {
  return (await postUpdateForReply(world, update, secret)).status;
}

/**
 * Sends the webhook a raw update as Telegram does, and returns the status and the Bot API call the response
 * asks Telegram to make (grammY's webhook reply: the answer to a press, issue 19), if any.
 */
export async function postUpdateForReply(world: BotWorld, update: unknown, secret: string | null = SECRET) {
  const response = await fetch(world.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(update),
  });
  const body = await response.text();
  return { status: response.status, reply: webhookReplyCall(body) };
}
