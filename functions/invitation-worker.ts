// Lambda: the invitation job's worker — SQS batches of tasks, one member each; failed tasks are retried alone.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts } from '../bot/context.js';
import { invitationTaskSchema } from '../shared/schemas/events.js';
import { deliverInvitation } from '../shared/services/invitations.js';
import { asBotAppDeps, type BotAppDeps, botDepsOf } from './bot-deps.js';
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
        d.logger.error('invitation task malformed', { messageId: record.messageId });
        return;
      }
      try {
        await deliverInvitation(parsed.data, ports);
      } catch (error) {
        d.logger.warn(
          'invitation task failed',
          {
            jobId: parsed.data.jobId,
            memberId: parsed.data.memberId,
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
