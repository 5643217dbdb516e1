// runtime of the background queue's worker: a batch's tasks each run as the in-process queue runs them
// (runQueueTask), a failed one logged without personal data and retried alone; the batch's correlation id.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { QueueTask } from '../shared/ports/invitations.js';
import {
  invitationTaskSchema,
  prepareInvitationsTaskSchema,
  queueTaskSchema,
} from '../shared/schemas/events.js';
import { type BotAppDeps, runQueueTask } from './bot-deps.js';
import { parseMessage, sqsBatch } from './middleware/messages.js';

/** The job run a batch belongs to (`invitations:<meetingId>#<run>`), else its first message's id. */
export function correlationOf(event: SQSEvent): string | undefined {
  const first = event.Records[0];
  if (!first) return undefined;
  const task =
    parseMessage(invitationTaskSchema, first.body) ?? parseMessage(prepareInvitationsTaskSchema, first.body);
  // A malformed body: the message id still ties the lines together.
  return task ? `${task.jobId}#${task.run}` : first.messageId;
}

const FAILED: Record<NonNullable<QueueTask['kind']>, string> = {
  import: 'import task failed',
  prepare: 'invitation preparation failed',
  'meeting-change': 'meeting change task failed',
  invitation: 'invitation task failed',
};

/** What names a failed task in the log: ids only (never a name, phone or reason). */
function failureFields(task: QueueTask): Record<string, string | number> {
  if (task.kind === 'meeting-change') return { meetingId: task.meetingId, version: task.version };
  if (task.kind === 'import' || task.kind === 'prepare') return { jobId: task.jobId };
  return { jobId: task.jobId, memberId: task.memberId };
}

/** One SQS batch: the Telegram side is built once for it; the throttler spaces the sends to different chats. */
export async function deliverBatch(d: BotAppDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const runtime = await d.telegram();
  return sqsBatch(event, {
    schema: queueTaskSchema,
    log: d.logger,
    malformed: 'invitation task malformed',
    handle: async (queued, record) => {
      try {
        await runQueueTask(d, runtime, queued);
      } catch (error) {
        d.logger.warn(
          FAILED[queued.kind ?? 'invitation'],
          { ...failureFields(queued), messageId: record.messageId, errorName: (error as Error)?.name },
          error,
        );
        throw error;
      }
    },
  });
}
