// Local runtime, step 2: the chat platforms on this machine — the Bot API emulator (unless real Telegram is asked
// for) and the Zalo OA API emulator, with the OA's first token pair installed and the demo people following it.
import { randomBytes } from 'node:crypto';
import { ZNS_PARAM_LIMITS } from '../../chat/channels/zalo/zns.js';
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import { DynamoZaloTokenStore } from '../../shared/adapters/dynamodb/zalo-token-store.js';
import type { ChatSubject } from '../../shared/ports/repositories.js';
import type { LocalClock } from '../clock.js';
import type { Line } from '../console-log.js';
import { DEMO_MEMBERS, DEMO_STAFF, DEMO_ZALO_ACCOUNTS } from '../seed.js';
import type { LocalSettings } from '../settings.js';
import { TelegramEmulator } from '../telegram-emulator/index.js';
import { ZaloEmulator } from '../zalo-emulator/index.js';
import { listenOn, type Teardown } from './lifecycle.js';

/**
 * Two ZNS templates the emulator treats as approved, with the parameters chat/channels/zalo/zns.ts sends (as an
 * operator gets them approved in the ZNS console: docs/deploy.md).
 */
export const DEMO_ZNS_TEMPLATES = { invitation: '100001', reminder: '100002' } as const;

export const EMULATED_BOT = { first_name: 'Liên hệ nơi cư trú', username: 'lienhe_noicutru_bot' };
/** The emulated bot's id; its token's secret half is drawn at each start, so no page can know it. */
const EMULATED_BOT_ID = 1234567890;

/** The Bot API emulator on the local clock. */
export async function startTelegramEmulator(
  settings: LocalSettings,
  clock: LocalClock,
  log: Line,
  teardown: Teardown,
): Promise<TelegramEmulator> {
  // Messages are dated by the local clock, so a conversation "in June" reads as June. Flood limits stay
  // off: the bot's own throttler spaces its sends, and a moved clock would confuse the limiter's windows.
  const emulator = new TelegramEmulator({
    port: settings.emulatorPort,
    token: `${EMULATED_BOT_ID}:${randomBytes(24).toString('base64url')}`,
    rateLimits: false,
    bot: EMULATED_BOT,
    now: () => clock.now().getTime(),
    // The bot claims each update_id once (for days) in the table, which outlives the emulator: counting
    // from the real time in ms keeps a restarted emulator from reusing ids the bot would skip as replays.
    firstUpdateId: Date.now() - Date.UTC(2026, 0, 1),
  });
  await listenOn('Telegram emulator (EMULATOR_PORT)', settings.emulatorPort, () => emulator.start());
  teardown.add('Telegram emulator', () => emulator.stop());
  log(`Telegram Bot API emulator on ${emulator.url}`);
  return emulator;
}

/**
 * The Zalo OA API emulator, always (the real OA is reached only from AWS). Flood limits off, events dated by the
 * local clock, as for the Telegram emulator; its webhook is set once the gateway listens.
 */
export async function startZaloEmulator(
  settings: LocalSettings,
  { repos, clock }: { repos: Repositories; clock: LocalClock },
  log: Line,
  teardown: Teardown,
): Promise<ZaloEmulator> {
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
  await listenOn('Zalo emulator (ZALO_EMULATOR_PORT)', settings.zaloEmulatorPort, () => zalo.start());
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
  return zalo;
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
export function followingZaloUser(
  zalo: ZaloEmulator,
  zaloUserId: string,
  name: string,
  clock: LocalClock,
): void {
  const user = zalo.addUser({ id: zaloUserId, name });
  user.following = true;
  user.lastInteractionAt = clock.now().getTime();
}
