// Local runtime: the outbox relay as a poller (AWS uses the table's stream), with retries and a dead-letter cut-off.
import type { EventPublisher } from '../shared/ports/messaging.js';
import type { OutboxRepository } from '../shared/ports/repositories.js';
import { relayEvent } from '../shared/services/outbox-relay.js';

export interface RelayLog {
  info(message: string, fields: { eventId: string; eventType: string; attempt?: number }): void;
  error(
    message: string,
    /** An unreadable item has no type to name: its key stands as the id. */
    fields: { eventId: string; eventType?: string; attempt?: number; errorName?: string },
  ): void;
}

export interface OutboxRelayOptions {
  intervalMs?: number;
  batchSize?: number;
  /** After this many failed deliveries an event is set aside (AWS would send it to a dead-letter queue). */
  maxAttempts?: number;
  log?: RelayLog;
}

/**
 * Polls `OutboxRepository.pending`, publishes each event and marks it sent. At least once, as in AWS:
 * an event whose delivery failed stays pending and is tried again on the next poll.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<number> | undefined;
  private readonly attempts = new Map<string, number>();
  /** Keys of unreadable pending items already reported. */
  private readonly reported = new Set<string>();
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.batchSize = options.batchSize ?? 25;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = () => {
      if (!this.running) return;
      this.drain()
        .catch(() => undefined)
        .finally(() => {
          if (this.running) this.timer = setTimeout(loop, this.intervalMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** Publishes what is pending now (one poll at a time); returns how many events were sent. */
  drain(): Promise<number> {
    this.current ??= this.poll().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async poll(): Promise<number> {
    let sent = 0;
    const { events, unreadable } = await this.outbox.pending(this.batchSize);
    // A broken item stays pending (an operator fixes or deletes it): said once, not on every poll.
    for (const key of unreadable) {
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.options.log?.error('outbox item malformed', { eventId: key });
    }
    for (const event of events) {
      try {
        await relayEvent(event, this.outbox, this.publisher);
        this.attempts.delete(event.id);
        sent += 1;
      } catch (error) {
        const attempt = (this.attempts.get(event.id) ?? 0) + 1;
        this.attempts.set(event.id, attempt);
        const fields = {
          eventId: event.id,
          eventType: event.type,
          attempt,
          errorName: error instanceof Error ? error.name : 'Error',
        };
        if (attempt >= this.maxAttempts) {
          this.options.log?.error('outbox relay: giving up on an event', fields);
          await this.outbox.markSent(event.id);
          this.attempts.delete(event.id);
        } else {
          this.options.log?.error('outbox relay: delivery failed, will retry', fields);
        }
      }
    }
    return sent;
  }
}
