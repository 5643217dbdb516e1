// use case: publishes the outbox's pending events (the local poller; in AWS the table's stream feeds the same publisher).
import type { DomainEvent } from '../domain/events.js';
import { type Log, silentLog } from '../ports/log.js';
import type { EventPublisher } from '../ports/messaging.js';
import type { OutboxRepository } from '../ports/repositories.js';

export interface RelayResult {
  published: number;
  failed: number;
}

/** Publishes one event and marks it sent; publishing twice is harmless (subscribers claim event ids). */
export async function relayEvent(
  event: DomainEvent,
  outbox: Pick<OutboxRepository, 'markSent'>,
  publisher: EventPublisher,
): Promise<void> {
  await publisher.publish(event);
  await outbox.markSent(event.id);
}

/** Publishes up to `limit` pending events, oldest first; a failed one stays pending for the next poll. */
export async function relayPending(
  outbox: Pick<OutboxRepository, 'pending' | 'markSent'>,
  publisher: EventPublisher,
  options: { limit?: number; log?: Log } = {},
): Promise<RelayResult> {
  const log = options.log ?? silentLog;
  const result: RelayResult = { published: 0, failed: 0 };
  for (const event of await outbox.pending(options.limit ?? 100)) {
    try {
      await relayEvent(event, outbox, publisher);
      result.published += 1;
    } catch (error) {
      result.failed += 1;
      log.warn(
        'outbox event not published',
        { eventId: event.id, eventType: event.type, errorName: (error as Error)?.name },
        error,
      );
    }
  }
  return result;
}
