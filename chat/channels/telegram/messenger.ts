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
import type { View } from '../../view.js';
import { isUnreachable, type TelegramRenderer } from './renderer.js';

export class TelegramMessenger implements ChatMessenger {
  constructor(private readonly renderer: TelegramRenderer) {}

  send(to: ChatRecipient, notice: Notice): Promise<SendOutcome> {
    return this.sendView(to, noticeView(notice, to.languageCode));
  }

  async edit(ref: SentMessageRef, notice: Notice, languageCode?: string): Promise<SendOutcome> {
    return reachable(async () => {
      await this.renderer.edit(ref.chatId, Number(ref.messageId), noticeView(notice, languageCode));
      return ref;
    });
  }

  sendDocument(to: ChatRecipient, document: ChatDocument): Promise<SendOutcome> {
    return this.sendView(to, { kind: 'document', ...document });
  }

  private async sendView(to: ChatRecipient, view: View): Promise<SendOutcome> {
    if (to.channel !== 'telegram')
      throw new Error(`The Telegram messenger cannot reach a ${to.channel} chat`);
    return reachable(async () => {
      const sent = await this.renderer.send(to.chatId, view);
      return { channel: 'telegram', chatId: to.chatId, messageId: String(sent.message_id) };
    });
  }

  smsText(notice: Notice): string {
    return noticeSms(notice);
  }
}

/** A member who blocked the bot (or left the chat) is an outcome, not a failure: the caller falls back (R9). */
async function reachable(act: () => Promise<SentMessageRef>): Promise<SendOutcome> {
  try {
    return { ok: true, ref: await act() };
  } catch (error) {
    if (isUnreachable(error)) return { ok: false, reason: 'blocked' };
    throw error;
  }
}
