// composition: the scheduled jobs' ports (dispatcher and worker) out of the functions' dependencies, the
// one-process run (with the in-process queue, the dispatcher's tasks run here on the worker's code), and the
// scheduled functions' handler.
import type { Context } from 'aws-lambda';
import { InMemoryJobQueue } from '../shared/adapters/memory/invitation-queue.js';
import type { ScheduledJobEvent } from '../shared/config/functions.js';
import type { FannedOutJob } from '../shared/domain/jobs.js';
import type { JobRun } from '../shared/ports/jobs.js';
import { scheduledRunSchema } from '../shared/schemas/events.js';
import type { ReminderPorts } from '../shared/services/reminders.js';
import { dispatchJob, type JobPorts, runJobTask } from '../shared/services/scheduled-jobs.js';
import type { AppDeps } from './deps.js';
import { reportPorts } from './http/ports.js';
import { jobRunId, observed } from './invocation.js';

export function jobPorts(d: AppDeps, reminders?: () => Promise<ReminderPorts>): JobPorts {
  const r = d.repos;
  return {
    runs: r.jobRuns,
    queue: d.jobQueue,
    metrics: d.jobMetrics,
    clock: d.clock,
    log: d.logger,
    committees: r.committees,
    meetings: r.meetings,
    report: reportPorts(d),
    retention: {
      meetings: r.meetings,
      invitations: r.invitations,
      introductions: r.introductions,
      members: r.members,
      comments: r.comments,
      privacy: r.privacy,
      committees: r.committees,
      clock: d.clock,
    },
    notices: {
      meetings: r.meetings,
      committees: r.committees,
      invitations: r.invitations,
      absenceNotices: r.absenceNotices,
      members: r.members,
      clock: d.clock,
    },
    deadlines: {
      committees: r.committees,
      introductions: r.introductions,
      members: r.members,
      evaluations: r.evaluations,
      yearEnd: r.yearEnd,
    },
    reminders,
  };
}

/**
 * A scheduled function's body: dispatch the slot `at` falls in. In AWS the tasks go to SQS and the worker
 * Lambda does them; on one machine (no JOB_QUEUE_URL) they run here, on the same worker code, and the run
 * record is returned once the queue is drained.
 */
export async function runScheduledJob(
  d: AppDeps,
  job: FannedOutJob,
  at: Date,
  options: { slot?: string; reminders?: () => Promise<ReminderPorts> } = {},
): Promise<JobRun | undefined> {
  const started = Date.now();
  const ports = jobPorts(d, options.reminders);
  const inProcess = d.jobQueue instanceof InMemoryJobQueue ? d.jobQueue : undefined;
  inProcess?.setHandler((task) => runJobTask(ports, task));
  const dispatched = await dispatchJob(ports, job, at, options.slot ? { slot: options.slot } : {});
  if (inProcess) await inProcess.drain();
  const run = await ports.runs.get(dispatched.runId);
  d.logger.info('job run', {
    jobId: dispatched.runId,
    count: dispatched.total,
    sent: dispatched.enqueued,
    failed: run?.failed.length ?? 0,
    durationMs: Date.now() - started,
  });
  return run;
}

/** What a job adds to its run: a slot its event names (the October report's year), the reminders' ports. */
export interface ScheduledJobOptions<E> {
  slotOf?: (event: E | null | undefined) => string | undefined;
  reminders?: (d: AppDeps) => () => Promise<ReminderPorts>;
}

/**
 * A scheduled function's handler: the slot is the one the scheduler's `scheduledTime` (or a manual run's `now`)
 * falls in, or the one the event names; the invocation's log lines carry the run's id.
 */
export function scheduledJobHandler<E extends Partial<ScheduledJobEvent> & { now?: string }>(
  deps: () => AppDeps,
  job: FannedOutJob,
  options: ScheduledJobOptions<E> = {},
) {
  return async (event?: E | null, context?: Context): Promise<JobRun | undefined> => {
    const d = deps();
    const input = scheduledRunSchema.parse(event ?? {});
    const at = input.now ?? input.scheduledTime;
    const slot = options.slotOf?.(event);
    return observed(d, context, slot ? `${job}:${slot}` : jobRunId(job, at, d.clock), () =>
      runScheduledJob(d, job, at ? new Date(at) : d.clock.now(), {
        slot: slot || undefined,
        ...(options.reminders ? { reminders: options.reminders(d) } : {}),
      }),
    );
  };
}
