// adapter: the small set of table operations every repository builds on (get, conditional put, versioned
// put, paged query, transactions with the outbox). No Scan: every read is a GetItem or a Query.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { DomainEvent } from '../../domain/events.js';
import type { Page } from '../../ports/common.js';
import type { DynamoContext } from './client.js';
import { type IndexKeys, type Key, keys, outboxShard } from './keys.js';
import { currentVersion } from './records.js';

export type Item = Record<string, unknown>;
export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * An item as stored: keys, index keys, entity type and schema version (the registry's current one, see
 * records.ts), then the entity's own fields.
 */
export function toItem(
  type: string,
  key: Key,
  entity: object,
  indexes: IndexKeys = {},
  extra: Item = {},
): Item {
  return { ...entity, ...extra, ...key, ...indexes, type, v: currentVersion(type) };
}

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through: a cursor we did not mint
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends ConflictError {
  constructor() {
    super({ vi: 'Con trỏ phân trang không hợp lệ', en: 'The paging cursor is not valid' }, 'invalid_cursor');
  }
}

export interface QuerySpec {
  index?: 'gsi1' | 'gsi2' | 'gsi3';
  pk: string;
  skPrefix?: string;
  /** Only sort keys below this value (exclusive); not combined with `skPrefix`. */
  skBefore?: string;
  /** Newest/highest first. */
  descending?: boolean;
  /** A strongly consistent read (table partitions only; GSIs are always eventually consistent). */
  consistent?: boolean;
}

export interface ConditionalPut {
  item: Item;
  /** Default: the key must not exist yet. */
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export class DynamoStore {
  constructor(readonly ctx: DynamoContext) {}

  get table(): string {
    return this.ctx.tableName;
  }

  async get(key: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.ctx.doc.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: consistent }),
    );
    return out.Item;
  }

  /**
   * Many GetItems in BatchGetItem calls of 100 keys (strongly consistent), retrying what DynamoDB left
   * unprocessed. Missing items are simply absent from the result; order is not kept.
   */
  async batchGet(keysToGet: readonly Key[], inFlight = 4): Promise<Item[]> {
    const out: Item[] = [];
    const chunks: Record<string, unknown>[][] = [];
    for (let i = 0; i < keysToGet.length; i += 100) {
      chunks.push(keysToGet.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk })));
    }
    const getChunk = async (chunk: Record<string, unknown>[]) => {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const res = await this.ctx.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        out.push(...(res.Responses?.[this.table] ?? []));
        pending = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
        if (attempt > 8 && pending.length > 0) throw new Error('BatchGetItem kept keys unprocessed');
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) await getChunk(chunks[next++] as Record<string, unknown>[]);
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, chunks.length) }, worker));
    return out;
  }

  /** A put that must not overwrite: false when the item already exists (the caller decides if that is a replay). */
  async putNew(item: Item): Promise<boolean> {
    try {
      await this.ctx.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async put(item: Item): Promise<void> {
    await this.ctx.doc.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  private queryInput(spec: QuerySpec, limit?: number, startKey?: Record<string, unknown>): QueryCommandInput {
    const pkName = spec.index ? `${spec.index}pk` : 'pk';
    const skName = spec.index ? `${spec.index}sk` : 'sk';
    return {
      TableName: this.table,
      IndexName: spec.index,
      KeyConditionExpression: spec.skPrefix
        ? '#pk = :pk AND begins_with(#sk, :sk)'
        : spec.skBefore
          ? '#pk = :pk AND #sk < :sk'
          : '#pk = :pk',
      ExpressionAttributeNames:
        spec.skPrefix || spec.skBefore ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
      ExpressionAttributeValues:
        spec.skPrefix || spec.skBefore
          ? { ':pk': spec.pk, ':sk': spec.skPrefix ?? spec.skBefore }
          : { ':pk': spec.pk },
      ScanIndexForward: !spec.descending,
      ConsistentRead: (spec.consistent && !spec.index) || undefined,
      Limit: limit,
      ExclusiveStartKey: startKey,
    };
  }

  /** One page of a Query; the cursor is opaque to callers (base64url of DynamoDB's LastEvaluatedKey). */
  async queryPage(spec: QuerySpec, limit: number, cursor?: string): Promise<Page<Item>> {
    let out: QueryCommandOutput;
    try {
      out = await this.ctx.doc.send(new QueryCommand(this.queryInput(spec, limit, decodeCursor(cursor))));
    } catch (error) {
      // A cursor minted for another listing (another partition) is refused by DynamoDB as a ValidationException.
      if (cursor && (error as Error).name === 'ValidationException') throw new InvalidCursorError();
      throw error;
    }
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items: out.Items ?? [], cursor: next || undefined };
  }

  /**
   * Every item of a Query, streamed page by page (DynamoDB pages at 1 MB): memory is bounded by a page
   * for callers that consume the iterator as it goes.
   */
  async *queryAll(spec: QuerySpec, pageSize?: number): AsyncGenerator<Item> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.ctx.doc.send(new QueryCommand(this.queryInput(spec, pageSize, startKey)));
      for (const item of out.Items ?? []) yield item;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  async queryList(spec: QuerySpec): Promise<Item[]> {
    const items: Item[] = [];
    for await (const item of this.queryAll(spec)) items.push(item);
    return items;
  }

  /**
   * Writes the given items and the outbox items of `events` in one TransactWriteItems, so a change and
   * its event are stored together or not at all. A failed condition becomes a ConflictError.
   */
  async transact(writes: TxItem[], events: readonly DomainEvent[] = []): Promise<void> {
    const items = [...writes, ...events.map((e) => ({ Put: outboxPut(this.table, e) }))];
    if (items.length === 0) return;
    if (items.length > 100) throw new Error(`A transaction holds at most 100 items (got ${items.length})`);
    try {
      await this.ctx.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) {
          const failed = reasons
            .map((r, i) => (r.Code === 'ConditionalCheckFailed' ? i : -1))
            .filter((i) => i >= 0);
          throw new ConflictError(
            {
              vi: 'Có người khác vừa thay đổi cùng dữ liệu; hãy tải lại rồi thử lại',
              en: `A concurrent change won (conditions failed at ${failed.join(', ')})`,
            },
            'conflict',
            {
              failedIndexes: failed,
            },
          );
        }
        // Another transaction held one of the items: a lost race like a stale version, so callers that
        // re-read and retry (attendance toggles) treat it the same way.
        if (reasons.some((r) => r.Code === 'TransactionConflict')) {
          throw new ConflictError(
            {
              vi: 'Có người khác đang thay đổi cùng dữ liệu; hãy thử lại',
              en: 'A concurrent transaction held the same item',
            },
            'conflict',
            {
              transactionConflict: true,
            },
          );
        }
      }
      throw error;
    }
  }

  /** A put guarded by the record's version (optimistic locking); version 0 means "must not exist yet". */
  versionedPut(item: Item & { version: number }, expectedVersion: number): TxItem {
    if (expectedVersion === 0) {
      return { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
    }
    return {
      Put: {
        TableName: this.table,
        Item: item,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    };
  }

  /** The outbox items of events, for callers that assemble a transaction themselves. */
  outboxPuts(events: readonly DomainEvent[]): TxItem[] {
    return events.map((e) => ({ Put: outboxPut(this.table, e) }));
  }

  newPut(item: Item): TxItem {
    return { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  plainPut(item: Item): TxItem {
    return { Put: { TableName: this.table, Item: item } };
  }

  deleteOp(key: Key, condition?: { expression: string; values?: Record<string, unknown> }): TxItem {
    return {
      Delete: {
        TableName: this.table,
        Key: key,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ExpressionAttributeValues: condition.values,
            }
          : {}),
      },
    };
  }
}

function outboxPut(tableName: string, event: DomainEvent): NonNullable<TxItem['Put']> {
  const shard = outboxShard(event.id);
  return {
    TableName: tableName,
    Item: toItem(
      'OutboxEvent',
      keys.outbox(event.id),
      { status: 'pending', event },
      keys.outboxPending(shard, event.occurredAt, event.id),
    ),
    // The same event id twice (a retried change) must not publish twice.
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}
