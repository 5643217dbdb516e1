// Unit tests of the local scheduler's EventBridge expressions (cron in Asia/Ho_Chi_Minh, rate).
import { describe, expect, it } from 'vitest';
import { parseSchedule, ScheduleExpressionError } from '../../../local/cron.js';

/** The next firing after a Vietnamese wall-clock time, as a Vietnamese wall-clock string. */
function nextAfter(expression: string, vnTime: string): string | undefined {
  const next = parseSchedule(expression).next(new Date(`${vnTime}+07:00`));
  if (!next) return undefined;
  return new Date(next.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

describe('Function: parseSchedule', () => {
  describe('cron(...)', () => {
    it('fires a daily job at 20:00 in Vietnam, the same evening or the next', () => {
      // Act & Assess
      expect(nextAfter('cron(0 20 * * ? *)', '2026-11-27T18:00:00')).toBe('2026-11-27T20:00');
      expect(nextAfter('cron(0 20 * * ? *)', '2026-11-27T20:00:00')).toBe('2026-11-28T20:00');
      expect(parseSchedule('cron(0 20 * * ? *)').next(new Date('2026-11-27T11:00:00Z'))?.toISOString()).toBe(
        '2026-11-27T13:00:00.000Z',
      );
    });

    it('counts day-of-week from 1 = Sunday and accepts names', () => {
      // Act & Assess
      expect(nextAfter('cron(0 8 ? * SAT *)', '2026-11-27T09:00:00')).toBe('2026-11-28T08:00');
      expect(nextAfter('cron(0 8 ? * 7 *)', '2026-11-27T09:00:00')).toBe('2026-11-28T08:00');
      expect(nextAfter('cron(0 8 ? * MON-FRI *)', '2026-11-27T09:00:00')).toBe('2026-11-30T08:00');
    });

    it('understands L, W and # in the day fields', () => {
      // Act & Assess
      expect(nextAfter('cron(0 9 L * ? *)', '2027-02-01T00:00:00')).toBe('2027-02-28T09:00');
      expect(nextAfter('cron(0 7 ? 10 6L *)', '2027-01-01T00:00:00')).toBe('2027-10-29T07:00');
      expect(nextAfter('cron(30 6 ? * 2#1 *)', '2026-11-30T00:00:00')).toBe('2026-12-07T06:30');
      expect(nextAfter('cron(0 0 15W * ? *)', '2026-11-01T00:00:00')).toBe('2026-11-16T00:00');
      expect(nextAfter('cron(0 0 15W * ? *)', '2026-08-01T00:00:00')).toBe('2026-08-14T00:00');
      expect(nextAfter('cron(0 0 1W * ? *)', '2026-07-31T12:00:00')).toBe('2026-08-03T00:00');
    });

    it('steps through minutes, months and a fixed year', () => {
      // Act & Assess
      expect(nextAfter('cron(0/15 * * * ? *)', '2026-11-27T10:07:30')).toBe('2026-11-27T10:15');
      expect(nextAfter('cron(0 8 1 JUN,OCT ? *)', '2026-11-27T00:00:00')).toBe('2027-06-01T08:00');
      expect(nextAfter('cron(0 20 31 10 ? 2027)', '2026-11-27T00:00:00')).toBe('2027-10-31T20:00');
      expect(nextAfter('cron(0 20 31 10 ? 2027)', '2027-10-31T20:00:00')).toBeUndefined();
    });

    it('names the field that is wrong', () => {
      // Act & Assess
      expect(() => parseSchedule('cron(0 20 * * ?)')).toThrow(/six fields/);
      expect(() => parseSchedule('cron(0 20 ? * ? *)')).toThrow(/exactly one/);
      expect(() => parseSchedule('cron(0 20 1 FOO ? *)')).toThrow(/FOO/);
      expect(() => parseSchedule('cron(60 20 * * ? *)')).toThrow(ScheduleExpressionError);
      expect(() => parseSchedule('every day')).toThrow(/cron\(\.\.\.\), rate/);
    });
  });

  describe('rate(...)', () => {
    it('ticks on multiples of the period', () => {
      // Act
      const next = parseSchedule('rate(5 minutes)').next(new Date('2026-11-27T10:07:30Z'));

      // Assess
      expect(next?.toISOString()).toBe('2026-11-27T10:10:00.000Z');
      expect(() => parseSchedule('rate(0 hours)')).toThrow(/at least 1/);
    });
  });

  describe('at(...)', () => {
    it('fires once, at the wall-clock time in Vietnam', () => {
      // Act & Assess
      expect(nextAfter('at(2027-10-31T17:00:00)', '2027-10-01T00:00:00')).toBe('2027-10-31T17:00');
      expect(nextAfter('at(2027-10-31T17:00:00)', '2027-10-31T17:00:00')).toBeUndefined();
      expect(() => parseSchedule('at(2027-10-31)')).toThrow(/yyyy-mm-ddThh:mm:ss/);
    });
  });
});
