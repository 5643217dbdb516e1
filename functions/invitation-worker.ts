// Lambda: the background queue's worker — SQS batches of tasks (an invitation to one member, or a members'
// CSV sent to the bot); failed tasks are retried alone.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts } from '../bot/context.js';
import { queueTaskSchema } from '../shared/schemas/events.js';
import { runImportJob } from '../shared/services/import-job.js';
import { deliverInvitation } from '../shared/services/invitations.js';
import { asBotAppDeps, botDepsOf, importJobPorts } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const d = asBotAppDeps(deps());
    const runtime = await d.telegram();
    const { messenger } = runtime;
    const ports = invitationPorts(botDepsOf(d, messenger));
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    // The throttler spaces the sends; the tasks of a batch go to different chats.
    await Promise.all(
      event.Records.map(async (record) => {
        let task: unknown;
        try {
          task = JSON.parse(record.body);
        } catch {
          task = undefined;
        }
        const parsed = queueTaskSchema.safeParse(task);
        if (!parsed.success) {
          // A message we did not write: retrying cannot help, so it is dropped (and logged by id).
          d.logger.error('invitation task malformed', { jobId: record.messageId });
          return;
        }
        const queued = parsed.data;
        if (queued.kind === 'import') {
          try {
            await runImportJob(queued.jobId, importJobPorts(d, runtime));
          } catch (error) {
            d.logger.warn('import task failed', { jobId: queued.jobId, errorName: (error as Error)?.name });
            failures.push({ itemIdentifier: record.messageId });
          }
          return;
        }
        try {
          await deliverInvitation(queued, ports);
        } catch (error) {
          d.logger.warn('invitation task failed', {
            jobId: queued.jobId,
            memberId: queued.memberId,
            errorName: (error as Error)?.name,
          });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  };
}

export const handler = createHandler(defaultDeps);
