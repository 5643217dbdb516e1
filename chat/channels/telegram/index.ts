// channel (Telegram): what composition roots need to put the bot and the messenger on the Bot API.
import { Api } from 'grammy';
import type { CallbackDataStore } from '../../../shared/ports/conversation.js';
import { telegramClientOptions } from './client.js';
import { TelegramMessenger } from './messenger.js';
import { TelegramRenderer } from './renderer.js';
import type { Throttler } from './throttler.js';

export { botInfoFromConfig } from './bot-info.js';
export { telegramClientOptions } from './client.js';
export { createTelegramFiles } from './files.js';
export { TelegramMessenger } from './messenger.js';
export { TelegramRenderer } from './renderer.js';
export { createThrottler, DEFAULT_THROTTLE, type ThrottleOptions, type Throttler } from './throttler.js';

/** A messenger on its own Api (background jobs); pass the bot's throttler when both live in one process. */
export function createTelegramMessenger(
  token: string,
  options: { apiRoot?: string; throttler?: Throttler; callbackData: CallbackDataStore },
): TelegramMessenger {
  const api = new Api(token, telegramClientOptions(options.apiRoot));
  if (options.throttler) api.config.use(options.throttler.transformer);
  return new TelegramMessenger(new TelegramRenderer(api, options.callbackData));
}
