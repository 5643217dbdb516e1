// domain: the twice-yearly contact meeting (R8) and the rules about when answers may change.
import { dayOfWeek, type IsoDate, instantAt, type LocalTime } from './dates.js';

export const ROUNDS = ['june', 'october'] as const;
export type Round = (typeof ROUNDS)[number];
/** R8: the month each round is held in. */
export const ROUND_MONTH: Record<Round, number> = { june: 6, october: 10 };
const ROUND_CODE: Record<Round, string> = { june: '06', october: '10' };

/** `cancelled`: called off by the staff before it was held (issue 16); it keeps its invitations and answers. */
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface Meeting {
  /** `<residenceOrgId>.<year>.<06|10>`: one meeting per committee, year and round by construction. */
  id: string;
  residenceOrgId: string;
  year: number;
  round: Round;
  date: IsoDate;
  time: LocalTime;
  place: string;
  /** R8: chaired by a standing committee member the committee assigns. */
  chairStaffId: string;
  chairName: string;
  agenda: string;
  status: MeetingStatus;
  plannedBy: string;
  /** The last move of the date, time or place (issue 16): who, when, and what it was before. */
  rescheduled?: MeetingReschedule;
  /** Why and by whom the meeting was called off; present only on a cancelled meeting. */
  cancellation?: MeetingCancellation;
  /** The number of the round's paper invitations ("3-GM/ĐU"), taken when they are first printed. */
  invitationNumber?: string;
  version: number;
}

export interface MeetingReschedule {
  by: string;
  at: string;
  previous: { date: IsoDate; time: LocalTime; place: string };
}

export interface MeetingCancellation {
  reason: string;
  by: string;
  at: string;
}

export function meetingId(residenceOrgId: string, year: number, round: Round): string {
  return `${residenceOrgId}.${year}.${ROUND_CODE[round]}`;
}

export function parseMeetingId(
  id: string,
): { residenceOrgId: string; year: number; round: Round } | undefined {
  const match = /^(.+)\.(\d{4})\.(06|10)$/.exec(id);
  if (!match) return undefined;
  const [, residenceOrgId = '', year = '', code] = match;
  return { residenceOrgId, year: Number(year), round: code === '06' ? 'june' : 'october' };
}

export type MeetingDateWarning = 'not_weekend' | 'not_in_round_month' | 'not_in_year';

/**
 * R8: meetings are held in June and October, preferably on a Saturday or Sunday. These are warnings
 * for the staff, not refusals: the committee chooses the date "depending on conditions".
 */
export function meetingDateWarnings(date: IsoDate, round: Round, year: number): MeetingDateWarning[] {
  const warnings: MeetingDateWarning[] = [];
  const dow = dayOfWeek(date);
  if (dow !== 0 && dow !== 6) warnings.push('not_weekend');
  if (Number(date.slice(5, 7)) !== ROUND_MONTH[round]) warnings.push('not_in_round_month');
  if (Number(date.slice(0, 4)) !== year) warnings.push('not_in_year');
  return warnings;
}

export function meetingStartsAt(meeting: Pick<Meeting, 'date' | 'time'>): Date {
  return instantAt(meeting.date, meeting.time);
}

export function hasStarted(meeting: Pick<Meeting, 'date' | 'time'>, now: Date): boolean {
  return now.getTime() >= meetingStartsAt(meeting).getTime();
}

/** The round whose meeting comes next for a date: June until the end of June, then October. */
export function roundFor(date: IsoDate): Round {
  return Number(date.slice(5, 7)) <= 6 ? 'june' : 'october';
}
