// runtime of the background queue's worker: one task run alike by the SQS worker and the in-process queue
// (runQueueTask, with the port sets only tasks need), a failed one logged without personal data and retried
// alone; the batch's correlation id. Only the worker and the composition roots that run the queue in process
// (local/, tests) import this, so the functions that only enqueue do not carry the tasks' code (issue 20).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ChatMessenger } from '../shared/ports/chat.js';
import {
  isImportTask,
  isMeetingChangeTask,
  isMinutesSignTask,
  isPrepareTask,
  isReportTask,
  type QueueTask,
} from '../shared/ports/invitations.js';
import {
  invitationTaskSchema,
  prepareInvitationsTaskSchema,
  queueTaskSchema,
} from '../shared/schemas/events.js';
import { type ImportJobPorts, runImportJob } from '../shared/services/import-job.js';
import { invitationPorts, meetingChangePorts } from '../shared/services/invitation-wiring.js';
import { deliverInvitation, prepareInvitations } from '../shared/services/invitations.js';
import { runMeetingChange } from '../shared/services/meeting-changes.js';
import { type MinutesSignTaskPorts, runMinutesSignTask } from '../shared/services/minutes-sign-task.js';
import { type ReportTaskPorts, runReportTask } from '../shared/services/report-task.js';
import { type BotAppDeps, invitationWiring, sealedMinutesPorts, type TelegramRuntime } from './chat-deps.js';
import { reportPorts } from './http/ports.js';
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
  report: 'report task failed',
  'minutes-sign': 'minutes signature task failed',
  invitation: 'invitation task failed',
};

/** What names a failed task in the log: ids only (never a name, phone or reason). */
function failureFields(task: QueueTask): Record<string, string | number> {
  if (task.kind === 'meeting-change') return { meetingId: task.meetingId, version: task.version };
  if (task.kind === 'report') return { orgId: task.orgId, year: task.year };
  if (task.kind === 'minutes-sign') return { meetingId: task.meetingId };
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

/** One task of the background queue, run alike by the SQS worker and the in-process queue. */
export async function runQueueTask(
  deps: BotAppDeps,
  runtime: Pick<TelegramRuntime, 'messenger' | 'files'>,
  task: QueueTask,
): Promise<unknown> {
  if (isImportTask(task)) return runImportJob(task.jobId, importJobPorts(deps, runtime));
  if (isReportTask(task)) return runReportTask(task, reportTaskPorts(deps, runtime.messenger));
  if (isMinutesSignTask(task)) return runMinutesSignTask(task, minutesSignTaskPorts(deps, runtime.messenger));
  const wiring = invitationWiring(deps, runtime.messenger);
  if (isPrepareTask(task)) return prepareInvitations(task, invitationPorts(wiring));
  if (isMeetingChangeTask(task)) return runMeetingChange(task, meetingChangePorts(wiring));
  return deliverInvitation(task, invitationPorts(wiring));
}

/** The ports of a members' import sent to the bot (the worker's side). */
export function importJobPorts(
  deps: BotAppDeps,
  runtime: Pick<TelegramRuntime, 'messenger' | 'files'>,
): ImportJobPorts {
  const r = deps.repos;
  return {
    committees: r.committees,
    members: r.members,
    introductions: r.introductions,
    staff: r.staff,
    counters: r.counters,
    importJobs: r.importJobs,
    files: runtime.files,
    messenger: runtime.messenger,
    queue: deps.queue,
    clock: deps.clock,
    ids: deps.ids,
    log: deps.logger,
    progressRows: deps.importProgressRows || undefined,
  };
}

/** The ports of a report asked for in a chat (the worker's side): compile, draw the files, send them. */
export function reportTaskPorts(deps: BotAppDeps, messenger: ChatMessenger): ReportTaskPorts {
  if (!deps.reportRenderer)
    throw new Error('The report task needs the report renderer (XLSX and PDF writers)');
  const r = deps.repos;
  return {
    ...reportPorts(deps),
    staff: r.staff,
    idempotency: r.idempotency,
    renderer: deps.reportRenderer,
    messenger,
    log: deps.logger,
  };
}

/** The ports of a signature asked for in a chat (the worker's side): sign, seal, send the PDF. */
export function minutesSignTaskPorts(deps: BotAppDeps, messenger: ChatMessenger): MinutesSignTaskPorts {
  const r = deps.repos;
  return {
    ...sealedMinutesPorts(deps, messenger),
    staff: r.staff,
    absenceNotices: r.absenceNotices,
    counters: r.counters,
    pdf: deps.minutesPdf,
  };
}
