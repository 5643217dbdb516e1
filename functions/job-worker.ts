// Lambda: the scheduled jobs' worker — SQS batches of tasks, one committee each (or a board's roll-up); a failed
// task is reported as a batch item failure, retried alone, then dead-lettered.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { jobTaskSchema } from '../shared/schemas/events.js';
import { runJobTask } from '../shared/services/scheduled-jobs.js';
import { remindersOf } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { jobPorts } from './job-ports.js';
import { sqsBatch } from './middleware/messages.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    return observed(d, context, event.Records[0]?.messageId, () => runBatch(d, event));
  };
}

async function runBatch(d: AppDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const ports = jobPorts(d, remindersOf(d));
  // The tasks of a batch are different committees: they run side by side.
  return sqsBatch(event, {
    schema: jobTaskSchema,
    log: d.logger,
    malformed: 'job task malformed',
    handle: async (task) => {
      try {
        await runJobTask(ports, task);
      } catch (error) {
        // runJobTask recorded the failure on the run (and the metric); the queue retries the task.
        d.logger.warn('job task will be retried', {
          jobId: `${task.job}:${task.slot}`,
          orgId: task.orgId,
          errorName: (error as Error)?.name,
        });
        throw error;
      }
    },
  });
}

export const handler = createHandler(defaultDeps);
