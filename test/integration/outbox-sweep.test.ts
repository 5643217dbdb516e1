// integration tests: the outbox sweep on DynamoDB Local — an event pending longer than the threshold is published
// once, a fresh one is left to the stream, and a second sweep publishes nothing more.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { DirectEventPublisher } from '../../shared/adapters/memory/direct-publisher.js';
import { BACKGROUND_FUNCTIONS } from '../../shared/config/functions.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Log } from '../../shared/ports/log.js';
import type { EventPublisher } from '../../shared/ports/messaging.js';
import { SWEEP_AFTER_MS, sweepPending } from '../../shared/services/outbox-relay.js';
import { anEvent } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

const NOW = new Date('2026-11-02T03:00:00Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

describe('Use case: sweepPending (the outbox sweep)', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('publishes the events pending longer than the threshold once, and leaves the fresh ones to the stream', async () => {
    // Prepare: two events the stream gave up on (20 and 6 minutes old), one written a minute ago.
    const stale: DomainEvent[] = [
      { ...anEvent('MeetingPlanned', 'MeetingPlanned:w.2027.06'), occurredAt: minutesAgo(20) },
      { ...anEvent('InvitationSent', 'InvitationSent:w.2027.06:dv-01'), occurredAt: minutesAgo(6) },
    ];
    const fresh: DomainEvent = {
      ...anEvent('RsvpRecorded', 'RsvpRecorded:w.2027.06:dv-01:2'),
      occurredAt: minutesAgo(1),
    };
    await repos.store.transact([], [...stale, fresh]);
    const publisher = new DirectEventPublisher();

    // Act
    const first = await sweepPending(repos.outbox, publisher, NOW);
    const second = await sweepPending(repos.outbox, publisher, NOW);

    // Assess
    expect(SWEEP_AFTER_MS).toBe(5 * 60_000);
    expect(first).toEqual({ published: 2, failed: 0 });
    expect(second).toEqual({ published: 0, failed: 0 });
    expect(publisher.published.map((e) => e.id)).toEqual(stale.map((e) => e.id));
    expect((await repos.outbox.get(stale[0]?.id as string))?.status).toBe('sent');
    expect((await repos.outbox.get(fresh.id))?.status).toBe('pending');
    // Once it is old enough, the next sweep takes the fresh one too (if the stream has not).
    const later = await sweepPending(repos.outbox, publisher, new Date(NOW.getTime() + SWEEP_AFTER_MS));
    expect(later).toEqual({ published: 1, failed: 0 });
    expect(publisher.published.map((e) => e.id)).toEqual([...stale.map((e) => e.id), fresh.id]);
  });

  it('keeps an event it could not publish pending for the next sweep', async () => {
    // Prepare
    const event: DomainEvent = {
      ...anEvent('MinutesSigned', 'MinutesSigned:w.2027.06'),
      occurredAt: minutesAgo(30),
    };
    await repos.store.transact([], [event]);
    const down: EventPublisher = {
      publish: async () => {
        throw Object.assign(new Error('SNS unavailable'), { name: 'ServiceUnavailable' });
      },
    };
    const up = new DirectEventPublisher();

    // Act
    const failed = await sweepPending(repos.outbox, down, NOW);
    const retried = await sweepPending(repos.outbox, up, NOW);

    // Assess
    expect(failed).toEqual({ published: 0, failed: 1 });
    expect(retried).toEqual({ published: 1, failed: 0 });
    expect(up.published.map((e) => e.id)).toEqual([event.id]);
  });

  it('reports a pending item that does not parse by its key and publishes the others past it', async () => {
    // Prepare: its own table, so the broken item stays out of the other tests; one event hand-edited to a type no
    // build knows, between two good ones.
    const own = await createTestTable();
    onTestFinished(() => own.drop());
    const ownRepos = createRepositories(own);
    const events: DomainEvent[] = ['a', 'b', 'c'].map((n, i) => ({
      ...anEvent('MeetingPlanned', `MeetingPlanned:w${n}.2027.06`),
      occurredAt: minutesAgo(30 - i),
    }));
    await ownRepos.store.transact([], events);
    const brokenKey = keys.outbox(events[1]?.id ?? '');
    const stored =
      (await own.doc.send(new GetCommand({ TableName: own.tableName, Key: brokenKey }))).Item ?? {};
    await own.doc.send(
      new PutCommand({
        TableName: own.tableName,
        Item: { ...stored, event: { ...stored.event, type: 'Họp' } },
      }),
    );
    const errors: { message: string; eventId: string | undefined }[] = [];
    const log: Log = {
      info: () => undefined,
      warn: () => undefined,
      error: (message, fields) => errors.push({ message, eventId: fields?.eventId as string | undefined }),
    };
    const publisher = new DirectEventPublisher();

    // Act
    const swept = await sweepPending(ownRepos.outbox, publisher, NOW, { log });

    // Assess
    expect(swept).toEqual({ published: 2, failed: 1 });
    expect(publisher.published.map((e) => e.id)).toEqual([events[0]?.id, events[2]?.id]);
    expect(errors).toEqual([{ message: 'outbox item malformed', eventId: brokenKey.pk }]);
    expect((await ownRepos.outbox.pending(10)).unreadable).toEqual([brokenKey.pk]);
  });

  it('is scheduled every 5 minutes in AWS only, with the grants to read, mark and publish', () => {
    // Act
    const sweep = BACKGROUND_FUNCTIONS.find((f) => f.name === 'outbox-sweep');

    // Assess
    expect(sweep).toMatchObject({
      entry: 'functions/outbox-sweep.ts',
      trigger: { kind: 'schedule', expression: 'rate(5 minutes)' },
      grants: ['table:read', 'table:write', 'topic:publish'],
      awsOnly: true,
    });
  });
});
