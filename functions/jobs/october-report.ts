// Lambda: the October report (R22), fired by EventBridge Scheduler on 31 October at 17:00 Asia/Ho_Chi_Minh
// (configurable): dispatches one task per residence committee; the job worker compiles each, then rolls up
// every top-level board once its committees are done.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import type { JobRun } from '../../shared/ports/jobs.js';
import { scheduledRunSchema } from '../../shared/schemas/events.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';
import { runScheduledJob } from '../job-ports.js';

/** The schedule's event; a manual run may name another `year` (its own slot) or run as of `now`. */
export type OctoberReportJobEvent = Partial<ScheduledJobEvent> & { year?: number; now?: string };

export function createHandler(deps: () => AppDeps) {
  return async (
    event: OctoberReportJobEvent | null | undefined,
    context?: Context,
  ): Promise<JobRun | undefined> => {
    const d = deps();
    const input = scheduledRunSchema.parse(event ?? {});
    const at = input.now ?? input.scheduledTime;
    const year = typeof event?.year === 'number' && Number.isInteger(event.year) ? event.year : undefined;
    return observed(
      d,
      context,
      year ? `october-report:${year}` : jobRunId('october-report', at, d.clock),
      () =>
        runScheduledJob(d, 'october-report', at ? new Date(at) : d.clock.now(), {
          ...(year ? { slot: String(year) } : {}),
        }),
    );
  };
}

export const handler = createHandler(defaultDeps);
