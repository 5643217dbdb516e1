// Lambda: the October report (R22), fired by EventBridge Scheduler on 31 October at 17:00 Asia/Ho_Chi_Minh
// (configurable): dispatches one task per residence committee; the job worker compiles each, then rolls up
// every top-level board once its committees are done.
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { scheduledJobHandler } from '../job-ports.js';

/** The schedule's event; a manual run may name another `year` (its own slot) or run as of `now`. */
export type OctoberReportJobEvent = Partial<ScheduledJobEvent> & { year?: number; now?: string };

export function createHandler(deps: () => AppDeps) {
  return scheduledJobHandler<OctoberReportJobEvent>(deps, 'october-report', {
    slotOf: (event) => (event?.year && Number.isInteger(event.year) ? String(event.year) : undefined),
  });
}

export const handler = createHandler(defaultDeps);
