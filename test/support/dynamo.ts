// Test support: a fresh table per test file on the run's DynamoDB Local; refuses any endpoint that is not loopback.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDynamoContext, type DynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-definition.js';

export function localEndpoint(): string {
  const endpoint = inject('dynamoEndpoint');
  const host = endpoint ? new URL(endpoint).hostname : '';
  // Connected tests must never reach a real account: only a loopback DynamoDB Local is accepted.
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Connected tests refuse to run without a local DynamoDB endpoint (got "${endpoint}")`);
  }
  return endpoint;
}

export interface TestTable extends DynamoContext {
  drop(): Promise<void>;
}

export async function createTestTable(): Promise<TestTable> {
  const ctx = createDynamoContext({ endpoint: localEndpoint(), tableName: `t-${randomUUID()}` });
  await ensureTable(ctx.client, ctx.tableName);
  return {
    ...ctx,
    drop: async () => {
      await ctx.client.send(new DeleteTableCommand({ TableName: ctx.tableName }));
      ctx.client.destroy();
    },
  };
}
