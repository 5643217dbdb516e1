// adapter: one DynamoDB document client per process (module scope, as Powertools does), or one per endpoint for tests.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoContext {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

export interface DynamoClientOptions {
  /** DynamoDB Local's address; absent in AWS. */
  endpoint?: string;
  region?: string;
  tableName: string;
}

export function createDynamoContext(options: DynamoClientOptions): DynamoContext {
  const client = new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'ap-southeast-1',
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep a stray shell profile out of it.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc, tableName: options.tableName };
}
