// domain: one member's invitation to one meeting, with their RSVP, absence reason and attendance (R9–R11).
import type { IsoDate, LocalTime } from './dates.js';
import type { DeliveryPath } from './delivery.js';
import type { Meeting } from './meeting.js';

export const ABSENCE_CATEGORIES = ['work', 'illness', 'family', 'other'] as const;
export type AbsenceCategory = (typeof ABSENCE_CATEGORIES)[number];
export const ABSENCE_TEXT_MAX = 500;

export const RSVPS = ['none', 'attending', 'absent'] as const;
export type Rsvp = (typeof RSVPS)[number];
export const CONFIRMATIONS = ['pending', 'confirmed', 'rejected'] as const;
export type Confirmation = (typeof CONFIRMATIONS)[number];
export const ATTENDANCES = ['unrecorded', 'present', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const DELIVERIES = ['pending', 'sent', 'no_chat', 'undeliverable'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** How a member who answered through staff told them. */
export const ANSWER_CHANNELS = ['phone', 'in_person', 'through_other'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/** Who entered an answer for the member, when, and how the member told them. */
export interface AnswerOnBehalf {
  staffId: string;
  via: AnswerChannel;
  at: string;
}

/** R9: the reason a member gives, and the workplace committee's decision on it. */
export interface AbsenceReason {
  category: AbsenceCategory;
  text?: string;
  submittedAt: string;
  confirmation: Confirmation;
  decidedBy?: string;
  decidedAt?: string;
}

export interface Invitation {
  meetingId: string;
  residenceOrgId: string;
  memberId: string;
  /** Copied at invitation time so the sheet reads in one Query and the workplace finds its pending reasons. */
  memberName: string;
  workplaceOrgId: string;
  hamletId: string;
  meetingDate: IsoDate;
  delivery: Delivery;
  sentAt?: string;
  /**
   * When a worker took the invitation to deliver it (a lease): another worker leaves it alone until the
   * lease is over, so a retried job never sends the same invitation twice at once.
   */
  deliveryAttemptAt?: string;
  /** An SMS went to the member's phone because no chat account could be reached. */
  smsSent?: boolean;
  /** The path that carried the letter last: a chat channel, or the phone (ZNS, SMS) when no chat took it. */
  via?: DeliveryPath;
  rsvp: Rsvp;
  rsvpAt?: string;
  /**
   * The meeting moved to another day after this answer was given (issue 16): the answer is kept and shown,
   * but the member is asked to confirm it again; cleared by their next answer.
   */
  reconfirm?: boolean;
  /** The meeting was called off (issue 16): the invitation counts for nothing at year end (R11). */
  meetingCancelled?: boolean;
  /**
   * R4 under a rule set that invites exempt members (hd02-2011): the member is exempt from activities on the
   * meeting's date, so the letter says attending is not required (their absence is excused anyway).
   */
  optional?: boolean;
  /** The last answer was entered by staff for the member (who phoned or came in), not by the member. */
  onBehalf?: AnswerOnBehalf;
  absence?: AbsenceReason;
  attendance: Attendance;
  /**
   * What the letter shows of its meeting and committee, copied when the invitation is made (issue 19): a press
   * re-renders the letter from the invitation alone. Absent on invitations made before; the press then reads
   * the meeting and the committee as it always did.
   */
  letter?: InvitationLetter;
  version: number;
}

/**
 * The meeting's words as the invitation letter prints them, and the committee's name. The press that uses it
 * checks, inside its own transaction, that the meeting and the committee still read so (a moved or cancelled
 * meeting, a renamed committee fail the check and take the path that reads them).
 */
export interface InvitationLetter {
  committeeName: string;
  date: IsoDate;
  time: LocalTime;
  place: string;
  chairName: string;
  agenda: string;
  /** When the meeting was last moved, if it was when the letter was copied (the letter then says so). */
  rescheduledAt?: string;
}

/** The letter's copy of a meeting and its committee's name (issue 19). */
export function invitationLetter(
  meeting: Pick<Meeting, 'date' | 'time' | 'place' | 'chairName' | 'agenda' | 'rescheduled'>,
  committeeName: string,
): InvitationLetter {
  return {
    committeeName,
    date: meeting.date,
    time: meeting.time,
    place: meeting.place,
    chairName: meeting.chairName,
    agenda: meeting.agenda,
    rescheduledAt: meeting.rescheduled?.at,
  };
}

/** The member's state for one meeting, as named in the design card. */
export type MemberMeetingState =
  | 'invited'
  | 'attending'
  | 'absent-pending'
  | 'absent-excused'
  | 'absent-unexcused'
  | 'no-reply'
  | 'present'
  | 'absent';

export function memberMeetingState(
  invitation: Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>,
  meetingStarted: boolean,
): MemberMeetingState {
  if (invitation.attendance !== 'unrecorded') return invitation.attendance;
  if (invitation.rsvp === 'attending') return 'attending';
  if (invitation.rsvp === 'absent') {
    const c = invitation.absence?.confirmation ?? 'pending';
    return c === 'confirmed' ? 'absent-excused' : c === 'rejected' ? 'absent-unexcused' : 'absent-pending';
  }
  return meetingStarted ? 'no-reply' : 'invited';
}

/** True when the workplace committee confirmed the member's absence reason (R9). */
export function hasConfirmedReason(invitation: Pick<Invitation, 'rsvp' | 'absence'>): boolean {
  return invitation.rsvp === 'absent' && invitation.absence?.confirmation === 'confirmed';
}

/**
 * R11's reading at year end: absent without replying, or without a reason the workplace confirmed (one
 * still undecided is not a valid reason by then). The per-meeting notice (R10) waits for the workplace's
 * decision instead: see absenceNoticeGround in attendance.ts.
 */
export function isAbsentWithoutNotice(
  invitation: Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>,
): boolean {
  if (invitation.attendance === 'present') return false;
  if (invitation.attendance === 'unrecorded' && invitation.rsvp === 'attending') return false;
  return !hasConfirmedReason(invitation);
}

/**
 * R11: absent from both meetings of the year without a valid reason. A member invited to only one
 * meeting (introduced mid-year) has not missed both.
 */
export function missedBothMeetings(
  invitationsOfYear: readonly Pick<Invitation, 'meetingId' | 'rsvp' | 'absence' | 'attendance'>[],
): boolean {
  const meetings = new Set(invitationsOfYear.map((i) => i.meetingId));
  if (meetings.size < 2) return false;
  return invitationsOfYear.every((i) => isAbsentWithoutNotice(i));
}

/** The attendance sheet is pre-filled from the RSVPs: those who said they come are marked present. */
export function prefilledAttendance(invitation: Pick<Invitation, 'rsvp'>): Exclude<Attendance, 'unrecorded'> {
  return invitation.rsvp === 'attending' ? 'present' : 'absent';
}
