// Unit tests of the local scheduler: timers on the local clock, re-planned when the clock is moved.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalClock, parseLocalInstant } from '../../../local/clock.js';
import { LocalScheduler } from '../../../local/scheduler.js';

describe('Class: LocalScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:59:30Z') }); // 19:59:30 in Vietnam
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a job at its time with the scheduled instant, then plans the next day', async () => {
    // Prepare
    const fired: string[] = [];
    const clock = new LocalClock();
    const scheduler = new LocalScheduler(
      [
        {
          name: 'absence-notices',
          expression: 'cron(0 20 * * ? *)',
          fire: async (t) => void fired.push(t.toISOString()),
        },
      ],
      clock,
      () => undefined,
    );
    scheduler.start();

    // Act
    await vi.advanceTimersByTimeAsync(29_000);
    const before = [...fired];
    await vi.advanceTimersByTimeAsync(2_000);

    // Assess
    expect(before).toEqual([]);
    expect(fired).toEqual(['2026-11-27T13:00:00.000Z']);
    expect(scheduler.planned).toEqual([
      { name: 'absence-notices', expression: 'cron(0 20 * * ? *)', next: '2026-11-28T13:00:00.000Z' },
    ]);
    await scheduler.stop();
  });

  it('re-plans from the new time when the clock is moved, without catching up what was jumped over', async () => {
    // Prepare
    const fired: string[] = [];
    const clock = new LocalClock();
    const scheduler = new LocalScheduler(
      [
        {
          name: 'october-report',
          expression: 'cron(0 20 31 10 ? *)',
          fire: async (t) => void fired.push(t.toISOString()),
        },
      ],
      clock,
      () => undefined,
    );
    scheduler.start();

    // Act
    clock.set(parseLocalInstant('2027-10-31T19:59'));
    await vi.advanceTimersByTimeAsync(61_000);

    // Assess
    expect(fired).toEqual(['2027-10-31T13:00:00.000Z']);
    expect(scheduler.planned[0]?.next).toBe('2028-10-31T13:00:00.000Z');
    await scheduler.stop();
  });

  it('reports a failing job and keeps its schedule', async () => {
    // Prepare
    const failures: string[] = [];
    const clock = new LocalClock();
    const scheduler = new LocalScheduler(
      [
        {
          name: 'reminders',
          expression: 'rate(1 minute)',
          fire: async () => {
            throw new Error('down');
          },
        },
      ],
      clock,
      (name) => failures.push(name),
    );
    scheduler.start();

    // Act
    await vi.advanceTimersByTimeAsync(150_000);

    // Assess
    expect(failures).toEqual(['reminders', 'reminders', 'reminders']);
    await scheduler.stop();
  });
});

describe('Function: parseLocalInstant', () => {
  it('reads dates and wall-clock times in Vietnam, and ISO instants as given', () => {
    // Act & Assess
    expect(parseLocalInstant('2027-10-31').toISOString()).toBe('2027-10-31T05:00:00.000Z');
    expect(parseLocalInstant('2027-10-31T20:00').toISOString()).toBe('2027-10-31T13:00:00.000Z');
    expect(parseLocalInstant('2027-10-31 20:00:30').toISOString()).toBe('2027-10-31T13:00:30.000Z');
    expect(parseLocalInstant('2027-10-31T20:00:00Z').toISOString()).toBe('2027-10-31T20:00:00.000Z');
    expect(() => parseLocalInstant('31/10/2027')).toThrow(/not a date/);
  });
});
