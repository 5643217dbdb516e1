// adapter: idempotency records, the outbox, and chat links with single-use link codes.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../domain/events.js';
import type { StaffRole } from '../../domain/roles.js';
import type { Parser } from '../../ports/common.js';
import type {
  AttemptCounter,
  Channel,
  ChatLink,
  ChatLinkRepository,
  ChatSubject,
  ClaimOptions,
  ClaimStatus,
  CounterRepository,
  IdempotencyStore,
  LinkCode,
  LinkCodeOutcome,
  OutboxEntry,
  OutboxRepository,
  PendingEvents,
  PendingLink,
} from '../../ports/repositories.js';
import { keys, OUTBOX_SHARDS } from './keys.js';
import { readItem, readValue, StoredItemError } from './records.js';
import { type DynamoStore, type Item, toItem } from './store.js';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The condition of a claim's put. As Powertools' idempotency does: a record DynamoDB has not deleted yet past its
 * TTL is gone, and a claim whose holder died mid-way (in progress past its expiry) is taken over, so the retry
 * runs. Shared with the RSVP press, which claims its update inside its own transaction (issue 19).
 */
export function claimCondition(now: Date) {
  return {
    ConditionExpression:
      'attribute_not_exists(pk) OR #ttl < :nowSeconds OR (#status = :claimed AND #until < :nowMs)',
    ExpressionAttributeNames: { '#ttl': 'ttl', '#status': 'status', '#until': 'inProgressUntil' },
    ExpressionAttributeValues: {
      ':nowSeconds': epochSeconds(now),
      ':nowMs': now.getTime(),
      ':claimed': 'claimed',
    },
  };
}

export class DynamoIdempotencyStore implements IdempotencyStore {
  /** `now` is the wall clock: TTLs are DynamoDB's, in real time; a test may move it. */
  constructor(
    private readonly store: DynamoStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(scope: string, key: string, ttlSeconds: number, options: ClaimOptions = {}): Promise<boolean> {
    const now = this.now();
    const item = toItem(
      'Idempotency',
      keys.idempotency(scope, key),
      {
        result: options.result ?? null,
        status: 'claimed',
        ...(options.inProgressSeconds !== undefined
          ? { inProgressUntil: now.getTime() + options.inProgressSeconds * 1000 }
          : {}),
      },
      {},
      { ttl: epochSeconds(now) + ttlSeconds },
    );
    try {
      await this.store.ctx.doc.send(
        new PutCommand({ TableName: this.store.table, Item: item, ...claimCondition(now) }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async status(scope: string, key: string): Promise<ClaimStatus | undefined> {
    const item = await this.store.get(keys.idempotency(scope, key));
    const now = this.now();
    if (!item || (typeof item.ttl === 'number' && item.ttl < epochSeconds(now))) return undefined;
    if (item.status === 'completed') return 'completed';
    if (typeof item.inProgressUntil === 'number' && item.inProgressUntil < now.getTime()) return undefined;
    return 'in_progress';
  }

  async recall<T>(scope: string, key: string, parser: Parser<T>): Promise<T | undefined> {
    const item = await this.store.get(keys.idempotency(scope, key));
    if (item?.result === undefined || item.result === null) return undefined;
    return readValue(parser, 'IdempotencyResult', keys.idempotency(scope, key), item.result);
  }

  async complete(scope: string, key: string, ttlSeconds: number, result: unknown): Promise<void> {
    await this.store.put(
      toItem(
        'Idempotency',
        keys.idempotency(scope, key),
        { result, status: 'completed' },
        {},
        { ttl: epochSeconds(this.now()) + ttlSeconds },
      ),
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.store.ctx.doc.send(
      new DeleteCommand({ TableName: this.store.table, Key: keys.idempotency(scope, key) }),
    );
  }
}

export class DynamoCounterRepository implements CounterRepository {
  constructor(private readonly store: DynamoStore) {}

  async next(scope: string, count = 1): Promise<number> {
    const out = await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.counter(scope),
        UpdateExpression: 'ADD #value :n SET #type = :type, #v = :v',
        ExpressionAttributeNames: { '#value': 'value', '#type': 'type', '#v': 'v' },
        ExpressionAttributeValues: { ':n': count, ':type': 'Counter', ':v': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.value);
  }
}

/** Fixed windows, one item each: an atomic ADD counts, the window's end plus a day is its TTL. */
export class DynamoAttemptCounter implements AttemptCounter {
  constructor(private readonly store: DynamoStore) {}

  async count(scope: string, key: string, now: Date, windowSeconds: number): Promise<number> {
    const item = await this.store.get(keys.attempts(scope, key, windowStart(now, windowSeconds)));
    return Number(item?.failures ?? 0);
  }

  async fail(scope: string, key: string, now: Date, windowSeconds: number): Promise<number> {
    const start = windowStart(now, windowSeconds);
    const out = await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.attempts(scope, key, start),
        UpdateExpression: 'ADD #failures :one SET #type = :type, #v = :v, #ttl = :ttl',
        ExpressionAttributeNames: { '#failures': 'failures', '#type': 'type', '#v': 'v', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':type': 'Attempts',
          ':v': 1,
          ':ttl': start + windowSeconds + 24 * 3600,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.failures);
  }
}

function windowStart(now: Date, windowSeconds: number): number {
  const seconds = epochSeconds(now);
  return seconds - (seconds % windowSeconds);
}

/** Sent outbox items are kept a week for inspection, then expire. */
const SENT_RETENTION_SECONDS = 7 * 24 * 3600;

export class DynamoOutboxRepository implements OutboxRepository {
  constructor(private readonly store: DynamoStore) {}

  async pending(limit: number): Promise<PendingEvents> {
    return this.pendingOf((shard, left) => this.store.queryPage(keys.outboxPendingQuery(shard), left), limit);
  }

  async pendingBefore(before: string, limit: number): Promise<PendingEvents> {
    return this.pendingOf(
      (shard, left) => this.store.queryPage(keys.outboxPendingBeforeQuery(shard, before), left),
      limit,
    );
  }

  /** Up to `limit` pending items over the shards, oldest first; one that does not parse is passed by its key. */
  private async pendingOf(
    page: (shard: number, left: number) => Promise<{ items: Item[] }>,
    limit: number,
  ): Promise<PendingEvents> {
    const events: DomainEvent[] = [];
    const unreadable: string[] = [];
    for (let shard = 0; shard < OUTBOX_SHARDS && events.length + unreadable.length < limit; shard++) {
      for (const item of (await page(shard, limit - events.length - unreadable.length)).items) {
        try {
          events.push(readItem('OutboxEvent', item).event);
        } catch (error) {
          if (!(error instanceof StoredItemError)) throw error;
          unreadable.push(error.key.pk);
        }
      }
    }
    events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
    return { events, unreadable };
  }

  async markSent(eventId: string): Promise<void> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.outbox(eventId),
          // Leaving the sparse index is what takes it off the pending list.
          UpdateExpression: 'SET #status = :sent, #ttl = :ttl REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':ttl': epochSeconds(new Date()) + SENT_RETENTION_SECONDS,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return; // expired already: nothing to mark
      throw error;
    }
  }

  async get(eventId: string): Promise<OutboxEntry | undefined> {
    const item = await this.store.get(keys.outbox(eventId));
    if (!item) return undefined;
    const { event, status } = readItem('OutboxEvent', item);
    return { event, status };
  }
}

export class DynamoChatLinkRepository implements ChatLinkRepository {
  constructor(private readonly store: DynamoStore) {}

  async byChat(channel: Channel, userId: string): Promise<ChatLink | undefined> {
    const item = await this.store.get(keys.chatLink(channel, userId));
    return item ? readItem('ChatLink', item) : undefined;
  }

  async ofSubject(subject: ChatSubject): Promise<ChatLink[]> {
    return (await this.store.queryList(keys.ownerChatsQuery(subject))).map((i) => readItem('OwnerChat', i));
  }

  async createLinkCode(code: LinkCode): Promise<void> {
    const item = toItem(
      'LinkCode',
      keys.linkCode(code.code),
      code,
      {},
      {
        // Kept a while after expiry so a late tap is told "expired", not "unknown"; then TTL removes it.
        ttl: epochSeconds(new Date(code.expiresAt)) + 30 * 24 * 3600,
      },
    );
    await this.store.ctx.doc.send(
      new PutCommand({
        TableName: this.store.table,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getLinkCode(code: string): Promise<(LinkCode & { usedAt?: string }) | undefined> {
    const item = await this.store.get(keys.linkCode(code));
    return item ? readItem('LinkCode', item) : undefined;
  }

  async useLinkCode(code: string, link: Omit<ChatLink, 'kind' | 'id'>, now: Date): Promise<LinkCodeOutcome> {
    const record = await this.getLinkCode(code);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.usedAt) return { ok: false, reason: 'used' };
    if (new Date(record.expiresAt).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const subject = record.subject;
    const ownerKey = subject.kind === 'member' ? keys.member(subject.id) : keys.staff(subject.id);
    const chatLink: ChatLink = { ...link, kind: subject.kind, id: subject.id };
    try {
      await this.store.ctx.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.store.table,
                Key: keys.linkCode(code),
                UpdateExpression: 'SET usedAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
                ExpressionAttributeValues: { ':now': now.toISOString() },
              },
            },
            {
              // One chat account links to one member or staff person.
              Put: {
                TableName: this.store.table,
                Item: toItem('ChatLink', keys.chatLink(link.channel, link.userId), chatLink),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.store.table,
                Item: toItem('OwnerChat', keys.ownerChat(subject, link.channel, link.userId), chatLink),
              },
            },
            {
              ConditionCheck: {
                TableName: this.store.table,
                Key: ownerKey,
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [codeReason, chatReason] = error.CancellationReasons ?? [];
        if (codeReason?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'used' };
        if (chatReason?.Code === 'ConditionalCheckFailed')
          return { ok: false, reason: 'chat_already_linked' };
      }
      throw error;
    }
    return { ok: true, subject };
  }

  async claimLinkCode(code: string, now: Date): Promise<LinkCodeOutcome> {
    const record = await this.getLinkCode(code);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.usedAt) return { ok: false, reason: 'used' };
    if (new Date(record.expiresAt).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.linkCode(code),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { ok: false, reason: 'used' };
      throw error;
    }
    return { ok: true, subject: record.subject };
  }

  async linkAccount(link: ChatLink): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.store.table,
                Item: toItem('ChatLink', keys.chatLink(link.channel, link.userId), link),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.store.table,
                Item: toItem('OwnerChat', keys.ownerChat(link, link.channel, link.userId), link),
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async savePendingLink(pending: PendingLink): Promise<void> {
    await this.store.put(
      toItem(
        'PendingLink',
        keys.pendingLink(pending.id),
        pending,
        {},
        { ttl: epochSeconds(new Date(pending.expiresAt)) + 30 * 24 * 3600 },
      ),
    );
  }

  async pendingLink(id: string): Promise<PendingLink | undefined> {
    const item = await this.store.get(keys.pendingLink(id));
    return item ? readItem('PendingLink', item) : undefined;
  }

  async decidePendingLink(
    id: string,
    decision: { status: 'confirmed' | 'approved' | 'refused'; by: string; at: string },
  ): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.pendingLink(id),
          UpdateExpression: 'SET #s = :s, decidedBy = :by, decidedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND #s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':s': decision.status,
            ':by': decision.by,
            ':at': decision.at,
            ':pending': 'pending',
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async setActingFor(
    channel: Channel,
    userId: string,
    actingFor: { orgId: string; role: StaffRole },
  ): Promise<void> {
    // Only the chat link holds the choice: the owner's copy is for notices, which go to the person anyway.
    await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.chatLink(channel, userId),
        UpdateExpression: 'SET actingFor = :a',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':a': actingFor },
      }),
    );
  }

  async setBlocked(channel: Channel, userId: string, blocked: boolean): Promise<void> {
    await this.setOnBoth(channel, userId, 'blocked', blocked);
  }

  async unlink(channel: Channel, userId: string): Promise<boolean> {
    const link = await this.byChat(channel, userId);
    if (!link) return false;
    const remove = (key: { pk: string; sk: string }) => ({
      Delete: { TableName: this.store.table, Key: key },
    });
    await this.store.ctx.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          remove(keys.chatLink(channel, userId)),
          remove(keys.ownerChat(link, channel, userId)),
        ],
      }),
    );
    return true;
  }

  async markActive(channel: Channel, userId: string, at: Date): Promise<void> {
    await this.setOnBoth(channel, userId, 'lastActiveAt', at.toISOString());
  }

  /** One attribute on the link and on the owner's copy, together (notices read the copy). */
  private async setOnBoth(
    channel: Channel,
    userId: string,
    attribute: 'blocked' | 'lastActiveAt',
    value: boolean | string,
  ): Promise<void> {
    const link = await this.byChat(channel, userId);
    if (!link) return; // an unlinked chat: nothing to record
    const update = (key: { pk: string; sk: string }) => ({
      Update: {
        TableName: this.store.table,
        Key: key,
        UpdateExpression: 'SET #a = :v',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
      },
    });
    await this.store.ctx.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          update(keys.chatLink(channel, userId)),
          update(keys.ownerChat(link, channel, userId)),
        ],
      }),
    );
  }
}
