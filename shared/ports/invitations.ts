// ports: the invitation job — its queue (SQS in AWS, in-process on one machine) and its progress record.
import type { Channel } from './repositories.js';

/** One member to deliver one invitation to; the job is the meeting's, `run` counts its (re)starts. */
export interface InvitationTask {
  /** Absent on tasks written before the queue carried imports too. */
  kind?: 'invitation';
  jobId: string;
  meetingId: string;
  memberId: string;
  run: number;
}

/**
 * Issue 19: the run's preparation — create one invitation per active member, then enqueue their deliveries.
 * The webhook (and POST /meetings/{id}/invitations) only queue this; the worker does the bulk part.
 */
export interface PrepareInvitationsTask {
  kind: 'prepare';
  jobId: string;
  meetingId: string;
  run: number;
}

/** A members' CSV sent to the bot, imported by the worker (the webhook does no bulk work). */
export interface ImportTask {
  kind: 'import';
  jobId: string;
}

/**
 * Issue 19: a meeting moved or called off — the worker updates its invitations and tells every invitee, then
 * reports to the staff who asked. `version` is the meeting's version the change saved (the tell claims' key).
 */
export interface MeetingChangeTask {
  kind: 'meeting-change';
  meetingId: string;
  version: number;
  change: 'moved' | 'cancelled';
  /** The staff id of who asked: the report goes to their linked chat. */
  requestedBy: string;
}

/**
 * Issue 19: the October report asked for in a chat (/baocao) — compiled (`compile`, the committee's staff) or
 * only sent as it is stored (`send`, a viewer), then rendered and sent to the chat that asked. The webhook
 * queues this; reading every member of a big ward and drawing its files is the worker's.
 */
export interface ReportTask {
  kind: 'report';
  op: 'compile' | 'send';
  orgId: string;
  year: number;
  /** Who asked: the worker acts as their stored assignment says now, not as the chat said then. */
  staffId: string;
  /** The chat that asked, and the message the outcome replaces. */
  reply: ProgressMessage;
}

/**
 * Issue 19: a signature of the minutes asked for in a chat (/ky). The first freezes the record of every member's
 * row and the second seals it, sends the R10 notices and the PDF: the worker's work in a big ward.
 */
export interface MinutesSignTask {
  kind: 'minutes-sign';
  meetingId: string;
  as: 'chair' | 'secretary';
  /** Who signs: the worker acts as their stored assignment says now. */
  staffId: string;
  reply: ProgressMessage;
}

/**
 * What the background queue carries: invitation rounds to prepare, invitations to deliver, member imports,
 * meeting changes to tell, reports to compile and send, minutes to sign.
 */
export type QueueTask =
  | InvitationTask
  | PrepareInvitationsTask
  | ImportTask
  | MeetingChangeTask
  | ReportTask
  | MinutesSignTask;

export function isImportTask(task: QueueTask): task is ImportTask {
  return task.kind === 'import';
}

export function isPrepareTask(task: QueueTask): task is PrepareInvitationsTask {
  return task.kind === 'prepare';
}

export function isMeetingChangeTask(task: QueueTask): task is MeetingChangeTask {
  return task.kind === 'meeting-change';
}

export function isReportTask(task: QueueTask): task is ReportTask {
  return task.kind === 'report';
}

export function isMinutesSignTask(task: QueueTask): task is MinutesSignTask {
  return task.kind === 'minutes-sign';
}

export interface InvitationQueue {
  enqueue(tasks: readonly QueueTask[]): Promise<void>;
}

export interface ProgressMessage {
  channel: Channel;
  chatId: string;
  /** The staff message edited with the progress; absent when started from the API (no message yet). */
  messageId?: string;
  languageCode?: string;
}

export interface InvitationJob {
  /** `invitations:<meetingId>`: one job per meeting, resumed by starting it again. */
  id: string;
  meetingId: string;
  residenceOrgId: string;
  startedBy: string;
  startedAt: string;
  run: number;
  total: number;
  sent: number;
  noChat: number;
  undeliverable: number;
  report?: ProgressMessage;
  progressEditedAt?: string;
  /** The run whose final report (the unreachable members) went out. */
  finishedRun?: number;
  /**
   * The run whose invitations are all created and whose counters were set from the sheet (issue 19): until
   * then the run is being prepared by the worker and its counters are zero.
   */
  preparedRun?: number;
}

export type DeliveryCount = 'sent' | 'noChat' | 'undeliverable';

export interface InvitationJobRepository {
  get(jobId: string): Promise<InvitationJob | undefined>;
  /** Stores the job for a new run (overwrites the previous run's counters). */
  start(job: InvitationJob): Promise<void>;
  /**
   * Sets the counters of `run` from the prepared sheet, once: true for the one caller that did (the run is
   * still the current one and nobody marked it prepared before); false leaves the counters as they are.
   */
  markPrepared(
    jobId: string,
    run: number,
    counters: Pick<InvitationJob, 'total' | 'sent' | 'noChat' | 'undeliverable'>,
  ): Promise<boolean>;
  /** Adds one delivered invitation to the counters of the run; returns the job as it is now. */
  count(jobId: string, run: number, what: DeliveryCount): Promise<InvitationJob | undefined>;
  /** True for the one caller allowed to edit the progress message now (at most every `minIntervalMs`). */
  claimProgressEdit(jobId: string, now: Date, minIntervalMs: number): Promise<boolean>;
  /** True for the one caller that sends the final report of `run`. */
  claimFinish(jobId: string, run: number): Promise<boolean>;
}
