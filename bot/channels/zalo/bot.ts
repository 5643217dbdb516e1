// channel (Zalo): the grammY Bot that dispatches Zalo events to the same features as Telegram — events become synthetic updates, the Zalo ids travel beside them.
import { Bot, Composer } from 'grammy';
import type { Chat, Update, User, UserFromGetMe } from 'grammy/types';
import { CODE_ALPHABET } from '../../../shared/adapters/ids.js';
import type { ChatMessenger } from '../../../shared/ports/chat.js';
import type { BotContext, BotDeps, ChatUser } from '../../context.js';
import { installBotChain, setChatContext } from '../../create-bot.js';
import { type Catalogue, catalogue } from '../../i18n/index.js';
import { message } from '../../view.js';
import { claimZaloEvent } from './dedup.js';
import type { ZaloEvent } from './events.js';
import type { ZaloAnswerPlan, ZaloOutbound } from './outbound.js';
import { pressedAction, type ZaloRenderer, type ZaloSendOptions } from './renderer.js';
import { ZaloUi } from './ui.js';

export interface ZaloBotOptions {
  /** From configuration: grammY wants a botInfo, which Zalo never asks for (no getMe is made). */
  botInfo: UserFromGetMe;
  renderer: ZaloRenderer;
  /**
   * The reply window: each user message is recorded (after the answer, with the replies it spent) so that
   * notices can quote it; absent, answers simply quote the message they answer.
   */
  outbound?: ZaloOutbound;
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
    claim: async (ctx) => {
      const zalo = inbound.get(ctx.update);
      if (!zalo) return false;
      const first = await claimZaloEvent(deps.ports.idempotency, zalo.event);
      if (!first) deps.log.info('zalo event seen before', { updateType: zalo.event.kind });
      return first;
    },
    before: followFeature,
  });

  let nextUpdateId = 1;
  return {
    bot,
    async handle(event) {
      if (event.kind === 'ignored') return;
      const update = await toUpdate(event, nextUpdateId++, deps);
      const plan: ZaloAnswerPlan | undefined =
        event.kind === 'text' ? options.outbound?.answer(event.msgId) : undefined;
      const send: ZaloSendOptions = plan ? { plan } : event.kind === 'text' ? { quote: event.msgId } : {};
      inbound.set(update, { event, isPress: update.callback_query !== undefined, send });
      try {
        await bot.handleUpdate(update);
      } finally {
        // After the answer, never before it: one conditional write per text (a press is one too), which a
        // replay of the same msg_id leaves unchanged (the free replies it spent stay spent).
        if (plan && event.kind === 'text') {
          await options.outbound?.recordInbound(event.userId, event.msgId, new Date(event.at), plan.replies);
        }
      }
    },
  };
}

/**
 * The Telegram update a Zalo event stands for: a press of our button → callback_query with its (packed)
 * action; a link code typed or pasted by an unlinked user → `/start <code>`; any other text → a message;
 * follow / unfollow → my_chat_member (member / kicked), as when a Telegram user unblocks or blocks the bot.
 */
async function toUpdate(
  event: Exclude<ZaloEvent, { kind: 'ignored' }>,
  updateId: number,
  deps: BotDeps,
): Promise<Update> {
  const date = Math.floor(event.at / 1000);
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
