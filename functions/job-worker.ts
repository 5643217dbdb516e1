// Lambda: the scheduled jobs' worker — SQS batches of tasks, one committee each (or a board's roll-up); a failed
// task is reported as a batch item failure, retried alone, then dead-lettered.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { jobTaskSchema } from '../shared/schemas/events.js';
import { runJobTask } from '../shared/services/scheduled-jobs.js';
import { remindersOf } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { jobPorts } from './job-ports.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    return observed(d, context, event.Records[0]?.messageId, () => runBatch(d, event));
  };
}

async function runBatch(d: AppDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const ports = jobPorts(d, remindersOf(d));
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  // The tasks of a batch are different committees: they run side by side.
  await Promise.all(
    event.Records.map(async (record) => {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const parsed = jobTaskSchema.safeParse(body);
      if (!parsed.success) {
        // A message we did not write: retrying cannot help, so it is dropped (and logged by id).
        d.logger.error('job task malformed', { jobId: record.messageId });
        return;
      }
      try {
        await runJobTask(ports, parsed.data);
      } catch (error) {
        // runJobTask recorded the failure on the run (and the metric); the queue retries the task.
        d.logger.warn('job task will be retried', {
          jobId: `${parsed.data.job}:${parsed.data.slot}`,
          orgId: parsed.data.orgId,
          errorName: (error as Error)?.name,
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

export const handler = createHandler(defaultDeps);
