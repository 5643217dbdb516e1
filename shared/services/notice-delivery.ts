// use case: delivering one notice to one person — their chats in the order they chose, then their phone (ZNS, then SMS).
//
// A person may be linked on Telegram and on Zalo. A notice goes to the channel they chose last (the one they
// were active in most recently), and only when that chat refuses it to the other: one letter, not two. A member
// no chat reaches gets the approved ZNS template on their phone, and the SMS when ZNS cannot carry it.
import { type DeliveryPath, deliveryOrder } from '../domain/delivery.js';
import { type ChatMessenger, type ChatRecipient, type Notice, recipientOf } from '../ports/chat.js';
import type { ProgressMessage } from '../ports/invitations.js';
import { type Log, silentLog } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type { Channel, ChatLinkRepository, ChatSubject } from '../ports/repositories.js';

export interface ChatDeliveryPorts {
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  messenger: ChatMessenger;
}

export interface ChatDelivery {
  /** The channel that took the notice; undefined when none did. */
  via?: Channel;
  /** Whether the person has any chat linked (blocked or not): "no chat" and "unreachable" read apart. */
  linked: boolean;
}

/**
 * Sends the notice to the first of the person's chats that takes it, in the order they chose. A chat that
 * refuses for good (the person blocked the bot, unfollowed the OA) is marked blocked and the next is tried; a
 * transient failure is thrown, so the caller's retry tries again from the first chat.
 */
export async function sendToPreferredChat(
  subject: ChatSubject,
  notice: Notice,
  ports: ChatDeliveryPorts,
): Promise<ChatDelivery> {
  const links = await ports.chatLinks.ofSubject(subject);
  for (const link of deliveryOrder(links)) {
    const outcome = await ports.messenger.send(recipientOf(link), notice);
    if (outcome.ok) return { via: link.channel, linked: true };
    await ports.chatLinks.setBlocked(link.channel, link.userId, true);
  }
  return { linked: links.length > 0 };
}

export interface PhoneDeliveryPorts {
  messenger: Pick<ChatMessenger, 'smsText'>;
  /** Undefined when the deployment has no approved ZNS templates: SMS only. */
  zns?: ZnsSender;
  sms?: SmsSender;
  log?: Log;
}

/**
 * R9: the member no chat reaches is told by phone — the ZNS template first (free of an SMS gateway, shows as
 * the OA on Zalo), then the SMS. A ZNS failure of any kind falls to SMS: the member must hear of the meeting.
 * `trackingId` names the notice to Zalo (never the phone). Returns the path that carried it, or undefined.
 */
export async function sendByPhone(
  phone: string,
  notice: Notice,
  trackingId: string,
  ports: PhoneDeliveryPorts,
): Promise<Extract<DeliveryPath, 'zns' | 'sms'> | undefined> {
  if (ports.zns) {
    try {
      if ((await ports.zns.send(phone, notice, trackingId)) === 'sent') return 'zns';
    } catch (error) {
      (ports.log ?? silentLog).warn(
        'ZNS not sent, trying SMS',
        { noticeKind: notice.kind, errorName: (error as Error)?.name },
        error,
      );
    }
  }
  if (!ports.sms) return undefined;
  await ports.sms.send(phone, ports.messenger.smsText(notice));
  return 'sms';
}

/** The chat a queued task answers. */
export function recipientOfProgress(reply: ProgressMessage): ChatRecipient {
  return {
    channel: reply.channel,
    chatId: reply.chatId,
    languageCode: reply.languageCode || undefined,
  };
}

/**
 * A queued task's outcome replaces the message that said it was under way ("Đang tổng hợp…"); a reply without
 * one, or one that cannot be edited any more, gets a new message.
 */
export async function tellInPlace(
  reply: ProgressMessage,
  notice: Notice,
  messenger: Pick<ChatMessenger, 'send' | 'edit'>,
): Promise<void> {
  if (reply.messageId) {
    const ref = { channel: reply.channel, chatId: reply.chatId, messageId: reply.messageId };
    const edited = await messenger.edit(ref, notice, reply.languageCode);
    if (edited.ok) return;
  }
  await messenger.send(recipientOfProgress(reply), notice);
}
