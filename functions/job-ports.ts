// composition: the scheduled jobs' ports (dispatcher and worker) out of the functions' dependencies, and the
// one-process run: with the in-process queue, the dispatcher's tasks run here on the worker's code.
import { InMemoryJobQueue } from '../shared/adapters/memory/invitation-queue.js';
import type { FannedOutJob } from '../shared/domain/jobs.js';
import type { JobRun } from '../shared/ports/jobs.js';
import type { ReminderPorts } from '../shared/services/reminders.js';
import { dispatchJob, type JobPorts, runJobTask } from '../shared/services/scheduled-jobs.js';
import type { AppDeps } from './deps.js';
import { reportPorts } from './http/ports.js';

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
    ...(reminders ? { reminders } : {}),
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
