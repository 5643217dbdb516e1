// channel (Telegram): the ChatMessenger port for use cases (invitations, notices, reminders) over the Bot API.
import type {
  ChatDocument,
  ChatMessenger,
  ChatRecipient,
  Notice,
  SendOutcome,
  SentMessageRef,
} from '../../../shared/ports/chat.js';
import { noticeSms, noticeView } from '../../notices.js';
import { isUnreachable, type TelegramRenderer } from './renderer.js';

export class TelegramMessenger implements ChatMessenger {
  constructor(private readonly renderer: TelegramRenderer) {}

  async send(to: ChatRecipient, notice: Notice): Promise<SendOutcome> {
    if (to.channel !== 'telegram')
      throw new Error(`The Telegram messenger cannot reach a ${to.channel} chat`);
    try {
      const sent = await this.renderer.send(to.chatId, noticeView(notice, to.languageCode));
      return {
        ok: true,
        ref: { channel: 'telegram', chatId: to.chatId, messageId: String(sent.message_id) },
      };
    } catch (error) {
      if (isUnreachable(error)) return { ok: false, reason: 'blocked' };
      throw error;
    }
  }

  async edit(ref: SentMessageRef, notice: Notice, languageCode?: string): Promise<SendOutcome> {
    try {
      await this.renderer.edit(ref.chatId, Number(ref.messageId), noticeView(notice, languageCode));
      return { ok: true, ref };
    } catch (error) {
      if (isUnreachable(error)) return { ok: false, reason: 'blocked' };
      throw error;
    }
  }

  async sendDocument(to: ChatRecipient, document: ChatDocument): Promise<SendOutcome> {
    if (to.channel !== 'telegram')
      throw new Error(`The Telegram messenger cannot reach a ${to.channel} chat`);
    try {
      const sent = await this.renderer.send(to.chatId, { kind: 'document', ...document });
      return {
        ok: true,
        ref: { channel: 'telegram', chatId: to.chatId, messageId: String(sent.message_id) },
      };
    } catch (error) {
      if (isUnreachable(error)) return { ok: false, reason: 'blocked' };
      throw error;
    }
  }

  smsText(notice: Notice): string {
    return noticeSms(notice);
  }
}
