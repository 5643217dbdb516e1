// domain: a member's answer to an invitation (attend / absent with a reason) and the workplace's decision on the reason (R9).
import { ConflictError, ForbiddenError, RuleViolationError } from './errors.js';
import {
  ABSENCE_TEXT_MAX,
  type AbsenceCategory,
  type AnswerOnBehalf,
  type Confirmation,
  type Invitation,
} from './invitation.js';
import { hasStarted, type Meeting } from './meeting.js';
import { isWorkplaceStaff, type Principal } from './roles.js';
import { normaliseText } from './text.js';

export type RsvpAnswer = { kind: 'attending' } | { kind: 'absent'; category: AbsenceCategory };

/**
 * Answers may change until the meeting starts; after that only staff record attendance (design card). A
 * cancelled meeting takes no answers (issue 16).
 */
export function assertMayAnswer(
  meeting: Pick<Meeting, 'date' | 'time'> & Partial<Pick<Meeting, 'status'>>,
  now: Date,
): void {
  if (meeting.status === 'cancelled') {
    throw new ConflictError(
      { vi: 'Cuộc họp đã bị hủy: không nhận trả lời', en: 'The meeting is cancelled: it takes no answers' },
      'meeting_cancelled',
    );
  }
  if (hasStarted(meeting, now)) {
    throw new ConflictError(
      {
        vi: 'Cuộc họp đã bắt đầu: không thay đổi trả lời được nữa',
        en: 'The meeting has started: answers can no longer change',
      },
      'meeting_started',
    );
  }
}

/**
 * R9 as the residence committee lives it: a member who could not come often phones on the day or after. Before
 * the meeting starts staff record any answer for them (as the member could); once it has started, only the
 * reason of an absentee, until the minutes are signed (from the first signature the sheet feeds the minutes
 * and is frozen) — the workplace confirms it like every other reason, so no R10 notice goes for a reported
 * absence. Whether the member came is what the attendance sheet records, never an answer.
 */
export function assertMayAnswerOnBehalf(
  meeting: Pick<Meeting, 'date' | 'time'> & Partial<Pick<Meeting, 'status'>>,
  now: Date,
  answer: RsvpAnswer,
  invitation: Pick<Invitation, 'rsvp' | 'attendance'>,
  minutesSigned: boolean,
): void {
  if (meeting.status === 'cancelled' || !hasStarted(meeting, now)) {
    assertMayAnswer(meeting, now);
    return;
  }
  if (answer.kind === 'attending') {
    throw new ConflictError(
      {
        vi: 'Cuộc họp đã bắt đầu: việc có mặt do điểm danh ghi nhận, chỉ còn ghi được lý do vắng',
        en: 'The meeting has started: attendance is taken on the sheet; only a reason for an absence can still be recorded',
      },
      'meeting_started',
    );
  }
  if (minutesSigned) {
    throw new ConflictError(
      {
        vi: 'Biên bản cuộc họp đã ký: không ghi thêm lý do vắng',
        en: 'The minutes are signed: no more reasons are recorded',
      },
      'minutes_signed',
    );
  }
  if (invitation.attendance === 'present') {
    throw new ConflictError(
      { vi: 'Đồng chí này đã được điểm danh có mặt', en: 'The member is recorded present' },
      'recorded_present',
    );
  }
}

/**
 * The invitation after the member's answer, or undefined when the answer is what is recorded already
 * (a repeated tap changes nothing and publishes nothing). A new absence category starts a new reason
 * that the workplace has to confirm again (R9).
 */
export function applyAnswer(
  invitation: Invitation,
  answer: RsvpAnswer,
  now: Date,
  onBehalf?: AnswerOnBehalf,
): Invitation | undefined {
  const at = now.toISOString();
  // An answer asked for again after the meeting moved to another day: the same answer confirms it (issue 16).
  const confirming = invitation.reconfirm === true;
  // Who answers is part of the record: the member's own tap replaces an answer staff entered for them.
  const { reconfirm: _asked, onBehalf: _previous, ...base } = invitation;
  const by = onBehalf ? { onBehalf } : {};
  const sameBy = (onBehalf === undefined) === (invitation.onBehalf === undefined);
  if (answer.kind === 'attending') {
    if (invitation.rsvp === 'attending' && !confirming && sameBy) return undefined;
    const { absence: _dropped, ...rest } = base;
    return { ...rest, ...by, rsvp: 'attending', rsvpAt: at, version: invitation.version + 1 };
  }
  if (invitation.rsvp === 'absent' && invitation.absence?.category === answer.category) {
    if (!confirming && sameBy) return undefined;
    // Confirmed again: the reason and the workplace's decision on it stand.
    return { ...base, ...by, rsvpAt: at, version: invitation.version + 1 };
  }
  return {
    ...base,
    ...by,
    rsvp: 'absent',
    rsvpAt: at,
    absence: { category: answer.category, submittedAt: at, confirmation: 'pending' },
    version: invitation.version + 1,
  };
}

/** Validates the optional free text of an absence reason (at most 500 characters, R9). */
export function absenceTextProblem(text: string): 'empty' | 'too_long' | undefined {
  const trimmed = normaliseText(text).trim();
  if (trimmed.length === 0) return 'empty';
  if ([...trimmed].length > ABSENCE_TEXT_MAX) return 'too_long';
  return undefined;
}

/**
 * Completes the member's current absence reason with its free text, or without one (`undefined`, the
 * "Bỏ qua" button); the workplace has to decide on it (again).
 */
export function withAbsenceText(invitation: Invitation, text: string | undefined, now: Date): Invitation {
  if (invitation.rsvp !== 'absent' || !invitation.absence) {
    throw new ConflictError(
      { vi: 'Không có lý do vắng mặt nào để bổ sung', en: 'There is no absence reason to complete' },
      'no_absence',
    );
  }
  if (text !== undefined) {
    const problem = absenceTextProblem(text);
    if (problem)
      throw new RuleViolationError(
        'R9',
        problem === 'empty'
          ? { vi: 'lý do vắng mặt còn trống', en: 'the reason text is empty' }
          : { vi: 'lý do vắng mặt quá dài', en: 'the reason text is too long' },
      );
  }
  return {
    ...invitation,
    absence: {
      category: invitation.absence.category,
      ...(text !== undefined ? { text: normaliseText(text).trim() } : {}),
      submittedAt: now.toISOString(),
      confirmation: 'pending',
    },
    version: invitation.version + 1,
  };
}

/** R9: the member's own workplace committee confirms or rejects the reason, once, while it is pending. */
export function assertMayDecide(invitation: Invitation, principal: Principal): void {
  if (!isWorkplaceStaff(principal) || principal.orgId !== invitation.workplaceOrgId) {
    throw new ForbiddenError({
      vi: 'lý do vắng mặt do cấp ủy nơi công tác của đảng viên xác nhận',
      en: "an absence reason is confirmed by the member's workplace committee",
    });
  }
  if (invitation.rsvp !== 'absent' || !invitation.absence) {
    throw new ConflictError(
      { vi: 'Đảng viên không còn báo vắng', en: 'The member no longer reports an absence' },
      'no_absence',
    );
  }
  if (invitation.absence.confirmation !== 'pending') {
    throw new ConflictError(
      { vi: 'Lý do này đã được xác nhận hoặc không xác nhận trước đó', en: 'The reason was decided already' },
      'absence_decided',
    );
  }
}

export function decideAbsence(
  invitation: Invitation,
  decision: Exclude<Confirmation, 'pending'>,
  decidedBy: string,
  now: Date,
): Invitation {
  if (!invitation.absence)
    throw new ConflictError(
      { vi: 'Không có lý do vắng mặt', en: 'There is no absence reason' },
      'no_absence',
    );
  return {
    ...invitation,
    absence: { ...invitation.absence, confirmation: decision, decidedBy, decidedAt: now.toISOString() },
    version: invitation.version + 1,
  };
}
