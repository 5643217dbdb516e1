// adapter: the backfill of one entity type (issue 20 item 3): pages through the table's items of that type whose
// `v` is older than the registry's, and writes each one's migrated shape back, guarded by its `v` so a rerun, or
// two backfills at once, change nothing twice. The one Scan of the code base: an operator's tool, not a request path.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoContext } from './client.js';
import {
  entityOf,
  migrated,
  RECORDS,
  type RecordKind,
  readItem,
  type StoredAttributes,
  StoredItemError,
} from './records.js';

export interface BackfillResult {
  /** Items of the type older than the current version that the Scan returned. */
  old: number;
  rewritten: number;
  /** Changed by someone else between our read and our write (their `v` moved): left to them. */
  raced: number;
  /** Items that do not parse even migrated: their keys and paths, never their values. */
  invalid: string[];
}

export interface BackfillOptions {
  /** Items the Scan evaluates per page (DynamoDB also stops a page at 1 MB). */
  pageSize?: number;
  /** Count what would be rewritten, write nothing. */
  dryRun?: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function backfill(
  ctx: DynamoContext,
  kind: RecordKind,
  options: BackfillOptions = {},
): Promise<BackfillResult> {
  const current = RECORDS[kind].version;
  const result: BackfillResult = { old: 0, rewritten: 0, raced: 0, invalid: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(
      new ScanCommand({
        TableName: ctx.tableName,
        FilterExpression: '#type = :type AND (attribute_not_exists(#v) OR #v < :current)',
        ExpressionAttributeNames: { '#type': 'type', '#v': 'v' },
        ExpressionAttributeValues: { ':type': kind, ':current': current },
        Limit: options.pageSize || undefined,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      result.old++;
      try {
        readItem(kind, item); // the migrated item must parse before it is written back
      } catch (error) {
        if (!(error instanceof StoredItemError)) throw error;
        result.invalid.push(error.message);
        continue;
      }
      if (options.dryRun) continue;
      if (await rewrite(ctx, item, migrated(kind, item), current)) result.rewritten++;
      else result.raced++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return result;
}

/**
 * Sets only the attributes the migration changed (and removes those it dropped), with the new `v`, so a
 * concurrent update of other attributes (an RSVP) is kept; the condition is that `v` is still what was read.
 */
async function rewrite(
  ctx: DynamoContext,
  item: StoredAttributes,
  next: StoredAttributes,
  current: number,
): Promise<boolean> {
  const before = entityOf(item);
  const names: Record<string, string> = { '#v': 'v' };
  const values: Record<string, unknown> = { ':current': current };
  const sets = ['#v = :current'];
  const removes: string[] = [];
  let n = 0;
  for (const [k, value] of Object.entries(next)) {
    if (same(before[k], value)) continue;
    names[`#a${n}`] = k;
    values[`:a${n}`] = value;
    sets.push(`#a${n} = :a${n}`);
    n++;
  }
  for (const k of Object.keys(before)) {
    if (k in next) continue;
    names[`#a${n}`] = k;
    removes.push(`#a${n}`);
    n++;
  }
  const old = typeof item.v === 'number' ? item.v : undefined;
  if (old !== undefined) values[':old'] = old;
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression:
          old === undefined ? 'attribute_not_exists(#v) AND attribute_exists(pk)' : '#v = :old',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
