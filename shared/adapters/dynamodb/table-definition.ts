// adapter: the table's physical definition, used to create it on DynamoDB Local (the CDK stack mirrors it).
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { GSI, TABLE_ATTRIBUTES } from '../../config/table.js';

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const attr = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      attr(TABLE_ATTRIBUTES.pk),
      attr(TABLE_ATTRIBUTES.sk),
      ...Object.values(GSI).flatMap((g) => [attr(g.pk), attr(g.sk)]),
    ],
    KeySchema: [
      { AttributeName: TABLE_ATTRIBUTES.pk, KeyType: 'HASH' },
      { AttributeName: TABLE_ATTRIBUTES.sk, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.values(GSI).map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.pk, KeyType: 'HASH' as const },
        { AttributeName: g.sk, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  };
}

/** Creates the table if it is missing (idempotent: the local stack calls it on every start). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_ATTRIBUTES.ttl, Enabled: true },
    }),
  );
}
