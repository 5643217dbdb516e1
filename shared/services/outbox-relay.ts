// use case: publishes the outbox's pending events (the local poller; in AWS the table's stream feeds the same
// publisher, and a scheduled sweep publishes what the stream gave up on).
import type { DomainEvent } from '../domain/events.js';
import { type Log, silentLog } from '../ports/log.js';
import type { EventPublisher, OutboxStreamRecord } from '../ports/messaging.js';
import type { OutboxRepository, PendingEvents } from '../ports/repositories.js';

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

/**
 * The stream's batch (AWS), in order: each event published and marked sent; the first failure stops the batch
 * and its position is returned (the partial batch response), so events keep their order and none is lost. An
 * item that does not parse is logged by its key and passed. `correlate` ties each record's log lines to the
 * event id (the notifier's lines for the same event carry it too).
 */
export async function relayInOrder(
  records: readonly OutboxStreamRecord[],
  outbox: Pick<OutboxRepository, 'markSent'>,
  publisher: EventPublisher,
  log: Log,
  correlate: (id: string | undefined) => void = () => undefined,
): Promise<string | undefined> {
  for (const record of records) {
    correlate(record.event?.id ?? record.itemKey);
    if (!record.event) {
      log.error('outbox item malformed', { eventId: record.itemKey });
      continue;
    }
    try {
      await relayEvent(record.event, outbox, publisher);
    } catch (error) {
      log.warn(
        'outbox event not published',
        { eventId: record.event.id, errorName: (error as Error)?.name },
        error,
      );
      return record.position;
    }
  }
  return undefined;
}

/**
 * Publishes the pending events in order; a failed one stays pending for the next pass. A pending item that does
 * not parse is reported by its key (no values) and passed; it counts as failed.
 */
async function publishPending(
  { events, unreadable }: PendingEvents,
  outbox: Pick<OutboxRepository, 'markSent'>,
  publisher: EventPublisher,
  log: Log,
  notPublished: string,
): Promise<RelayResult> {
  for (const key of unreadable) log.error('outbox item malformed', { eventId: key });
  const result: RelayResult = { published: 0, failed: unreadable.length };
  for (const event of events) {
    try {
      await relayEvent(event, outbox, publisher);
      result.published += 1;
    } catch (error) {
      result.failed += 1;
      log.warn(
        notPublished,
        { eventId: event.id, eventType: event.type, errorName: (error as Error)?.name },
        error,
      );
    }
  }
  return result;
}

/** Publishes up to `limit` pending events, oldest first; a failed one stays pending for the next poll. */
export async function relayPending(
  outbox: Pick<OutboxRepository, 'pending' | 'markSent'>,
  publisher: EventPublisher,
  options: { limit?: number; log?: Log } = {},
): Promise<RelayResult> {
  const pending = await outbox.pending(options.limit ?? 100);
  return publishPending(pending, outbox, publisher, options.log ?? silentLog, 'outbox event not published');
}

/** The stream relays an event within seconds; one still pending after this was given up on (or is stuck). */
export const SWEEP_AFTER_MS = 5 * 60_000;

/**
 * The sweep (AWS, every 5 minutes): publishes the events pending for longer than `olderThanMs`, oldest
 * first, each once — a published event leaves the pending index, and subscribers claim event ids, so one
 * the stream relays at the same moment is harmless. A failed one stays pending for the next sweep.
 */
export async function sweepPending(
  outbox: Pick<OutboxRepository, 'pendingBefore' | 'markSent'>,
  publisher: EventPublisher,
  now: Date,
  options: { olderThanMs?: number; limit?: number; log?: Log } = {},
): Promise<RelayResult> {
  const log = options.log ?? silentLog;
  const before = new Date(now.getTime() - (options.olderThanMs ?? SWEEP_AFTER_MS)).toISOString();
  const pending = await outbox.pendingBefore(before, options.limit ?? 500);
  const result = await publishPending(pending, outbox, publisher, log, 'outbox sweep: event not published');
  if (result.published + result.failed > 0) {
    log.warn('outbox sweep: stale events found', { count: result.published, failed: result.failed });
  }
  return result;
}
