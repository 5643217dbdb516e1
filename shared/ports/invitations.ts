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
 * What the background queue carries: invitation rounds to prepare, invitations to deliver, member imports,
 * meeting changes to tell.
 */
export type QueueTask = InvitationTask | PrepareInvitationsTask | ImportTask | MeetingChangeTask;

export function isImportTask(task: QueueTask): task is ImportTask {
  return task.kind === 'import';
}

export function isPrepareTask(task: QueueTask): task is PrepareInvitationsTask {
  return task.kind === 'prepare';
}

export function isMeetingChangeTask(task: QueueTask): task is MeetingChangeTask {
  return task.kind === 'meeting-change';
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
