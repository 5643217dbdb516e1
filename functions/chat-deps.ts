// composition root, chat side, for the functions that talk to chat users (webhooks, queue worker, notifier,
// reminders, routes that tell someone): AppDeps plus the routing messenger (Telegram and Zalo), the users' files,
// the background queue, SMS and ZNS, and the port sets built over them. It imports chat/ and shared/ only: the
// bots themselves belong to their webhooks (bot/lambda/bots.ts), which build them over these (issue 20).
import { SSMClient } from '@aws-sdk/client-ssm';
import { ChannelFiles } from '../chat/channels/chat-files.js';
import {
  createTelegramFiles,
  createTelegramMessenger,
  createThrottler,
  type ThrottleOptions,
  type Throttler,
} from '../chat/channels/telegram/index.js';
import { ChannelMessenger } from '../chat/channels/zalo/messenger.js';
import { noticeSms } from '../chat/notices.js';
import { InMemoryInvitationQueue } from '../shared/adapters/memory/invitation-queue.js';
import { RecordingSmsSender } from '../shared/adapters/memory/recording-sms-sender.js';
import { SnsSmsSender } from '../shared/adapters/sns/sms-sender.js';
import { SqsInvitationQueue } from '../shared/adapters/sqs/invitation-queue.js';
import { type BotConfig, loadBotConfig } from '../shared/config/bot.js';
import type { AppConfig } from '../shared/config/env.js';
import { ENV } from '../shared/config/table.js';
import { loadZaloConfig, type ZaloConfig } from '../shared/config/zalo.js';
import type { ChatMessenger } from '../shared/ports/chat.js';
import type { ReportRenderer } from '../shared/ports/documents.js';
import type { ChatFileSource } from '../shared/ports/imports.js';
import type { InvitationQueue, QueueTask } from '../shared/ports/invitations.js';
import type { SmsSender, ZnsSender } from '../shared/ports/messaging.js';
import type { MinutesPdfRenderer } from '../shared/ports/minutes-pdf.js';
import type { InvitationWiring } from '../shared/services/invitation-wiring.js';
import type { InvitationSettings } from '../shared/services/invitations.js';
import type { SealedMinutesPorts } from '../shared/services/minutes-delivery.js';
import type { NotifierPorts } from '../shared/services/notifier.js';
import type { ReminderPorts } from '../shared/services/reminders.js';
import { type AppDeps, createAppDeps } from './deps.js';
import { readSecret } from './secrets.js';
import { createZaloRuntime, loadZaloSecrets, type ZaloRuntime, type ZaloSecrets } from './zalo-deps.js';

export interface BotSecrets {
  token: string;
  webhookSecret: string;
}

/** The Telegram side of sending: no grammY bot here (routes and workers only send; the webhook builds its bot). */
export interface TelegramRuntime {
  /** The bot's token, read once per cold start: the webhook's grammY bot is built on it (bot/lambda/bots.ts). */
  token: string;
  /**
   * What use cases send through: routed by the recipient's channel — the same throttled Bot API as the bot's
   * for Telegram chats, the Zalo OA for Zalo chats.
   */
  messenger: ChatMessenger;
  secretToken: string;
  throttler: Throttler;
  /**
   * Files users send (the members' and the committees' CSV), fetched from the channel they were sent on:
   * Telegram's getFile and download, or the Zalo event's file URL (only on Zalo's hosts).
   */
  files: ChatFileSource;
}

export interface BotAppDeps extends AppDeps {
  bot: BotConfig;
  queue: InvitationQueue;
  sms: SmsSender;
  /** The Telegram side, built at first use: in AWS the token is read from SSM once per cold start. */
  telegram(): Promise<TelegramRuntime>;
  /** The Zalo side (issue 15), built at first use; undefined when the deployment has no Zalo OA. */
  zalo(): Promise<ZaloRuntime | undefined>;
  /**
   * ZNS (issue 15: the non-follower path, before SMS), next to the messenger: it builds the Zalo side at the
   * first send and answers 'no_template' when that side has no template. Absent when Zalo is left out.
   */
  zns?: ZnsSender;
  invitationSettings?: Partial<InvitationSettings>;
  /** Rows per part of a members' import sent as a file (IMPORT_PROGRESS_ROWS by default). */
  importProgressRows?: number;
  reportRenderer?: ReportRenderer;
  /** The minutes' PDF renderer: the webhook (/ky) and the notifier (MinutesSigned) send the sealed minutes. */
  minutesPdf?: MinutesPdfRenderer;
  /** A fresh link code for the bot's features (the tests' are predictable); a random one when absent. */
  newCode?: () => string;
}

export interface BotAppOverrides extends Partial<Omit<AppDeps, 'config'>> {
  queue?: InvitationQueue;
  sms?: SmsSender;
  secrets?: () => Promise<BotSecrets>;
  throttle?: Partial<ThrottleOptions>;
  invitationSettings?: Partial<InvitationSettings>;
  importProgressRows?: number;
  newCode?: () => string;
  /** The webhook's: /baocao sends the report's files (other functions leave the XLSX and PDF writers out). */
  reportRenderer?: ReportRenderer;
  minutesPdf?: MinutesPdfRenderer;
  /** The Zalo OA: from the environment unless given; `false` leaves Zalo out. */
  zalo?: { config: ZaloConfig; secrets?: () => Promise<ZaloSecrets>; fetch?: typeof fetch } | false;
}

/** Token and webhook secret: from the environment locally, from SSM SecureString parameters in AWS. */
export async function loadBotSecrets(
  bot: BotConfig,
  ssm: Pick<SSMClient, 'send'> = new SSMClient({}),
): Promise<BotSecrets> {
  const [token, webhookSecret] = await Promise.all([
    readSecret(ssm, bot.token, bot.tokenParameter, 'bot token'),
    readSecret(ssm, bot.webhookSecret, bot.webhookSecretParameter, 'webhook secret'),
  ]);
  return { token, webhookSecret };
}

export function createBotAppDeps(
  config: AppConfig,
  bot: BotConfig,
  overrides: BotAppOverrides = {},
): BotAppDeps {
  const app = createAppDeps(config, overrides);
  const sms =
    overrides.sms ??
    (bot.smsViaSns ? new SnsSmsSender(undefined, bot.smsSenderId) : new RecordingSmsSender());
  const queue =
    overrides.queue ??
    (bot.invitationQueueUrl
      ? new SqsInvitationQueue(bot.invitationQueueUrl)
      : app.queueRunner
        ? new InMemoryInvitationQueue()
        : NO_QUEUE);
  // On one machine the job runs in this process (its worker is wired once the messenger exists).
  const memoryQueue = queue instanceof InMemoryInvitationQueue ? queue : undefined;
  const secrets = overrides.secrets ?? (() => loadBotSecrets(bot));
  let runtime: Promise<TelegramRuntime> | undefined;
  const zaloOverrides = overrides.zalo || undefined;
  let zaloRuntime: Promise<ZaloRuntime | undefined> | undefined;
  const deps: BotAppDeps = {
    ...app,
    bot,
    queue,
    sms,
    invitationSettings: overrides.invitationSettings,
    importProgressRows: overrides.importProgressRows || undefined,
    reportRenderer: overrides.reportRenderer,
    minutesPdf: overrides.minutesPdf,
    newCode: overrides.newCode || undefined,
    telegram() {
      runtime ??= build().catch((error: unknown) => {
        runtime = undefined; // a failed SSM read is tried again on the next request
        throw error;
      });
      return runtime;
    },
    zalo() {
      zaloRuntime ??= buildZalo().catch((error: unknown) => {
        zaloRuntime = undefined;
        throw error;
      });
      return zaloRuntime;
    },
  };
  // Known without reading the Zalo settings (a wrong one must not stop the Telegram side): ZALO_APP_ID set.
  const zaloMayExist =
    overrides.zalo === false ? false : overrides.zalo ? true : !!process.env[ENV.zaloAppId];
  if (zaloMayExist) deps.zns = lazyZns(() => deps.zalo());
  async function build(): Promise<TelegramRuntime> {
    const { token, webhookSecret } = await secrets();
    const throttler = createThrottler({ ...bot.throttle, ...overrides.throttle });
    const telegramMessenger = createTelegramMessenger(token, {
      apiRoot: bot.apiRoot || undefined,
      throttler,
      callbackData: app.repos.callbackData,
    });
    // A person may be linked on either channel: each notice goes to the messenger of its recipient's chat.
    const messenger = new ChannelMessenger({
      telegram: async () => telegramMessenger,
      zalo: async () => (await deps.zalo())?.messenger,
    });
    const telegramFiles = createTelegramFiles(token, bot.apiRoot);
    const files = new ChannelFiles({
      telegram: async () => telegramFiles,
      zalo: async () => (await deps.zalo())?.files,
    });
    return { token, messenger, secretToken: webhookSecret, throttler, files };
  }
  /** The Zalo channel: its messenger joins the routing one; its bot is the Zalo webhook's (bot/lambda/bots.ts). */
  async function buildZalo(): Promise<ZaloRuntime | undefined> {
    // Read here, not at construction: a wrong Zalo setting must not stop the Telegram side.
    const zaloConfig = overrides.zalo === false ? undefined : (overrides.zalo?.config ?? loadZaloConfig());
    if (!zaloConfig) return undefined;
    const secrets = await (zaloOverrides?.secrets ?? (() => loadZaloSecrets(zaloConfig)))();
    return createZaloRuntime({
      config: zaloConfig,
      secrets,
      store: app.repos.store,
      clock: deps.clock,
      callbackData: app.repos.callbackData,
      log: deps.logger,
      metrics: deps.metrics,
      ...(zaloOverrides?.fetch ? { fetch: zaloOverrides.fetch } : {}),
    });
  }
  // On one machine the jobs run in this process, over the same code the SQS worker runs. The worker is
  // wired now, not when the bot first answers a chat: a function that only enqueues (POST
  // /meetings/{id}/invitations has its own dependencies) would otherwise queue tasks nobody runs. The
  // Telegram side is built at the first task, as the SQS worker builds it at its first message.
  // The runner comes from the composition root that runs the queue here (local/, tests), so a function that
  // only enqueues does not carry every task's code (issue 20).
  const run = app.queueRunner;
  if (memoryQueue && run) memoryQueue.setHandler(async (task) => run(deps, await deps.telegram(), task));
  return deps;
}

/** One task of the background queue, run in this process (functions/queue-worker.ts runQueueTask). */
export type QueueRunner = (
  deps: BotAppDeps,
  runtime: Pick<TelegramRuntime, 'messenger' | 'files'>,
  task: QueueTask,
) => Promise<unknown>;

/** A function without INVITATION_QUEUE_URL in AWS: enqueuing is a deployment error, said at once, never dropped. */
const NO_QUEUE: InvitationQueue = {
  enqueue: async () => {
    throw new Error(
      'No invitation queue: INVITATION_QUEUE_URL is not set (grant invitation-queue:send) and no in-process runner is composed',
    );
  },
};

/** What the invitation and meeting-change ports are made of, out of the root's dependencies. */
export function invitationWiring(deps: BotAppDeps, messenger: ChatMessenger): InvitationWiring {
  return {
    ports: deps.repos,
    queue: deps.queue,
    messenger,
    sms: deps.sms,
    zns: deps.zns,
    clock: deps.clock,
    log: deps.logger,
    metrics: deps.metrics,
    invitationSettings: deps.invitationSettings,
  };
}

/** What every sender of notices reads: the meeting and its people, who is linked where, who was told already. */
function noticePorts(deps: BotAppDeps, messenger: ChatMessenger) {
  const r = deps.repos;
  return {
    meetings: r.meetings,
    invitations: r.invitations,
    committees: r.committees,
    staff: r.staff,
    members: r.members,
    chatLinks: r.chatLinks,
    idempotency: r.idempotency,
    messenger,
    log: deps.logger,
  };
}

/** R16: what sending the sealed minutes to their signers reads, but the PDF renderer (the notifier's and /ky's). */
export function sealedMinutesPorts(
  deps: BotAppDeps,
  messenger: ChatMessenger,
): Omit<SealedMinutesPorts, 'pdf'> {
  const r = deps.repos;
  return {
    committees: r.committees,
    invitations: r.invitations,
    comments: r.comments,
    evaluations: r.evaluations,
    members: r.members,
    meetings: r.meetings,
    minutes: r.minutes,
    clock: deps.clock,
    chatLinks: r.chatLinks,
    idempotency: r.idempotency,
    messenger,
  };
}

export function notifierPorts(deps: BotAppDeps, messenger: ChatMessenger): NotifierPorts {
  const r = deps.repos;
  return {
    ...noticePorts(deps, messenger),
    comments: r.comments,
    introductions: r.introductions,
    evaluationsOpening: {
      committees: r.committees,
      members: r.members,
      introductions: r.introductions,
      invitations: r.invitations,
      evaluations: r.evaluations,
      clock: deps.clock,
    },
    ...(deps.minutesPdf
      ? { sealedMinutes: { ...sealedMinutesPorts(deps, messenger), pdf: deps.minutesPdf } }
      : {}),
  };
}

export function reminderPorts(deps: BotAppDeps, messenger: ChatMessenger): ReminderPorts {
  return {
    ...noticePorts(deps, messenger),
    clock: deps.clock,
    sms: deps.sms,
    zns: deps.zns,
  };
}

const extended = new WeakMap<AppDeps, BotAppDeps>();

/**
 * The bot-side dependencies of plain AppDeps (the handler pattern passes `() => AppDeps`): the same
 * repositories, clock and logger, plus the bot's configuration from the environment. Built once per AppDeps.
 */
export function asBotAppDeps(
  deps: AppDeps,
  extra: Pick<BotAppOverrides, 'reportRenderer' | 'minutesPdf'> = {},
): BotAppDeps {
  if ('telegram' in deps) return deps as BotAppDeps;
  let bot = extended.get(deps);
  if (!bot) {
    const { config, ...rest } = deps;
    bot = createBotAppDeps(config, loadBotConfig(), { ...rest, ...extra });
    extended.set(deps, bot);
  }
  return bot;
}

/** ZNS through the Zalo side built at the first send (the Zalo runtime waits for the Telegram one). */
export function lazyZns(zalo: () => Promise<ZaloRuntime | undefined>): ZnsSender {
  return {
    send: async (phone, notice, trackingId) => {
      const zns = (await zalo())?.zns;
      return zns ? zns.send(phone, notice, trackingId) : 'no_template';
    },
  };
}

/**
 * A messenger that builds the Telegram side only when something is actually sent (an HTTP route rarely does):
 * the token and the routing messenger, never a grammY bot (that is the webhook's).
 */
export function lazyMessenger(deps: BotAppDeps): ChatMessenger {
  return {
    send: async (to, notice) => (await deps.telegram()).messenger.send(to, notice),
    edit: async (ref, notice, languageCode) =>
      (await deps.telegram()).messenger.edit(ref, notice, languageCode),
    smsText: (notice) => noticeSms(notice),
  };
}

/** The reminders' ports of plain AppDeps, with the Telegram side built at the first reminders task. */
export function remindersOf(deps: AppDeps): () => Promise<ReminderPorts> {
  return async () => {
    const bot = asBotAppDeps(deps);
    return reminderPorts(bot, (await bot.telegram()).messenger);
  };
}
