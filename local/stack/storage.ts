// Local runtime, step 1: the storage — DynamoDB Local started here (or the one DYNAMODB_ENDPOINT names), the
// table, the repositories on it, the local clock, and the demo data when the settings ask for it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-definition.js';
import { LocalClock } from '../clock.js';
import type { Line } from '../console-log.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local.js';
import { seedDemo } from '../seed.js';
import type { LocalSettings } from '../settings.js';
import type { Teardown } from './lifecycle.js';

export interface LocalStorage {
  endpoint: string;
  /** The DynamoDB Local Java process, when it was started here. */
  dynamoPid: number | undefined;
  repos: Repositories;
  clock: LocalClock;
}

export async function startStorage(
  settings: LocalSettings,
  log: Line,
  teardown: Teardown,
): Promise<LocalStorage> {
  const { endpoint, dynamoPid } = await dynamoEndpoint(settings, log, teardown);
  const ctx = createDynamoContext({
    endpoint,
    tableName: settings.tableName,
    region: 'ap-southeast-1',
  });
  teardown.add('DynamoDB client', () => ctx.client.destroy());
  const tableStart = Date.now();
  await ensureTable(ctx.client, settings.tableName);
  log(`table ${settings.tableName} ready (${Date.now() - tableStart} ms)`);
  const repos = createRepositories(ctx);
  const clock = new LocalClock(settings.clockStart);
  if (settings.seed) {
    const seeding = Date.now();
    const seed = await seedDemo(repos, clock);
    log(
      `demo data: ${seed.created} records written, ${seed.existing} already there (${Date.now() - seeding} ms)`,
    );
  }
  return { endpoint, dynamoPid, repos, clock };
}

/** DynamoDB Local: the one DYNAMODB_ENDPOINT names, or started here (in memory, or kept in .data/dynamodb). */
async function dynamoEndpoint(
  settings: LocalSettings,
  log: Line,
  teardown: Teardown,
): Promise<{ endpoint: string; dynamoPid: number | undefined }> {
  if (settings.dynamoEndpoint) {
    log(`DynamoDB Local on ${settings.dynamoEndpoint} (not started here)`);
    return { endpoint: settings.dynamoEndpoint, dynamoPid: undefined };
  }
  const dbPath = join(settings.dataDir, 'dynamodb');
  if (settings.persist) mkdirSync(dbPath, { recursive: true });
  const dynamo: DynamoDbLocal = await startDynamoDbLocal({
    ...(settings.dynamoPort === 0 ? {} : { port: settings.dynamoPort }),
    ...(settings.persist ? { dbPath } : {}),
  });
  teardown.add('DynamoDB Local', () => dynamo.stop());
  log(`DynamoDB Local on ${dynamo.endpoint} (${settings.persist ? `data in ${dbPath}` : 'in memory'})`);
  return { endpoint: dynamo.endpoint, dynamoPid: dynamo.pid };
}
