// Lambda: the background queue's worker — SQS batches of tasks (an invitation to one member, or a members'
// CSV sent to the bot); failed tasks are retried alone.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts } from '../bot/context.js';
import { invitationTaskSchema, queueTaskSchema } from '../shared/schemas/events.js';
import { runImportJob } from '../shared/services/import-job.js';
import { deliverInvitation } from '../shared/services/invitations.js';
import { asBotAppDeps, type BotAppDeps, botDepsOf, importJobPorts } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';

/** The job run a batch belongs to (`invitations:<meetingId>#<run>`), else its first message's id. */
function correlationOf(event: SQSEvent): string | undefined {
  const first = event.Records[0];
  if (!first) return undefined;
  try {
    const task = invitationTaskSchema.safeParse(JSON.parse(first.body));
    if (task.success) return `${task.data.jobId}#${task.data.run}`;
  } catch {
    // a malformed body: the message id still ties the lines together
  }
  return first.messageId;
}

export function createHandler(deps: () => AppDeps) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = asBotAppDeps(deps());
    return observed(d, context, correlationOf(event), () => deliverBatch(d, event));
  };
}

async function deliverBatch(d: BotAppDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const runtime = await d.telegram();
  const ports = invitationPorts(botDepsOf(d, runtime.messenger));
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
        d.logger.error('invitation task malformed', { messageId: record.messageId });
        return;
      }
      const queued = parsed.data;
      if (queued.kind === 'import') {
        try {
          await runImportJob(queued.jobId, importJobPorts(d, runtime));
        } catch (error) {
          d.logger.warn(
            'import task failed',
            { jobId: queued.jobId, messageId: record.messageId, errorName: (error as Error)?.name },
            error,
          );
          failures.push({ itemIdentifier: record.messageId });
        }
        return;
      }
      try {
        await deliverInvitation(queued, ports);
      } catch (error) {
        d.logger.warn(
          'invitation task failed',
          {
            jobId: queued.jobId,
            memberId: queued.memberId,
            messageId: record.messageId,
            errorName: (error as Error)?.name,
          },
          error,
        );
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

export const handler = createHandler(defaultDeps);
