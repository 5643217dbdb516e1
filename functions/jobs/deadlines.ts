// Lambda: the daily deadlines job (09:00 Asia/Ho_Chi_Minh) — dispatches one task per residence committee with
// a round of reminders due (R17 comments, R19 self-reports); the job worker sends them.
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import { remindersOf } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { scheduledJobHandler } from '../job-ports.js';

/** EventBridge Scheduler passes `scheduledTime`; a manual run (`npm run job`) or a test may pass `now`. */
export type DeadlinesEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  // Locally the tasks run in this process and send through the bot; in AWS the job worker does.
  return scheduledJobHandler<DeadlinesEvent>(deps, 'deadlines', { reminders: remindersOf });
}

export const handler = createHandler(defaultDeps);
