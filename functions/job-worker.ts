// Lambda: the scheduled jobs' worker — SQS batches of tasks, one committee each (or a board's roll-up); a failed
// task is reported as a batch item failure, retried alone, then dead-lettered.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { runBatch } from './job-batch.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    return observed(d, context, event.Records[0]?.messageId, () => runBatch(d, event));
  };
}

export const handler = createHandler(defaultDeps);
