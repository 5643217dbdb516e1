// domain: the year-end deadlines chased by reminders — the residence committee's comments (R17) and the
// member's self-report (R19) — with the rounds of reminders (a week before, the day before, once after).
import type { IsoDate } from './dates.js';
import { addDays } from './dates.js';
import type { RuleSetPolicy } from './rule-set.js';

export const DEADLINE_KINDS = ['evaluations', 'self_report'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A week before, the day before, and once after the deadline has passed. */
export const DEADLINE_ROUNDS = ['week_before', 'day_before', 'overdue'] as const;
export type DeadlineRound = (typeof DEADLINE_ROUNDS)[number];

/** How long after the deadline the one "overdue" reminder may still go (a missed run still sends it). */
export const OVERDUE_WINDOW_DAYS = 14;

/** The date a deadline of `year` falls on under the rule set (R17: end of October; R19: the set's date). */
export function deadlineOf(
  policy: Pick<RuleSetPolicy, 'evaluationDue' | 'selfReportDue'>,
  kind: DeadlineKind,
  year: number,
): IsoDate {
  return `${year}-${kind === 'evaluations' ? policy.evaluationDue : policy.selfReportDue}`;
}

/**
 * The round of reminders `today` falls in, as windows rather than single days so a missed daily run still
 * sends it (the claim per subject and round keeps it to one): from 7 days before until 2 days before, the
 * week's reminder; the day before and the day itself, the last one; the days after, the overdue one.
 */
export function deadlineRound(due: IsoDate, today: IsoDate): DeadlineRound | undefined {
  if (today < addDays(due, -7)) return undefined;
  if (today < addDays(due, -1)) return 'week_before';
  if (today <= due) return 'day_before';
  if (today <= addDays(due, OVERDUE_WINDOW_DAYS)) return 'overdue';
  return undefined;
}

/** Whole days from `today` to `due` (negative once it has passed). */
export function daysToDeadline(due: IsoDate, today: IsoDate): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** R17, R19: a record not done by its deadline is missing (shown as such on the year-end views and the report). */
export function isMissing(due: IsoDate, today: IsoDate, done: boolean): boolean {
  return !done && today > due;
}

/** The claim that makes one reminder go once: per deadline, year, round and recipient. */
export function deadlineClaimKey(
  orgId: string,
  kind: DeadlineKind,
  year: number,
  round: DeadlineRound,
  recipient: { kind: 'staff' | 'member'; id: string },
): string {
  return `${orgId}:${kind}:${year}:${round}:${recipient.kind}:${recipient.id}`;
}
