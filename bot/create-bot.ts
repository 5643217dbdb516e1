// bot: assembles the grammY bot — the Telegram context set-up, and the one chain every channel shares (claim, error boundary, features, catch-all last).
import { Bot, type BotError, type Composer, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { unpackCallbackData } from '../chat/channels/telegram/callback-data.js';
import { telegramClientOptions } from '../chat/channels/telegram/client.js';
import { TelegramMessenger } from '../chat/channels/telegram/messenger.js';
import { TelegramRenderer } from '../chat/channels/telegram/renderer.js';
import { TelegramUi } from '../chat/channels/telegram/ui.js';
import type { UpdateClaim } from '../chat/channels/update-claim.js';
import { errorText, isExpected } from '../chat/errors.js';
import { type Catalogue, catalogue } from '../chat/i18n/index.js';
import { type ChatUi, message } from '../chat/view.js';
import { activityStampDue } from '../shared/domain/delivery.js';
import { normaliseText } from '../shared/domain/text.js';
import type { ChatMessenger } from '../shared/ports/chat.js';
import type { ConversationDraft } from '../shared/ports/conversation.js';
import { type ChatActor, chatActor } from '../shared/services/chat-actors.js';
import { mayAnswerInResponse } from './answer-in-response.js';
import { type BotContext, type BotDeps, type ChatUser, telegramChatUser } from './context.js';
import { absenceNoticesFeature } from './features/absence-notices.js';
import { administrationFeature } from './features/administration.js';
import { attendanceFeature } from './features/attendance.js';
import { bulkReceiveFeature } from './features/bulk-receive.js';
import { chatMemberFeature } from './features/chat-member.js';
import { commentAnswersFeature } from './features/comment-answers.js';
import { commentsFeature } from './features/comments.js';
import { committeeAdminFeature } from './features/committee-admin.js';
import { committeeImportFeature } from './features/committee-import.js';
import { confirmationsFeature } from './features/confirmations.js';
import { fallbackFeature } from './features/fallback.js';
import { importsFeature } from './features/imports.js';
import { invitationsFeature } from './features/invitations.js';
import { linkRequestsFeature } from './features/link-requests.js';
import { linkingFeature } from './features/linking.js';
import { meetingChangesFeature } from './features/meeting-changes.js';
import { meetingsFeature } from './features/meetings.js';
import { minutesFeature } from './features/minutes.js';
import { attendPressShortcut, rsvpFeature } from './features/rsvp.js';
import { startFeature } from './features/start.js';
import { unlinkingFeature } from './features/unlinking.js';

export interface CreateBotOptions {
  /** From configuration (BOT_ID, BOT_USERNAME): no getMe on a cold start. */
  botInfo: UserFromGetMe;
  /** The Bot API's root: Telegram's by default, the loopback emulator locally. */
  apiRoot?: string;
  /** Shared with the messenger of background jobs in the same process, so limits hold for both. */
  throttler?: Transformer;
}

/** Telegram redelivers an update it got no 200 for; one already applied is acknowledged and skipped. */
const UPDATE_CLAIM_SECONDS = 7 * 24 * 3600;

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    botInfo: options.botInfo,
    client: {
      ...telegramClientOptions(options.apiRoot),
      // The RSVP press's answer goes back in the webhook's HTTP response instead of a call of its own (issue
      // 19): the spinner stops when Telegram reads the response, one Bot API round trip fewer. Only where the
      // answer comes last (answeringLast), and only on the update's own Api (grammY gives the envelope to
      // ctx.api in webhook mode); long polling calls as before.
      canUseWebhookReply: mayAnswerInResponse,
    },
  });
  if (options.throttler) bot.api.config.use(options.throttler);
  const renderer = new TelegramRenderer(bot.api, deps.ports.callbackData);
  const messenger = deps.messenger ?? new TelegramMessenger(renderer);
  const fullDeps = { ...deps, messenger };

  // 1. The typed context: ports, the user's language, the channel's UI, lazy actor and draft lookups.
  bot.use(async (ctx, next) => {
    setChatContext(ctx, fullDeps, telegramChatUser(ctx), new TelegramUi(ctx, renderer));
    await next();
  });

  installBotChain(bot, fullDeps, {
    claimOf: (ctx) => ({
      scope: 'telegram-update',
      key: String(ctx.update.update_id),
      ttlSeconds: UPDATE_CLAIM_SECONDS,
    }),
    seenBefore: (ctx) => deps.log.info('telegram update seen before', { updateId: ctx.update.update_id }),
  });
  return bot;
}

/** The typed context every channel sets up first: ports, the user's language, the channel's UI, lazy look-ups. */
export function setChatContext(
  ctx: BotContext,
  deps: BotDeps & { messenger: ChatMessenger },
  user: ChatUser | undefined,
  ui: ChatUi,
  t: Catalogue = catalogue(user?.languageCode),
): void {
  ctx.deps = deps;
  ctx.t = t;
  ctx.ui = ui;
  ctx.chatUser = user;
  let actor: Promise<ChatActor | undefined> | undefined;
  ctx.actor = () => {
    actor ??= user ? chatActor(user.channel, user.userId, deps.ports) : Promise.resolve(undefined);
    return actor;
  };
  let draft: Promise<ConversationDraft | undefined> | undefined;
  ctx.draft = () => {
    draft ??= user ? deps.ports.drafts.get(user.channel, user.userId) : Promise.resolve(undefined);
    return draft;
  };
}

// The claim's shape lives with the channels, which name their updates (chat/channels/update-claim.ts).
export type { UpdateClaim };

/**
 * A claimed update still being handled this long after its claim was handled by a function that died (cut
 * at its timeout, at most 30 s for a webhook: infra/stacks/registry.ts): the channel's retry handles it.
 */
export const UPDATE_IN_PROGRESS_SECONDS = 40;

/** The update is being handled by another invocation right now: answer an error so the channel retries later. */
export class UpdateInProgressError extends Error {
  constructor() {
    super('The same update is being handled by another invocation');
    this.name = 'UpdateInProgressError';
  }
}

/** What differs per channel in the chain after the context set-up. */
export interface BotChannelHooks {
  /**
   * The update's claim (Telegram's update_id, Zalo's msg_id), or undefined for one that has no id and is
   * handled each time. A failure to claim (storage down) is thrown, so the webhook answers 500 and the
   * channel retries.
   */
  claimOf(ctx: BotContext): UpdateClaim | undefined;
  /** Logs a repeat that was acknowledged and skipped. */
  seenBefore(ctx: BotContext): void;
  /** The channel's own handlers (Zalo's follow greeting), run inside the error boundary before the features. */
  before?: Composer<BotContext>;
}

/**
 * The one dispatcher of features for every channel: installed by `createBot` (Telegram) and `createZaloBot`
 * after their own context set-up (ctx.deps, ctx.t, ctx.ui, ctx.chatUser, ctx.actor, ctx.draft), so no
 * feature is written twice. `deps` are the features' (ctx.deps), passed for the callback store and the log.
 */
export function installBotChain(
  bot: Bot<BotContext>,
  deps: BotDeps & { messenger: ChatMessenger },
  channel: BotChannelHooks,
): void {
  // Text is normalised once, where it enters (NFC, no invisible bidi or zero-width characters): features
  // compare, store and print it as it is from here on.
  bot.use(async (ctx, next) => {
    const incoming = ctx.message ?? ctx.editedMessage;
    if (incoming?.text !== undefined) incoming.text = normaliseText(incoming.text);
    if (incoming?.caption !== undefined) incoming.caption = normaliseText(incoming.caption);
    await next();
  });

  // 2. Once per update (Telegram's update_id, Zalo's msg_id), however often the channel delivers it. A
  //    failure to claim (storage down) is thrown, so the webhook answers 500 and the channel tries again
  //    later. The claim is in progress until the update is handled, then completed: a handling that
  //    failed gives it back, and one whose function died leaves it only UPDATE_IN_PROGRESS_SECONDS, so the
  //    channel's retry is handled rather than skipped as "seen before" (a member's press is never lost).
  //    Whose chat it is, is read alongside the claim (a read, so harmless for a repeat).
  // "Tham dự" in one read and one transaction that holds the claim too (issue 19); anything else goes on.
  bot.use(attendPressShortcut(channel.claimOf));

  bot.use(async (ctx, next) => {
    // Marked handled here; whoever awaits ctx.actor() later still gets its error.
    ctx.actor().catch(() => undefined);
    const claim = channel.claimOf(ctx);
    if (!claim) return next();
    const store = deps.ports.idempotency;
    const first = await store.claim(claim.scope, claim.key, claim.ttlSeconds, {
      inProgressSeconds: UPDATE_IN_PROGRESS_SECONDS,
    });
    if (!first) {
      if ((await store.status(claim.scope, claim.key)) !== 'completed') throw new UpdateInProgressError();
      channel.seenBefore(ctx);
      return;
    }
    try {
      await next();
    } catch (error) {
      await store.release(claim.scope, claim.key).catch(() => undefined);
      throw error;
    }
    await store.complete(claim.scope, claim.key, claim.ttlSeconds, null);
  });

  // The channel a person uses now is where their notices go first (shared/domain/delivery.ts): a message or
  // a press stamps the chat, at most once an hour. A failed stamp only leaves the order as it was.
  bot.use(async (ctx, next) => {
    if (ctx.message || ctx.callbackQuery) {
      const actor = await ctx.actor().catch(() => undefined);
      const now = deps.clock.now();
      if (actor && activityStampDue(actor.link, now)) {
        await deps.ports.chatLinks
          .markActive(actor.link.channel, actor.link.userId, now)
          .catch((error: unknown) =>
            deps.log.warn('chat activity not stamped', { errorName: (error as Error)?.name }, error),
          );
      }
    }
    await next();
  });

  // Private chats only: invitations, member lists and absence reasons must never land in a group.
  bot.drop((ctx) => ctx.chat !== undefined && ctx.chat.type !== 'private' && !ctx.myChatMember);

  // 3. Button data too long for Telegram was stored by the renderer: features only see the logical data.
  bot.on('callback_query:data', async (ctx, next) => {
    const logical = await unpackCallbackData(ctx.callbackQuery.data, deps.ports.callbackData);
    ctx.callbackQuery.data = logical ?? 'stale';
    await next();
  });

  // 4. Every button press is answered, whatever the features did (or failed to do).
  bot.on('callback_query', async (ctx, next) => {
    try {
      await next();
    } finally {
      await ctx.ui.answer().catch(() => undefined);
    }
  });

  const features = bot.errorBoundary(handleBotError);
  if (channel.before) features.use(channel.before);
  features.use(chatMemberFeature);
  features.use(startFeature);
  features.use(linkingFeature);
  features.use(unlinkingFeature);
  features.use(linkRequestsFeature);
  features.use(administrationFeature);
  features.use(committeeAdminFeature);
  features.use(meetingsFeature);
  features.use(meetingChangesFeature);
  features.use(invitationsFeature);
  features.use(bulkReceiveFeature);
  // Before the members' import: an administrator's CSV is a list of committees (decided by the sender's role).
  features.use(committeeImportFeature);
  features.use(importsFeature);
  features.use(rsvpFeature);
  features.use(confirmationsFeature);
  // Features only the webhook installs (the year end): see BotDeps.extraFeatures.
  for (const feature of deps.extraFeatures ?? []) features.use(feature);
  features.use(attendanceFeature);
  features.use(commentsFeature);
  features.use(commentAnswersFeature);
  features.use(absenceNoticesFeature);
  features.use(minutesFeature);
  // Catch-all, installed last: stale buttons, edited messages, anything no feature understood.
  features.use(fallbackFeature);
}

/**
 * Domain errors become a polite reply (or the answer to the press); anything else is logged with its name,
 * message and stack (the log adapter masks what a foreign message may quote of the user's text).
 */
async function handleBotError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  const cause = error.error;
  if (!isExpected(cause)) {
    ctx.deps.log.error(
      'bot update failed',
      { updateId: ctx.update.update_id, errorName: (cause as Error)?.name },
      cause,
    );
  }
  const text = errorText(ctx.t, cause);
  try {
    if (ctx.callbackQuery) await ctx.ui.answer(text, { alert: true });
    else if (ctx.chat?.type === 'private') await ctx.ui.reply(message(text));
  } catch {
    // The user may have blocked the bot meanwhile: nothing more to tell them.
  }
}
