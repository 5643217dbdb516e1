// channel (Zalo): the ChatMessenger port for use cases (invitations, notices, reminders) over the Zalo OA API, through the Zalo renderer.
import type {
  ChannelAllowance,
  ChatDocument,
  ChatMessenger,
  ChatRecipient,
  Notice,
  SendOutcome,
  SentMessageRef,
} from '../../../shared/ports/chat.js';
import { catalogue } from '../../i18n/index.js';
import { noticeSms, noticeView } from '../../notices.js';
import type { ZaloOutbound } from './outbound.js';
import { isZaloUnreachable, type ZaloRenderer, type ZaloSendOptions } from './renderer.js';

/**
 * Whether an edit of this notice is worth a message on Zalo. Progress notices are edited many times on
 * Telegram ("Đã gửi 120/450"); without edits each step would be a new message, so Zalo gets the final one only.
 */
function worthSending(notice: Notice): boolean {
  if (notice.kind === 'invitation_progress') return notice.done;
  if (notice.kind === 'invitation_preparing') return false;
  if (notice.kind === 'import_progress') return notice.done >= notice.total;
  return true;
}

export class ZaloMessenger implements ChatMessenger {
  constructor(
    private readonly renderer: ZaloRenderer,
    /**
     * The reply window and the proactive quota: a notice quotes the user's last message while free replies to it
     * are left, else goes proactive and is counted. Absent: every notice goes proactive, uncounted.
     */
    private readonly outbound?: ZaloOutbound,
  ) {}

  /** The month's proactive messages and the free quota (undefined without the reply window's store). */
  async allowance(now: Date): Promise<ChannelAllowance | undefined> {
    return this.outbound?.allowance(now);
  }

  async send(to: ChatRecipient, notice: Notice): Promise<SendOutcome> {
    if (to.channel !== 'zalo') throw new Error(`The Zalo messenger cannot reach a ${to.channel} chat`);
    return this.deliver(to.chatId, notice, to.languageCode);
  }

  /** Zalo cannot edit: the new state goes out as a new message (progress only once it is final). */
  async edit(ref: SentMessageRef, notice: Notice, languageCode?: string): Promise<SendOutcome> {
    if (!worthSending(notice)) return { ok: true, ref };
    return this.deliver(ref.chatId, notice, languageCode);
  }

  async sendDocument(to: ChatRecipient, document: ChatDocument): Promise<SendOutcome> {
    if (to.channel !== 'zalo') throw new Error(`The Zalo messenger cannot reach a ${to.channel} chat`);
    try {
      const sent = await this.renderer.send(
        to.chatId,
        { kind: 'document', ...document },
        catalogue(to.languageCode),
        this.sendOptions(to.chatId),
      );
      return { ok: true, ref: { channel: 'zalo', chatId: to.chatId, messageId: sent.messageId } };
    } catch (error) {
      if (isZaloUnreachable(error)) return { ok: false, reason: 'blocked' };
      throw error;
    }
  }

  smsText(notice: Notice): string {
    return noticeSms(notice);
  }

  private async deliver(chatId: string, notice: Notice, languageCode?: string): Promise<SendOutcome> {
    try {
      const sent = await this.renderer.send(
        chatId,
        noticeView(notice, languageCode),
        catalogue(languageCode),
        this.sendOptions(chatId),
      );
      return { ok: true, ref: { channel: 'zalo', chatId, messageId: sent.messageId } };
    } catch (error) {
      // A user who unfollowed the OA: permanent until they follow again (then the SMS path takes over).
      if (isZaloUnreachable(error)) return { ok: false, reason: 'blocked' };
      throw error;
    }
  }

  private sendOptions(userId: string): ZaloSendOptions {
    return this.outbound ? { plan: this.outbound.notice(userId) } : {};
  }
}

/** Routes each notice to the messenger of its recipient's channel (a person may be linked on both). */
export class ChannelMessenger implements ChatMessenger {
  constructor(
    private readonly channels: {
      telegram: () => Promise<ChatMessenger>;
      /** Undefined when the deployment has no Zalo OA configured. */
      zalo: () => Promise<ChatMessenger | undefined>;
    },
  ) {}

  private async of(channel: ChatRecipient['channel']): Promise<ChatMessenger> {
    if (channel === 'telegram') return this.channels.telegram();
    const zalo = await this.channels.zalo();
    if (!zalo) throw new Error('No Zalo OA is configured for this deployment');
    return zalo;
  }

  async send(to: ChatRecipient, notice: Notice): Promise<SendOutcome> {
    return (await this.of(to.channel)).send(to, notice);
  }

  async edit(ref: SentMessageRef, notice: Notice, languageCode?: string): Promise<SendOutcome> {
    return (await this.of(ref.channel)).edit(ref, notice, languageCode);
  }

  async sendDocument(to: ChatRecipient, document: ChatDocument): Promise<SendOutcome> {
    const messenger = await this.of(to.channel);
    if (!messenger.sendDocument) return { ok: false, reason: 'blocked' };
    return messenger.sendDocument(to, document);
  }

  smsText(notice: Notice): string {
    return noticeSms(notice);
  }

  /** Zalo's allowance (its proactive messages); undefined on a deployment without Zalo. */
  async allowance(now: Date): Promise<ChannelAllowance | undefined> {
    const zalo = await this.channels.zalo();
    return zalo?.allowance?.(now);
  }
}
