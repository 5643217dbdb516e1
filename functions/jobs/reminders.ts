// Lambda: the daily reminders job (08:00 Asia/Ho_Chi_Minh) — dispatches one task per committee with a meeting
// 3 days or 1 day ahead; the job worker sends that committee's reminders and staff summaries.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import type { JobRun } from '../../shared/ports/jobs.js';
import { scheduledRunSchema } from '../../shared/schemas/events.js';
import { remindersOf } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';
import { runScheduledJob } from '../job-ports.js';

/**
 * EventBridge Scheduler passes the slot it runs (`scheduledTime`); a manual run (`npm run job`) or a test
 * may pass `now` instead.
 */
export type ReminderEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  return async (event: ReminderEvent = {}, context?: Context): Promise<JobRun | undefined> => {
    const d = deps();
    const input = scheduledRunSchema.parse(event ?? {});
    const at = input.now ?? input.scheduledTime;
    return observed(d, context, jobRunId('reminders', at, d.clock), () =>
      // Locally the tasks run in this process and send through the bot; in AWS the job worker does.
      runScheduledJob(d, 'reminders', at ? new Date(at) : d.clock.now(), { reminders: remindersOf(d) }),
    );
  };
}

export const handler = createHandler(defaultDeps);
