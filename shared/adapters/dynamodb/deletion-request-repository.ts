// adapter: members' deletion requests on the table, one item per residence committee and member.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeletionRequest } from '../../domain/privacy.js';
import type { DeletionRequestRepository } from '../../ports/privacy.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, toItem } from './store.js';

export class DynamoDeletionRequestRepository implements DeletionRequestRepository {
  constructor(private readonly store: DynamoStore) {}

  create(request: DeletionRequest): Promise<boolean> {
    return this.store.putNew(
      toItem('DeletionRequest', keys.deletionRequest(request.orgId, request.memberId), request),
    );
  }

  async get(orgId: string, memberId: string): Promise<DeletionRequest | undefined> {
    const item = await this.store.get(keys.deletionRequest(orgId, memberId));
    return item ? readItem('DeletionRequest', item) : undefined;
  }

  async ofCommittee(orgId: string): Promise<DeletionRequest[]> {
    const all = (await this.store.queryList(keys.deletionRequestsOf(orgId))).map((i) =>
      readItem('DeletionRequest', i),
    );
    const byTime = (a: DeletionRequest, b: DeletionRequest) => (a.requestedAt < b.requestedAt ? -1 : 1);
    return [
      ...all.filter((r) => r.status === 'pending').sort(byTime),
      ...all.filter((r) => r.status === 'completed').sort(byTime),
    ];
  }

  async complete(orgId: string, memberId: string, at: string, by: string): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.deletionRequest(orgId, memberId),
          UpdateExpression: 'SET #s = :done, completedAt = :at, completedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND #s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':done': 'completed', ':at': at, ':by': by, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
