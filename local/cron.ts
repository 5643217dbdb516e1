// Local runtime: EventBridge Scheduler expressions (`cron(...)`, `rate(...)`, `at(...)`), evaluated in Asia/Ho_Chi_Minh.
//
// cron fields, as AWS defines them: minutes hours day-of-month month day-of-week year. One of
// day-of-month and day-of-week is `?`. Day-of-week counts 1 = SUN … 7 = SAT. Supported: `*`, `?`, lists,
// ranges, steps (`0/15`, `*/5`, `1-10/2`), month and day names, `L` (last day of the month; `6L` the last
// Friday), `W` (`15W` the weekday nearest the 15th, `LW`) and `#` (`2#1` the first Monday).

/** Vietnam keeps UTC+7 all year (no daylight saving), so wall-clock arithmetic is a fixed shift. */
const VN_OFFSET_MS = 7 * 3600 * 1000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;
/** How far ahead `next` looks before it gives up (a `cron` that never fires, e.g. 30 February). */
const HORIZON_DAYS = 8 * 366;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class ScheduleExpressionError extends Error {
  constructor(expression: string, why: string) {
    super(`Schedule expression "${expression}": ${why}`);
    this.name = 'ScheduleExpressionError';
  }
}

export interface Schedule {
  readonly expression: string;
  /** The first firing strictly after `after`, or undefined when there is none within eight years. */
  next(after: Date): Date | undefined;
}

/** A calendar day as seen on the wall in Vietnam. */
interface WallDay {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

type DayRule = (d: WallDay) => boolean;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** `15W`: the weekday (Mon–Fri) nearest the given day, without leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const dow = weekdayOf(year, month, target);
  if (dow >= 1 && dow <= 5) return target;
  if (dow === 6) return target === 1 ? 3 : target - 1;
  return target === last ? target - 2 : target + 1;
}

class FieldParser {
  constructor(
    private readonly expression: string,
    private readonly name: string,
    private readonly min: number,
    private readonly max: number,
    private readonly names: readonly string[] = [],
    /** Names map to `index + nameBase` (months: JAN = 1; weekdays: SUN = 1). */
    private readonly nameBase = 1,
  ) {}

  fail(why: string): never {
    throw new ScheduleExpressionError(this.expression, `${this.name}: ${why}`);
  }

  value(text: string): number {
    const upper = text.toUpperCase();
    const named = this.names.indexOf(upper);
    const n = named >= 0 ? named + this.nameBase : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(n) || n < this.min || n > this.max) {
      this.fail(`"${text}" is not between ${this.min} and ${this.max}`);
    }
    return n;
  }

  /** The set of values a list of `*`, `a`, `a-b`, with optional `/step`, stands for. */
  values(text: string): Set<number> {
    const out = new Set<number>();
    for (const part of text.split(',')) {
      const [range = '', stepText] = part.split('/');
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) this.fail(`bad step in "${part}"`);
      let from: number;
      let to: number;
      if (range === '*') {
        from = this.min;
        to = this.max;
      } else if (range.includes('-')) {
        const [a = '', b = ''] = range.split('-');
        from = this.value(a);
        to = this.value(b);
        if (from > to) this.fail(`range "${range}" runs backwards`);
      } else {
        from = this.value(range);
        to = stepText === undefined ? from : this.max;
      }
      for (let v = from; v <= to; v += step) out.add(v);
    }
    if (out.size === 0) this.fail('matches nothing');
    return out;
  }
}

function dayOfMonthRule(expression: string, text: string): DayRule | undefined {
  if (text === '?') return undefined;
  const parser = new FieldParser(expression, 'day-of-month', 1, 31);
  if (text === 'L') return (d) => d.day === daysInMonth(d.year, d.month);
  if (text === 'LW') {
    return (d) => {
      const last = daysInMonth(d.year, d.month);
      return d.day === nearestWeekday(d.year, d.month, last);
    };
  }
  const weekday = /^(\d{1,2})W$/.exec(text);
  if (weekday) {
    const target = parser.value(weekday[1] ?? '');
    return (d) => d.day === nearestWeekday(d.year, d.month, target);
  }
  const days = parser.values(text);
  return (d) => days.has(d.day);
}

function dayOfWeekRule(expression: string, text: string): DayRule | undefined {
  if (text === '?') return undefined;
  const parser = new FieldParser(expression, 'day-of-week', 1, 7, WEEKDAYS);
  const last = /^([A-Za-z]{3}|\d)L$/.exec(text);
  if (last) {
    const dow = parser.value(last[1] ?? '') - 1;
    return (d) => d.weekday === dow && d.day + 7 > daysInMonth(d.year, d.month);
  }
  if (text === 'L') return (d) => d.weekday === 6;
  const nth = /^([A-Za-z]{3}|\d)#([1-5])$/.exec(text);
  if (nth) {
    const dow = parser.value(nth[1] ?? '') - 1;
    const k = Number(nth[2]);
    return (d) => d.weekday === dow && Math.ceil(d.day / 7) === k;
  }
  const days = parser.values(text);
  return (d) => days.has(d.weekday + 1);
}

function wallDay(localMs: number): WallDay {
  const d = new Date(localMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

function parseCron(expression: string, body: string): Schedule {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleExpressionError(
      expression,
      'cron needs six fields: minutes hours day-of-month month day-of-week year',
    );
  }
  const [minText = '', hourText = '', domText = '', monthText = '', dowText = '', yearText = ''] = fields;
  if ((domText === '?') === (dowText === '?')) {
    throw new ScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  const minutes = [...new FieldParser(expression, 'minutes', 0, 59).values(minText)].sort((a, b) => a - b);
  const hours = [...new FieldParser(expression, 'hours', 0, 23).values(hourText)].sort((a, b) => a - b);
  const months = new FieldParser(expression, 'month', 1, 12, MONTHS).values(monthText);
  const years = new FieldParser(expression, 'year', 1970, 2199).values(yearText);
  const dayRule = dayOfMonthRule(expression, domText) ?? dayOfWeekRule(expression, dowText);
  if (!dayRule) throw new ScheduleExpressionError(expression, 'no day rule');

  return {
    expression,
    next(after: Date): Date | undefined {
      // Work on Vietnamese wall-clock time shifted into UTC fields, then shift back.
      const startLocal = Math.floor((after.getTime() + VN_OFFSET_MS) / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
      const firstDay = Math.floor(startLocal / DAY_MS) * DAY_MS;
      for (let i = 0; i < HORIZON_DAYS; i++) {
        const dayStart = firstDay + i * DAY_MS;
        const day = wallDay(dayStart);
        if (!years.has(day.year) || !months.has(day.month) || !dayRule(day)) continue;
        for (const h of hours) {
          for (const m of minutes) {
            const local = dayStart + h * 3600_000 + m * MINUTE_MS;
            if (local >= startLocal) return new Date(local - VN_OFFSET_MS);
          }
        }
      }
      return undefined;
    },
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
