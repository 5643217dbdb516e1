// domain: calendar dates and times as users see them, always in Asia/Ho_Chi_Minh (no DST, UTC+7).

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A calendar date `YYYY-MM-DD` (no time zone: it is the date on the wall in Vietnam). */
export type IsoDate = string;
/** A wall-clock time `HH:mm` in Vietnam. */
export type LocalTime = string;

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Vietnamese calendar date and time of an instant. */
export function localDateTime(instant: Date): { date: IsoDate; time: LocalTime } {
  const parts = Object.fromEntries(dateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

export function localDate(instant: Date): IsoDate {
  return localDateTime(instant).date;
}

export function localYear(instant: Date): number {
  return Number(localDate(instant).slice(0, 4));
}

/** The instant at which a Vietnamese wall-clock date and time occurs (Vietnam keeps UTC+7 all year). */
export function instantAt(date: IsoDate, time: LocalTime = '00:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** Day of week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same calendar day `years` later; 29 February falls back to 28 February. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** dd/MM/yyyy, the way Vietnamese documents write a date. */
export function formatVietnameseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * "ngày 04 tháng 08 năm 2011", the way a party document's place-and-date line reads: day and month below 10
 * keep their leading zero (Hướng dẫn 36-HD/VPTW).
 */
export function formatVietnameseLongDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
