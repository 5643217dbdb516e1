// Lambda: the daily reminders job (08:00 Asia/Ho_Chi_Minh) — dispatches one task per committee with a meeting
// 3 days or 1 day ahead; the job worker sends that committee's reminders and staff summaries.
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import { remindersOf } from '../chat-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { scheduledJobHandler } from '../job-ports.js';

/**
 * EventBridge Scheduler passes the slot it runs (`scheduledTime`); a manual run (`npm run job`) or a test
 * may pass `now` instead.
 */
export type ReminderEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  // Locally the tasks run in this process and send through the bot; in AWS the job worker does.
  return scheduledJobHandler<ReminderEvent>(deps, 'reminders', { reminders: remindersOf });
}

export const handler = createHandler(defaultDeps);
