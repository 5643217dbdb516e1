// Local runtime: the whole system on one machine — DynamoDB Local, the seed, the gateway, the Bot API emulator
// (or real Telegram), the outbox relay and the schedules — started and stopped as one.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ZNS_PARAM_LIMITS } from '../bot/channels/zalo/zns.js';
import { type AppDeps, createAppDeps } from '../functions/deps.js';
import { webhookBotDeps } from '../functions/telegram-webhook.js';
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../shared/adapters/dynamodb/index.js';
import { ensureTable } from '../shared/adapters/dynamodb/table-definition.js';
import { DynamoZaloTokenStore } from '../shared/adapters/dynamodb/zalo-token-store.js';
import { DirectEventPublisher } from '../shared/adapters/memory/direct-publisher.js';
import { RecordingMetrics } from '../shared/adapters/memory/recording-metrics.js';
import { signToken } from '../shared/adapters/tokens.js';
import { type AppConfig, loadConfig } from '../shared/config/env.js';
import {
  BACKGROUND_FUNCTIONS,
  type BackgroundFunctionDef,
  HTTP_ROUTES,
  type HttpRouteDef,
} from '../shared/config/functions.js';
import { ENV } from '../shared/config/table.js';
import type { DomainEvent } from '../shared/domain/events.js';
import type { Role } from '../shared/domain/roles.js';
import type { SmsSender } from '../shared/ports/messaging.js';
import type { ChatSubject } from '../shared/ports/repositories.js';
import {
  type BotIdentity,
  botEnv,
  connectWebhook,
  LocalSmsSender,
  realTelegramIdentity,
  startLongPolling,
} from './bot-runtime.js';
import { bundleChatPage, type ChatPageAssets, serveChatPage } from './chat-page-server.js';
import { LocalClock, parseLocalInstant } from './clock.js';
import { functionLogger, type Line, prefixed } from './console-log.js';
import type {
  BotCommandView,
  ClockView,
  DemoUser,
  JobRun,
  JobView,
  LocalConfig,
} from './control-protocol.js';
import { type DynamoDbLocal, isPortFree, PortBusyError, startDynamoDbLocal } from './dynamodb-local.js';
import { type LambdaHandler, loadHandler } from './functions.js';
import { type Gateway, PortInUseError, sendJson, startGateway } from './gateway.js';
import { lambdaContext, scheduledEvent, snsEvent } from './lambda-events.js';
import { pageOrigins, refusalOf } from './loopback-guard.js';
import { isZaloPerson, NewPeople, type NewPerson, newPersonInputSchema } from './new-people.js';
import { type OpenApiDocument, openApiDocument, openApiPage } from './openapi.js';
import { OutboxRelay } from './outbox-relay.js';
import { LocalScheduler } from './scheduler.js';
import {
  DEMO_COMMITTEES,
  DEMO_MEMBERS,
  DEMO_STAFF,
  DEMO_ZALO_ACCOUNTS,
  demoLinkCode,
  demoZaloLinkCode,
  seedDemo,
} from './seed.js';
import { LOCAL_JWT_SECRET, type LocalSettings, type StackFile, stackFile } from './settings.js';
import { TelegramEmulator } from './telegram-emulator/index.js';
import { ZaloEmulator } from './zalo-emulator/index.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/**
 * Two ZNS templates the emulator treats as approved, with the parameters bot/channels/zalo/zns.ts sends (as an
 * operator gets them approved in the ZNS console: docs/deploy.md).
 */
export const DEMO_ZNS_TEMPLATES = { invitation: '100001', reminder: '100002' } as const;

/** Where the Zalo OA emulator POSTs its signed events: the gateway's route of functions/zalo-webhook.ts. */
export const ZALO_WEBHOOK_PATH = '/zalo/webhook';
const EMULATED_BOT = { first_name: 'Liên hệ nơi cư trú', username: 'lienhe_noicutru_bot' };
/** The emulated bot's id; its token's secret half is drawn at each start, so no page can know it. */
const EMULATED_BOT_ID = 1234567890;

export interface SampleToken {
  role: Role;
  sub: string;
  orgId: string;
  name: string;
  token: string;
}

export interface LocalStack {
  readonly urls: { gateway: string; chat: string; emulator?: string; zaloEmulator: string; dynamodb: string };
  /** The Zalo OA API emulator (issue 15): tests drive simulated Zalo users through it. */
  readonly zalo: ZaloEmulator;
  readonly clock: LocalClock;
  demoUsers(): Promise<DemoUser[]>;
  sampleTokens(): Promise<SampleToken[]>;
  stop(): Promise<void>;
}

const ROLE_LABELS: Record<Role, string> = {
  member: 'Đảng viên',
  workplace_staff: 'Cán bộ cấp ủy nơi công tác',
  residence_staff: 'Cán bộ cấp ủy nơi cư trú',
  chair: 'Đồng chí chủ trì (thường trực)',
  secretary: 'Thư ký cuộc họp',
  viewer: 'Cấp trên — xem báo cáo',
  admin: 'Quản trị viên (ban tổ chức)',
  board_staff: 'Cán bộ ban tổ chức — báo cáo',
};
const CATEGORY_LABELS = {
  regular: '',
  travelling: ' — thường đi công tác xa',
  student: ' — sinh viên',
  armed_forces: ' — lực lượng vũ trang',
} as const;

const orgName = (orgId: string) => DEMO_COMMITTEES.find((c) => c.id === orgId)?.name ?? orgId;

/** The environment the functions read (for handlers built from `defaultDeps()` rather than `createHandler`). */
function functionEnv(settings: LocalSettings, dynamoEndpoint: string): Record<string, string> {
  return {
    TABLE_NAME: settings.tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    JWT_SECRET: LOCAL_JWT_SECRET,
    AWS_REGION: 'ap-southeast-1',
    // The SDK wants credentials even for DynamoDB Local; these are not real.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

/**
 * The Zalo channel's environment (shared/config/zalo.ts): the emulator's app and OA, its roots for both the
 * OpenAPI and OAuth, and the two secrets themselves (emulator values, loopback only; AWS names SSM parameters).
 */
function zaloEnv(zalo: ZaloEmulator): Record<string, string> {
  return {
    [ENV.zaloAppId]: zalo.appId,
    [ENV.zaloOaId]: zalo.oaId,
    [ENV.zaloApiRoot]: zalo.url,
    [ENV.zaloOauthRoot]: zalo.url,
    [ENV.zaloZnsRoot]: zalo.url,
    [ENV.zaloZnsTemplateInvitation]: DEMO_ZNS_TEMPLATES.invitation,
    [ENV.zaloZnsTemplateReminder]: DEMO_ZNS_TEMPLATES.reminder,
    [ENV.zaloAppSecret]: zalo.appSecret,
    [ENV.zaloOaSecretKey]: zalo.oaSecretKey,
  };
}

/** Stops what was started, in reverse order, and never lets one failure keep Java running. */
class Teardown {
  private readonly steps: { what: string; run: () => Promise<void> | void }[] = [];
  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }
  async run(log: Line): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.run();
      } catch (error) {
        log(`stopping ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

async function assertPortsFree(settings: LocalSettings): Promise<void> {
  const fixed: [string, number][] = [
    ...(settings.dynamoEndpoint
      ? []
      : ([['DynamoDB Local (DYNAMODB_PORT)', settings.dynamoPort]] as [string, number][])),
    ['HTTP gateway (GATEWAY_PORT)', settings.gatewayPort],
    ...(settings.telegramToken
      ? []
      : ([['Telegram emulator (EMULATOR_PORT)', settings.emulatorPort]] as [string, number][])),
    ['Zalo emulator (ZALO_EMULATOR_PORT)', settings.zaloEmulatorPort],
  ];
  for (const [what, port] of fixed) {
    if (port !== 0 && !(await isPortFree(port))) throw new PortInUseError(what, port);
  }
}

export async function startLocalStack(
  settings: LocalSettings,
  write: Line = (l) => process.stdout.write(`${l}\n`),
): Promise<LocalStack> {
  const log = prefixed('stack', write);
  const teardown = new Teardown();
  try {
    return await boot(settings, write, log, teardown);
  } catch (error) {
    await teardown.run(log);
    if (error instanceof PortBusyError)
      throw new PortInUseError('DynamoDB Local (DYNAMODB_PORT)', settings.dynamoPort);
    throw error;
  }
}

async function boot(
  settings: LocalSettings,
  write: Line,
  log: Line,
  teardown: Teardown,
): Promise<LocalStack> {
  await assertPortsFree(settings);
  mkdirSync(settings.dataDir, { recursive: true });

  // 1. DynamoDB Local (or the one DYNAMODB_ENDPOINT names), the table and the demo data.
  let endpoint = settings.dynamoEndpoint;
  let dynamoPid: number | undefined;
  if (endpoint) {
    log(`DynamoDB Local on ${endpoint} (not started here)`);
  } else {
    const dbPath = join(settings.dataDir, 'dynamodb');
    if (settings.persist) mkdirSync(dbPath, { recursive: true });
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({
      ...(settings.dynamoPort === 0 ? {} : { port: settings.dynamoPort }),
      ...(settings.persist ? { dbPath } : {}),
    });
    teardown.add('DynamoDB Local', () => dynamo.stop());
    endpoint = dynamo.endpoint;
    dynamoPid = dynamo.pid;
    log(`DynamoDB Local on ${endpoint} (${settings.persist ? `data in ${dbPath}` : 'in memory'})`);
  }

  const ctx = createDynamoContext({
    endpoint,
    tableName: settings.tableName,
    region: 'ap-southeast-1',
  });
  teardown.add('DynamoDB client', () => ctx.client.destroy());
  const tableStart = Date.now();
  await ensureTable(ctx.client, settings.tableName);
  log(`table ${settings.tableName} ready (${Date.now() - tableStart} ms)`);
  const repos = createRepositories(ctx);
  const clock = new LocalClock(settings.clockStart);
  if (settings.seed) {
    const seeding = Date.now();
    const seed = await seedDemo(repos, clock);
    log(
      `demo data: ${seed.created} records written, ${seed.existing} already there (${Date.now() - seeding} ms)`,
    );
  }

  // 2. The Bot API emulator (unless real Telegram is asked for).
  let emulator: TelegramEmulator | undefined;
  if (!settings.telegramToken) {
    // Messages are dated by the local clock, so a conversation "in June" reads as June. Flood limits stay
    // off: the bot's own throttler spaces its sends, and a moved clock would confuse the limiter's windows.
    emulator = new TelegramEmulator({
      port: settings.emulatorPort,
      token: `${EMULATED_BOT_ID}:${randomBytes(24).toString('base64url')}`,
      rateLimits: false,
      bot: EMULATED_BOT,
      now: () => clock.now().getTime(),
      // The bot claims each update_id once (for days) in the table, which outlives the emulator: counting
      // from the real time in ms keeps a restarted emulator from reusing ids the bot would skip as replays.
      firstUpdateId: Date.now() - Date.UTC(2026, 0, 1),
    });
    try {
      await emulator.start();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError('Telegram emulator (EMULATOR_PORT)', settings.emulatorPort);
      }
      throw error;
    }
    const started = emulator;
    teardown.add('Telegram emulator', () => started.stop());
    log(`Telegram Bot API emulator on ${emulator.url}`);
  }

  // 2b. The Zalo OA API emulator, always (the real OA is reached only from AWS). Flood limits off, events dated
  //     by the local clock, as for the Telegram emulator; its webhook is set once the gateway listens (step 7).
  const zalo = new ZaloEmulator({
    port: settings.zaloEmulatorPort,
    rateLimits: false,
    now: () => clock.now().getTime(),
    // Zalo's refresh token dies after 3 months; the local clock jumps from May to October in one session, so
    // locally it lives 10 years: a jump still expires the access token (the functions refresh it, as in AWS)
    // but never strands the demo without a pair.
    refreshTokenTtlSeconds: 10 * 365 * 24 * 3600,
    znsTemplates: {
      [DEMO_ZNS_TEMPLATES.invitation]: Object.keys(ZNS_PARAM_LIMITS),
      [DEMO_ZNS_TEMPLATES.reminder]: Object.keys(ZNS_PARAM_LIMITS),
    },
  });
  try {
    await zalo.start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError('Zalo emulator (ZALO_EMULATOR_PORT)', settings.zaloEmulatorPort);
    }
    throw error;
  }
  teardown.add('Zalo emulator', () => zalo.stop());
  // The pair an operator installs after authorising the OA (docs/deploy.md): the emulator's first one. A
  // restarted emulator knows none of the tokens kept in .data, so each start installs its own.
  await new DynamoZaloTokenStore(repos.store, zalo.oaId).install(
    {
      accessToken: zalo.initialTokens.accessToken,
      refreshToken: zalo.initialTokens.refreshToken,
      accessExpiresAt: new Date(clock.now().getTime() + zalo.initialTokens.expiresIn * 1000).toISOString(),
    },
    clock.now(),
  );
  // The demo people on Zalo follow the OA (the seed linked their Zalo accounts).
  for (const account of DEMO_ZALO_ACCOUNTS) {
    followingZaloUser(zalo, account.zaloUserId, nameOf(account.subject), clock);
  }
  log(`Zalo OA API emulator on ${zalo.url} (control API ${zalo.url}/_emulator/)`);

  // 3. The functions' dependencies: the composition root Lambda uses, pointed at this machine — DynamoDB
  //    Local, the local clock, the local logger, SMS kept here. Each function extends them as it does in
  //    Lambda (the bot functions with the bot's configuration from the environment set here, talking to
  //    the emulator or to real Telegram), so each builds exactly what its Lambda builds.
  const identity: BotIdentity = emulator
    ? {
        token: emulator.token,
        id: emulator.botInfo.id,
        username: emulator.botInfo.username,
        apiRoot: emulator.url,
      }
    : await realTelegramIdentity(settings.telegramToken ?? '', settings.telegramApiRoot);
  const env = { ...functionEnv(settings, endpoint), ...botEnv(identity), ...zaloEnv(zalo) };
  Object.assign(process.env, env);
  const config: AppConfig = loadConfig(process.env);
  const sms = new LocalSmsSender(prefixed('sms', write));
  // `sms` rides along: the bot functions take it as their SMS sender (BotAppOverrides).
  const deps: AppDeps & { sms: SmsSender } = {
    ...createAppDeps(config, {
      repos,
      clock,
      logger: functionLogger(prefixed('function', write)),
      // No CloudWatch here: the counters are kept in memory (EMF lines would only clutter the terminal).
      metrics: new RecordingMetrics(),
    }),
    sms,
  };
  // One dependencies object per function, as each Lambda has its own: a function's extension of them
  // (the webhook's bot has features the notifier's has not) is kept per object.
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const handlerOf = (def: HttpRouteDef | BackgroundFunctionDef): Promise<LambdaHandler> => {
    let handler = handlers.get(def.name);
    if (!handler) {
      const own = { ...deps };
      handler = loadHandler(settings.root, def.entry, () => own);
      handlers.set(def.name, handler);
    }
    return handler;
  };

  // 4. The outbox relay polls the table (AWS: its stream) and publishes to the `topic` functions (the
  //    notifier) as SNS would. Queue functions (the invitation worker) need nothing here: the bot's
  //    in-process invitation queue runs the same worker code.
  const publisher = new DirectEventPublisher(
    BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'topic').map(
      (def) => async (event: DomainEvent) => {
        const handler = await handlerOf(def);
        await handler(snsEvent('events', JSON.stringify(event), event.type), lambdaContext(def.name));
      },
    ),
  );
  const relayLog = prefixed('outbox', write);
  const relay = new OutboxRelay(repos.outbox, publisher, {
    intervalMs: settings.relayIntervalMs,
    log: {
      info: (m, f) => relayLog(`${m} ${f.eventType} ${f.eventId}`),
      error: (m, f) =>
        relayLog(`${m} ${f.eventType} ${f.eventId} attempt=${f.attempt ?? 0} ${f.errorName ?? ''}`),
    },
  });

  // 5. Scheduled functions on the local clock; `fireJob` runs one now. A job's tasks run on the in-process
  //    jobs queue (no JOB_QUEUE_URL here), on the job worker's code, and fireJob returns once it is drained.
  //    AWS-only functions (the outbox sweep: the relay above polls instead) are not scheduled here.
  const jobLog = prefixed('job', write);
  const scheduled = BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule' && !f.awsOnly);
  async function fireJob(name: string, now?: Date): Promise<JobRun> {
    const def = scheduled.find((f) => f.name === name);
    if (!def) {
      const known = scheduled.map((f) => f.name).join(', ') || 'none yet';
      throw new UnknownJobError(`No scheduled function "${name}" (known: ${known})`);
    }
    const time = now ?? clock.now();
    // The job runs as of `time`: it is the event's `scheduledTime` (as EventBridge Scheduler sends it)
    // and the clock of the handler's dependencies, so a handler honours --now whichever it reads.
    const asOf = new LocalClock(time);
    const handler = await loadHandler(settings.root, def.entry, () => ({ ...deps, clock: asOf }));
    const started = Date.now();
    jobLog(`${name} fired as of ${time.toISOString()}`);
    const result = await handler(scheduledEvent(name, time), lambdaContext(name, 15 * 60_000));
    const eventsPublished = await relay.drain();
    const run: JobRun = { name, time: time.toISOString(), durationMs: Date.now() - started, eventsPublished };
    if (result !== undefined) run.result = result;
    jobLog(`${name} done in ${run.durationMs} ms, ${eventsPublished} events published`);
    return run;
  }
  const scheduler = new LocalScheduler(
    scheduled.map((def) => ({
      name: def.name,
      expression: (def.trigger as { expression: string }).expression,
      fire: async (time) => {
        await fireJob(def.name, time);
      },
    })),
    clock,
    (name, error) => jobLog(`${name} failed: ${error instanceof Error ? error.name : 'error'}`),
  );

  // 6. The gateway: every registered route, plus the chat page and the local control API.
  const chatPage: ChatPageAssets = await bundleChatPage(settings.root);
  const people = new NewPeople(
    settings.persist ? join(settings.dataDir, 'people.json') : undefined,
    async (telegramId) => Boolean(await repos.chatLinks.byChat('telegram', String(telegramId))),
    () => new Date(),
    async (zaloUserId) => Boolean(await repos.chatLinks.byChat('zalo', zaloUserId)),
  );
  // New people on Zalo kept from an earlier start: the fresh emulator knows them again, as followers of the OA
  // if they linked (like the seeded ones); one not linked yet follows from the chat page ("Quan tâm").
  for (const person of people.list()) {
    if (!isZaloPerson(person)) continue;
    if (await repos.chatLinks.byChat('zalo', person.zaloUserId))
      followingZaloUser(zalo, person.zaloUserId, person.name, clock);
    else zalo.addUser({ id: person.zaloUserId, name: person.name });
  }
  const demoUsers = () => listDemoUsers(repos, people);
  const tokens = () => sampleTokens();
  const gatewayLog = prefixed('gateway', write);
  let gateway: Gateway | undefined;
  let openApi: Promise<OpenApiDocument> | undefined;
  gateway = await startGateway({
    routes: HTTP_ROUTES,
    handlerOf,
    verifier: () => deps.tokens,
    port: settings.gatewayPort,
    log: ({ route, status, durationMs, error }) => {
      gatewayLog(`${route} → ${status} (${durationMs} ms)`);
      // Lambda logs an uncaught error with its stack; so does the local stack.
      if (error) gatewayLog(error instanceof Error ? (error.stack ?? error.message) : String(error));
    },
    local: (req, res, url, body) =>
      localControl(req, res, url, body, {
        chatPage,
        openApi: () => {
          openApi ??= openApiDocument(settings.root);
          return openApi;
        },
        clock,
        demoUsers,
        people,
        zalo,
        scheduler,
        fireJob,
        relay,
        emulator,
        sms,
        config: () => ({
          mode: emulator ? 'emulator' : 'telegram',
          ...(emulator ? { emulatorUrl: emulator.url } : {}),
          zaloEmulatorUrl: zalo.url,
          zaloUsers: DEMO_ZALO_ACCOUNTS.map((a) => ({ id: a.subject.id, zaloUserId: a.zaloUserId })),
          bot: { username: identity.username, firstName: EMULATED_BOT.first_name },
        }),
      }),
  });
  const gatewayUrl = gateway.url;
  teardown.add('HTTP gateway', () => gateway?.close());
  // The chat page (served by the gateway) is the one web page the emulator answers, by either loopback name.
  for (const origin of pageOrigins(gateway.port)) {
    emulator?.allowOrigin(origin);
    zalo.allowOrigin(origin);
  }
  log(`HTTP gateway on ${gatewayUrl} (${HTTP_ROUTES.length} routes)`);

  // 7. The bot: behind its webhook on the gateway (the emulator POSTs updates there, as Telegram does in
  //    AWS), or long-polling real Telegram.
  if (emulator) {
    const webhookRoute = HTTP_ROUTES.find((r) => r.path === WEBHOOK_PATH);
    if (webhookRoute) {
      const staffChats = DEMO_STAFF.map((s) => ({ chatId: s.telegramId, role: s.role }));
      await connectWebhook(identity, `${gatewayUrl}${WEBHOOK_PATH}`, staffChats);
      log(`bot webhook set to ${gatewayUrl}${WEBHOOK_PATH}`);
    } else {
      log('no bot webhook route is registered: the emulator runs without a bot');
    }
  } else {
    const stopPolling = await startLongPolling(webhookBotDeps({ ...deps }), prefixed('bot', write));
    teardown.add('bot long polling', stopPolling);
  }
  // Zalo, as its console's webhook setting does in AWS: every event of the OA is POSTed to the gateway.
  zalo.webhookUrl = `${gatewayUrl}${ZALO_WEBHOOK_PATH}`;
  log(`Zalo webhook set to ${zalo.webhookUrl}`);

  relay.start();
  teardown.add('outbox relay', () => relay.stop());
  scheduler.start();
  teardown.add('scheduler', () => scheduler.stop());

  const file = stackFile(settings.dataDir);
  writeFileSync(
    file,
    JSON.stringify(
      {
        pid: process.pid,
        gateway: gatewayUrl,
        ...(emulator ? { emulator: emulator.url } : {}),
        zaloEmulator: zalo.url,
        dynamodb: endpoint,
        ...(dynamoPid ? { dynamodbPid: dynamoPid } : {}),
        startedAt: new Date().toISOString(),
      } satisfies StackFile,
      null,
      2,
    ),
  );
  teardown.add('stack file', () => rmSync(file, { force: true }));

  let stopping: Promise<void> | undefined;
  return {
    urls: {
      gateway: gatewayUrl,
      chat: `${gatewayUrl}/chat/`,
      ...(emulator ? { emulator: emulator.url } : {}),
      zaloEmulator: zalo.url,
      dynamodb: endpoint,
    },
    zalo,
    clock,
    demoUsers,
    sampleTokens: tokens,
    stop: () => {
      stopping ??= teardown.run(log);
      return stopping;
    },
  };
}

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
}

/** A demo person's name, for the Zalo emulator's simulated user. */
function nameOf(subject: ChatSubject): string {
  const person =
    subject.kind === 'staff'
      ? DEMO_STAFF.find((s) => s.id === subject.id)
      : DEMO_MEMBERS.find((d) => d.id === subject.id);
  return person?.fullName ?? subject.id;
}

/** A Zalo user the emulator knows as a follower of the OA: a linked account the bot may write to. */
function followingZaloUser(zalo: ZaloEmulator, zaloUserId: string, name: string, clock: LocalClock): void {
  const user = zalo.addUser({ id: zaloUserId, name });
  user.following = true;
  user.lastInteractionAt = clock.now().getTime();
}

/** The chat page's accounts: each demo person's Telegram account, then their Zalo one if they have one. */
async function listDemoUsers(repos: Repositories, people: NewPeople): Promise<DemoUser[]> {
  const zaloOf = (subject: ChatSubject) =>
    DEMO_ZALO_ACCOUNTS.filter((a) => a.subject.kind === subject.kind && a.subject.id === subject.id);
  const accountsOf = async (
    subject: ChatSubject,
    telegramId: number,
    person: Omit<DemoUser, 'channel' | 'key' | 'linked' | 'linkCode'>,
  ): Promise<DemoUser[]> => {
    const linked = Boolean(await repos.chatLinks.byChat('telegram', String(telegramId)));
    const telegram: DemoUser = {
      channel: 'telegram',
      key: `telegram:${telegramId}`,
      telegramId,
      ...person,
      linked,
      ...(linked ? {} : { linkCode: demoLinkCode(subject) }),
    };
    const onZalo = zaloOf(subject).map(async (a): Promise<DemoUser> => {
      const zaloLinked = Boolean(await repos.chatLinks.byChat('zalo', a.zaloUserId));
      return {
        channel: 'zalo',
        key: `zalo:${a.zaloUserId}`,
        zaloUserId: a.zaloUserId,
        ...person,
        linked: zaloLinked,
        ...(zaloLinked ? {} : { linkCode: demoZaloLinkCode(subject) }),
      };
    });
    return [telegram, ...(await Promise.all(onZalo))];
  };
  const staff = DEMO_STAFF.map((s) =>
    accountsOf({ kind: 'staff', id: s.id }, s.telegramId, {
      name: s.fullName,
      kind: 'staff',
      id: s.id,
      role: s.role,
      roleLabel: ROLE_LABELS[s.role],
      orgId: s.orgId,
      orgName: orgName(s.orgId),
    }),
  );
  const members = DEMO_MEMBERS.map((d) =>
    accountsOf({ kind: 'member', id: d.id }, d.telegramId, {
      name: d.fullName,
      kind: 'member',
      id: d.id,
      role: 'member',
      roleLabel: `${ROLE_LABELS.member}${CATEGORY_LABELS[d.category]}`,
      orgId: d.residenceOrgId,
      orgName: orgName(d.residenceOrgId),
    }),
  );
  const added = people.list().map(async (p) => [await newPersonView(repos, p)]);
  return (await Promise.all([...staff, ...members, ...added])).flat();
}

/** A person added on the chat page: who they are linked to now (read from the table), or nobody yet. */
async function newPersonView(repos: Repositories, person: NewPerson): Promise<DemoUser> {
  const account: Pick<DemoUser, 'channel' | 'key' | 'telegramId' | 'zaloUserId' | 'id'> = isZaloPerson(person)
    ? {
        channel: 'zalo',
        key: `zalo:${person.zaloUserId}`,
        zaloUserId: person.zaloUserId,
        id: `new-zalo-${person.zaloUserId}`,
      }
    : {
        channel: 'telegram',
        key: `telegram:${person.telegramId}`,
        telegramId: person.telegramId,
        id: `new-${person.telegramId}`,
      };
  const unlinked: DemoUser = {
    ...account,
    name: person.name,
    kind: 'new',
    roleLabel: 'Người mới',
    orgId: '',
    orgName: 'chưa liên kết',
    linked: false,
  };
  const link = await repos.chatLinks.byChat(
    account.channel,
    account.channel === 'zalo' ? (account.zaloUserId ?? '') : String(account.telegramId),
  );
  if (!link) return unlinked;
  let role: Role | undefined;
  let orgId = '';
  if (link.kind === 'staff') {
    const assignment = await repos.staff.get(link.id, link.actingFor?.orgId);
    role = assignment?.role;
    orgId = assignment?.orgId ?? '';
  } else {
    role = 'member';
    orgId = (await repos.members.get(link.id))?.workplaceOrgId ?? '';
  }
  // A committee the administrator created on the chat page is not in the seed's list: read its name.
  const orgName = orgId ? ((await repos.committees.get(orgId))?.name ?? orgId) : '';
  return {
    ...unlinked,
    id: link.id,
    ...(role ? { role, roleLabel: ROLE_LABELS[role] } : {}),
    orgId,
    orgName,
    linked: true,
  };
}

/** One token per role, signed with the local secret: the API's bearer tokens for curl and the browser test. */
async function sampleTokens(): Promise<SampleToken[]> {
  const settings = { issuer: 'lien-he-noi-cu-tru', audience: 'lien-he-api', secret: LOCAL_JWT_SECRET };
  const pick = (role: Role, orgId?: string) => {
    const s = DEMO_STAFF.find((x) => x.role === role && (!orgId || x.orgId === orgId));
    if (!s) throw new Error(`no demo staff with role ${role}`);
    return { role, sub: s.id, orgId: s.orgId, name: s.fullName };
  };
  const member = DEMO_MEMBERS[0];
  const principals = [
    pick('workplace_staff'),
    pick('residence_staff'),
    pick('chair'),
    pick('secretary'),
    pick('viewer'),
    ...(member
      ? [{ role: 'member' as const, sub: member.id, orgId: member.workplaceOrgId, name: member.fullName }]
      : []),
  ];
  return Promise.all(
    principals.map(async (p) => ({
      ...p,
      token: await signToken({ sub: p.sub, orgId: p.orgId, role: p.role }, settings),
    })),
  );
}

interface ControlContext {
  chatPage: ChatPageAssets;
  /** The API's OpenAPI document, generated once at the first request for it. */
  openApi: () => Promise<OpenApiDocument>;
  clock: LocalClock;
  demoUsers: () => Promise<DemoUser[]>;
  people: NewPeople;
  zalo: ZaloEmulator;
  scheduler: LocalScheduler;
  fireJob: (name: string, now?: Date) => Promise<JobRun>;
  relay: OutboxRelay;
  emulator: TelegramEmulator | undefined;
  sms: LocalSmsSender;
  config: () => LocalConfig;
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** The chat page and `/_local/…`: config, demo users, bot commands, the clock, jobs, the outbox. Loopback only. */
async function localControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  c: ControlContext,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/') {
    res.writeHead(302, { location: '/chat/' });
    res.end();
    return true;
  }
  if (method === 'GET' && serveChatPage(c.chatPage, path, res)) return true;
  if (method === 'GET' && path === '/openapi.json') return sendJson(res, 200, await c.openApi());
  if (method === 'GET' && path === '/api-docs') {
    const page = openApiPage(await c.openApi());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
    return true;
  }
  if (!path.startsWith('/_local/')) return false;
  // The control API moves the clock and fires jobs: only the chat page's own origin, and loopback names.
  const port = Number(req.socket.localPort);
  const refusal = refusalOf(req, '127.0.0.1', new Set(pageOrigins(port)));
  if (refusal) return sendJson(res, 403, { error: `Forbidden: ${refusal}` });
  try {
    if (method === 'GET' && path === '/_local/health') return sendJson(res, 200, { ok: true });
    if (method === 'GET' && path === '/_local/config') return sendJson(res, 200, c.config());
    if (method === 'GET' && path === '/_local/demo-users') return sendJson(res, 200, await c.demoUsers());
    if (method === 'POST' && path === '/_local/people') {
      const input = newPersonInputSchema.safeParse(jsonBody(body));
      if (!input.success) return sendJson(res, 400, { error: 'Họ tên không hợp lệ (1–120 ký tự).' });
      const person = await c.people.add(input.data.name, input.data.channel);
      // A Zalo user the OA has never seen: not following yet (the chat page's "Quan tâm" does that).
      if (isZaloPerson(person)) c.zalo.addUser({ id: person.zaloUserId, name: person.name });
      const key = isZaloPerson(person) ? `zalo:${person.zaloUserId}` : `telegram:${person.telegramId}`;
      const view = (await c.demoUsers()).find((u) => u.key === key);
      return sendJson(res, 201, view);
    }
    if (method === 'GET' && path === '/_local/commands') {
      const chat = Number(url.searchParams.get('chat'));
      const scoped =
        c.emulator && chat ? c.emulator.commands({ scope: { type: 'chat', chat_id: chat } }) : [];
      const commands: BotCommandView[] = scoped.length > 0 ? scoped : (c.emulator?.commands() ?? []);
      return sendJson(res, 200, commands);
    }
    if (path === '/_local/clock') {
      if (method === 'POST') {
        const input = jsonBody(body);
        if (input.reset === true) c.clock.reset();
        else if (typeof input.now === 'string') c.clock.set(parseLocalInstant(input.now));
        else return sendJson(res, 400, { error: 'give { "now": "2027-06-01T08:00" } or { "reset": true }' });
      }
      const view: ClockView = { now: c.clock.now().toISOString(), real: c.clock.isReal };
      return sendJson(res, 200, view);
    }
    if (method === 'GET' && path === '/_local/jobs') {
      const planned = new Map(c.scheduler.planned.map((p) => [p.name, p]));
      const jobs: JobView[] = BACKGROUND_FUNCTIONS.filter(
        (f) => f.trigger.kind === 'schedule' && !f.awsOnly,
      ).map((f) => {
        const next = planned.get(f.name)?.next;
        return {
          name: f.name,
          description: f.description,
          expression: (f.trigger as { expression: string }).expression,
          ...(next ? { next } : {}),
        };
      });
      return sendJson(res, 200, jobs);
    }
    const job = /^\/_local\/jobs\/([^/]+)$/.exec(path);
    if (method === 'POST' && job) {
      const input = jsonBody(body);
      const now = typeof input.now === 'string' ? parseLocalInstant(input.now) : undefined;
      try {
        return sendJson(res, 200, await c.fireJob(decodeURIComponent(job[1] ?? ''), now));
      } catch (error) {
        if (error instanceof UnknownJobError) return sendJson(res, 404, { error: error.message });
        throw error;
      }
    }
    if (method === 'GET' && path === '/_local/sms') return sendJson(res, 200, c.sms.sent);
    if (method === 'POST' && path === '/_local/outbox/drain') {
      return sendJson(res, 200, { sent: await c.relay.drain() });
    }
    return sendJson(res, 404, { error: 'Not Found' });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return sendJson(res, error instanceof SyntaxError ? 400 : 500, { error: message });
  }
}
