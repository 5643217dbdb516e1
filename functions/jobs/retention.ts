// Lambda: retention of personal data (docs/privacy.md), daily at 03:00 Asia/Ho_Chi_Minh — dispatches one task per
// residence committee; the job worker removes expired absence-reason texts and anonymises long-ended members.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import type { JobRun } from '../../shared/ports/jobs.js';
import { scheduledRunSchema } from '../../shared/schemas/events.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';
import { runScheduledJob } from '../job-ports.js';

/** The schedule's event, or a manual run as of `now` (local `npm run job -- retention --now <date>`). */
export type RetentionJobEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  return async (
    event: RetentionJobEvent | null | undefined,
    context?: Context,
  ): Promise<JobRun | undefined> => {
    const d = deps();
    const input = scheduledRunSchema.parse(event ?? {});
    const at = input.now ?? input.scheduledTime;
    return observed(d, context, jobRunId('retention', at, d.clock), () =>
      runScheduledJob(d, 'retention', at ? new Date(at) : d.clock.now()),
    );
  };
}

export const handler = createHandler(defaultDeps);
