// ports: what leaves the system — domain events to the topic, ZNS and SMS to members no chat reaches.
import type { DomainEvent } from '../domain/events.js';
import type { Notice } from './chat.js';

export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}

export interface SmsSender {
  /** `phone` is E.164 or a Vietnamese 0… number; the text is Vietnamese. Never logged. */
  send(phone: string, text: string): Promise<void>;
}

/**
 * Zalo Notification Service: a template approved by Zalo in advance, sent to a phone number. It reaches a
 * member who does not follow the OA (and has no other chat), before the SMS path is tried.
 */
export interface ZnsSender {
  /**
   * Sends the notice's approved template to the phone. `no_template`: no template is approved for this kind
   * of notice; `refused`: Zalo refused (no Zalo account on that phone, template disabled, quota spent): try
   * the next path. Throws on transient failures. The phone is never logged.
   */
  send(phone: string, notice: Notice, trackingId: string): Promise<'sent' | 'no_template' | 'refused'>;
}

/**
 * A new outbox item as the table's stream gives it: its position in the stream (what a partial batch response
 * names), the item's key, and its event — undefined when the item does not parse.
 */
export interface OutboxStreamRecord {
  position: string;
  itemKey: string | undefined;
  event: DomainEvent | undefined;
}
