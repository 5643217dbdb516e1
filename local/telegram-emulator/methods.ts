// Bot API methods of the emulator: validate params like Telegram, change the state, and return real result shapes.
import type {
  BotCommand,
  File,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  User,
  UserFromGetMe,
  WebhookInfo,
} from 'grammy/types';
import { type Params, UploadedFile } from './body.js';
import { badRequest, conflict, DESCRIPTIONS } from './errors.js';
import { type FormattedText, formatText } from './formatting.js';
import type {
  CallbackAnswer,
  ConversationMessage,
  DocumentInfo,
  EmulatorState,
  OtherReplyMarkup,
  StoredDocument,
} from './state.js';
import type { UpdateQueue } from './updates.js';

export interface MethodContext {
  state: EmulatorState;
  queue: UpdateQueue;
  bot: UserFromGetMe;
  /** Epoch milliseconds by the emulator's clock. */
  now(): number;
  /** Aborted when the HTTP client goes away (ends a long poll early). */
  signal: AbortSignal | undefined;
  /** Called after setWebhook so updates already queued go to the webhook. */
  onWebhookSet(): void;
}

/** A result that Telegram answers with a `description` beside it (setWebhook, deleteWebhook). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodHandler = (ctx: MethodContext, params: Params) => unknown;

/** Methods that send or edit a message: the flood limits apply to them. */
export const RATE_LIMITED_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendDocument',
  'editMessageText',
  'editMessageReplyMarkup',
]);

/** Methods that reach the user, and so answer 403 once the user has blocked the bot. */
export const BLOCKABLE_METHODS: ReadonlySet<string> = new Set([...RATE_LIMITED_METHODS, 'sendChatAction']);

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
export const MAX_CALLBACK_DATA_BYTES = 64;

// ---- parameters ---------------------------------------------------------------------------------------------

function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`field "${name}" must be of type String`);
}

function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  throw badRequest(`field "${name}" must be of type Integer`);
}

function optionalBool(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || value === 'true' || value === '1' || value === 1;
}

function optionalJson(params: Params, name: string, failure: string): unknown {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(failure);
  }
}

/** chat_id as given (number, numeric string or @username), for the call log and the limits; never throws. */
export function chatIdOf(params: Params): number | string | undefined {
  const value = params.chat_id;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return /^-?\d+$/.test(value) ? Number(value) : value;
  return undefined;
}

function requireChatId(params: Params): number {
  const chatId = chatIdOf(params);
  if (chatId === undefined) throw badRequest('chat_id is empty');
  // The emulator has no channels or public groups to look a username up in.
  if (typeof chatId !== 'number') throw badRequest(DESCRIPTIONS.chatNotFound);
  return chatId;
}

// ---- reply markup -------------------------------------------------------------------------------------------

interface ParsedMarkup {
  inline?: InlineKeyboardMarkup;
  other?: OtherReplyMarkup;
}

const BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateInlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      if (!isRecord(button))
        throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof button.text !== 'string') {
        throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`);
      }
      const actions = BUTTON_ACTIONS.filter((a) => button[a] !== undefined);
      if (actions.length === 0) {
        throw badRequest(
          "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        );
      }
      if (button.callback_data !== undefined) {
        const data = button.callback_data;
        if (typeof data !== 'string') {
          throw badRequest(
            `can't parse inline keyboard button: Field "callback_data" must be of type String`,
          );
        }
        const bytes = Buffer.byteLength(data, 'utf8');
        if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest(DESCRIPTIONS.buttonDataInvalid);
      }
      if (button.url !== undefined && (typeof button.url !== 'string' || !URL.canParse(button.url))) {
        throw badRequest(`inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`);
      }
    }
  }
  return { inline_keyboard: rows as InlineKeyboardButton[][] };
}

function parseReplyMarkup(params: Params): ParsedMarkup {
  const failure = "can't parse reply keyboard markup JSON object";
  const value = optionalJson(params, 'reply_markup', failure);
  if (value === undefined) return {};
  if (!isRecord(value)) throw badRequest(failure);
  if ('inline_keyboard' in value) return { inline: validateInlineKeyboard(value.inline_keyboard) };
  if ('keyboard' in value) {
    if (!Array.isArray(value.keyboard) || !value.keyboard.every(Array.isArray)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    return { other: value as unknown as OtherReplyMarkup };
  }
  if (value.remove_keyboard === true || value.force_reply === true) {
    return { other: value as unknown as OtherReplyMarkup };
  }
  throw badRequest(failure);
}

/** Key-order-independent JSON, so "is it modified" does not depend on how a client ordered fields. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// ---- messages -----------------------------------------------------------------------------------------------

function botUser(bot: UserFromGetMe): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}

function seconds(ctx: MethodContext): number {
  return Math.floor(ctx.now() / 1000);
}

function formatted(
  params: Params,
  field: 'text' | 'caption',
  parseModeField: string,
): FormattedText | undefined {
  const raw = optionalString(params, field);
  if (raw === undefined) return undefined;
  const entitiesField = field === 'text' ? 'entities' : 'caption_entities';
  const explicit = optionalJson(params, entitiesField, `can't parse ${entitiesField} JSON object`);
  const parseMode = optionalString(params, parseModeField);
  if (Array.isArray(explicit) && !parseMode) return { text: raw, entities: explicit as MessageEntity[] };
  return formatText(raw, parseMode);
}

function requireText(params: Params): FormattedText {
  const text = formatted(params, 'text', 'parse_mode');
  if (!text || text.text.length === 0) throw badRequest(DESCRIPTIONS.textEmpty);
  if (text.text.length > MAX_TEXT_LENGTH) throw badRequest(DESCRIPTIONS.messageTooLong);
  return text;
}

function replyTarget(ctx: MethodContext, chatId: number, params: Params): ConversationMessage | undefined {
  const reply = optionalJson(params, 'reply_parameters', "can't parse reply parameters JSON object");
  const replyId = isRecord(reply) ? Number(reply.message_id) : optionalInt(params, 'reply_to_message_id');
  if (replyId === undefined || Number.isNaN(replyId)) return undefined;
  const target = ctx.state.findMessage(chatId, replyId);
  const allowMissing =
    (isRecord(reply) && reply.allow_sending_without_reply === true) ||
    optionalBool(params, 'allow_sending_without_reply') === true;
  if (!target && !allowMissing) throw badRequest('message to be replied not found');
  return target;
}

interface BotContent {
  text?: FormattedText;
  caption?: FormattedText;
  document?: StoredDocument;
  markup: ParsedMarkup;
  parseMode?: string;
  replyTo?: ConversationMessage;
}

function addBotMessage(ctx: MethodContext, chatId: number, content: BotContent): ConversationMessage {
  const messageId = ctx.state.allocateMessageId(chatId);
  const date = seconds(ctx);
  const message = {
    message_id: messageId,
    from: botUser(ctx.bot),
    chat: ctx.state.telegramChat(chatId),
    date,
  } as Message;
  const entry: Omit<ConversationMessage, 'seq' | 'history' | 'deleted'> = {
    chatId,
    messageId,
    from: 'bot',
    date,
    message,
  };
  if (content.replyTo) {
    message.reply_to_message = content.replyTo.message as NonNullable<Message['reply_to_message']>;
  }
  if (content.text) {
    message.text = content.text.text;
    entry.text = content.text.text;
    if (content.text.entities.length > 0) {
      message.entities = content.text.entities;
      entry.entities = content.text.entities;
    }
  }
  if (content.document) {
    const d = content.document;
    message.document = {
      file_name: d.fileName,
      mime_type: d.mimeType,
      file_id: d.fileId,
      file_unique_id: d.fileUniqueId,
      file_size: d.size,
    };
    entry.document = documentInfo(d);
    if (content.caption && content.caption.text.length > 0) {
      message.caption = content.caption.text;
      entry.caption = content.caption.text;
      if (content.caption.entities.length > 0) {
        message.caption_entities = content.caption.entities;
        entry.entities = content.caption.entities;
      }
    }
  }
  if (content.markup.inline) {
    message.reply_markup = content.markup.inline;
    entry.replyMarkup = content.markup.inline;
  }
  if (content.markup.other) entry.keyboard = content.markup.other;
  if (content.parseMode) entry.parseMode = content.parseMode;
  return ctx.state.addMessage(entry);
}

function documentInfo(stored: StoredDocument): DocumentInfo {
  const { bytes: _bytes, filePath: _filePath, ...info } = stored;
  return info;
}

function editTarget(ctx: MethodContext, params: Params): ConversationMessage {
  if (optionalString(params, 'inline_message_id') !== undefined) {
    // The emulator has no inline mode, so no inline message can exist.
    throw badRequest(DESCRIPTIONS.messageToEditNotFound);
  }
  const chatId = requireChatId(params);
  const messageId = optionalInt(params, 'message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const target = ctx.state.findMessage(chatId, messageId);
  if (!target) throw badRequest(DESCRIPTIONS.messageToEditNotFound);
  if (target.from !== 'bot') throw badRequest(DESCRIPTIONS.messageCantBeEdited);
  return target;
}

function revise(
  ctx: MethodContext,
  target: ConversationMessage,
  text: FormattedText | undefined,
  markup: InlineKeyboardMarkup | undefined,
): Message {
  const revision: ConversationMessage['history'][number] = { date: target.editDate ?? target.date };
  if (target.text !== undefined) revision.text = target.text;
  if (target.caption !== undefined) revision.caption = target.caption;
  if (target.entities !== undefined) revision.entities = target.entities;
  if (target.replyMarkup !== undefined) revision.replyMarkup = target.replyMarkup;
  target.history.push(revision);

  const editDate = seconds(ctx);
  const message = { ...target.message, edit_date: editDate } as Message;
  if (text) {
    target.text = text.text;
    message.text = text.text;
    if (text.entities.length > 0) {
      target.entities = text.entities;
      message.entities = text.entities;
    } else {
      delete target.entities;
      delete message.entities;
    }
  }
  if (markup) {
    target.replyMarkup = markup;
    message.reply_markup = markup;
  } else {
    delete target.replyMarkup;
    delete message.reply_markup;
  }
  target.editDate = editDate;
  target.message = message;
  target.seq = ctx.state.touch(target.chatId);
  return message;
}

function resolveDocument(ctx: MethodContext, params: Params): StoredDocument {
  let value = params.document;
  if (value === undefined || value === null || value === '')
    throw badRequest('there is no document in the request');
  if (typeof value === 'string' && value.startsWith('attach://')) {
    value = params[value.slice('attach://'.length)];
    if (!(value instanceof UploadedFile)) throw badRequest('wrong file identifier/HTTP URL specified');
  }
  if (value instanceof UploadedFile) {
    if (value.bytes.length === 0) throw badRequest('file must be non-empty');
    return ctx.state.addFile(value.bytes, value.fileName, value.mimeType);
  }
  if (typeof value === 'string') {
    const known = ctx.state.files.get(value);
    if (known) return known;
  }
  // Telegram would fetch an HTTP URL; the emulator stays on loopback and knows only its own file ids.
  throw badRequest('wrong file identifier/HTTP URL specified');
}

function commandsKey(params: Params): string {
  const scope = optionalJson(params, 'scope', "can't parse BotCommandScope JSON object");
  const scopeKey = isRecord(scope) ? canonical(scope) : '{"type":"default"}';
  return `${scopeKey}|${optionalString(params, 'language_code') ?? ''}`;
}

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

// ---- the methods ---------------------------------------------------------------------------------------------

export const METHODS: Record<string, MethodHandler> = {
  getMe: (ctx) => ctx.bot,

  sendMessage: (ctx, params) => {
    const chatId = requireChatId(params);
    const text = requireText(params);
    const markup = parseReplyMarkup(params);
    const replyTo = replyTarget(ctx, chatId, params);
    const parseMode = optionalString(params, 'parse_mode');
    return addBotMessage(ctx, chatId, {
      text,
      markup,
      replyTo,
      parseMode: parseMode || undefined,
    }).message;
  },

  editMessageText: (ctx, params) => {
    const target = editTarget(ctx, params);
    if (target.text === undefined) throw badRequest('there is no text in the message to edit');
    const text = requireText(params);
    const markup = parseReplyMarkup(params);
    if (markup.other) throw badRequest('inline keyboard expected');
    const unchanged =
      text.text === target.text &&
      canonical(text.entities) === canonical(target.entities ?? []) &&
      canonical(markup.inline) === canonical(target.replyMarkup);
    if (unchanged) throw badRequest(DESCRIPTIONS.notModified);
    // Like Telegram: an edit without reply_markup takes the inline keyboard away.
    return revise(ctx, target, text, markup.inline);
  },

  editMessageReplyMarkup: (ctx, params) => {
    const target = editTarget(ctx, params);
    const markup = parseReplyMarkup(params);
    if (markup.other) throw badRequest('inline keyboard expected');
    if (canonical(markup.inline) === canonical(target.replyMarkup))
      throw badRequest(DESCRIPTIONS.notModified);
    return revise(ctx, target, undefined, markup.inline);
  },

  deleteMessage: (ctx, params) => {
    const chatId = requireChatId(params);
    const messageId = optionalInt(params, 'message_id');
    if (messageId === undefined) throw badRequest('message identifier is not specified');
    const target = ctx.state.findMessage(chatId, messageId);
    if (!target) throw badRequest(DESCRIPTIONS.messageToDeleteNotFound);
    target.deleted = true;
    target.seq = ctx.state.touch(chatId);
    return true;
  },

  answerCallbackQuery: (ctx, params) => {
    const id = optionalString(params, 'callback_query_id') ?? '';
    const query = ctx.state.callbackQueries.get(id);
    if (!query || query.answer) throw badRequest(DESCRIPTIONS.queryTooOld);
    const answer: CallbackAnswer = {};
    const text = optionalString(params, 'text');
    if (text !== undefined) answer.text = text;
    const showAlert = optionalBool(params, 'show_alert');
    if (showAlert !== undefined) answer.show_alert = showAlert;
    const url = optionalString(params, 'url');
    if (url !== undefined) answer.url = url;
    const cacheTime = optionalInt(params, 'cache_time');
    if (cacheTime !== undefined) answer.cache_time = cacheTime;
    query.answer = answer;
    query.seq = ctx.state.touch(query.chatId);
    return true;
  },

  sendDocument: (ctx, params) => {
    const chatId = requireChatId(params);
    const document = resolveDocument(ctx, params);
    const caption = formatted(params, 'caption', 'parse_mode');
    if (caption && caption.text.length > MAX_CAPTION_LENGTH) throw badRequest(DESCRIPTIONS.captionTooLong);
    const markup = parseReplyMarkup(params);
    const replyTo = replyTarget(ctx, chatId, params);
    return addBotMessage(ctx, chatId, {
      document,
      markup,
      caption,
      replyTo,
    }).message;
  },

  getFile: (ctx, params) => {
    const stored = ctx.state.files.get(optionalString(params, 'file_id') ?? '');
    if (!stored) throw badRequest('invalid file_id');
    const file: File = {
      file_id: stored.fileId,
      file_unique_id: stored.fileUniqueId,
      file_size: stored.size,
      file_path: stored.filePath,
    };
    return file;
  },

  sendChatAction: (ctx, params) => {
    const chatId = requireChatId(params);
    const action = optionalString(params, 'action') ?? '';
    if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    const record = { action, date: seconds(ctx), seq: 0 };
    ctx.state.chat(chatId).actions.push(record);
    record.seq = ctx.state.touch(chatId);
    return true;
  },

  setMyCommands: (ctx, params) => {
    const commands = optionalJson(params, 'commands', "can't parse commands JSON object");
    if (!Array.isArray(commands)) throw badRequest('field "commands" must be of type Array');
    if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    const valid: BotCommand[] = commands.map((c: unknown) => {
      if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
        throw badRequest('BOT_COMMAND_INVALID');
      }
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
      return { command: c.command, description: c.description };
    });
    ctx.state.commands.set(commandsKey(params), valid);
    return true;
  },

  getMyCommands: (ctx, params) => ctx.state.commands.get(commandsKey(params)) ?? [],

  deleteMyCommands: (ctx, params) => {
    ctx.state.commands.delete(commandsKey(params));
    return true;
  },

  setWebhook: (ctx, params) => {
    const url = optionalString(params, 'url') ?? '';
    const dropPending = optionalBool(params, 'drop_pending_updates') === true;
    if (url === '') return deleteWebhook(ctx, dropPending);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secretToken = optionalString(params, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    const allowed = optionalJson(params, 'allowed_updates', "can't parse allowed updates JSON object");
    const previous = ctx.state.webhook;
    if (dropPending) ctx.queue.clear();
    ctx.state.webhook = {
      url,
      maxConnections: optionalInt(params, 'max_connections') ?? 40,
      secretToken,
      ...(Array.isArray(allowed) ? { allowedUpdates: allowed.map(String) } : {}),
    };
    ctx.queue.webhookSet();
    ctx.onWebhookSet();
    return new Described(true, previous?.url === url ? 'Webhook is already set' : 'Webhook was set');
  },

  deleteWebhook: (ctx, params) => deleteWebhook(ctx, optionalBool(params, 'drop_pending_updates') === true),

  getWebhookInfo: (ctx) => {
    const hook = ctx.state.webhook;
    const info: WebhookInfo = {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: ctx.queue.pending.length,
    };
    if (hook) {
      info.ip_address = '127.0.0.1';
      info.max_connections = hook.maxConnections;
      if (hook.allowedUpdates) info.allowed_updates = hook.allowedUpdates as WebhookInfo['allowed_updates'];
      if (hook.lastErrorDate !== undefined) info.last_error_date = hook.lastErrorDate;
      if (hook.lastErrorMessage !== undefined) info.last_error_message = hook.lastErrorMessage;
    }
    return info;
  },

  getUpdates: (ctx, params) => {
    if (ctx.state.webhook) {
      throw conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const allowed = optionalJson(params, 'allowed_updates', "can't parse allowed updates JSON object");
    if (Array.isArray(allowed)) ctx.queue.allowedUpdates = allowed.map(String);
    const limit = Math.min(100, Math.max(1, optionalInt(params, 'limit') ?? 100));
    const timeout = Math.max(0, optionalInt(params, 'timeout') ?? 0);
    const offset = optionalInt(params, 'offset');
    return ctx.queue.take({
      limit,
      timeoutMs: timeout * 1000,
      offset,
      signal: ctx.signal,
    });
  },
};

function deleteWebhook(ctx: MethodContext, dropPending: boolean): Described {
  if (dropPending) ctx.queue.clear();
  const had = ctx.state.webhook !== undefined;
  ctx.state.webhook = undefined;
  return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
}

/** Method names are case-insensitive in the Bot API. */
const BY_LOWER_NAME = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]));

export function canonicalMethodName(name: string): string | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
