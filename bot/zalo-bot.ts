// bot: the Zalo bot — the grammY Bot that dispatches Zalo events to the same features as Telegram; events become synthetic updates, the Zalo ids travel beside them.
import { createHash } from 'node:crypto';
import { Bot, Composer } from 'grammy';
import type { Chat, Update, User, UserFromGetMe } from 'grammy/types';
import { zaloEventClaim } from '../chat/channels/zalo/dedup.js';
import type { ZaloEvent } from '../chat/channels/zalo/events.js';
import type { ZaloFileSource } from '../chat/channels/zalo/files.js';
import type { ZaloAnswerPlan, ZaloOutbound } from '../chat/channels/zalo/outbound.js';
import { pressedAction, type ZaloRenderer, type ZaloSendOptions } from '../chat/channels/zalo/renderer.js';
import { ZaloUi } from '../chat/channels/zalo/ui.js';
import { type Catalogue, catalogue } from '../chat/i18n/index.js';
import { message } from '../chat/view.js';
import { CODE_ALPHABET } from '../shared/adapters/ids.js';
import type { ChatMessenger } from '../shared/ports/chat.js';
import type { BotContext, BotDeps, ChatUser } from './context.js';
import { installBotChain, setChatContext } from './create-bot.js';

export interface ZaloBotOptions {
  /** From configuration: grammY wants a botInfo, which Zalo never asks for (no getMe is made). */
  botInfo: UserFromGetMe;
  renderer: ZaloRenderer;
  /**
   * The reply window: each user message is recorded (after the answer, with the replies it spent) so that
   * notices can quote it; absent, answers simply quote the message they answer.
   */
  outbound?: ZaloOutbound;
  /**
   * Which file URLs may be fetched (ZaloFileSource.accepts): a file event whose URL is elsewhere is answered
   * politely and never reaches a feature. Absent, every file event is refused so.
   */
  files?: Pick<ZaloFileSource, 'accepts'>;
}

export interface ZaloBot {
  /** The grammY Bot: the same chain and features as Telegram's, over Zalo's context set-up. */
  bot: Bot<BotContext>;
  /** Dispatches one verified event (claimed once by its msg_id inside the chain). */
  handle(event: ZaloEvent): Promise<void>;
}

/** What the synthetic update carries beside it: Zalo's ids are strings too long for Telegram's numbers. */
interface ZaloInboundUpdate {
  event: Exclude<ZaloEvent, { kind: 'ignored' }>;
  isPress: boolean;
  /** How the answer to a user's text quotes it (counted by the reply window when there is one). */
  send: ZaloSendOptions;
}

/** Telegram's shapes need a numeric user and chat; features read ctx.chatUser (the Zalo id), never these. */
const ZALO_FROM: User = { id: 0, is_bot: false, first_name: 'Zalo' };
const ZALO_CHAT: Chat.PrivateChat = { id: 0, type: 'private', first_name: 'Zalo' };

const LINK_CODE = new RegExp(`^[${CODE_ALPHABET}]{8}$`, 'i');
const COMMAND = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/;

/**
 * The catalogue as Zalo users read it: the not-linked texts tell them to send their code (there are no deep
 * links into an OA chat). Zalo does not say the user's language: Vietnamese.
 */
export function zaloCatalogue(languageCode?: string): Catalogue {
  const t = catalogue(languageCode);
  return {
    ...t,
    start: { ...t.start, notLinked: t.zalo.notLinked },
    errors: { ...t.errors, notLinked: t.zalo.notLinked },
  };
}

/**
 * A Zalo message id as the number a Telegram message_id is: features key per-message work by it (a members'
 * import is one job per `channel:chat:message`), so each file message needs its own. 48 bits of a hash of the
 * msg_id: exact in a JavaScript number, and a collision between two files of one user is not a concern.
 */
export function zaloMessageNumber(msgId: string): number {
  return Number.parseInt(createHash('sha256').update(msgId, 'utf8').digest('hex').slice(0, 12), 16);
}

/**
 * A file whose URL is not on Zalo's file hosts (a host Zalo started using that ZALO_FILE_HOST_SUFFIXES
 * lacks, or an event signed by whoever holds the OA secret) is told so and goes no further: no job, no fetch.
 */
function fileGuard(files: Pick<ZaloFileSource, 'accepts'> | undefined): Composer<BotContext> {
  const guard = new Composer<BotContext>();
  guard.on('message:document', async (ctx, next) => {
    if (files?.accepts(ctx.message.document.file_id)) return next();
    // The host only: a URL may carry a name or a token.
    let host = 'invalid';
    try {
      host = new URL(ctx.message.document.file_id).hostname;
    } catch {}
    ctx.deps.log.warn('zalo file refused: not on a Zalo file host', { host });
    await ctx.ui.reply(message(ctx.t.zalo.fileNotFromZalo));
  });
  return guard;
}

/** Follow: unblocked, and greeted with what to do next (send the link code, or nothing if linked already). */
const followFeature = new Composer<BotContext>();
followFeature.on('my_chat_member', async (ctx, next) => {
  if (ctx.myChatMember.new_chat_member.status !== 'member') return next();
  const user = ctx.chatUser;
  if (!user) return;
  await ctx.deps.ports.chatLinks.setBlocked(user.channel, user.userId, false);
  const actor = await ctx.actor();
  const name = actor ? (actor.kind === 'member' ? actor.member.fullName : actor.staff.fullName) : undefined;
  await ctx.ui.reply(message(name ? ctx.t.zalo.followedLinked(name) : ctx.t.zalo.followed));
});

export function createZaloBot(
  deps: BotDeps & { messenger: ChatMessenger },
  options: ZaloBotOptions,
): ZaloBot {
  // The token is never sent anywhere: every answer goes through ctx.ui, and a raw Bot API call fails loudly.
  const bot = new Bot<BotContext>('zalo:no-bot-api', { botInfo: options.botInfo });
  bot.api.config.use((_prev, method) => {
    throw new Error(`The Zalo bot made a Bot API call (${method}): features must answer through ctx.ui`);
  });
  const inbound = new WeakMap<Update, ZaloInboundUpdate>();
  const t = zaloCatalogue();

  bot.use(async (ctx, next) => {
    const zalo = inbound.get(ctx.update);
    if (!zalo) throw new Error('A Zalo update without its event');
    const { event, isPress, send } = zalo;
    const user: ChatUser = { channel: 'zalo', userId: event.userId, chatId: event.userId };
    setChatContext(ctx, deps, user, new ZaloUi(options.renderer, event.userId, t, send, isPress), t);
    await next();
  });

  installBotChain(bot, deps, {
    claimOf: (ctx) => {
      const zalo = inbound.get(ctx.update);
      return zalo ? zaloEventClaim(zalo.event) : undefined;
    },
    seenBefore: (ctx) =>
      deps.log.info('zalo event seen before', { updateType: inbound.get(ctx.update)?.event.kind }),
    before: new Composer<BotContext>(followFeature, fileGuard(options.files)),
  });

  let nextUpdateId = 1;
  return {
    bot,
    async handle(event) {
      if (event.kind === 'ignored') return;
      const update = await toUpdate(event, nextUpdateId++, deps);
      // A user's message (a text, a file) opens a reply window and is quoted; follow/unfollow are not messages.
      const isMessage = event.kind === 'text' || event.kind === 'file';
      const plan: ZaloAnswerPlan | undefined = isMessage ? options.outbound?.answer(event.msgId) : undefined;
      const send: ZaloSendOptions = plan ? { plan } : isMessage ? { quote: event.msgId } : {};
      inbound.set(update, { event, isPress: update.callback_query !== undefined, send });
      try {
        await bot.handleUpdate(update);
      } finally {
        // After the answer, never before it: one conditional write per user message (a text, a press, a file), which a
        // replay of the same msg_id leaves unchanged (the free replies it spent stay spent).
        if (plan && isMessage) {
          await options.outbound?.recordInbound(event.userId, event.msgId, new Date(event.at), plan.replies);
        }
      }
    },
  };
}

/**
 * The Telegram update a Zalo event stands for: a press of our button → callback_query with its (packed)
 * action; a link code typed or pasted by an unlinked user → `/start <code>`; any other text → a message;
 * a file → a message with a document (file_id = the file's URL); follow / unfollow → my_chat_member
 * (member / kicked), as when a Telegram user unblocks or blocks the bot.
 */
async function toUpdate(
  event: Exclude<ZaloEvent, { kind: 'ignored' }>,
  updateId: number,
  deps: BotDeps,
): Promise<Update> {
  const date = Math.floor(event.at / 1000);
  if (event.kind === 'file') {
    // The same document message as Telegram's, so the same features read it; its file_id is Zalo's URL.
    const { url, name, size, checksum } = event.file;
    return {
      update_id: updateId,
      message: {
        message_id: zaloMessageNumber(event.msgId),
        date,
        chat: ZALO_CHAT,
        from: ZALO_FROM,
        document: {
          file_id: url,
          file_unique_id: checksum ?? event.msgId,
          file_name: name,
          ...(name !== undefined && /\.csv$/i.test(name) ? { mime_type: 'text/csv' } : {}),
          file_size: size,
        },
      },
    };
  }
  if (event.kind !== 'text') {
    return {
      update_id: updateId,
      my_chat_member: {
        chat: ZALO_CHAT,
        from: ZALO_FROM,
        date,
        old_chat_member:
          event.kind === 'follow'
            ? { status: 'left', user: ZALO_FROM }
            : { status: 'member', user: ZALO_FROM },
        new_chat_member:
          event.kind === 'follow'
            ? { status: 'member', user: ZALO_FROM }
            : { status: 'kicked', user: ZALO_FROM, until_date: 0 },
      },
    };
  }
  const action = pressedAction(event.text);
  if (action !== undefined) {
    return {
      update_id: updateId,
      callback_query: {
        id: event.msgId,
        from: ZALO_FROM,
        chat_instance: 'zalo',
        data: action,
        message: { message_id: 0, date, chat: ZALO_CHAT },
      },
    };
  }
  let text = event.text.trim();
  // Zalo users cannot open a deep link into an OA chat: the code itself, typed or pasted, links them.
  if (LINK_CODE.test(text) && !(await deps.ports.chatLinks.byChat('zalo', event.userId))) {
    text = `/start ${text.toUpperCase()}`;
  }
  const command = COMMAND.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: 0,
      date,
      chat: ZALO_CHAT,
      from: ZALO_FROM,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}
