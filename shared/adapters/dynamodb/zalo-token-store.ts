// adapter: the Zalo OA token pair on DynamoDB — one versioned item, a conditional claim before a refresh token is spent.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredZaloTokens, ZaloTokenPair, ZaloTokenStore } from '../../ports/zalo.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, toItem } from './store.js';

export class DynamoZaloTokenStore implements ZaloTokenStore {
  constructor(
    private readonly store: DynamoStore,
    private readonly oaId: string,
  ) {}

  async read(): Promise<StoredZaloTokens | undefined> {
    const item = await this.store.get(keys.zaloTokens(this.oaId), true);
    return item ? readItem('ZaloTokens', item) : undefined;
  }

  async install(pair: ZaloTokenPair, now: Date): Promise<StoredZaloTokens> {
    const current = await this.read();
    const stored: StoredZaloTokens = {
      ...pair,
      version: (current?.version ?? 0) + 1,
      refreshedAt: now.toISOString(),
    };
    await this.store.put(toItem('ZaloTokens', keys.zaloTokens(this.oaId), stored));
    return stored;
  }

  async claimRefresh(version: number, owner: string, until: Date, now: Date): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.zaloTokens(this.oaId),
        UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until',
        // ISO instants of one format compare as strings.
        ConditionExpression: 'version = :v AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeValues: {
          ':owner': owner,
          ':until': until.toISOString(),
          ':v': version,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  async saveRefreshed(pair: ZaloTokenPair, expectedVersion: number, now: Date): Promise<boolean> {
    const stored: StoredZaloTokens = {
      ...pair,
      version: expectedVersion + 1,
      refreshedAt: now.toISOString(),
    };
    // Only the version guards the write, not the claim: a refresh token works once, so whoever holds a new pair
    // derived from this version is the only one who can, and must store it even if its claim ran out.
    return this.conditional(
      new PutCommand({
        TableName: this.store.table,
        Item: toItem('ZaloTokens', keys.zaloTokens(this.oaId), stored),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
  }

  async releaseRefresh(version: number, owner: string): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.zaloTokens(this.oaId),
        UpdateExpression: 'REMOVE leaseOwner, leaseUntil',
        ConditionExpression: 'version = :v AND leaseOwner = :owner',
        ExpressionAttributeValues: { ':v': version, ':owner': owner },
      }),
    );
  }

  /** Sends a conditional write: false when its condition failed (a lost race, not an error). */
  private async conditional(command: UpdateCommand | PutCommand): Promise<boolean> {
    try {
      if (command instanceof PutCommand) await this.store.ctx.doc.send(command);
      else await this.store.ctx.doc.send(command);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
