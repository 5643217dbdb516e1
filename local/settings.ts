// Local runtime: the stack's settings, from the environment, with the defaults `npm start` uses.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TABLE_NAME } from '../shared/config/table.js';
import { parseLocalInstant } from './clock.js';

/**
 * LOCAL ONLY. The HS256 secret that signs and verifies API tokens on this machine. It is in the
 * repository on purpose and must never be used anywhere else (AWS verifies tokens with a JWKS URL).
 */
export const LOCAL_JWT_SECRET = 'local-only-dev-secret:lien-he-noi-cu-tru:never-use-in-aws';
/** LOCAL ONLY. The webhook secret between the emulator and the local gateway. */
export const LOCAL_WEBHOOK_SECRET = 'local-only-webhook-secret';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface LocalSettings {
  root: string;
  /** Where the database and stack.json live (`.data/`). */
  dataDir: string;
  /** 0 picks a free port. */
  dynamoPort: number;
  /** False: DynamoDB Local keeps everything in memory (the browser test). */
  persist: boolean;
  gatewayPort: number;
  emulatorPort: number;
  /** The Zalo OA API emulator's port (ZALO_EMULATOR_PORT, 8082 by default; 0 picks a free one). */
  zaloEmulatorPort: number;
  tableName: string;
  /** With a token the bot long-polls real Telegram instead of the emulator. */
  telegramToken?: string;
  /** With the token: another Bot API server (a self-hosted one) instead of api.telegram.org. */
  telegramApiRoot?: string;
  /** A DynamoDB Local already running (loopback only): the stack then starts no Java of its own. */
  dynamoEndpoint?: string;
  seed: boolean;
  /** Start the local clock at this instant instead of now. */
  clockStart?: Date;
  relayIntervalMs: number;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new SettingsError(`${name}=${raw} is not a port number`);
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw);
}

/** The local stack never talks to a real AWS account: only a DynamoDB on this machine is accepted. */
function loopbackEndpoint(value: string): string {
  let host = '';
  try {
    host = new URL(value).hostname;
  } catch {
    // reported below
  }
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new SettingsError(`DYNAMODB_ENDPOINT=${value} is not a DynamoDB on this machine (loopback only)`);
  }
  return value;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const root = REPO_ROOT;
  const clock = env.LOCAL_CLOCK;
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  return {
    root,
    dataDir: resolve(root, env.LOCAL_DATA_DIR ?? '.data'),
    dynamoPort: port(env, 'DYNAMODB_PORT', 8000),
    persist: !flag(env, 'DYNAMODB_IN_MEMORY', false),
    gatewayPort: port(env, 'GATEWAY_PORT', 3000),
    emulatorPort: port(env, 'EMULATOR_PORT', 8081),
    zaloEmulatorPort: port(env, 'ZALO_EMULATOR_PORT', 8082),
    tableName: env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
    telegramToken: token || undefined,
    ...(token && env.TELEGRAM_API_ROOT ? { telegramApiRoot: env.TELEGRAM_API_ROOT } : {}),
    ...(env.DYNAMODB_ENDPOINT ? { dynamoEndpoint: loopbackEndpoint(env.DYNAMODB_ENDPOINT) } : {}),
    seed: flag(env, 'LOCAL_SEED', true),
    ...(clock ? { clockStart: parseLocalInstant(clock) } : {}),
    relayIntervalMs: Number(env.LOCAL_RELAY_INTERVAL_MS ?? 250) || 250,
  };
}

/** The file a running stack writes so `npm run job` finds it. */
export function stackFile(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

export interface StackFile {
  pid: number;
  gateway: string;
  emulator?: string;
  /** The Zalo OA API emulator (its control API under /_emulator/). */
  zaloEmulator?: string;
  dynamodb: string;
  /** The DynamoDB Local Java process. */
  dynamodbPid?: number;
  startedAt: string;
}
