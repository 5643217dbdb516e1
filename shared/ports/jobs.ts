// ports: the scheduled jobs' fan-out — the jobs queue (SQS in AWS, in-process on one machine), the run record
// with its per-committee markers, and the metric a failed committee raises.
import type { CommitteeFailure, FannedOutJob, JobTask } from '../domain/jobs.js';

export type { JobTask };

export interface JobQueue {
  enqueue(tasks: readonly JobTask[]): Promise<void>;
}

/** Numbers a committee's task adds to its run, once (e.g. `sent`, `raised`, `compiled`). */
export type JobCounts = Record<string, number>;

export interface JobRun {
  /** `<job>:<slot>` */
  id: string;
  job: FannedOutJob;
  slot: string;
  /** Committees the latest dispatch of the slot planned. */
  total: number;
  done: number;
  failed: CommitteeFailure[];
  counts: JobCounts;
  startedAt: string;
  /** The latest dispatch of the slot (a rerun moves it). */
  dispatchedAt: string;
  /** When every committee first had an outcome (done or failed). */
  finishedAt?: string;
  /** The October report: the top-level boards rolled up once their trees are compiled. */
  roots?: string[];
  /** Root board → the `done` count its latest roll-up saw (a later success rolls it up again). */
  rolledUp?: Record<string, number>;
}

export type CommitteeTaskStatus = 'done' | 'failed';

export interface JobRunRepository {
  get(runId: string): Promise<JobRun | undefined>;
  /** Creates the run or, on a rerun of its slot, sets the newly planned total (counters are kept). */
  dispatch(run: Pick<JobRun, 'id' | 'job' | 'slot' | 'total' | 'roots'>, now: string): Promise<JobRun>;
  /** The status of each committee's task that has one (absent: never ran to an outcome). */
  statuses(runId: string, orgIds: readonly string[]): Promise<Map<string, CommitteeTaskStatus>>;
  /**
   * Marks the committee done and adds its counts to the run, in one transaction, once: false when it
   * was done already (a duplicate delivery, or a concurrent one that won).
   */
  markDone(runId: string, orgId: string, counts: JobCounts, now: string): Promise<boolean>;
  /** Records the committee as failed (its error's name only); a committee done already stays done. */
  markFailed(runId: string, orgId: string, errorName: string, now: string): Promise<void>;
  /** Sets `finishedAt` the first time the run is complete. */
  markFinished(runId: string, now: string): Promise<void>;
  /** Records that `rootId` was rolled up with `done` committees done. */
  markRolledUp(runId: string, rootId: string, done: number): Promise<void>;
}

/** The `JobCommitteesFailed` metric: one count per committee whose task failed (bound to Powertools in AWS). */
export interface JobMetrics {
  committeeFailed(job: string): void;
}

export const noJobMetrics: JobMetrics = { committeeFailed: () => undefined };
