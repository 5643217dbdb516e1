// ports: what leaves the system — domain events to the topic, SMS to members without a linked chat.
import type { DomainEvent } from '../domain/events.js';

export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}

export interface SmsSender {
  /** `phone` is E.164 or a Vietnamese 0… number; the text is Vietnamese. Never logged. */
  send(phone: string, text: string): Promise<void>;
}
