// Lambda: R10 absence notices — daily at 20:00 (Vietnam): dispatches one task per committee with a meeting in
// the last days; the job worker raises that committee's notices, each once.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import type { JobRun } from '../../shared/ports/jobs.js';
import { meetingIdSchema, scheduledRunSchema } from '../../shared/schemas/events.js';
import { sendDueAbsenceNotices } from '../../shared/services/absence-notices.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';
import { runScheduledJob } from '../job-ports.js';

/** The scheduler's event, or `{ meetingId }` to run one meeting now, in this process (local `npm run job`). */
export type AbsenceNoticesInput = Partial<ScheduledJobEvent> & { meetingId?: string; now?: string };

export type AbsenceNoticesResult = JobRun | { meetings: number; checked: number; raised: number } | undefined;

export function createHandler(deps: () => AppDeps) {
  return async (input: AbsenceNoticesInput | undefined, context?: Context): Promise<AbsenceNoticesResult> => {
    const d = deps();
    const meetingId = meetingIdSchema.safeParse(input?.meetingId);
    const event = meetingId.success ? {} : scheduledRunSchema.parse(input ?? {});
    const at = event.now ?? event.scheduledTime;
    return observed(d, context, jobRunId('absence-notices', at, d.clock), async () => {
      if (meetingId.success) {
        return sendDueAbsenceNotices({ ...d.repos, clock: d.clock }, { meetingId: meetingId.data });
      }
      return runScheduledJob(d, 'absence-notices', at ? new Date(at) : d.clock.now());
    });
  };
}

export const handler = createHandler(defaultDeps);
