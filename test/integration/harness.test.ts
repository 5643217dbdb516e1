import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../support/dynamo.js';

describe('Harness: DynamoDB Local', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });
  afterAll(async () => {
    await table.drop();
  });

  it('creates the table with its three GSIs, a stream and on a loopback endpoint', async () => {
    // Act
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));

    // Assess
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3']);
    expect(Table?.StreamSpecification?.StreamViewType).toBe('NEW_IMAGE');
    const endpoint = await table.client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
  });
});
