// adapter: the bot's conversation drafts, long button data, and the invitation and import jobs' records.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CallbackDataStore, ConversationDraft, DraftStore } from '../../ports/conversation.js';
import type { ImportJob, ImportJobRepository, ImportJobResult } from '../../ports/imports.js';
import type { DeliveryCount, InvitationJob, InvitationJobRepository } from '../../ports/invitations.js';
import type { Channel } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, toItem } from './store.js';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class DynamoDraftStore implements DraftStore {
  constructor(private readonly store: DynamoStore) {}

  async get(channel: Channel, userId: string): Promise<ConversationDraft | undefined> {
    const item = await this.store.get(keys.draft(channel, userId));
    // TTL deletion is lazy (up to two days late): an expired draft is treated as gone.
    if (!item || (typeof item.ttl === 'number' && item.ttl < epochSeconds(new Date()))) return undefined;
    return readItem('Draft', item);
  }

  async put(draft: ConversationDraft, ttlSeconds: number): Promise<void> {
    await this.store.put(
      toItem(
        'Draft',
        keys.draft(draft.channel, draft.userId),
        draft,
        {},
        {
          ttl: epochSeconds(new Date()) + ttlSeconds,
        },
      ),
    );
  }

  async delete(channel: Channel, userId: string): Promise<void> {
    await this.store.ctx.doc.send(
      new DeleteCommand({ TableName: this.store.table, Key: keys.draft(channel, userId) }),
    );
  }
}

export class DynamoCallbackDataStore implements CallbackDataStore {
  constructor(private readonly store: DynamoStore) {}

  async put(token: string, data: string, ttlSeconds: number): Promise<void> {
    // The token is a hash of the data, so writing it again is harmless (and refreshes its expiry).
    await this.store.put(
      toItem(
        'CallbackData',
        keys.callbackData(token),
        { data },
        {},
        { ttl: epochSeconds(new Date()) + ttlSeconds },
      ),
    );
  }

  async get(token: string): Promise<string | undefined> {
    const item = await this.store.get(keys.callbackData(token), false);
    return typeof item?.data === 'string' ? item.data : undefined;
  }
}

export class DynamoInvitationJobRepository implements InvitationJobRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(jobId: string): Promise<InvitationJob | undefined> {
    const item = await this.store.get(keys.job(jobId));
    return item ? readItem('InvitationJob', item) : undefined;
  }

  async start(job: InvitationJob): Promise<void> {
    await this.store.ctx.doc.send(
      new PutCommand({ TableName: this.store.table, Item: toItem('InvitationJob', keys.job(job.id), job) }),
    );
  }

  async count(jobId: string, run: number, what: DeliveryCount): Promise<InvitationJob | undefined> {
    try {
      const out = await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(jobId),
          UpdateExpression: 'ADD #what :one',
          // A late task of an earlier run must not count into the new run's numbers.
          ConditionExpression: '#run = :run',
          ExpressionAttributeNames: { '#what': what, '#run': 'run' },
          ExpressionAttributeValues: { ':one': 1, ':run': run },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? readItem('InvitationJob', out.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async markPrepared(
    jobId: string,
    run: number,
    counters: Pick<InvitationJob, 'total' | 'sent' | 'noChat' | 'undeliverable'>,
  ): Promise<boolean> {
    return this.conditionalSet(
      jobId,
      'SET preparedRun = :run, #total = :total, sent = :sent, noChat = :noChat, undeliverable = :undeliverable',
      // A stale prepare task (a newer run started) or a second delivery of the task sets nothing.
      '#run = :run AND (attribute_not_exists(preparedRun) OR preparedRun <> :run)',
      {
        ':run': run,
        ':total': counters.total,
        ':sent': counters.sent,
        ':noChat': counters.noChat,
        ':undeliverable': counters.undeliverable,
      },
      { '#total': 'total', '#run': 'run' },
    );
  }

  async claimProgressEdit(jobId: string, now: Date, minIntervalMs: number): Promise<boolean> {
    const before = new Date(now.getTime() - minIntervalMs).toISOString();
    return this.conditionalSet(
      jobId,
      'SET progressEditedAt = :now',
      'attribute_exists(pk) AND (attribute_not_exists(progressEditedAt) OR progressEditedAt <= :before)',
      { ':now': now.toISOString(), ':before': before },
    );
  }

  async claimFinish(jobId: string, run: number): Promise<boolean> {
    return this.conditionalSet(
      jobId,
      'SET finishedRun = :run',
      'attribute_exists(pk) AND (attribute_not_exists(finishedRun) OR finishedRun <> :run)',
      { ':run': run },
    );
  }

  private async conditionalSet(
    jobId: string,
    update: string,
    condition: string,
    values: Record<string, unknown>,
    names?: Record<string, string>,
  ): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(jobId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ExpressionAttributeNames: names,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

export class DynamoImportJobRepository implements ImportJobRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(jobId: string): Promise<ImportJob | undefined> {
    const item = await this.store.get(keys.job(jobId));
    return item ? readItem('ImportJob', item) : undefined;
  }

  async create(job: ImportJob): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new PutCommand({
          TableName: this.store.table,
          Item: toItem('ImportJob', keys.job(job.id), job),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async lease(jobId: string, now: Date, until: Date): Promise<ImportJob | undefined> {
    try {
      const out = await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(jobId),
          UpdateExpression: 'SET leaseUntil = :until ADD attempts :one',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(finishedAt) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          ExpressionAttributeValues: { ':until': until.toISOString(), ':now': now.toISOString(), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? readItem('ImportJob', out.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async release(jobId: string): Promise<void> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(jobId),
          UpdateExpression: 'REMOVE leaseUntil',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async progress(jobId: string, done: number, total: number): Promise<void> {
    await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.job(jobId),
        UpdateExpression: 'SET done = :done, #total = :total',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#total': 'total' },
        ExpressionAttributeValues: { ':done': done, ':total': total },
      }),
    );
  }

  async finish(jobId: string, result: ImportJobResult, now: Date): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.job(jobId),
          UpdateExpression: 'SET finishedAt = :now, #result = :result REMOVE leaseUntil',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
          ExpressionAttributeNames: { '#result': 'result' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':result': result },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
