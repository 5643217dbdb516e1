// Test support: a fresh table per test file on its worker's DynamoDB Local; refuses any endpoint that is not loopback.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDynamoContext, type DynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-definition.js';

/** This worker's DynamoDB Local (test/support/global-setup.ts starts one per worker). */
export function localEndpoint(): string {
  const endpoints = inject('dynamoEndpoints') ?? [];
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  const endpoint = endpoints[(Math.max(1, worker) - 1) % Math.max(1, endpoints.length)];
  // Connected tests must never reach a real account: only a loopback DynamoDB Local is accepted.
  if (!endpoint || !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(endpoint).hostname)) {
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
