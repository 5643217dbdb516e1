// domain: moving a planned contact meeting (date, time, place) or calling it off, and what that does to the
// invitations already out (issue 16, item 8): answers are kept, a new date asks for them again (R8, R9).
import { ConflictError, ValidationError } from './errors.js';
import { type Invitation, type InvitationLetter, invitationLetter } from './invitation.js';
import { hasStarted, type Meeting } from './meeting.js';
import { normaliseText } from './text.js';

export const CANCEL_REASON_MAX = 500;

export interface MeetingMove {
  date?: string;
  time?: string;
  place?: string;
}

/**
 * Only a meeting still planned and not begun can change: a held (sealed) meeting is a record, a cancelled
 * one stays cancelled, and one under way is being recorded.
 */
export function assertMayChange(meeting: Pick<Meeting, 'status' | 'date' | 'time'>, now: Date): void {
  if (meeting.status === 'held') {
    throw new ConflictError(
      { vi: 'Cuộc họp đã được tổ chức, không thể thay đổi', en: 'The meeting was held' },
      'meeting_held',
    );
  }
  if (meeting.status === 'cancelled') {
    throw new ConflictError(
      { vi: 'Cuộc họp đã bị hủy', en: 'The meeting is cancelled' },
      'meeting_cancelled',
    );
  }
  if (hasStarted(meeting, now)) {
    throw new ConflictError({ vi: 'Cuộc họp đã bắt đầu', en: 'The meeting has started' }, 'meeting_started');
  }
}

export interface MovedMeeting {
  meeting: Meeting;
  /** The day changed: answers given for the old day are asked for again (R9). */
  dateChanged: boolean;
}

/**
 * The meeting after a move, or undefined when it already stands at those details (a retried request). The
 * new day may not be in the past; R8's warnings on it are the caller's to show (meetingDateWarnings).
 */
export function movedMeeting(
  meeting: Meeting,
  move: MeetingMove,
  by: string,
  today: string,
  now: Date,
): MovedMeeting | undefined {
  const date = move.date ?? meeting.date;
  const time = move.time ?? meeting.time;
  const place = move.place !== undefined ? normaliseText(move.place).trim() : meeting.place;
  if (date === meeting.date && time === meeting.time && place === meeting.place) return undefined;
  if (date < today) {
    throw new ValidationError({ vi: 'Ngày họp đã qua', en: 'The meeting date is in the past' }, [
      { path: ['date'], message: 'date_in_past' },
    ]);
  }
  if (place.length === 0) {
    throw new ValidationError({ vi: 'Địa điểm họp còn trống', en: 'The place is empty' }, [
      { path: ['place'], message: 'empty' },
    ]);
  }
  return {
    meeting: {
      ...meeting,
      date,
      time,
      place,
      rescheduled: {
        by,
        at: now.toISOString(),
        previous: { date: meeting.date, time: meeting.time, place: meeting.place },
      },
      version: meeting.version + 1,
    },
    dateChanged: date !== meeting.date,
  };
}

/** The meeting called off with its reason, or undefined when it was cancelled already (a retried request). */
export function cancelledMeeting(
  meeting: Meeting,
  reason: string,
  by: string,
  now: Date,
): Meeting | undefined {
  if (meeting.status === 'cancelled') return undefined;
  const text = normaliseText(reason).trim();
  if (text.length === 0 || [...text].length > CANCEL_REASON_MAX) {
    throw new ValidationError({ vi: 'Lý do còn trống hoặc quá dài', en: 'The reason is empty or too long' }, [
      { path: ['reason'], message: text.length === 0 ? 'empty' : 'too_long' },
    ]);
  }
  return {
    ...meeting,
    status: 'cancelled',
    cancellation: { reason: text, by, at: now.toISOString() },
    version: meeting.version + 1,
  };
}

/**
 * The invitation after its meeting moved, or undefined when nothing on it changes. It carries the new day;
 * an answer given for another day is kept but must be confirmed again (R9: the member may not be free then).
 * A change of time or place only keeps the answer as it is. The letter's copy on the invitation follows the
 * meeting (issue 19), so the next press re-renders the new details without reading the meeting.
 */
export function invitationAfterMove(
  invitation: Invitation,
  meeting: Pick<Meeting, 'date' | 'time' | 'place' | 'chairName' | 'agenda' | 'rescheduled'>,
): Invitation | undefined {
  const moved = invitation.meetingDate !== meeting.date;
  const letter = invitation.letter && invitationLetter(meeting, invitation.letter.committeeName);
  const letterChanged = letter !== undefined && !sameLetter(letter, invitation.letter);
  if (!moved && !letterChanged) return undefined;
  return {
    ...invitation,
    ...(letter ? { letter } : {}),
    meetingDate: meeting.date,
    ...(moved && invitation.rsvp !== 'none' ? { reconfirm: true } : {}),
    version: invitation.version + 1,
  };
}

function sameLetter(a: InvitationLetter, b: InvitationLetter | undefined): boolean {
  return (
    b !== undefined &&
    a.committeeName === b.committeeName &&
    a.date === b.date &&
    a.time === b.time &&
    a.place === b.place &&
    a.chairName === b.chairName &&
    a.agenda === b.agenda &&
    a.rescheduledAt === b.rescheduledAt
  );
}
