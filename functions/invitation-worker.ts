// Lambda: the background queue's worker — SQS batches of tasks (an invitation round to prepare, an invitation
// to one member, a members' CSV sent to the bot, or a meeting moved or called off to tell); failed tasks are
// retried alone. The work is functions/queue-worker.ts's.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { asBotAppDeps } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { correlationOf, deliverBatch } from './queue-worker.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = asBotAppDeps(deps());
    return observed(d, context, correlationOf(event), () => deliverBatch(d, event));
  };
}

export const handler = createHandler(defaultDeps);
