// Lambda: the daily deadlines job (09:00 Asia/Ho_Chi_Minh) — dispatches one task per residence committee with
// a round of reminders due (R17 comments, R19 self-reports); the job worker sends them.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import type { JobRun } from '../../shared/ports/jobs.js';
import { scheduledRunSchema } from '../../shared/schemas/events.js';
import { remindersOf } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';
import { runScheduledJob } from '../job-ports.js';

/** EventBridge Scheduler passes `scheduledTime`; a manual run (`npm run job`) or a test may pass `now`. */
export type DeadlinesEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  return async (event: DeadlinesEvent = {}, context?: Context): Promise<JobRun | undefined> => {
    const d = deps();
    const input = scheduledRunSchema.parse(event ?? {});
    const at = input.now ?? input.scheduledTime;
    return observed(d, context, jobRunId('deadlines', at, d.clock), () =>
      // Locally the tasks run in this process and send through the bot; in AWS the job worker does.
      runScheduledJob(d, 'deadlines', at ? new Date(at) : d.clock.now(), { reminders: remindersOf(d) }),
    );
  };
}

export const handler = createHandler(defaultDeps);
