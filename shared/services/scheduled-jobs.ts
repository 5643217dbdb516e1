// use cases: the scheduled jobs fanned out per committee — the dispatcher (the scheduled function) lists the
// committees of a slot and queues one task each; the worker does one committee's share exactly once.
import { localDate } from '../domain/dates.js';
import {
  type FannedOutJob,
  isRunComplete,
  type JobTask,
  jobRunId,
  jobSlot,
  meetingsByCommittee,
} from '../domain/jobs.js';
import type { Meeting } from '../domain/meeting.js';
import type { Clock } from '../ports/common.js';
import type { JobCounts, JobMetrics, JobQueue, JobRun, JobRunRepository } from '../ports/jobs.js';
import { type Log, silentLog } from '../ports/log.js';
import type { CommitteeRepository, MeetingRepository } from '../ports/repositories.js';
import { meetingsDueForAbsenceNotices, sendAbsenceNotices } from './absence-notices.js';
import { chaseDeadlines, type DeadlinePorts, dueRounds } from './deadlines.js';
import type { MeetingPorts } from './meeting-ports.js';
import { compileOctoberReport, type ReportPorts } from './october-report.js';
import { meetingsWithRemindersDue, type ReminderPorts, sendMeetingReminders } from './reminders.js';
import { applyRetention, type RetentionPorts } from './retention.js';

export interface JobPorts {
  runs: JobRunRepository;
  queue: JobQueue;
  metrics: JobMetrics;
  clock: Clock;
  log?: Log;
  committees: Pick<CommitteeRepository, 'ofKind'>;
  meetings: Pick<MeetingRepository, 'onDate' | 'get'>;
  /** The October report's reads and writes. */
  report: ReportPorts;
  /** R10's. */
  notices: Pick<
    MeetingPorts,
    'meetings' | 'committees' | 'invitations' | 'absenceNotices' | 'clock' | 'members'
  >;
  /** The reminders' (with the chat messenger), built only when a reminders task runs. */
  reminders?: () => Promise<ReminderPorts>;
  /** Retention's reads and writes (docs/privacy.md). */
  retention: RetentionPorts;
  /** R17, R19: the deadlines' reads (the messenger and claims come with the reminders' ports). */
  deadlines: Pick<DeadlinePorts, 'committees' | 'introductions' | 'members' | 'evaluations' | 'yearEnd'>;
}

export interface Dispatched {
  runId: string;
  slot: string;
  total: number;
  /** Tasks queued by this dispatch: the committees of the slot not done yet. */
  enqueued: number;
}

/** One committee's task failed (the reminders: a message that could not be sent); its markers make a retry cheap. */
export class CommitteeTaskError extends Error {
  override name = 'CommitteeTaskError';
}

export class RemindersUnavailableError extends Error {
  override name = 'RemindersUnavailableError';
  constructor() {
    super('This function was built without the reminders’ ports');
  }
}

interface Plan {
  tasks: { orgId: string; meetingIds?: string[] }[];
  roots?: string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function meetingTasks(meetings: readonly Meeting[]): Plan {
  return {
    tasks: [...meetingsByCommittee(meetings)]
      .sort(([a], [b]) => byId(a, b))
      .map(([orgId, meetingIds]) => ({ orgId, meetingIds })),
  };
}

/** The committees a slot covers, each found by one (paged) Query per access pattern, never a Scan. */
async function plan(ports: JobPorts, job: FannedOutJob, at: Date): Promise<Plan> {
  switch (job) {
    case 'reminders':
      return meetingTasks(await meetingsWithRemindersDue(ports, at));
    case 'absence-notices':
      return meetingTasks(await meetingsDueForAbsenceNotices(ports.notices, localDate(at)));
    case 'october-report': {
      // Every residence committee reports (R22), and every top-level board (no parent) is rolled up with
      // the boards under it once its residence committees are done.
      const [residences, boards] = await Promise.all([
        ports.committees.ofKind('residence'),
        ports.committees.ofKind('board'),
      ]);
      return {
        tasks: residences.map((c) => ({ orgId: c.id })).sort((a, b) => byId(a.orgId, b.orgId)),
        roots: boards
          .filter((b) => !b.parentId)
          .map((b) => b.id)
          .sort(byId),
      };
    }
    case 'deadlines': {
      // R17, R19: the residence committees whose rule set has a round of reminders due today.
      const today = localDate(at);
      return {
        tasks: (await ports.committees.ofKind('residence'))
          .filter((c) => Object.keys(dueRounds(c, today)).length > 0)
          .map((c) => ({ orgId: c.id }))
          .sort((a, b) => byId(a.orgId, b.orgId)),
      };
    }
    case 'retention':
      // Every residence committee holds invitations and introductions; one that has nothing due counts zeros.
      return {
        tasks: (await ports.committees.ofKind('residence'))
          .map((c) => ({ orgId: c.id }))
          .sort((a, b) => byId(a.orgId, b.orgId)),
      };
  }
}

/**
 * The dispatcher: records the run of the slot `at` falls in and queues a task for each committee not
 * done yet in that slot. A retry of the firing, or a rerun of the slot, queues only what is missing.
 * `slot` overrides the computed one (a manual October report of another year).
 */
export async function dispatchJob(
  ports: JobPorts,
  job: FannedOutJob,
  at: Date,
  options: { slot?: string } = {},
): Promise<Dispatched> {
  const slot = options.slot ?? jobSlot(job, at);
  const runId = jobRunId(job, slot);
  const { tasks, roots } = await plan(ports, job, at);
  await ports.runs.dispatch(
    { id: runId, job, slot, total: tasks.length, roots },
    ports.clock.now().toISOString(),
  );
  const statuses = await ports.runs.statuses(
    runId,
    tasks.map((t) => t.orgId),
  );
  const missing: JobTask[] = tasks
    .filter((t) => statuses.get(t.orgId) !== 'done')
    .map((t) => ({ job, slot, at: at.toISOString(), kind: 'committee', ...t }));
  await ports.queue.enqueue(missing);
  // Nothing left to do (a rerun of a finished slot, or an empty one): finish it here, rolling up if due.
  if (missing.length === 0) await settle(ports, { job, slot, at: at.toISOString() });
  (ports.log ?? silentLog).info('job dispatched', {
    jobId: runId,
    count: tasks.length,
    sent: missing.length,
  });
  return { runId, slot, total: tasks.length, enqueued: missing.length };
}

/** One committee's share of the job: what the task does, and the numbers it adds to the run. */
async function work(ports: JobPorts, task: JobTask): Promise<JobCounts> {
  const meetings = async () =>
    (await Promise.all((task.meetingIds ?? []).map((id) => ports.meetings.get(id)))).filter(
      (m): m is Meeting => m !== undefined,
    );
  switch (task.job) {
    case 'reminders': {
      if (!ports.reminders) throw new RemindersUnavailableError();
      const result = await sendMeetingReminders(await ports.reminders(), await meetings(), new Date(task.at));
      // The sent ones are claimed (never sent twice); failing the task gets the others retried.
      if (result.failed > 0) throw new CommitteeTaskError(`${result.failed} reminders not sent`);
      return { meetings: result.meetings, sent: result.sent };
    }
    case 'absence-notices': {
      const counts = { meetings: 0, checked: 0, raised: 0 };
      for (const meeting of await meetings()) {
        const run = await sendAbsenceNotices(ports.notices, meeting);
        counts.meetings += 1;
        counts.checked += run.checked;
        counts.raised += run.raised;
      }
      return counts;
    }
    case 'october-report': {
      const outcome = await compileOctoberReport(ports.report, task.orgId, Number(task.slot));
      return outcome.changed ? { compiled: 1 } : { unchanged: 1 };
    }
    case 'retention':
      return { ...(await applyRetention(ports.retention, task.orgId, new Date(task.at))) };
    case 'deadlines': {
      if (!ports.reminders) throw new RemindersUnavailableError();
      const run = await chaseDeadlines(
        { ...(await ports.reminders()), ...ports.deadlines },
        task.orgId,
        new Date(task.at),
      );
      // The sent ones are claimed (never sent twice); failing the task gets the others retried.
      if (run.failed > 0) throw new CommitteeTaskError(`${run.failed} deadline reminders not sent`);
      return { evaluationsLeft: run.evaluationsLeft, selfReportsLeft: run.selfReportsLeft, sent: run.sent };
    }
  }
}

/**
 * After a committee's outcome: when every committee of the run has one, the run is finished and, for the
 * October report, each top-level board not yet rolled up with this many committees done is queued for it.
 * Several workers may see the run complete at once: a roll-up queued twice stores nothing new the second time.
 */
async function settle(
  ports: JobPorts,
  of: Pick<JobTask, 'job' | 'slot' | 'at'>,
): Promise<JobRun | undefined> {
  const runId = jobRunId(of.job, of.slot);
  const run = await ports.runs.get(runId);
  if (!run || !isRunComplete(run)) return run;
  if (!run.finishedAt) await ports.runs.markFinished(runId, ports.clock.now().toISOString());
  const due = (run.roots ?? []).filter((root) => (run.rolledUp?.[root] ?? -1) < run.done);
  if (due.length > 0) {
    await ports.queue.enqueue(
      due.map((orgId) => ({ job: of.job, slot: of.slot, at: of.at, kind: 'rollup', orgId })),
    );
  }
  return run;
}

export type TaskOutcome = 'done' | 'skipped' | 'rolled-up';

/**
 * The worker: one committee's task, once per (job, slot, committee). A committee done already is skipped
 * (a duplicate delivery, a rerun); a failure is recorded on the run (id and error name), counted in the
 * `JobCommitteesFailed` metric and rethrown, so the queue retries the task and finally dead-letters it.
 */
export async function runJobTask(ports: JobPorts, task: JobTask): Promise<TaskOutcome> {
  const runId = jobRunId(task.job, task.slot);
  const now = () => ports.clock.now().toISOString();
  const log = ports.log ?? silentLog;
  if (task.kind === 'rollup') {
    const done = (await ports.runs.get(runId))?.done ?? 0;
    try {
      await compileOctoberReport(ports.report, task.orgId, Number(task.slot), {
        storedResidences: true,
        // A ward without a stored report that fails again is left out of the sums; it is on the run's failed list.
        onChildError: (orgId, error) =>
          log.warn('job roll-up: a committee left out', {
            jobId: runId,
            orgId,
            errorName: error instanceof Error ? error.name : 'Error',
          }),
      });
    } catch (error) {
      ports.metrics.committeeFailed(task.job);
      throw error;
    }
    await ports.runs.markRolledUp(runId, task.orgId, done);
    return 'rolled-up';
  }
  const status = (await ports.runs.statuses(runId, [task.orgId])).get(task.orgId);
  if (status === 'done') {
    // A delivery after a crash between the marker and the roll-up: settling again is what may be missing.
    await settle(ports, task);
    return 'skipped';
  }
  let counts: JobCounts;
  try {
    counts = await work(ports, task);
  } catch (error) {
    const errorName = error instanceof Error ? error.name : 'Error';
    await ports.runs.markFailed(runId, task.orgId, errorName, now());
    ports.metrics.committeeFailed(task.job);
    log.warn('job task failed', { jobId: runId, orgId: task.orgId, errorName });
    await settle(ports, task);
    throw error;
  }
  const first = await ports.runs.markDone(runId, task.orgId, counts, now());
  await settle(ports, task);
  return first ? 'done' : 'skipped';
}
