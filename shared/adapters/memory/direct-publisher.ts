// adapter: an EventPublisher that hands each event straight to in-process subscribers (the local stand-in for SNS).
import type { DomainEvent } from '../../domain/events.js';
import type { EventPublisher } from '../../ports/messaging.js';

export class DirectEventPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];

  constructor(private readonly subscribers: readonly ((event: DomainEvent) => Promise<unknown>)[] = []) {}

  async publish(event: DomainEvent): Promise<void> {
    this.published.push(event);
    for (const subscriber of this.subscribers) await subscriber(event);
  }
}
