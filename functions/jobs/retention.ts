// Lambda: retention of personal data (docs/privacy.md), daily at 03:00 Asia/Ho_Chi_Minh — dispatches one task per
// residence committee; the job worker removes expired absence-reason texts and anonymises long-ended members.
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { scheduledJobHandler } from '../job-ports.js';

/** The schedule's event, or a manual run as of `now` (local `npm run job -- retention --now <date>`). */
export type RetentionJobEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  return scheduledJobHandler<RetentionJobEvent>(deps, 'retention');
}

export const handler = createHandler(defaultDeps);
