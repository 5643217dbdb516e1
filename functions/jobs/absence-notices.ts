// job: R10 absence notices — daily at 20:00 (Vietnam) for the meetings of the last days, each notice once.
import type { Context } from 'aws-lambda';
import { sendDueAbsenceNotices } from '../../shared/services/absence-notices.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';

/** The scheduler's payload is ignored, except `{ meetingId }` to run one meeting now (local `npm run job`). */
export interface AbsenceNoticesInput {
  meetingId?: string;
  /** EventBridge Scheduler's slot (ScheduledJobEvent): the job run's correlation id. */
  scheduledTime?: string;
}

export function createHandler(deps: () => AppDeps) {
  return async (input: AbsenceNoticesInput | undefined, context?: Context) => {
    const d = deps();
    return observed(d, context, jobRunId('absence-notices', input?.scheduledTime, d.clock), async () => {
      const started = Date.now();
      const meetingId = typeof input?.meetingId === 'string' ? input.meetingId : undefined;
      const result = await sendDueAbsenceNotices(
        { ...d.repos, clock: d.clock },
        meetingId ? { meetingId } : {},
      );
      d.logger.info('absence notices', {
        jobId: 'absence-notices',
        count: result.meetings,
        sent: result.raised,
        durationMs: Date.now() - started,
      });
      return result;
    });
  };
}

export const handler = createHandler(defaultDeps);
