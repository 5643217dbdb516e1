// runtime of the scheduled jobs' worker: one SQS batch of tasks (different committees, run side by side), each
// failure logged by ids and left to the queue to retry.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { jobTaskSchema } from '../shared/schemas/events.js';
import { runJobTask } from '../shared/services/scheduled-jobs.js';
import { remindersOf } from './chat-deps.js';
import type { AppDeps } from './deps.js';
import { jobPorts } from './job-ports.js';
import { sqsBatch } from './middleware/messages.js';

export async function runBatch(d: AppDeps, event: SQSEvent): Promise<SQSBatchResponse> {
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
