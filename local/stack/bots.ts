// Local runtime, step 7: the bots on their channels — the Telegram bot behind its webhook on the gateway (the
// emulator POSTs updates there, as Telegram does in AWS) or long-polling real Telegram, and the Zalo OA's events
// POSTed to the gateway as its console's webhook setting does in AWS.
import { webhookBotDeps } from '../../bot/lambda/bots.js';
import { HTTP_ROUTES } from '../../shared/config/functions.js';
import { connectWebhook, startLongPolling } from '../bot-runtime.js';
import { type Line, prefixed } from '../console-log.js';
import { DEMO_STAFF } from '../seed.js';
import type { TelegramEmulator } from '../telegram-emulator/index.js';
import type { ZaloEmulator } from '../zalo-emulator/index.js';
import type { LocalFunctions } from './composition.js';
import type { Teardown } from './lifecycle.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Where the Zalo OA emulator POSTs its signed events: the gateway's route of bot/lambda/zalo-webhook.ts. */
export const ZALO_WEBHOOK_PATH = '/zalo/webhook';

export async function connectBots(
  gatewayUrl: string,
  channels: { emulator: TelegramEmulator | undefined; zalo: ZaloEmulator; functions: LocalFunctions },
  { write, log, teardown }: { write: Line; log: Line; teardown: Teardown },
): Promise<void> {
  const { emulator, zalo, functions } = channels;
  if (emulator) {
    const webhookRoute = HTTP_ROUTES.find((r) => r.path === WEBHOOK_PATH);
    if (webhookRoute) {
      const staffChats = DEMO_STAFF.map((s) => ({ chatId: s.telegramId, role: s.role }));
      await connectWebhook(functions.identity, `${gatewayUrl}${WEBHOOK_PATH}`, staffChats);
      log(`bot webhook set to ${gatewayUrl}${WEBHOOK_PATH}`);
    } else {
      log('no bot webhook route is registered: the emulator runs without a bot');
    }
  } else {
    const stopPolling = await startLongPolling(webhookBotDeps({ ...functions.deps }), prefixed('bot', write));
    teardown.add('bot long polling', stopPolling);
  }
  zalo.webhookUrl = `${gatewayUrl}${ZALO_WEBHOOK_PATH}`;
  log(`Zalo webhook set to ${zalo.webhookUrl}`);
}
