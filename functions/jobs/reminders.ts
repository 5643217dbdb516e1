// Lambda: the daily reminders job (08:00 Asia/Ho_Chi_Minh) — 3 days and 1 day before each meeting, and staff summaries.
import { type ReminderResult, sendReminders } from '../../shared/services/reminders.js';
import { type BotAppDeps, defaultBotDeps, reminderPorts } from '../bot-deps.js';

/** EventBridge Scheduler may pass its scheduled time; a manual run (`npm run job`) passes nothing. */
export interface ReminderEvent {
  time?: string;
  now?: string;
}

export function createHandler(deps: () => BotAppDeps) {
  return async (event: ReminderEvent = {}): Promise<ReminderResult> => {
    const d = deps();
    const { messenger } = await d.telegram();
    const at = event.now ?? event.time;
    return sendReminders(reminderPorts(d, messenger), at ? new Date(at) : d.clock.now());
  };
}

export const handler = createHandler(defaultBotDeps);
