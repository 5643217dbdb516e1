// Test harness: one DynamoDB Local per test worker on a free port; each test file makes its own table on its
// worker's instance. One shared instance made the two workers' files wait on each other: DynamoDB Local keeps
// every table of one account and region in one SQLite database, whose writes take turns. On a loaded machine a
// file seeding 2,000 members held the small hooks of the file beside it past their 240 s guard (docs/testing.md).
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, JavaMissingError, startDynamoDbLocal } from '../../local/dynamodb-local.js';

let instances: DynamoDbLocal[] = [];

export async function setup(project: TestProject): Promise<void> {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const started = await Promise.allSettled(Array.from({ length: workers }, () => startDynamoDbLocal()));
  instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    // Stop the instances that did start: a failed setup runs no teardown.
    await teardown();
    const error: unknown = failure.reason;
    if (error instanceof JavaMissingError) {
      // One clear line, not a stack trace.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const endpoints = instances.map((i) => i.endpoint);
  console.log(`DynamoDB Local for this test run, one per worker: ${endpoints.join(', ')}`);
  project.provide('dynamoEndpoints', endpoints);
}

export async function teardown(): Promise<void> {
  await Promise.all(instances.map((i) => i.stop()));
  instances = [];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One per worker: the worker numbered VITEST_POOL_ID (1…maxWorkers) uses entry VITEST_POOL_ID − 1. */
    dynamoEndpoints: string[];
  }
}
