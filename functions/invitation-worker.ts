// Lambda: the background queue's worker — SQS batches of tasks (an invitation round to prepare, an invitation
// to one member, a members' CSV sent to the bot, a meeting moved or called off to tell, a report or a
// signature asked for in a chat); failed tasks are retried alone. The work is functions/queue-worker.ts's.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createMinutesPdfRenderer } from '../shared/adapters/documents/minutes-pdf.js';
import { reportRenderer } from '../shared/adapters/documents/report-renderer.js';
import { asBotAppDeps } from './chat-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { correlationOf, deliverBatch } from './queue-worker.js';

export function createHandler(deps: () => AppDeps, minutesPdf = createMinutesPdfRenderer()) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    // A report or a seal asked for in a chat is drawn here (XLSX and PDF writers): the webhook only queues them.
    const d = asBotAppDeps(deps(), { reportRenderer, minutesPdf });
    return observed(d, context, correlationOf(event), () => deliverBatch(d, event));
  };
}

export const handler = createHandler(defaultDeps);
