// Test harness: one DynamoDB Local per test run on a free port; each test file makes its own table.
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, JavaMissingError, startDynamoDbLocal } from '../../local/dynamodb-local.js';

let instance: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  try {
    instance = await startDynamoDbLocal();
  } catch (error) {
    if (error instanceof JavaMissingError) {
      // One clear line, not a stack trace.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  console.log(`DynamoDB Local for this test run: ${instance.endpoint}`);
  project.provide('dynamoEndpoint', instance.endpoint);
}

export async function teardown(): Promise<void> {
  await instance?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
