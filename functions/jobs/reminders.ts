// Lambda: the daily reminders job (08:00 Asia/Ho_Chi_Minh) — 3 days and 1 day before each meeting, and staff summaries.
import type { Context } from 'aws-lambda';
import type { ScheduledJobEvent } from '../../shared/config/functions.js';
import { type ReminderResult, sendReminders } from '../../shared/services/reminders.js';
import { asBotAppDeps, reminderPorts } from '../bot-deps.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { jobRunId, observed } from '../invocation.js';

/**
 * EventBridge Scheduler passes the slot it runs (`scheduledTime`); a manual run (`npm run job`) or a test
 * may pass `now` instead, or nothing (the clock's time).
 */
export type ReminderEvent = Partial<ScheduledJobEvent> & { now?: string };

export function createHandler(deps: () => AppDeps) {
  return async (event: ReminderEvent = {}, context?: Context): Promise<ReminderResult> => {
    const d = asBotAppDeps(deps());
    const at = event.now ?? event.scheduledTime;
    return observed(d, context, jobRunId('reminders', at, d.clock), async () => {
      const { messenger } = await d.telegram();
      return sendReminders(reminderPorts(d, messenger), at ? new Date(at) : d.clock.now());
    });
  };
}

export const handler = createHandler(defaultDeps);
