// bot flow: the pure parts of the /hop wizard — which rounds and dates to offer, and reading typed dates and times.
import * as z from 'zod';
import { addDays, dayOfWeek, type IsoDate, isValidIsoDate, localDate } from '../../shared/domain/dates.js';
import { type Meeting, ROUND_MONTH, ROUNDS, type Round } from '../../shared/domain/meeting.js';
import { WIZARD_STEPS, type WizardStep } from '../keyboards/meeting-wizard.js';

export const MEETING_DRAFT = 'meeting';

export const meetingDraftSchema = z.object({
  orgId: z.string(),
  step: z.enum(WIZARD_STEPS),
  year: z.number().int().optional(),
  round: z.enum(ROUNDS).optional(),
  date: z.string().optional(),
  time: z.string().optional(),
  place: z.string().optional(),
  chairStaffId: z.string().optional(),
  chairName: z.string().optional(),
  agenda: z.string().optional(),
});
export type MeetingDraftData = z.infer<typeof meetingDraftSchema>;

export const TIME_CHOICES = ['07:30', '08:00', '14:00', '19:30'] as const;

export function nextStep(step: WizardStep): WizardStep {
  const i = WIZARD_STEPS.indexOf(step);
  return WIZARD_STEPS[Math.min(i + 1, WIZARD_STEPS.length - 1)] ?? 'confirm';
}

/** The step « Quay lại » returns to; the first step has none. */
export function previousStep(step: WizardStep): WizardStep | undefined {
  const i = WIZARD_STEPS.indexOf(step);
  return i > 0 ? WIZARD_STEPS[i - 1] : undefined;
}

/**
 * A place typed as "19:30" or "20/6" is a time or a date meant for an earlier step (the staff did not see
 * the wizard had moved on): it is refused with a pointer to « Quay lại », never stored as the place.
 */
export function looksLikeTimeOrDate(text: string): boolean {
  return parseTypedTime(text) !== undefined || /^\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\s*$/.test(text);
}

function lastDayOfMonth(year: number, month: number): IsoDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The next rounds not planned yet and not over (at most two), e.g. June and October of this year. */
export function roundsToOffer(now: Date, existing: readonly Pick<Meeting, 'year' | 'round'>[]) {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const offered: { year: number; round: Round }[] = [];
  for (const y of [year, year + 1]) {
    for (const round of ROUNDS) {
      if (lastDayOfMonth(y, ROUND_MONTH[round]) < today) continue;
      if (existing.some((m) => m.year === y && m.round === round)) continue;
      if (offered.length < 2) offered.push({ year: y, round });
    }
  }
  return offered;
}

/** R8: Saturdays and Sundays of the round's month from tomorrow on (at most `max`). */
export function weekendChoices(round: Round, year: number, now: Date, max = 8): IsoDate[] {
  const month = ROUND_MONTH[round];
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const tomorrow = addDays(localDate(now), 1);
  const out: IsoDate[] = [];
  for (let d = first > tomorrow ? first : tomorrow; d <= lastDayOfMonth(year, month); d = addDays(d, 1)) {
    const dow = dayOfWeek(d);
    if (dow === 6 || dow === 0) out.push(d);
    if (out.length >= max) break;
  }
  return out;
}

/** Reads "20/06/2026", "20-6-2026" or "20/6" (the round's year); only today or later. */
export function parseTypedDate(text: string, year: number, now: Date): IsoDate | undefined {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, d = '', m = '', y] = match;
  const date = `${y ?? year}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!isValidIsoDate(date) || date < localDate(now)) return undefined;
  return date;
}

/** Reads "7:30", "07:30", "7h30", "19h". */
export function parseTypedTime(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
