// Lambda: the invitation job's worker — SQS batches of tasks, one member each; failed tasks are retried alone.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts } from '../bot/context.js';
import { invitationTaskSchema } from '../shared/schemas/events.js';
import { deliverInvitation } from '../shared/services/invitations.js';
import { asBotAppDeps, botDepsOf } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const d = asBotAppDeps(deps());
    const { messenger } = await d.telegram();
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
        const parsed = invitationTaskSchema.safeParse(task);
        if (!parsed.success) {
          // A message we did not write: retrying cannot help, so it is dropped (and logged by id).
          d.logger.error('invitation task malformed', { jobId: record.messageId });
          return;
        }
        try {
          await deliverInvitation(parsed.data, ports);
        } catch (error) {
          d.logger.warn('invitation task failed', {
            jobId: parsed.data.jobId,
            memberId: parsed.data.memberId,
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
