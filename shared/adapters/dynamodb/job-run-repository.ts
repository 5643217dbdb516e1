// adapter: the scheduled jobs' run records — `JOB#<job>:<slot>` / `#META` with the counters, and one
// `TASK#<orgId>` marker per committee written in the same transaction as the counter it moves.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { CommitteeFailure } from '../../domain/jobs.js';
import type { CommitteeTaskStatus, JobCounts, JobRun, JobRunRepository } from '../../ports/jobs.js';
import { keys } from './keys.js';
import { type JobTaskMarker, readItem } from './records.js';
import { type DynamoStore, type Item, type TxItem, toItem } from './store.js';

/** Run records and markers are kept a little over a year, so last October's run is still there to compare. */
const RETENTION_SECONDS = 400 * 24 * 3600;
const expiry = (now: string) => Math.floor(Date.parse(now) / 1000) + RETENTION_SECONDS;

/** A committee's `TASK#<orgId>` marker, kept as long as the run. */
const taskItem = (runId: string, task: JobTaskMarker): Item =>
  toItem('JobTask', keys.jobTask(runId, task.orgId), task, {}, { ttl: expiry(task.at) });

/** The run as stored (records.ts, StoredJobRun): the failed committees as a map orgId → error name. */
function runOf(item: Item): JobRun {
  const stored = readItem('JobRun', item);
  const failed: CommitteeFailure[] = Object.entries(stored.failed ?? {})
    .map(([orgId, errorName]) => ({ orgId, errorName }))
    .sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0));
  return { ...stored, failed, counts: stored.counts ?? {}, rolledUp: stored.rolledUp ?? {} };
}

export class DynamoJobRunRepository implements JobRunRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(runId: string): Promise<JobRun | undefined> {
    const item = await this.store.get(keys.job(runId));
    return item ? runOf(item) : undefined;
  }

  async dispatch(run: Pick<JobRun, 'id' | 'job' | 'slot' | 'total' | 'roots'>, now: string): Promise<JobRun> {
    const out = await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.job(run.id),
        // The counters and markers of an earlier dispatch of the slot are kept: a rerun only adds what is missing.
        UpdateExpression:
          'SET #type = :type, #v = :v, #id = :id, #job = :job, #slot = :slot, #total = :total, ' +
          '#dispatchedAt = :now, #startedAt = if_not_exists(#startedAt, :now), #done = if_not_exists(#done, :zero), ' +
          '#failed = if_not_exists(#failed, :empty), #counts = if_not_exists(#counts, :empty), ' +
          '#rolledUp = if_not_exists(#rolledUp, :empty), #ttl = :ttl' +
          (run.roots ? ', #roots = :roots' : ''),
        ExpressionAttributeNames: {
          '#type': 'type',
          '#v': 'v',
          '#id': 'id',
          '#job': 'job',
          '#slot': 'slot',
          '#total': 'total',
          '#dispatchedAt': 'dispatchedAt',
          '#startedAt': 'startedAt',
          '#done': 'done',
          '#failed': 'failed',
          '#counts': 'counts',
          '#rolledUp': 'rolledUp',
          '#ttl': 'ttl',
          ...(run.roots ? { '#roots': 'roots' } : {}),
        },
        ExpressionAttributeValues: {
          ':type': 'JobRun',
          ':v': 1,
          ':id': run.id,
          ':job': run.job,
          ':slot': run.slot,
          ':total': run.total,
          ':now': now,
          ':zero': 0,
          ':empty': {},
          ':ttl': expiry(now),
          ...(run.roots ? { ':roots': run.roots } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return runOf(out.Attributes ?? {});
  }

  async statuses(runId: string, orgIds: readonly string[]): Promise<Map<string, CommitteeTaskStatus>> {
    const items = await this.store.batchGet(orgIds.map((orgId) => keys.jobTask(runId, orgId)));
    return new Map(
      items.map((item) => {
        const task = readItem('JobTask', item);
        return [task.orgId, task.status];
      }),
    );
  }

  async markDone(runId: string, orgId: string, counts: JobCounts, now: string): Promise<boolean> {
    const marker = await this.store.get(keys.jobTask(runId, orgId));
    const previous = marker ? readItem('JobTask', marker).status : undefined;
    if (previous === 'done') return false;
    const names: Record<string, string> = { '#done': 'done', '#failed': 'failed', '#org': orgId };
    const values: Record<string, unknown> = { ':one': 1 };
    const sets = ['#done = #done + :one'];
    // DynamoDB refuses expression names and values the expression does not use: each comes with its use.
    Object.entries(counts).forEach(([name, n], i) => {
      names['#counts'] = 'counts';
      values[':zero'] = 0;
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      sets.push(`#counts.#c${i} = if_not_exists(#counts.#c${i}, :zero) + :c${i}`);
    });
    const writes: TxItem[] = [
      {
        Put: {
          TableName: this.store.table,
          Item: taskItem(runId, { orgId, status: 'done', at: now }),
          // Exactly one delivery moves a committee to done: the one that finds it absent (or failed).
          ConditionExpression: previous === 'failed' ? '#status = :failed' : 'attribute_not_exists(pk)',
          ...(previous === 'failed'
            ? {
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':failed': 'failed' },
              }
            : {}),
        },
      },
      {
        Update: {
          TableName: this.store.table,
          Key: keys.job(runId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE #failed.#org`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    try {
      await this.store.transact(writes);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async markFailed(runId: string, orgId: string, errorName: string, now: string): Promise<void> {
    const writes: TxItem[] = [
      {
        Put: {
          TableName: this.store.table,
          Item: taskItem(runId, { orgId, status: 'failed', errorName, at: now }),
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
        },
      },
      {
        Update: {
          TableName: this.store.table,
          Key: keys.job(runId),
          UpdateExpression: 'SET #failed.#org = :error',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#failed': 'failed', '#org': orgId },
          ExpressionAttributeValues: { ':error': errorName },
        },
      },
    ];
    try {
      await this.store.transact(writes);
    } catch (error) {
      // Done already (a concurrent delivery succeeded): a success is never turned back into a failure.
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async markFinished(runId: string, now: string): Promise<void> {
    await this.conditionalUpdate(
      runId,
      'SET #at = :now',
      'attribute_exists(pk) AND attribute_not_exists(#at)',
      {
        names: { '#at': 'finishedAt' },
        values: { ':now': now },
      },
    );
  }

  async markRolledUp(runId: string, rootId: string, done: number): Promise<void> {
    await this.conditionalUpdate(
      runId,
      'SET #rolledUp.#root = :done',
      'attribute_exists(pk) AND (attribute_not_exists(#rolledUp.#root) OR #rolledUp.#root < :done)',
      { names: { '#rolledUp': 'rolledUp', '#root': rootId }, values: { ':done': done } },
    );
  }

  private async conditionalUpdate(
    runId: string,
    update: string,
    condition: string,
    expression: { names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<void> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(runId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: expression.names,
          ExpressionAttributeValues: expression.values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
