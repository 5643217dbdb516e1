// In-memory state of the Bot API emulator: chats and their conversation, files, callback queries, the call log and a change feed.
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import type {
  BotCommand,
  Chat,
  ForceReply,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  User,
} from 'grammy/types';

/** A Telegram user the test or the chat page plays. */
export interface SimulatedUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface DocumentInfo {
  fileId: string;
  fileUniqueId: string;
  fileName: string;
  mimeType: string;
  size: number;
  /** Path on the emulator to download the bytes from. */
  url: string;
}

export interface StoredDocument extends DocumentInfo {
  bytes: Buffer;
  /** The `file_path` getFile answers with. */
  filePath: string;
}

/** One earlier version of a message, kept when the bot edits it. */
export interface MessageRevision {
  text?: string;
  caption?: string;
  entities?: MessageEntity[];
  replyMarkup?: InlineKeyboardMarkup;
  date: number;
}

export type OtherReplyMarkup = ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

export interface ConversationMessage {
  chatId: number;
  messageId: number;
  from: 'bot' | 'user';
  /** Change-feed number of the last change to this message. */
  seq: number;
  date: number;
  editDate?: number;
  text?: string;
  caption?: string;
  entities?: MessageEntity[];
  parseMode?: string;
  /** The inline keyboard attached to the message, as it is now. */
  replyMarkup?: InlineKeyboardMarkup;
  /** A reply keyboard, keyboard removal or force-reply sent with the message (not part of the Message object). */
  keyboard?: OtherReplyMarkup;
  document?: DocumentInfo;
  /** Earlier versions, oldest first. */
  history: MessageRevision[];
  deleted: boolean;
  /** The Telegram Message object as it is now. */
  message: Message;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

export interface CallbackQueryRecord {
  id: string;
  chatId: number;
  messageId: number;
  data: string;
  from: User;
  seq: number;
  date: number;
  answer?: CallbackAnswer;
}

export interface ChatActionRecord {
  action: string;
  seq: number;
  date: number;
}

export interface ChatState {
  id: number;
  user?: SimulatedUser;
  nextMessageId: number;
  messages: Map<number, ConversationMessage>;
  callbackQueries: CallbackQueryRecord[];
  actions: ChatActionRecord[];
  seq: number;
}

export interface ApiCall {
  seq: number;
  method: string;
  params: Record<string, unknown>;
  chatId?: number | string;
  ok: boolean;
  errorCode?: number;
  description?: string;
  result?: unknown;
  /** Epoch milliseconds by the emulator's clock. */
  time: number;
  /** True when the method came back in the body of a webhook response rather than as an HTTP call. */
  viaWebhookReply?: boolean;
}

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface Waiter {
  chatId: number;
  since: number;
  resolve: (seq: number) => void;
  timer: NodeJS.Timeout;
}

function randomId(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

export function toTelegramUser(user: SimulatedUser): User {
  const out: User = { id: user.id, is_bot: false, first_name: user.first_name };
  if (user.last_name !== undefined) out.last_name = user.last_name;
  if (user.username !== undefined) out.username = user.username;
  if (user.language_code !== undefined) out.language_code = user.language_code;
  return out;
}

export class EmulatorState {
  /** Last number handed out by the change feed; every change to a chat takes the next one. */
  seq = 0;
  readonly chats = new Map<number, ChatState>();
  readonly files = new Map<string, StoredDocument>();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly calls: ApiCall[] = [];
  readonly blocked = new Set<number>();
  readonly commands = new Map<string, BotCommand[]>();
  webhook: WebhookConfig | undefined;
  private readonly waiters = new Set<Waiter>();
  private nextCallSeq = 1;
  private nextFile = 1;
  private nextCallbackQuery = 1;

  chat(chatId: number): ChatState {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { id: chatId, nextMessageId: 1, messages: new Map(), callbackQueries: [], actions: [], seq: 0 };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  /** The Chat object Telegram puts in messages: private chats carry the user's names. */
  telegramChat(chatId: number): Chat {
    const user = this.chats.get(chatId)?.user;
    if (chatId < 0) return { id: chatId, type: 'group', title: `Group ${chatId}` };
    const chat: Chat.PrivateChat = {
      id: chatId,
      type: 'private',
      first_name: user?.first_name ?? `User ${chatId}`,
    };
    if (user?.last_name !== undefined) chat.last_name = user.last_name;
    if (user?.username !== undefined) chat.username = user.username;
    return chat;
  }

  /** Stable per chat, as Telegram's chat_instance is. */
  chatInstance(chatId: number): string {
    const value = (BigInt(Math.abs(chatId)) * 2654435761n + 1000000007n) % 9000000000000000000n;
    return `-${value + 100000000000000000n}`;
  }

  nextCallbackQueryId(userId: number): string {
    return `${BigInt(Math.abs(userId)) * 4096n + BigInt(this.nextCallbackQuery++)}`;
  }

  /** Marks a change to the chat and wakes whoever waits for one. */
  touch(chatId: number): number {
    this.seq += 1;
    this.chat(chatId).seq = this.seq;
    for (const waiter of this.waiters) {
      if (waiter.chatId === chatId) this.release(waiter, this.seq);
    }
    return this.seq;
  }

  /** Resolves with the chat's newest seq once it is past `since`, or after `timeoutMs` with whatever it is. */
  waitForChange(chatId: number, since: number, timeoutMs: number): Promise<number> {
    const current = this.chats.get(chatId)?.seq ?? 0;
    if (current > since || timeoutMs <= 0) return Promise.resolve(current);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        chatId,
        since,
        resolve,
        timer: setTimeout(() => this.release(waiter, this.chats.get(chatId)?.seq ?? 0), timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Ends every pending wait now (used by stop so no timer is left behind). */
  releaseAll(): void {
    for (const waiter of this.waiters) this.release(waiter, this.chats.get(waiter.chatId)?.seq ?? 0);
  }

  private release(waiter: Waiter, seq: number): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.resolve(seq);
  }

  addMessage(entry: Omit<ConversationMessage, 'seq' | 'history' | 'deleted'>): ConversationMessage {
    const chat = this.chat(entry.chatId);
    const message: ConversationMessage = { ...entry, seq: 0, history: [], deleted: false };
    chat.messages.set(entry.messageId, message);
    message.seq = this.touch(entry.chatId);
    return message;
  }

  allocateMessageId(chatId: number): number {
    const chat = this.chat(chatId);
    const id = chat.nextMessageId;
    chat.nextMessageId += 1;
    return id;
  }

  findMessage(chatId: number, messageId: number): ConversationMessage | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message && !message.deleted ? message : undefined;
  }

  addFile(bytes: Buffer, fileName: string, mimeType: string): StoredDocument {
    const fileId = `BQACAgIAAxkDAA${randomId(56)}`;
    const extension = extname(fileName) || '.dat';
    const stored: StoredDocument = {
      fileId,
      fileUniqueId: `AgAD${randomId(12)}`,
      fileName,
      mimeType,
      size: bytes.length,
      url: `/files/${fileId}`,
      bytes,
      filePath: `documents/file_${this.nextFile++}${extension}`,
    };
    this.files.set(fileId, stored);
    return stored;
  }

  recordCall(call: Omit<ApiCall, 'seq'>): ApiCall {
    const entry: ApiCall = { ...call, seq: this.nextCallSeq++ };
    this.calls.push(entry);
    return entry;
  }

  reset(): void {
    this.releaseAll();
    this.chats.clear();
    this.files.clear();
    this.callbackQueries.clear();
    this.calls.length = 0;
    this.blocked.clear();
    this.commands.clear();
    this.webhook = undefined;
  }
}
