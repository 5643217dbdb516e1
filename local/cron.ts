// Local runtime: EventBridge Scheduler expressions (`cron(...)`, `rate(...)`, `at(...)`), evaluated in Asia/Ho_Chi_Minh.
//
// cron fields, as AWS defines them: minutes hours day-of-month month day-of-week year. One of
// day-of-month and day-of-week is `?`. Day-of-week counts 1 = SUN … 7 = SAT. The next-run arithmetic is
// croner's (lists, ranges, steps, names, `L`, `W`, `#`, years, time zones): this file only checks AWS's own
// shape and translates its two spellings croner reads differently (`?` and `6L`). `rate()` and `at()` are
// EventBridge-only and stay here.
import { Cron } from 'croner';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export class ScheduleExpressionError extends Error {
  constructor(expression: string, why: string) {
    super(`Schedule expression "${expression}": ${why}`);
    this.name = 'ScheduleExpressionError';
  }
}

export interface Schedule {
  readonly expression: string;
  /** The first firing strictly after `after`, or undefined when there is none. */
  next(after: Date): Date | undefined;
}

const FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;

/**
 * AWS → croner spelling: `?` is AWS's "no rule here" (croner reads it as "the value at start-up", so it
 * becomes `*`); `6L` in day-of-week is AWS's "last Friday" (croner writes `6#L`).
 */
function cronerField(index: number, text: string): string {
  if (text === '?') return '*';
  if (FIELD_NAMES[index] === 'day-of-week') return text.replace(/^([0-7]|[A-Z]{3})L$/i, '$1#L');
  return text;
}

function parseCron(expression: string, body: string): Schedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleExpressionError(
      expression,
      'cron needs six fields: minutes hours day-of-month month day-of-week year',
    );
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    throw new ScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  let cron: Cron;
  try {
    // croner's seven parts put seconds first; AWS fires on the minute.
    cron = new Cron(`0 ${fields.map((f, i) => cronerField(i, f)).join(' ')}`, {
      timezone: TIME_ZONE,
      mode: '7-part',
      alternativeWeekdays: true, // AWS counts 1 = SUN … 7 = SAT, as Quartz does
      sloppyRanges: true, // AWS writes `0/15` for "every 15 from 0"
      paused: true,
    });
  } catch (error) {
    throw new ScheduleExpressionError(expression, error instanceof Error ? error.message : String(error));
  }
  return {
    expression,
    next: (after) => cron.nextRun(after) ?? undefined,
  };
}

const RATE_UNITS: Record<string, number> = { minute: MINUTE_MS, hour: 3600_000, day: DAY_MS };

function parseRate(expression: string, body: string): Schedule {
  const match = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  if (!match) throw new ScheduleExpressionError(expression, 'rate needs "<n> minute(s)|hour(s)|day(s)"');
  const n = Number(match[1]);
  const unit = RATE_UNITS[(match[2] ?? '').replace(/s$/, '')] ?? MINUTE_MS;
  if (n < 1) throw new ScheduleExpressionError(expression, 'the rate must be at least 1');
  const period = n * unit;
  return {
    expression,
    // Locally a rate counts from the epoch, so every process agrees on the ticks.
    next: (after) => new Date((Math.floor(after.getTime() / period) + 1) * period),
  };
}

/** `at(2027-10-31T17:00:00)`: once, at that wall-clock time in Vietnam. */
function parseAt(expression: string, body: string): Schedule {
  const text = body.trim();
  const when = new Date(`${text}+07:00`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text) || Number.isNaN(when.getTime())) {
    throw new ScheduleExpressionError(expression, 'at needs yyyy-mm-ddThh:mm:ss');
  }
  return { expression, next: (after) => (when.getTime() > after.getTime() ? when : undefined) };
}

/** Parses an EventBridge Scheduler expression; throws ScheduleExpressionError naming the bad field. */
export function parseSchedule(expression: string): Schedule {
  const match = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!match) throw new ScheduleExpressionError(expression, 'expected cron(...), rate(...) or at(...)');
  const body = match[2] ?? '';
  if (match[1] === 'cron') return parseCron(expression, body);
  if (match[1] === 'rate') return parseRate(expression, body);
  return parseAt(expression, body);
}
