// Local runtime: the stack's clock — real time plus an offset, so a demo or the browser test can move to June or October.
import type { Clock } from '../shared/ports/common.js';

export class LocalClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  constructor(start?: Date) {
    if (start) this.set(start);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock to `instant`; it keeps ticking from there. Schedules are re-planned, none is caught up. */
  set(instant: Date): void {
    if (Number.isNaN(instant.getTime())) throw new Error('Not a valid date');
    this.offsetMs = instant.getTime() - Date.now();
    for (const listener of this.listeners) listener();
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
    for (const listener of this.listeners) listener();
  }

  get isReal(): boolean {
    return this.offsetMs === 0;
  }

  /** Called after every set/reset (the scheduler re-plans its timers). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Reads a date given on the command line or in the control API: `2027-10-31`, `2027-10-31T20:00` (both
 * wall-clock time in Vietnam) or a full ISO instant with an offset or `Z`. A bare date means noon in
 * Vietnam, which is the same calendar day in UTC, so no reader can slip to the day before.
 */
export function parseLocalInstant(text: string): Date {
  const trimmed = text.trim();
  let iso = trimmed;
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) iso = `${trimmed}T12:00:00+07:00`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(trimmed)) {
    iso = `${trimmed.replace(' ', 'T')}${trimmed.length === 16 ? ':00' : ''}+07:00`;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`"${text}" is not a date: use 2027-10-31, 2027-10-31T20:00 or an ISO instant`);
  }
  return date;
}
