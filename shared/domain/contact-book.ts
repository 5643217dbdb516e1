// domain: the digital contact book (sổ liên hệ của đảng viên), grouped per year (R3–R5, R9, R17, R19), and under
// qd213-2020 its five-year term (the introduction letters and five yearly comment sheets).
import type { Comment } from './comment.js';
import { type IsoDate, instantAt, localYear } from './dates.js';
import type { Evaluation } from './evaluation.js';
import { type Introduction, wasInForceDuring } from './introduction.js';
import {
  type AbsenceReason,
  type Attendance,
  type Invitation,
  type MemberMeetingState,
  memberMeetingState,
  type Rsvp,
} from './invitation.js';
import type { Exemption, TravelNotice } from './travel-and-exemption.js';
import type { DirectCollection, SelfReport } from './year-end.js';

/** One meeting the member was invited to, with the answer, the absence reason and its confirmation (R9). */
export interface ContactBookMeeting {
  meetingId: string;
  residenceOrgId: string;
  date: IsoDate;
  state: MemberMeetingState;
  rsvp: Rsvp;
  attendance: Attendance;
  absence?: AbsenceReason;
}

export interface ContactBookYear {
  year: number;
  /** Introductions in force at some time during the year, with the page-2 receipt and hamlet (R5). */
  introductions: Introduction[];
  travelNotices: TravelNotice[];
  exemptions: Exemption[];
  meetings: ContactBookMeeting[];
  comments: Comment[];
  /** The residence committee's submitted year-end comments (R17); drafts are not part of the book. */
  evaluations: Evaluation[];
  /** R19 (and R12): the member's own report of meetings attended and activities at the residence. */
  selfReport?: SelfReport;
  /** R20: the workplace collected the book of an armed-forces member directly from the ward. */
  directCollection?: DirectCollection;
}

export interface ContactBookRecords {
  introductions: readonly Introduction[];
  travelNotices: readonly TravelNotice[];
  exemptions: readonly Exemption[];
  invitations: readonly Invitation[];
  comments: readonly Comment[];
  evaluations: readonly Evaluation[];
  selfReports?: readonly SelfReport[];
  directCollections?: readonly DirectCollection[];
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
const overlaps = (from: IsoDate, until: IsoDate | undefined, year: number) =>
  from <= `${year}-12-31` && (until === undefined || until >= `${year}-01-01`);

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/** The years the book has a page for: every year something was in force or happened, up to this year. */
function yearsOf(records: ContactBookRecords, now: Date): number[] {
  const current = localYear(now);
  const years = new Set<number>();
  for (const i of records.introductions) {
    const last = i.end ? yearOf(i.end.endedOn) : current;
    for (const y of range(yearOf(i.issuedOn), Math.max(last, yearOf(i.issuedOn)))) years.add(y);
  }
  for (const t of records.travelNotices) {
    for (const y of range(yearOf(t.from), Math.min(yearOf(t.until), current))) years.add(y);
    years.add(yearOf(t.from));
  }
  for (const e of records.exemptions) {
    for (const y of range(yearOf(e.from), Math.min(e.until ? yearOf(e.until) : current, current)))
      years.add(y);
    years.add(yearOf(e.from));
  }
  for (const inv of records.invitations) years.add(yearOf(inv.meetingDate));
  for (const c of records.comments) years.add(localYear(new Date(c.raisedAt)));
  for (const e of records.evaluations) if (e.status === 'submitted') years.add(e.year);
  for (const r of records.selfReports ?? []) years.add(r.year);
  for (const c of records.directCollections ?? []) years.add(c.year);
  return [...years].sort((a, b) => a - b);
}

/**
 * Groups a member's records into the pages of the contact book, oldest year first. A meeting with no
 * recorded attendance counts as started at the end of its day, so "no reply" shows only afterwards.
 */
export function contactBookYears(records: ContactBookRecords, now: Date): ContactBookYear[] {
  return yearsOf(records, now).map((year) => ({
    year,
    introductions: records.introductions.filter((i) => wasInForceDuring(i, year)),
    travelNotices: records.travelNotices.filter((t) => overlaps(t.from, t.until, year)),
    exemptions: records.exemptions.filter((e) => overlaps(e.from, e.until, year)),
    meetings: records.invitations
      .filter((inv) => yearOf(inv.meetingDate) === year)
      .sort((a, b) => (a.meetingDate < b.meetingDate ? -1 : a.meetingDate > b.meetingDate ? 1 : 0))
      .map((inv) => ({
        meetingId: inv.meetingId,
        residenceOrgId: inv.residenceOrgId,
        date: inv.meetingDate,
        state: memberMeetingState(inv, now.getTime() >= instantAt(inv.meetingDate, '23:59').getTime()),
        rsvp: inv.rsvp,
        attendance: inv.attendance,
        absence: inv.absence,
      })),
    comments: records.comments.filter((c) => localYear(new Date(c.raisedAt)) === year),
    evaluations: records.evaluations.filter((e) => e.year === year && e.status === 'submitted'),
    ...optional(
      'selfReport',
      records.selfReports?.find((r) => r.year === year),
    ),
    ...optional(
      'directCollection',
      records.directCollections?.find((c) => c.year === year),
    ),
  }));
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * qd213-2020: one term of the contact book, opened by an introduction letter: the five years it runs (from the
 * letter's year) and the yearly comment of each, once the ward confirmed it (R17). `inTerm` while the current
 * year is inside it: nothing of the book is removed by retention then.
 */
export interface ContactBookTerm {
  introductionId: string;
  residenceOrgId: string;
  startYear: number;
  endYear: number;
  inTerm: boolean;
  years: { year: number; evaluation?: Evaluation }[];
}

/** The terms of a member's book; introductions under a rule set without a term (hd02-2011) open none. */
export function contactBookTerms(
  introductions: readonly Pick<Introduction, 'id' | 'residenceOrgId' | 'issuedOn'>[],
  evaluations: readonly Evaluation[],
  termYearsOf: (residenceOrgId: string) => number | undefined,
  today: IsoDate,
): ContactBookTerm[] {
  const terms: ContactBookTerm[] = [];
  for (const i of introductions) {
    const length = termYearsOf(i.residenceOrgId);
    if (length === undefined) continue;
    const startYear = yearOf(i.issuedOn);
    const endYear = startYear + length - 1;
    terms.push({
      introductionId: i.id,
      residenceOrgId: i.residenceOrgId,
      startYear,
      endYear,
      inTerm: yearOf(today) <= endYear,
      years: range(startYear, endYear).map((year) => {
        const evaluation = evaluations.find(
          (e) => e.year === year && e.residenceOrgId === i.residenceOrgId && e.status === 'submitted',
        );
        return evaluation ? { year, evaluation } : { year };
      }),
    });
  }
  return terms;
}

/** Retention: whether any term of the member's book still runs on `today` (then nothing of it is removed). */
export function isBookInTerm(
  introductions: readonly Pick<Introduction, 'id' | 'residenceOrgId' | 'issuedOn'>[],
  termYearsOf: (residenceOrgId: string) => number | undefined,
  today: IsoDate,
): boolean {
  return contactBookTerms(introductions, [], termYearsOf, today).some((t) => t.inTerm);
}
