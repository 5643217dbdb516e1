// Integration tests of the local outbox relay: pending events on DynamoDB Local reach the topic's subscribers once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../../../local/outbox-relay.js';
import { createRepositories, type Repositories } from '../../../shared/adapters/dynamodb/index.js';
import { DirectEventPublisher } from '../../../shared/adapters/memory/direct-publisher.js';
import type { DomainEvent } from '../../../shared/domain/events.js';
import { anEvent } from '../../support/builders.js';
import { createTestTable, type TestTable } from '../../support/dynamo.js';

describe('Class: OutboxRelay', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('publishes pending events oldest first to every subscriber and marks them sent', async () => {
    // Prepare
    const older = {
      ...anEvent('MeetingPlanned', 'MeetingPlanned:w.2027.06'),
      occurredAt: '2027-05-20T01:00:00.000Z',
    };
    const newer = {
      ...anEvent('InvitationSent', 'InvitationSent:w.2027.06:dv-01'),
      occurredAt: '2027-05-20T02:00:00.000Z',
    };
    await repos.store.transact([], [newer, older]);
    const seenByNotifier: string[] = [];
    const seenBySms: string[] = [];
    const topic = new DirectEventPublisher([
      async (e) => seenByNotifier.push(e.id),
      async (e) => seenBySms.push(e.id),
    ]);
    const relay = new OutboxRelay(repos.outbox, topic);

    // Act
    const sent = await relay.drain();
    const again = await relay.drain();

    // Assess
    expect(sent).toBe(2);
    expect(again).toBe(0);
    expect(seenByNotifier).toEqual([older.id, newer.id]);
    expect(seenBySms).toEqual([older.id, newer.id]);
    expect(await repos.outbox.pending(10)).toEqual({ events: [], unreadable: [] });
    expect((await repos.outbox.get(older.id))?.status).toBe('sent');
  });

  it('retries a failed delivery on the next poll and sets the event aside after the last attempt', async () => {
    // Prepare
    const event = anEvent('RsvpRecorded', 'RsvpRecorded:w.2027.06:dv-02:2');
    await repos.store.transact([], [event]);
    let calls = 0;
    const errors: number[] = [];
    const topic = new DirectEventPublisher([
      async () => {
        calls += 1;
        throw new Error('the notifier is down');
      },
    ]);
    const relay = new OutboxRelay(repos.outbox, topic, {
      maxAttempts: 3,
      log: { info: () => undefined, error: (_m, f) => errors.push(f.attempt ?? 0) },
    });

    // Act
    await relay.drain();
    const stillPending = (await repos.outbox.pending(10)).events.map((e: DomainEvent) => e.id);
    await relay.drain();
    await relay.drain();

    // Assess
    expect(stillPending).toEqual([event.id]);
    expect(calls).toBe(3);
    expect(errors).toEqual([1, 2, 3]);
    expect(await repos.outbox.pending(10)).toEqual({ events: [], unreadable: [] });
  });

  it('polls on its own once started, and stops cleanly', async () => {
    // Prepare
    let delivered!: (id: string) => void;
    const deliveredId = new Promise<string>((resolve) => {
      delivered = resolve;
    });
    const topic = new DirectEventPublisher([async (e) => delivered(e.id)]);
    const relay = new OutboxRelay(repos.outbox, topic, { intervalMs: 20 });
    relay.start();

    // Act
    await repos.store.transact([], [anEvent('MinutesSigned', 'MinutesSigned:w.2027.06')]);
    const id = await deliveredId;
    await relay.stop();

    // Assess
    expect(id).toBe('MinutesSigned:w.2027.06');
  });
});
