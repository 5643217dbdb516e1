// adapter: the Zalo OA's reply window and proactive quota on DynamoDB — one item per user's last message, one atomic counter per month.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ZaloLastInbound, ZaloOutboundStore } from '../../ports/zalo.js';
import { keys } from './keys.js';
import type { DynamoStore } from './store.js';

/** A month's counter is kept a little over a year (last year's same month can still be compared). */
const PROACTIVE_MONTH_TTL_SECONDS = 400 * 24 * 3600;

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

export class DynamoZaloOutboundStore implements ZaloOutboundStore {
  constructor(
    private readonly store: DynamoStore,
    private readonly oaId: string,
    /** The counter's expiry is reckoned from this clock (the month counted). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async recordInbound(userId: string, inbound: ZaloLastInbound, expiresAt: Date): Promise<void> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.zaloLastInbound(this.oaId, userId),
          UpdateExpression: 'SET msgId = :m, #at = :at, replies = :r, #type = :type, v = :v, #ttl = :ttl',
          // A newer message replaces the record; a retry or replay of this one, or an older one, does not
          // (it would give back replies already spent). ISO instants of one format compare as strings.
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :at OR (#at = :at AND msgId <> :m)',
          ExpressionAttributeNames: { '#at': 'at', '#type': 'type', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':m': inbound.msgId,
            ':at': inbound.at,
            ':r': inbound.replies,
            ':type': 'ZaloLastInbound',
            ':v': 1,
            ':ttl': epochSeconds(expiresAt),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }

  async takeReply(userId: string, since: Date, free: number): Promise<string | undefined> {
    try {
      const out = await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.zaloLastInbound(this.oaId, userId),
          UpdateExpression: 'SET replies = replies + :one',
          // The condition and the increment are one write: two senders cannot both take the last reply.
          ConditionExpression: '#at >= :since AND replies < :free',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':one': 1, ':since': since.toISOString(), ':free': free },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const msgId = out.Attributes?.msgId;
      return typeof msgId === 'string' ? msgId : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async lastInbound(userId: string): Promise<ZaloLastInbound | undefined> {
    const item = await this.store.get(keys.zaloLastInbound(this.oaId, userId), true);
    if (!item || typeof item.msgId !== 'string' || typeof item.at !== 'string') return undefined;
    return { msgId: item.msgId, at: item.at, replies: Number(item.replies ?? 0) };
  }

  async countProactive(month: string): Promise<number> {
    const out = await this.store.ctx.doc.send(
      new UpdateCommand({
        TableName: this.store.table,
        Key: keys.zaloProactiveMonth(this.oaId, month),
        UpdateExpression: 'ADD n :one SET #type = :type, v = :v, #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':type': 'ZaloProactiveMonth',
          ':v': 1,
          ':ttl': epochSeconds(this.now()) + PROACTIVE_MONTH_TTL_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n ?? 0);
  }

  async proactiveCount(month: string): Promise<number> {
    const item = await this.store.get(keys.zaloProactiveMonth(this.oaId, month), true);
    return Number(item?.n ?? 0);
  }
}
