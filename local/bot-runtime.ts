// Local runtime: the bot's side of the stack — its identity and secrets (the emulator's, or real Telegram's),
// the webhook or long polling, the command menus, and SMS kept on this machine.
import { Api, GrammyError } from 'grammy';
import { telegramBotOf } from '../bot/lambda/bots.js';
import { telegramClientOptions } from '../chat/channels/telegram/client.js';
import { installChatCommands, installDefaultCommands } from '../chat/commands.js';
import type { BotAppDeps } from '../functions/chat-deps.js';
import { RecordingSmsSender } from '../shared/adapters/memory/recording-sms-sender.js';
import type { Role } from '../shared/domain/roles.js';
import type { Line } from './console-log.js';
import { LOCAL_WEBHOOK_SECRET } from './settings.js';

/** Who the bot is and where its Bot API is. */
export interface BotIdentity {
  token: string;
  id: number;
  username: string;
  /** The emulator's root; absent for real Telegram. */
  apiRoot?: string;
}

export class TelegramTokenError extends Error {
  override name = 'TelegramTokenError';
}

/**
 * Asks Telegram (or the Bot API server at `apiRoot`) who the token belongs to; a refused token is one
 * clear line, not a stack trace.
 */
export async function realTelegramIdentity(token: string, apiRoot?: string): Promise<BotIdentity> {
  try {
    const me = await new Api(token, telegramClientOptions(apiRoot)).getMe();
    return { token, id: me.id, username: me.username, ...(apiRoot ? { apiRoot } : {}) };
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new TelegramTokenError(
        'TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized): check the token.',
      );
    }
    throw new TelegramTokenError(
      `Telegram could not be reached with TELEGRAM_BOT_TOKEN (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** The bot's environment (shared/config/bot.ts) for this machine: the secrets themselves, no SSM. */
export function botEnv(identity: BotIdentity): Record<string, string> {
  return {
    BOT_TOKEN: identity.token,
    WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
    BOT_ID: String(identity.id),
    BOT_USERNAME: identity.username,
    ...(identity.apiRoot ? { TELEGRAM_API_ROOT: identity.apiRoot } : {}),
  };
}

/**
 * Points the emulator's webhook at the gateway (with the secret header, as Telegram does) and installs
 * the command menus: the default one, and each linked demo staff person's role menu on their chat
 * (the bot sets it when someone links; the seed linked them without the bot).
 */
export async function connectWebhook(
  identity: BotIdentity,
  url: string,
  staffChats: readonly { chatId: number; role: Role }[],
): Promise<void> {
  const api = new Api(identity.token, telegramClientOptions(identity.apiRoot));
  await api.setWebhook(url, { secret_token: LOCAL_WEBHOOK_SECRET });
  await installDefaultCommands(api);
  for (const { chatId, role } of staffChats) await installChatCommands(api, chatId, role);
}

/** Real Telegram without a public URL: the same bot long-polls (grammY's bot.start). Returns its stop. */
export async function startLongPolling(deps: BotAppDeps, log: Line): Promise<() => Promise<void>> {
  const bot = await telegramBotOf(deps);
  await bot.api.deleteWebhook();
  await installDefaultCommands(bot.api);
  const polling = bot.start({ onStart: (me) => log(`bot @${me.username} is long-polling Telegram`) });
  polling.catch((error: unknown) =>
    log(`long polling stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
  return async () => {
    await bot.stop();
  };
}

/** SMS stay on this machine: recorded (GET /_local/sms shows them) and counted in the log, never sent. */
export class LocalSmsSender extends RecordingSmsSender {
  constructor(private readonly log: Line) {
    super();
  }

  override async send(phone: string, text: string): Promise<void> {
    await super.send(phone, text);
    // The number and the text are personal: the log says only that one was kept.
    this.log(`SMS kept on this machine, not sent (${this.sent.length} so far; GET /_local/sms)`);
  }
}
