// domain: storage limitation under Law 91/2025/QH15 (docs/privacy.md) — when an absence reason's free text and a
// member whose contact ended stop being kept, and what an anonymised member record still holds.
import { addDays, addYears, type IsoDate } from './dates.js';
import type { Member } from './member.js';

/**
 * Days an absence reason's free text is kept after 31 October of its meeting's year (the October report, R22).
 * The text may hold health details and relatives' names (sensitive data under Decree 356/2025, Art. 4); it is
 * needed only while the workplace decides it (R9) and while the year-end review that builds on the October
 * report (R17, the workplace's evaluation in November–December) may still be contested. Ninety days ends at
 * the close of January; after that only the category and the decision count (R10, R11 read nothing else).
 */
export const ABSENCE_TEXT_KEPT_DAYS = 90;

/**
 * Years a member's name, phone and chat accounts are kept after their last contact ended (R7). That covers the
 * October report of the year the contact ended (it counts the ended introduction) and the next year's, when a
 * late recompilation or a complaint may still need the person; a member introduced again in that time is
 * simply active again. After it the records stay as counts under a neutral label.
 */
export const CONTACT_ENDED_KEPT_YEARS = 2;

/** The neutral label that replaces an anonymised member's name everywhere it was copied. */
export const ANONYMISED_NAME = 'Đảng viên đã ẩn danh';
/** What replaces a removed free text of an anonymised member (the address, a travel or exemption reason). */
export const REMOVED_TEXT = '(đã xoá)';

/** The first day the free text of an absence reason given for a meeting of `meetingYear` is no longer kept. */
export function absenceTextRemovableFrom(meetingYear: number): IsoDate {
  return addDays(`${meetingYear}-10-31`, ABSENCE_TEXT_KEPT_DAYS);
}

/** Whether, on `today`, the reasons' free text of a meeting of `meetingYear` is past its keeping time. */
export function isAbsenceTextExpired(meetingYear: number, today: IsoDate): boolean {
  return today >= absenceTextRemovableFrom(meetingYear);
}

/** The first day a member whose last contact ended on `endedOn` is anonymised. */
export function anonymisableFrom(endedOn: IsoDate): IsoDate {
  return addYears(endedOn, CONTACT_ENDED_KEPT_YEARS);
}

/**
 * Whether a member is due for anonymisation on `today`: no introduction in force, at least one that ended,
 * and the latest end is past the keeping time. Not yet anonymised (a rerun changes nothing).
 */
export function isDueForAnonymisation(
  member: Pick<Member, 'anonymisedAt'>,
  introductions: readonly { status: string; end?: { endedOn: IsoDate } }[],
  today: IsoDate,
): boolean {
  if (member.anonymisedAt) return false;
  if (introductions.length === 0 || introductions.some((i) => i.status !== 'ended')) return false;
  const lastEnded = introductions.reduce<IsoDate>(
    (latest, i) => (i.end && i.end.endedOn > latest ? i.end.endedOn : latest),
    '',
  );
  return lastEnded !== '' && today >= anonymisableFrom(lastEnded);
}

/**
 * The member record as kept after anonymisation: name, phone, address, cell and exact birth date go; the party
 * card number stays (the party's own identifier, held by the workplace organisation anyway, and what keeps a
 * returning member from being created twice), with the category, sex and birth year the counts are made of.
 */
export function anonymisedMember(member: Member, at: string): Member {
  const { phone: _phone, partyCell: _cell, ...kept } = member;
  return {
    ...kept,
    fullName: ANONYMISED_NAME,
    dateOfBirth: `${member.dateOfBirth.slice(0, 4)}-01-01`,
    residence: {
      ...member.residence,
      address: REMOVED_TEXT,
    },
    anonymisedAt: at,
  };
}

/** A member's request that their data be deleted (Law 91/2025, Art. 14), kept per residence committee. */
export interface DeletionRequest {
  memberId: string;
  /** The residence committee whose heads complete it. */
  orgId: string;
  requestedAt: string;
  status: 'pending' | 'completed';
  completedAt?: string;
  /** The staff person who completed it. */
  completedBy?: string;
}

/**
 * When a member's records may be deleted (anonymised, keeping the counts): not while any contact is in force
 * (`in_contact`: the records are what the contact runs on), else from the end of the keeping time after the last
 * contact ended (`keeping_time`, R7's history and the reports built on it). `possible` when that day is reached.
 */
export function deletionPossibility(
  introductions: readonly { status: string; end?: { endedOn: IsoDate } }[],
  today: IsoDate,
): { state: 'in_contact' } | { state: 'keeping_time' | 'possible'; from: IsoDate } {
  if (introductions.length === 0 || introductions.some((i) => i.status !== 'ended')) {
    return { state: 'in_contact' };
  }
  const lastEnded = introductions.reduce<IsoDate>(
    (latest, i) => (i.end && i.end.endedOn > latest ? i.end.endedOn : latest),
    '',
  );
  const from = anonymisableFrom(lastEnded);
  return { state: today >= from ? 'possible' : 'keeping_time', from };
}
