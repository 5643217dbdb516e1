// bot-entry: the bots over the composition root's dependencies (functions/chat-deps.ts) — the grammY bot of the
// Telegram webhook and the Zalo bot of the Zalo webhook, with the features only the webhooks install (the year
// end); each is built once per dependencies, at the first update, and only by a webhook (issue 20).
import type { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { botInfoFromConfig } from '../../chat/channels/telegram/bot-info.js';
import type { ZaloWebhookSecrets } from '../../chat/channels/zalo/index.js';
import { asBotAppDeps, type BotAppDeps } from '../../functions/chat-deps.js';
import type { AppDeps } from '../../functions/deps.js';
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { reportRenderer } from '../../shared/adapters/documents/report-renderer.js';
import { randomCode } from '../../shared/adapters/ids.js';
import type { ChatMessenger } from '../../shared/ports/chat.js';
import type { ChatFileSource } from '../../shared/ports/imports.js';
import type { BotContext, BotDeps } from '../context.js';
import { createBot } from '../create-bot.js';
import { yearEndFeatures } from '../year-end.js';
import { createZaloBot, type ZaloBot } from '../zalo-bot.js';

/** The features' dependencies (ctx.deps) out of the root's: its repositories, queue, paths to a person and log. */
export function botDepsOf(
  deps: BotAppDeps,
  messenger: ChatMessenger,
  newCode = deps.newCode ?? (() => randomCode(8)),
  files?: ChatFileSource,
): BotDeps & { messenger: ChatMessenger } {
  return {
    files,
    ports: deps.repos,
    clock: deps.clock,
    ids: deps.ids,
    minutesPdf: deps.minutesPdf,
    queue: deps.queue,
    sms: deps.sms,
    zns: deps.zns,
    log: deps.logger,
    metrics: deps.metrics,
    newCode,
    identity: deps.identity,
    botUsername: deps.bot.botUsername,
    messenger,
    invitationSettings: deps.invitationSettings,
    reportRenderer: deps.reportRenderer,
  };
}

/**
 * The dependencies of the bot that answers updates. Only it has the report's renderer (and the year-end
 * features, added where the bot is built); it shares the minutes' PDF renderer with the notifier (/ky sends the
 * sealed minutes at once). The local stack long-polls real Telegram with this same bot.
 */
export function webhookBotDeps(deps: AppDeps, minutesPdf = createMinutesPdfRenderer()): BotAppDeps {
  return asBotAppDeps(deps, { reportRenderer, minutesPdf });
}

/** The features a webhook's bot has beyond the other functions' sending: the year end (bot/year-end.ts). */
function featuresOf(deps: BotAppDeps, messenger: ChatMessenger, files: ChatFileSource) {
  return { ...botDepsOf(deps, messenger, undefined, files), extraFeatures: yearEndFeatures };
}

/** Built once per dependencies; a failed build (the token's SSM read) is tried again at the next update. */
function once<T>(
  built: WeakMap<BotAppDeps, Promise<T>>,
  deps: BotAppDeps,
  build: () => Promise<T>,
): Promise<T> {
  let bot = built.get(deps);
  if (!bot) {
    bot = build().catch((error: unknown) => {
      built.delete(deps);
      throw error;
    });
    built.set(deps, bot);
  }
  return bot;
}

const telegramBots = new WeakMap<BotAppDeps, Promise<Bot<BotContext>>>();

/** The Telegram webhook's grammY bot, on the root's token, throttler and routing messenger. */
export function telegramBotOf(deps: BotAppDeps): Promise<Bot<BotContext>> {
  return once(telegramBots, deps, async () => {
    const { token, messenger, files, throttler } = await deps.telegram();
    return createBot(token, featuresOf(deps, messenger, files), {
      botInfo: botInfoFromConfig(token, deps.bot),
      apiRoot: deps.bot.apiRoot || undefined,
      throttler: throttler.transformer,
    });
  });
}

/** The Zalo webhook's bot and the secrets that check its events. */
export interface ZaloWebhookBot {
  bot: ZaloBot;
  webhook: ZaloWebhookSecrets;
}

const zaloBots = new WeakMap<BotAppDeps, Promise<ZaloWebhookBot | undefined>>();

/**
 * The Zalo bot (undefined on a deployment without a Zalo OA). It shares everything with the Telegram side but
 * the transport: its features notify staff on Telegram too (the workplace confirming a Zalo member's reason),
 * so it takes the routing messenger, and reads files from whichever channel sent them.
 */
export function zaloBotOf(deps: BotAppDeps): Promise<ZaloWebhookBot | undefined> {
  return once(zaloBots, deps, async () => {
    const zalo = await deps.zalo();
    if (!zalo) return undefined;
    const { messenger, files } = await deps.telegram();
    const bot = createZaloBot(featuresOf(deps, messenger, files), {
      botInfo: zaloBotInfo(deps.bot),
      renderer: zalo.replies,
      outbound: zalo.outbound,
      files: zalo.files,
    });
    return { bot, webhook: zalo.webhook };
  });
}

/**
 * grammY wants a botInfo; Zalo has none to ask for, so it is made of configuration (BOT_ID, BOT_USERNAME,
 * like Telegram's without getMe). Nothing reads it but grammY's command matching (`/start@<username>`).
 */
export function zaloBotInfo(config: { botId?: number; botUsername: string }): UserFromGetMe {
  return botInfoFromConfig('1:zalo', config);
}
