// Lambda: the background queue's worker — SQS batches of tasks (an invitation round to prepare, an invitation
// to one member, a members' CSV sent to the bot, a meeting moved or called off to tell, or a report asked for
// in a chat); failed tasks are retried alone.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { invitationPorts, meetingChangePorts } from '../bot/context.js';
import { createMinutesPdfRenderer } from '../shared/adapters/documents/minutes-pdf.js';
import { reportRenderer } from '../shared/adapters/documents/report-renderer.js';
import {
  invitationTaskSchema,
  prepareInvitationsTaskSchema,
  queueTaskSchema,
} from '../shared/schemas/events.js';
import { runImportJob } from '../shared/services/import-job.js';
import { deliverInvitation, prepareInvitations } from '../shared/services/invitations.js';
import { runMeetingChange } from '../shared/services/meeting-changes.js';
import { runMinutesSignTask } from '../shared/services/minutes-sign-task.js';
import { runReportTask } from '../shared/services/report-task.js';
import {
  asBotAppDeps,
  type BotAppDeps,
  botDepsOf,
  importJobPorts,
  minutesSignTaskPorts,
  reportTaskPorts,
} from './bot-deps.js';
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

export function createHandler(deps: () => AppDeps, minutesPdf = createMinutesPdfRenderer()) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    // A report or a seal asked for in a chat is drawn here (XLSX and PDF writers): the webhook only queues them.
    const d = asBotAppDeps(deps(), { reportRenderer, minutesPdf });
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
        else if (queued.kind === 'report') await runReportTask(queued, reportTaskPorts(d, runtime.messenger));
        else if (queued.kind === 'minutes-sign')
          await runMinutesSignTask(queued, minutesSignTaskPorts(d, runtime.messenger));
        else await deliverInvitation(queued, ports);
      } catch (error) {
        d.logger.warn(
          queued.kind === 'import'
            ? 'import task failed'
            : queued.kind === 'prepare'
              ? 'invitation preparation failed'
              : queued.kind === 'meeting-change'
                ? 'meeting change task failed'
                : queued.kind === 'report'
                  ? 'report task failed'
                  : queued.kind === 'minutes-sign'
                    ? 'minutes signature task failed'
                    : 'invitation task failed',
          {
            ...(queued.kind === 'meeting-change'
              ? { meetingId: queued.meetingId, version: queued.version }
              : queued.kind === 'minutes-sign'
                ? { meetingId: queued.meetingId }
                : queued.kind === 'report'
                  ? { orgId: queued.orgId, year: queued.year }
                  : { jobId: queued.jobId }),
            ...(queued.kind === undefined || queued.kind === 'invitation'
              ? { memberId: queued.memberId }
              : {}),
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
