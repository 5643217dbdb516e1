// domain: when reminders of a contact meeting are due and who gets them (R9, R10: members should answer before the meeting).
import { addDays, localDate } from './dates.js';
import type { Invitation } from './invitation.js';
import { hasStarted, type Meeting } from './meeting.js';

export const REMINDER_KINDS = ['three_days', 'one_day'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Whole calendar days (in Vietnam) from `now` to the meeting's date. */
export function daysUntil(meeting: Pick<Meeting, 'date'>, now: Date): number {
  const today = localDate(now);
  const a = Date.parse(`${today}T00:00:00Z`);
  const b = Date.parse(`${meeting.date}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/**
 * The reminder due today: three days before (to members who have not answered) and one day before (to
 * members attending). A daily job that missed a day still sends the three-day reminder two days before.
 */
export function dueReminder(
  meeting: Pick<Meeting, 'date' | 'time' | 'status'>,
  now: Date,
): ReminderKind | undefined {
  if (meeting.status !== 'planned' || hasStarted(meeting, now)) return undefined;
  const days = daysUntil(meeting, now);
  if (days === 3 || days === 2) return 'three_days';
  if (days === 1) return 'one_day';
  return undefined;
}

/**
 * Who a reminder goes to: no answer yet, or an answer to confirm again after the meeting moved to another
 * day (three days before); attending (one day before).
 */
export function getsReminder(
  kind: ReminderKind,
  invitation: Pick<Invitation, 'rsvp' | 'reconfirm'>,
): boolean {
  return kind === 'three_days'
    ? invitation.rsvp === 'none' || invitation.reconfirm === true
    : invitation.rsvp === 'attending';
}

/** The dates the daily job looks at: meetings from today to three days ahead (Vietnam's calendar). */
export function reminderWindow(now: Date): string[] {
  const today = localDate(now);
  return [0, 1, 2, 3].map((n) => addDays(today, n));
}

export interface RsvpTally {
  invited: number;
  attending: number;
  absent: number;
  noAnswer: number;
  /** R9: absence reasons the workplace has not decided yet. */
  pendingConfirmation: number;
}

export function tallyRsvps(invitations: Iterable<Pick<Invitation, 'rsvp' | 'absence'>>): RsvpTally {
  const tally: RsvpTally = { invited: 0, attending: 0, absent: 0, noAnswer: 0, pendingConfirmation: 0 };
  for (const i of invitations) {
    tally.invited += 1;
    if (i.rsvp === 'attending') tally.attending += 1;
    else if (i.rsvp === 'absent') {
      tally.absent += 1;
      if (i.absence?.confirmation === 'pending') tally.pendingConfirmation += 1;
    } else tally.noAnswer += 1;
  }
  return tally;
}
