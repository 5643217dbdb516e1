// Lambda: the background queue's worker — SQS batches of tasks (an invitation round to prepare, an invitation
// to one member, a members' CSV sent to the bot, or a meeting moved or called off to tell); failed tasks are
// retried alone.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts, meetingChangePorts } from '../bot/context.js';
import {
  invitationTaskSchema,
  prepareInvitationsTaskSchema,
  queueTaskSchema,
} from '../shared/schemas/events.js';
import { runImportJob } from '../shared/services/import-job.js';
import { deliverInvitation, prepareInvitations } from '../shared/services/invitations.js';
import { runMeetingChange } from '../shared/services/meeting-changes.js';
import { asBotAppDeps, type BotAppDeps, botDepsOf, importJobPorts } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { parseMessage, sqsBatch } from './middleware/messages.js';

/** The job run a batch belongs to (`invitations:<meetingId>#<run>`), else its first message's id. */
function correlationOf(event: SQSEvent): string | undefined {
  const first = event.Records[0];
  if (!first) return undefined;
  const task =
    parseMessage(invitationTaskSchema, first.body) ?? parseMessage(prepareInvitationsTaskSchema, first.body);
  // A malformed body: the message id still ties the lines together.
  return task ? `${task.jobId}#${task.run}` : first.messageId;
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
  // The throttler spaces the sends; the tasks of a batch go to different chats.
  return sqsBatch(event, {
    schema: queueTaskSchema,
    log: d.logger,
    malformed: 'invitation task malformed',
    handle: async (queued, record) => {
      try {
        if (queued.kind === 'import') await runImportJob(queued.jobId, importJobPorts(d, runtime));
        else if (queued.kind === 'prepare') await prepareInvitations(queued, ports);
        else if (queued.kind === 'meeting-change')
          await runMeetingChange(queued, meetingChangePorts(botDepsOf(d, runtime.messenger)));
        else await deliverInvitation(queued, ports);
      } catch (error) {
        d.logger.warn(
          queued.kind === 'import'
            ? 'import task failed'
            : queued.kind === 'prepare'
              ? 'invitation preparation failed'
              : queued.kind === 'meeting-change'
                ? 'meeting change task failed'
                : 'invitation task failed',
          {
            ...(queued.kind === 'meeting-change'
              ? { meetingId: queued.meetingId, version: queued.version }
              : { jobId: queued.jobId }),
            ...(queued.kind === 'import' || queued.kind === 'prepare' || queued.kind === 'meeting-change'
              ? {}
              : { memberId: queued.memberId }),
            messageId: record.messageId,
            errorName: (error as Error)?.name,
          },
          error,
        );
        throw error;
      }
    },
  });
}

export const handler = createHandler(defaultDeps);
