// Updates of the emulator: builds real Telegram Update payloads for simulated users, and queues them for getUpdates.
import type { Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import { conflict } from './errors.js';
import {
  type CallbackQueryRecord,
  type ConversationMessage,
  type EmulatorState,
  type SimulatedUser,
  toTelegramUser,
} from './state.js';

export interface UserMessageInput {
  user: SimulatedUser;
  text?: string;
  /** A file the user sends (the bot can getFile it and download from /file/bot<token>/<path>). */
  document?: { bytes: Buffer | Uint8Array | string; fileName: string; mimeType?: string };
  caption?: string;
  /** The user shares a phone number (a reply-keyboard `request_contact` button). */
  contact?: { phone_number: string; first_name?: string; last_name?: string };
  /** message_id of the message in the chat this one replies to. */
  replyTo?: number;
}

export interface EditUserMessageInput {
  user: SimulatedUser;
  messageId: number;
  text: string;
}

export interface PressButtonInput {
  user: SimulatedUser;
  messageId: number;
  /** callback_data of the button; or give `text` to press the button with that label. */
  data?: string;
  text?: string;
  /** Press even when no such button is on the message (a stale or forged callback). */
  force?: boolean;
}

export interface ChatMemberInput {
  user: SimulatedUser;
  oldStatus: 'member' | 'kicked';
  newStatus: 'member' | 'kicked';
}

const COMMAND = /(?<=^|\s)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=$|[\s.,!?;:])/g;

/** `bot_command` entities as Telegram marks them: a slash command at the start of a word, optionally @bot. */
export function commandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(COMMAND)].map((m) => ({
    type: 'bot_command' as const,
    offset: m.index ?? 0,
    length: m[0].length,
  }));
}

export type UpdateType = Exclude<keyof Update, 'update_id'>;

/** Telegram leaves these out unless allowed_updates names them. */
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

export function isAllowed(update: Update, allowed: readonly string[] | undefined): boolean {
  const type = updateType(update);
  if (!allowed || allowed.length === 0) return !OPT_IN_UPDATES.has(type);
  return allowed.includes(type);
}

/** Builds updates without delivering them, so a test can deliver one payload several times. */
export class UpdateBuilder {
  private nextUpdateId: number;

  constructor(
    private readonly state: EmulatorState,
    private readonly bot: UserFromGetMe,
    private readonly now: () => number,
    firstUpdateId: number,
  ) {
    this.nextUpdateId = firstUpdateId;
  }

  /** The update_id the next built update gets. */
  get peekUpdateId(): number {
    return this.nextUpdateId;
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private takeUpdateId(): number {
    const id = this.nextUpdateId;
    this.nextUpdateId += 1;
    return id;
  }

  private register(user: SimulatedUser): void {
    this.state.chat(user.id).user = { ...user };
  }

  /** A `message` update; the message joins the conversation as the user's. */
  message(input: UserMessageInput): Update {
    const { user } = input;
    this.register(user);
    const chatId = user.id;
    const messageId = this.state.allocateMessageId(chatId);
    const date = this.seconds();
    const message: Message = {
      message_id: messageId,
      from: toTelegramUser(user),
      chat: this.state.telegramChat(chatId),
      date,
    } as Message;
    const entry: Omit<ConversationMessage, 'seq' | 'history' | 'deleted'> = {
      chatId,
      messageId,
      from: 'user',
      date,
      message,
    };
    if (input.text !== undefined) {
      message.text = input.text;
      entry.text = input.text;
      const entities = commandEntities(input.text);
      if (entities.length > 0) {
        message.entities = entities;
        entry.entities = entities;
      }
    }
    if (input.document) {
      const bytes = Buffer.from(input.document.bytes);
      const stored = this.state.addFile(
        bytes,
        input.document.fileName,
        input.document.mimeType ?? 'application/octet-stream',
      );
      message.document = {
        file_id: stored.fileId,
        file_unique_id: stored.fileUniqueId,
        file_name: stored.fileName,
        mime_type: stored.mimeType,
        file_size: stored.size,
      };
      const { bytes: _bytes, filePath: _path, ...info } = stored;
      entry.document = info;
      if (input.caption !== undefined) {
        message.caption = input.caption;
        entry.caption = input.caption;
      }
    }
    if (input.contact) {
      message.contact = {
        phone_number: input.contact.phone_number,
        first_name: input.contact.first_name ?? user.first_name,
        user_id: user.id,
      };
      const lastName = input.contact.last_name ?? user.last_name;
      if (lastName !== undefined) message.contact.last_name = lastName;
    }
    if (input.replyTo !== undefined) {
      const replied = this.state.findMessage(chatId, input.replyTo);
      if (!replied) throw new Error(`No message ${input.replyTo} in chat ${chatId} to reply to`);
      message.reply_to_message = replied.message as Message & { reply_to_message: undefined };
    }
    this.state.addMessage(entry);
    return { update_id: this.takeUpdateId(), message: message as NonNullable<Update['message']> };
  }

  /** An `edited_message` update for a message the user sent earlier. */
  editedMessage(input: EditUserMessageInput): Update {
    const chatId = input.user.id;
    const entry = this.state.findMessage(chatId, input.messageId);
    if (entry?.from !== 'user') throw new Error(`No user message ${input.messageId} in chat ${chatId}`);
    entry.history.push({ text: entry.text ?? '', date: entry.editDate ?? entry.date });
    const editDate = this.seconds();
    const entities = commandEntities(input.text);
    const message: Message = { ...entry.message, text: input.text, edit_date: editDate } as Message;
    if (entities.length > 0) message.entities = entities;
    else delete message.entities;
    entry.text = input.text;
    entry.editDate = editDate;
    entry.message = message;
    if (entities.length > 0) entry.entities = entities;
    else delete entry.entities;
    entry.seq = this.state.touch(chatId);
    return {
      update_id: this.takeUpdateId(),
      edited_message: message as NonNullable<Update['edited_message']>,
    };
  }

  /** A `callback_query` update: the user presses an inline button under a bot message. */
  callbackQuery(input: PressButtonInput): Update {
    const { user } = input;
    this.register(user);
    const chatId = user.id;
    const entry = this.state.findMessage(chatId, input.messageId);
    if (entry?.from !== 'bot') throw new Error(`No bot message ${input.messageId} in chat ${chatId}`);
    const buttons = (entry.replyMarkup?.inline_keyboard ?? []).flat();
    const button = buttons.find((b) =>
      input.data !== undefined
        ? 'callback_data' in b && b.callback_data === input.data
        : input.text !== undefined && b.text === input.text,
    );
    let data = input.data;
    if (button && 'callback_data' in button) data = button.callback_data;
    if (data === undefined)
      throw new Error(`No callback button "${input.text}" on message ${input.messageId}`);
    if (!button && !input.force) {
      throw new Error(
        `No button with callback_data "${data}" on message ${input.messageId} in chat ${chatId}`,
      );
    }
    const from: User = toTelegramUser(user);
    const record: CallbackQueryRecord = {
      id: this.state.nextCallbackQueryId(user.id),
      chatId,
      messageId: input.messageId,
      data,
      from,
      seq: 0,
      date: this.seconds(),
    };
    this.state.callbackQueries.set(record.id, record);
    this.state.chat(chatId).callbackQueries.push(record);
    record.seq = this.state.touch(chatId);
    return {
      update_id: this.takeUpdateId(),
      callback_query: {
        id: record.id,
        from,
        message: entry.message,
        chat_instance: this.state.chatInstance(chatId),
        data,
      },
    };
  }

  /** A `my_chat_member` update: the user blocks (member → kicked) or unblocks (kicked → member) the bot. */
  myChatMember(input: ChatMemberInput): Update {
    this.register(input.user);
    const botUser: User = {
      id: this.bot.id,
      is_bot: true,
      first_name: this.bot.first_name,
      username: this.bot.username,
    };
    const member = (status: 'member' | 'kicked') =>
      status === 'kicked'
        ? { status: 'kicked' as const, user: botUser, until_date: 0 }
        : { status: 'member' as const, user: botUser };
    return {
      update_id: this.takeUpdateId(),
      my_chat_member: {
        chat: this.state.telegramChat(input.user.id),
        from: toTelegramUser(input.user),
        date: this.seconds(),
        old_chat_member: member(input.oldStatus),
        new_chat_member: member(input.newStatus),
      },
    };
  }
}

type PollOutcome = 'update' | 'conflict' | 'webhook' | 'closed';

interface Poll {
  resolve: (outcome: PollOutcome) => void;
  timer: NodeJS.Timeout;
}

/** The updates waiting for getUpdates, with Telegram's offset confirmation and a single long poll at a time. */
export class UpdateQueue {
  private items: Update[] = [];
  private poll: Poll | undefined;
  /** allowed_updates of the last getUpdates that gave it; Telegram remembers it across calls. */
  allowedUpdates: string[] | undefined;

  get pending(): readonly Update[] {
    return this.items;
  }

  /** A getUpdates call is waiting for an update (a test waits for it instead of sleeping). */
  get polling(): boolean {
    return this.poll !== undefined;
  }

  push(update: Update): void {
    this.items.push(update);
    this.finishPoll('update');
  }

  /** Empties the queue, returning what was in it (for a webhook set while updates wait). */
  drain(): Update[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  clear(): void {
    this.items = [];
  }

  /** Ends a waiting long poll with no updates, as when the server stops. */
  close(): void {
    this.finishPoll('closed');
  }

  /** A webhook was set: a waiting long poll gets Telegram's 409. */
  webhookSet(): void {
    this.finishPoll('webhook');
  }

  async take(options: {
    offset?: number;
    limit: number;
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<Update[]> {
    const { offset, limit } = options;
    if (offset !== undefined && offset < 0) this.items = this.items.slice(offset);
    else if (offset !== undefined && offset > 0) this.items = this.items.filter((u) => u.update_id >= offset);
    // A second poller takes over; the first gets Telegram's 409.
    this.finishPoll('conflict');
    const ready = this.available(limit);
    if (ready.length > 0 || options.timeoutMs <= 0) return ready;
    const outcome = await new Promise<PollOutcome>((resolve) => {
      const poll: Poll = {
        resolve,
        timer: setTimeout(() => this.finishPoll('closed', poll), options.timeoutMs),
      };
      this.poll = poll;
      options.signal?.addEventListener('abort', () => this.finishPoll('closed', poll), { once: true });
    });
    if (outcome === 'conflict') {
      throw conflict(
        'terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    }
    if (outcome === 'webhook') throw conflict('terminated by setWebhook request');
    return this.available(limit);
  }

  private available(limit: number): Update[] {
    this.items = this.items.filter((u) => isAllowed(u, this.allowedUpdates));
    return this.items.slice(0, limit);
  }

  private finishPoll(outcome: PollOutcome, only?: Poll): void {
    const poll = this.poll;
    if (!poll || (only && poll !== only)) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    poll.resolve(outcome);
  }
}
