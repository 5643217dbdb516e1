// Local runtime, step 3: the functions' dependencies — the composition root Lambda uses (createAppDeps), pointed
// at this machine: DynamoDB Local, the local clock, the local logger, SMS kept here, the bot's and Zalo's
// configuration from the environment set here; and one handler per function, loaded as its Lambda loads it.
import { type AppDeps, createAppDeps } from '../../functions/deps.js';
import { runQueueTask } from '../../functions/queue-worker.js';
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import { RecordingMetrics } from '../../shared/adapters/memory/recording-metrics.js';
import { type AppConfig, loadConfig } from '../../shared/config/env.js';
import type { BackgroundFunctionDef, HttpRouteDef } from '../../shared/config/functions.js';
import { ENV } from '../../shared/config/table.js';
import type { SmsSender } from '../../shared/ports/messaging.js';
import { type BotIdentity, botEnv, LocalSmsSender, realTelegramIdentity } from '../bot-runtime.js';
import type { LocalClock } from '../clock.js';
import { functionLogger, type Line, prefixed } from '../console-log.js';
import { type LambdaHandler, loadHandler } from '../functions.js';
import { LOCAL_JWT_SECRET, type LocalSettings } from '../settings.js';
import type { TelegramEmulator } from '../telegram-emulator/index.js';
import type { ZaloEmulator } from '../zalo-emulator/index.js';
import { DEMO_ZNS_TEMPLATES } from './emulators.js';

/** The dependencies every function starts from; `sms` rides along as the bot functions' SMS sender (BotAppOverrides). */
export type LocalDeps = AppDeps & { sms: SmsSender };

export interface LocalFunctions {
  identity: BotIdentity;
  deps: LocalDeps;
  sms: LocalSmsSender;
  /** The handler of a function, built once per function (each Lambda has its own dependencies object). */
  handlerOf: (def: HttpRouteDef | BackgroundFunctionDef) => Promise<LambdaHandler>;
}

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

/** The bot the functions talk to: the emulator's, or the real one the token names. */
async function botIdentity(
  settings: LocalSettings,
  emulator: TelegramEmulator | undefined,
): Promise<BotIdentity> {
  return emulator
    ? {
        token: emulator.token,
        id: emulator.botInfo.id,
        username: emulator.botInfo.username,
        apiRoot: emulator.url,
      }
    : await realTelegramIdentity(settings.telegramToken ?? '', settings.telegramApiRoot);
}

/**
 * Each function extends the dependencies as it does in Lambda (the bot functions with the bot's configuration
 * from the environment set here, talking to the emulator or to real Telegram), so each builds exactly what its
 * Lambda builds.
 */
export async function composeFunctions(
  settings: LocalSettings,
  made: {
    endpoint: string;
    repos: Repositories;
    clock: LocalClock;
    emulator: TelegramEmulator | undefined;
    zalo: ZaloEmulator;
  },
  write: Line,
): Promise<LocalFunctions> {
  const identity = await botIdentity(settings, made.emulator);
  const env = { ...functionEnv(settings, made.endpoint), ...botEnv(identity), ...zaloEnv(made.zalo) };
  Object.assign(process.env, env);
  const config: AppConfig = loadConfig(process.env);
  const sms = new LocalSmsSender(prefixed('sms', write));
  const deps: LocalDeps = {
    ...createAppDeps(config, {
      repos: made.repos,
      clock: made.clock,
      logger: functionLogger(prefixed('function', write)),
      // No CloudWatch here: the counters are kept in memory (EMF lines would only clutter the terminal).
      metrics: new RecordingMetrics(),
      // One machine: what a function queues runs in this process, over the SQS worker's code.
      queueRunner: runQueueTask,
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
  return { identity, deps, sms, handlerOf };
}
