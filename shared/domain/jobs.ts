// domain: scheduled jobs that fan out per committee — which slot a firing belongs to, and when a run is complete.
import { localDate, localYear } from './dates.js';

/** The scheduled jobs that fan out one task per committee. */
export const FANNED_OUT_JOBS = [
  'reminders',
  'absence-notices',
  'october-report',
  'retention',
  'deadlines',
] as const;
export type FannedOutJob = (typeof FANNED_OUT_JOBS)[number];

/** How long one slot of a job lasts: the daily jobs run once a day, the October report once a year (R22). */
const PERIOD: Record<FannedOutJob, 'day' | 'year'> = {
  reminders: 'day',
  'absence-notices': 'day',
  'october-report': 'year',
  // Storage limitation (docs/privacy.md): a limit passes on a day, so the day is the slot.
  retention: 'day',
  // R17, R19: a reminder round is claimed per recipient; the day is the slot.
  deadlines: 'day',
};

/**
 * The slot a firing belongs to: its scheduled time truncated to the job's period, in Vietnam time. A retry
 * of the same firing, a second firing the same day, or a manual rerun lands in the same slot, so the
 * per-committee "done" markers of that slot decide what is left to do.
 */
export function jobSlot(job: FannedOutJob, scheduledTime: Date): string {
  return PERIOD[job] === 'year' ? String(localYear(scheduledTime)) : localDate(scheduledTime);
}

/** One run record per (job, slot): `october-report:2026`, `reminders:2026-06-17`. */
export function jobRunId(job: FannedOutJob, slot: string): string {
  return `${job}:${slot}`;
}

export function isFannedOutJob(name: string): name is FannedOutJob {
  return (FANNED_OUT_JOBS as readonly string[]).includes(name);
}

/**
 * One committee's share of a job run (`kind: 'committee'`), or the October report's roll-up of one top-level
 * board once its wards are done (`kind: 'rollup'`). `at` is the firing's scheduled time (ISO, UTC).
 */
export interface JobTask {
  job: FannedOutJob;
  slot: string;
  at: string;
  kind: 'committee' | 'rollup';
  orgId: string;
  /** The daily jobs: the meetings of this committee the task handles (found by the dispatcher's Query). */
  meetingIds?: string[];
}

/** A failed committee, as the run record keeps it: its id and the error's class name, nothing personal. */
export interface CommitteeFailure {
  orgId: string;
  errorName: string;
}

/** Every committee of the run has an outcome (done, or failed after its attempts so far). */
export function isRunComplete(run: { total: number; done: number; failed: readonly unknown[] }): boolean {
  return run.done + run.failed.length >= run.total;
}

/** Committees grouped with the meetings each one's task handles (the daily jobs work meeting by meeting). */
export function meetingsByCommittee(
  meetings: readonly { id: string; residenceOrgId: string }[],
): Map<string, string[]> {
  const byCommittee = new Map<string, string[]>();
  for (const meeting of meetings) {
    const ids = byCommittee.get(meeting.residenceOrgId) ?? [];
    if (!ids.includes(meeting.id)) ids.push(meeting.id);
    byCommittee.set(meeting.residenceOrgId, ids);
  }
  return byCommittee;
}
