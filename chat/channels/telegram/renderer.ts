// channel (Telegram): draws view models as Bot API calls (plain text, inline keyboards, documents).
import { type Api, GrammyError, InputFile } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message } from 'grammy/types';
import type { CallbackDataStore } from '../../../shared/ports/conversation.js';
import type { View, ViewKeyboard, ViewMessage } from '../../view.js';
import { packCallbackData } from './callback-data.js';

/** Telegram allows 4096 characters; a little less leaves room for how it counts. */
export const MAX_TEXT = 4000;

/** Splits a long text at line breaks into pieces Telegram accepts (a very long line is cut). */
export function splitText(text: string, max = MAX_TEXT): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) pieces.push(current);
      current = '';
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (current && current.length + 1 + rest.length > max) {
      pieces.push(current);
      current = rest;
    } else current = current ? `${current}\n${rest}` : rest;
  }
  if (current) pieces.push(current);
  return pieces;
}

export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes('message is not modified');
}

/** The user blocked the bot, or the chat cannot receive messages any more: do not try again. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  if (error.error_code === 403) return true;
  return (
    error.error_code === 400 && /chat not found|user is deactivated|PEER_ID_INVALID/i.test(error.description)
  );
}

export class TelegramRenderer {
  constructor(
    readonly api: Api,
    private readonly callbacks: CallbackDataStore,
  ) {}

  async markup(keyboard: ViewKeyboard | undefined): Promise<InlineKeyboardMarkup | undefined> {
    if (!keyboard || keyboard.length === 0) return undefined;
    const rows: InlineKeyboardButton[][] = [];
    for (const row of keyboard) {
      const cells: InlineKeyboardButton[] = [];
      for (const b of row) {
        if ('url' in b) cells.push({ text: b.label, url: b.url });
        else cells.push({ text: b.label, callback_data: await packCallbackData(b.action, this.callbacks) });
      }
      rows.push(cells);
    }
    return { inline_keyboard: rows };
  }

  /** Sends the view; a long text goes out in several messages, the keyboard under the last. Returns the last. */
  async send(chatId: number | string, view: View): Promise<Message> {
    if (view.kind === 'document') {
      return this.api.sendDocument(chatId, new InputFile(view.bytes, view.fileName), {
        caption: view.caption || undefined,
      });
    }
    const pieces = splitText(view.text);
    const markup = await this.markup(view.keyboard);
    let last: Message | undefined;
    for (const [i, piece] of pieces.entries()) {
      const isLast = i === pieces.length - 1;
      last = await this.api.sendMessage(chatId, piece, {
        ...(isLast && markup ? { reply_markup: markup } : {}),
        link_preview_options: { is_disabled: true },
      });
    }
    return last as Message;
  }

  /** Replaces a message's text and keyboard; an identical edit is not an error. */
  async edit(chatId: number | string, messageId: number, view: ViewMessage): Promise<void> {
    const markup = await this.markup(view.keyboard);
    const [first = ''] = splitText(view.text);
    try {
      await this.api.editMessageText(chatId, messageId, first, {
        reply_markup: markup,
        link_preview_options: { is_disabled: true },
      });
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  }
}
