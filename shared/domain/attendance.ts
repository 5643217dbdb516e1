// domain: the attendance sheet of a contact meeting (R13 figures, R9 reasons) and the R10 absence notice.
import { vietnameseNameSortKey } from './collation.js';
import { addDays, localDate } from './dates.js';
import { ConflictError } from './errors.js';
import { hasConfirmedReason, type Invitation, prefilledAttendance } from './invitation.js';
import type { Meeting } from './meeting.js';
import type { AbsenteeStatus } from './minutes.js';
import type { Excuse } from './travel-and-exemption.js';

/** R13: the figures the chair announces, plus how the absences stand (R9, R10). */
export interface AttendanceTotals {
  total: number;
  present: number;
  absent: number;
  /** Absent, by the state of their reason. */
  absentBy: Record<ReasonStatus, number>;
  /** Rows still showing the RSVP forecast because nobody has marked them yet (opening writes nothing). */
  unrecorded: number;
}

export function emptyTotals(): AttendanceTotals {
  return {
    total: 0,
    present: 0,
    absent: 0,
    absentBy: { confirmed: 0, pending: 0, rejected: 0, no_reply: 0, no_reason: 0 },
    unrecorded: 0,
  };
}

/** The attendance sheet's order: the Vietnamese collation of the name, the member id breaking ties. */
export function sheetOrderKey(invitation: Pick<Invitation, 'memberName' | 'memberId'>): string {
  return `${vietnameseNameSortKey(invitation.memberName)}#${invitation.memberId}`;
}

/** Attendance as the sheet shows it: recorded by staff, or else pre-filled from the RSVP. */
export function effectiveAttendance(
  invitation: Pick<Invitation, 'rsvp' | 'attendance'>,
): Exclude<Invitation['attendance'], 'unrecorded'> {
  return invitation.attendance === 'unrecorded' ? prefilledAttendance(invitation) : invitation.attendance;
}

/**
 * R9, R10: why an absentee is absent — the workplace's decision on the reason they gave, no reply at all,
 * or no reason (they said they would come).
 */
export function absenteeStatus(
  invitation: Pick<Invitation, 'rsvp' | 'absence'>,
  excuse?: Pick<Excuse, 'kind'>,
): AbsenteeStatus {
  // R4: not expected during a confirmed exemption; R3: excused inside a travel notice's period.
  if (excuse) return excuse.kind === 'exemption' ? 'exempt' : 'travel';
  return reasonStatus(invitation);
}

/** An absentee's status from their answer alone (R9, R10), before any exemption or travel notice. */
export type ReasonStatus = Exclude<AbsenteeStatus, 'exempt' | 'travel'>;

export function reasonStatus(invitation: Pick<Invitation, 'rsvp' | 'absence'>): ReasonStatus {
  if (invitation.rsvp === 'absent') return invitation.absence?.confirmation ?? 'pending';
  return invitation.rsvp === 'none' ? 'no_reply' : 'no_reason';
}

/** Adds one row to running totals (the sheet is streamed, never held whole). Returns the same object. */
export function addToTotals(
  totals: AttendanceTotals,
  invitation: Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>,
): AttendanceTotals {
  totals.total += 1;
  if (invitation.attendance === 'unrecorded') totals.unrecorded += 1;
  if (effectiveAttendance(invitation) === 'present') totals.present += 1;
  else {
    totals.absent += 1;
    totals.absentBy[reasonStatus(invitation)] += 1;
  }
  return totals;
}

/**
 * Attendance is taken at the meeting: from its day on (Vietnam time), so RSVPs keep counting until then.
 * Before that day, opening or toggling would freeze answers members may still change.
 */
export function assertMayTakeAttendance(
  meeting: Pick<Meeting, 'date'> & Partial<Pick<Meeting, 'status'>>,
  now: Date,
): void {
  // A meeting called off is not held: no sheet (issue 16).
  if (meeting.status === 'cancelled') {
    throw new ConflictError(
      { vi: 'Cuộc họp đã bị hủy.', en: 'The meeting is cancelled.' },
      'meeting_cancelled',
    );
  }
  if (localDate(now) < meeting.date) {
    throw new ConflictError(
      {
        vi: 'Chưa đến ngày họp: chỉ điểm danh từ ngày họp.',
        en: 'Attendance is taken from the meeting day on.',
      },
      'meeting_not_yet',
    );
  }
}

/**
 * R10, why the workplace is told: no reply to the invitation, said they would come but did not, the
 * workplace rejected the reason, or the reason was still undecided `absenceDecisionDays` after the meeting.
 */
export type AbsenceNoticeGround = 'no_reply' | 'no_reason' | 'rejected' | 'undecided';

/**
 * R10 as the product reads it: "absent without reporting" is no reason, or a reason the workplace
 * rejected. A reason still waiting for the workplace's decision is pending — no notice — until
 * `decisionDays` after the meeting, when it becomes a notice that it is still not confirmed.
 * Returns the ground for a notice, 'pending' while waiting, or undefined when there is nothing to tell
 * (present, a confirmed reason, or an `excuse`: a confirmed exemption (R4) or a travel notice (R3)).
 */
export function absenceNoticeGround(
  invitation: Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>,
  meetingDate: string,
  today: string,
  decisionDays: number,
  excuse?: Excuse,
): AbsenceNoticeGround | 'pending' | undefined {
  if (effectiveAttendance(invitation) === 'present') return undefined;
  if (hasConfirmedReason(invitation)) return undefined;
  // R4: a member under a confirmed exemption is not expected; R3: an absence inside a travel notice's
  // period is excused, the notice being its reason. Neither is an absence without notice.
  if (excuse) return undefined;
  if (invitation.rsvp === 'none') return 'no_reply';
  if (invitation.rsvp === 'attending') return 'no_reason';
  if (invitation.absence?.confirmation === 'rejected') return 'rejected';
  return today >= addDays(meetingDate, decisionDays) ? 'undecided' : 'pending';
}

/**
 * R10: the ground a notice states, read from the row as it stands when the notice is delivered; undefined
 * once the reason has been confirmed (the notice was withdrawn and is not delivered).
 */
export function groundOfRow(
  invitation: Pick<Invitation, 'rsvp' | 'absence'>,
): AbsenceNoticeGround | undefined {
  if (invitation.rsvp === 'none') return 'no_reply';
  if (invitation.rsvp === 'attending') return 'no_reason';
  const confirmation = invitation.absence?.confirmation ?? 'pending';
  if (confirmation === 'confirmed') return undefined;
  return confirmation === 'rejected' ? 'rejected' : 'undecided';
}

/** R10: the record that the workplace committee was told of one member's absence without notice. */
export interface AbsenceNotice {
  meetingId: string;
  memberId: string;
  residenceOrgId: string;
  workplaceOrgId: string;
  meetingDate: string;
  raisedAt: string;
  /** Absent on notices raised before grounds were recorded. */
  ground?: AbsenceNoticeGround;
  /** The workplace staff's one-tap acknowledgement. */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  /** R9, R10: the reason was confirmed after an 'undecided' notice, which no longer stands. */
  withdrawnAt?: string;
}

export function absenceNoticeEventId(meetingId: string, memberId: string): string {
  return `AbsentWithoutNotice:${meetingId}:${memberId}`;
}
