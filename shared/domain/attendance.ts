// domain: the attendance sheet of a contact meeting (R13 figures, R9 reasons) and the R10 absence notice.
import { localDate } from './dates.js';
import { ConflictError } from './errors.js';
import { type Invitation, prefilledAttendance } from './invitation.js';
import type { Meeting } from './meeting.js';
import type { AbsenteeStatus } from './minutes.js';

/** R13: the figures the chair announces, plus how the absences stand (R9, R10). */
export interface AttendanceTotals {
  total: number;
  present: number;
  absent: number;
  /** Absent, by the state of their reason. */
  absentBy: Record<AbsenteeStatus, number>;
  /** Rows still showing the RSVP forecast because nobody has opened the sheet or toggled them yet. */
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
export function absenteeStatus(invitation: Pick<Invitation, 'rsvp' | 'absence'>): AbsenteeStatus {
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
    totals.absentBy[absenteeStatus(invitation)] += 1;
  }
  return totals;
}

/**
 * Attendance is taken at the meeting: from its day on (Vietnam time), so RSVPs keep counting until then.
 * Before that day, opening or toggling would freeze answers members may still change.
 */
export function assertMayTakeAttendance(meeting: Pick<Meeting, 'date'>, now: Date): void {
  if (localDate(now) < meeting.date) {
    throw new ConflictError(
      'Chưa đến ngày họp: chỉ điểm danh từ ngày họp. (Attendance is taken from the meeting day on.)',
      'meeting_not_yet',
    );
  }
}

/** R10: the record that the workplace committee was told of one member's absence without notice. */
export interface AbsenceNotice {
  meetingId: string;
  memberId: string;
  residenceOrgId: string;
  workplaceOrgId: string;
  meetingDate: string;
  raisedAt: string;
  /** The workplace staff's one-tap acknowledgement. */
  acknowledgedAt?: string;
  acknowledgedBy?: string;
}

export function absenceNoticeEventId(meetingId: string, memberId: string): string {
  return `AbsentWithoutNotice:${meetingId}:${memberId}`;
}
