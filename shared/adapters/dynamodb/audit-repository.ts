// adapter: the audit trail of reads on the table — one item per read under the reader's committee, sorted by
// time, removed by TTL after its keeping time (shared/domain/audit.ts).
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, auditExpiresAt } from '../../domain/audit.js';
import type { AuditRepository } from '../../ports/audit.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, toItem } from './store.js';

export class DynamoAuditRepository implements AuditRepository {
  constructor(private readonly store: DynamoStore) {}

  async record(entries: readonly AuditEntry[]): Promise<void> {
    const items = entries.map((e) =>
      toItem(
        'Audit',
        keys.audit(e.orgId, e.at, e.id),
        e,
        {},
        {
          ttl: Math.floor(auditExpiresAt(new Date(e.at)).getTime() / 1000),
        },
      ),
    );
    for (let i = 0; i < items.length; i += 25) {
      let pending: Record<string, unknown>[] = items
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
        const out = await this.store.ctx.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.store.table]: pending } }),
        );
        pending = (out.UnprocessedItems?.[this.store.table] ?? []) as Record<string, unknown>[];
      }
      if (pending.length > 0) throw new Error('Audit entries could not be written');
    }
  }

  async list(orgId: string, from: string, to: string, limit: number): Promise<AuditEntry[]> {
    const out = await this.store.ctx.doc.send(
      new QueryCommand({
        TableName: this.store.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.auditPartition(orgId),
          ':from': `AT#${from}`,
          // Entries of the last instant too: their sort key continues after the time.
          ':to': `AT#${to}\uffff`,
        },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => readItem('Audit', i as Item));
  }
}
