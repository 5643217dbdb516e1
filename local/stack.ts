// Local runtime: the whole system on one machine — DynamoDB Local, the seed, the gateway, the Bot API emulator
// (or real Telegram), the outbox relay and the schedules — started and stopped as one. Each step is a module of
// local/stack/ (storage, emulators, composition, jobs, http-server, bots); this file says their order.
import { mkdirSync } from 'node:fs';
import type { LocalClock } from './clock.js';
import { type Line, prefixed } from './console-log.js';
import type { DemoUser } from './control-protocol.js';
import { PortBusyError } from './dynamodb-local.js';
import { type Gateway, PortInUseError } from './gateway.js';
import type { LocalSettings } from './settings.js';
import { connectBots } from './stack/bots.js';
import { composeFunctions } from './stack/composition.js';
import { type SampleToken, sampleTokens } from './stack/demo-users.js';
import { startTelegramEmulator, startZaloEmulator } from './stack/emulators.js';
import { startHttpServer } from './stack/http-server.js';
import { localJobs, startJobs } from './stack/jobs.js';
import { assertPortsFree, Teardown, writeStackFile } from './stack/lifecycle.js';
import { type LocalStorage, startStorage } from './stack/storage.js';
import type { TelegramEmulator } from './telegram-emulator/index.js';
import type { ZaloEmulator } from './zalo-emulator/index.js';

export { WEBHOOK_PATH, ZALO_WEBHOOK_PATH } from './stack/bots.js';
export type { SampleToken } from './stack/demo-users.js';
export { DEMO_ZNS_TEMPLATES } from './stack/emulators.js';
export { UnknownJobError } from './stack/jobs.js';

export interface LocalStack {
  readonly urls: { gateway: string; chat: string; emulator?: string; zaloEmulator: string; dynamodb: string };
  /** The Zalo OA API emulator (issue 15): tests drive simulated Zalo users through it. */
  readonly zalo: ZaloEmulator;
  readonly clock: LocalClock;
  demoUsers(): Promise<DemoUser[]>;
  sampleTokens(): Promise<SampleToken[]>;
  stop(): Promise<void>;
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
  const lifecycle = { write, log, teardown };

  // 1. DynamoDB Local (or the one DYNAMODB_ENDPOINT names), the table and the demo data.
  const storage = await startStorage(settings, log, teardown);
  const { endpoint, repos, clock } = storage;
  // 2. The Bot API emulator (unless real Telegram is asked for), and the Zalo OA API emulator, always.
  const emulator = settings.telegramToken
    ? undefined
    : await startTelegramEmulator(settings, clock, log, teardown);
  const zalo = await startZaloEmulator(settings, storage, log, teardown);
  // 3. The functions' dependencies: the composition root Lambda uses, pointed at this machine.
  const functions = await composeFunctions(settings, { endpoint, repos, clock, emulator, zalo }, write);
  // 4–5. The outbox relay (AWS: the table's stream) and the scheduled functions on the local clock.
  const jobs = localJobs(settings, storage, functions, write);
  // 6. The gateway: every registered route, plus the chat page and the local control API.
  const parts = { repos, clock, emulator, zalo, functions, jobs };
  const { gateway, demoUsers } = await startHttpServer(settings, parts, lifecycle);
  // 7. The bots on their channels, through the gateway (or long-polling real Telegram).
  await connectBots(gateway.url, parts, lifecycle);

  startJobs(jobs, teardown);
  return running(settings, { storage, emulator, zalo, gateway, demoUsers }, log, teardown);
}

/** The started stack: its stack file written (removed at stop), its URLs, and one stop for all of it. */
function running(
  settings: LocalSettings,
  made: {
    storage: LocalStorage;
    emulator: TelegramEmulator | undefined;
    zalo: ZaloEmulator;
    gateway: Gateway;
    demoUsers: () => Promise<DemoUser[]>;
  },
  log: Line,
  teardown: Teardown,
): LocalStack {
  const { storage, emulator, zalo, gateway } = made;
  const endpoint = storage.endpoint;
  writeStackFile(
    settings,
    {
      gateway: gateway.url,
      emulator: emulator?.url,
      zaloEmulator: zalo.url,
      dynamodb: endpoint,
      dynamodbPid: storage.dynamoPid || undefined,
    },
    teardown,
  );
  let stopping: Promise<void> | undefined;
  return {
    urls: {
      gateway: gateway.url,
      chat: `${gateway.url}/chat/`,
      emulator: emulator?.url,
      zaloEmulator: zalo.url,
      dynamodb: endpoint,
    },
    zalo,
    clock: storage.clock,
    demoUsers: made.demoUsers,
    sampleTokens: () => sampleTokens(),
    stop: () => {
      stopping ??= teardown.run(log);
      return stopping;
    },
  };
}
