// use case: staff record a member's answer — attending, or absent with a reason — for a member who phoned or
// came in (issue 16, item 8): in the bot and by PUT /meetings/{id}/rsvp/{memberId}. The record keeps who entered
// it and how the member told them; the member hears of it on their chat; a reason goes to the member's
// workplace for confirmation exactly as one the member sent (R9).
import { isResidenceStaffOf } from '../domain/access.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { AnswerChannel, Invitation } from '../domain/invitation.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import { isFrozen } from '../domain/meeting-protocol.js';
import type { Principal } from '../domain/roles.js';
import { applyAnswer, assertMayAnswerOnBehalf, type RsvpAnswer, withAbsenceText } from '../domain/rsvp.js';
import type { ChatMessenger } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import { type Log, silentLog } from '../ports/log.js';
import type {
  ChatLinkRepository,
  CommitteeRepository,
  InvitationRepository,
  MeetingRepository,
  MinutesRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { sendToPreferredChat } from './notice-delivery.js';
import { retryOnConflict } from './retry.js';

export interface OnBehalfPorts {
  meetings: Pick<MeetingRepository, 'get'>;
  invitations: Pick<InvitationRepository, 'get' | 'save'>;
  /** Read only once the meeting has started: a reason is recorded until the minutes are signed. */
  minutes: Pick<MinutesRepository, 'get'>;
  committees: Pick<CommitteeRepository, 'get'>;
  staff: Pick<StaffRepository, 'get'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  messenger: ChatMessenger;
  clock: Clock;
  log?: Log;
}

export interface OnBehalfInput {
  answer: RsvpAnswer;
  /** The absence reason's words as the member gave them (optional, at most 500 characters, R9). */
  text?: string;
  via: AnswerChannel;
}

export interface OnBehalfResult {
  meeting: Meeting;
  invitation: Invitation;
  /** False when this answer was recorded already (a retried request): nothing written, nobody told again. */
  changed: boolean;
  /** The member's chat took the notice. */
  memberTold: boolean;
}

/**
 * R9: the answer as the member gave it to the residence staff — any answer until the meeting starts, then an
 * absentee's reason until the minutes are signed (assertMayAnswerOnBehalf). An absence is submitted at once
 * (with or without words) and waits for the workplace's decision.
 */
export async function recordAnswerOnBehalf(
  principal: Principal,
  meetingId: string,
  memberId: string,
  input: OnBehalfInput,
  ports: OnBehalfPorts,
): Promise<OnBehalfResult> {
  const result = await retryOnConflict(async () => {
    const [meeting, invitation] = await Promise.all([
      ports.meetings.get(meetingId),
      ports.invitations.get(meetingId, memberId),
    ]);
    if (!meeting) throw new NotFoundError('meeting');
    if (!isResidenceStaffOf(principal, meeting.residenceOrgId)) {
      throw new ForbiddenError({
        vi: 'Chỉ cán bộ cấp ủy nơi cư trú tổ chức cuộc họp mới trả lời thay đảng viên',
        en: "Only staff of the meeting's residence committee answer for its members",
      });
    }
    if (!invitation) throw new NotFoundError('invitation');
    const now = ports.clock.now();
    const signed = hasStarted(meeting, now) ? isFrozen(await ports.minutes.get(meetingId)) : false;
    assertMayAnswerOnBehalf(meeting, now, input.answer, invitation, signed);
    const onBehalf = { staffId: principal.sub, via: input.via, at: now.toISOString() };
    let next = applyAnswer(invitation, input.answer, now, onBehalf);
    const textChanged =
      input.answer.kind === 'absent' &&
      input.text !== undefined &&
      input.text.normalize('NFC').trim() !== (next ?? invitation).absence?.text;
    if (!next && !textChanged) return { meeting, invitation, changed: false };
    if (input.answer.kind === 'absent') {
      const base = next ?? { ...invitation, version: invitation.version };
      // withAbsenceText bumps the version once more: one save, one version step.
      next = { ...withAbsenceText(base, input.text, now), version: invitation.version + 1, onBehalf };
    }
    const answered = next ?? invitation;
    const at = now.toISOString();
    const events: DomainEvent[] = [
      {
        type: 'RsvpRecorded',
        id: `RsvpRecorded:${answered.meetingId}:${answered.memberId}:${answered.version}`,
        occurredAt: at,
        orgIds: [answered.residenceOrgId, answered.workplaceOrgId],
        data: {
          meetingId: answered.meetingId,
          memberId: answered.memberId,
          rsvp: answered.rsvp,
          onBehalf: true,
        },
      },
    ];
    if (answered.rsvp === 'absent') {
      // R9: to the member's workplace for confirmation, as a reason the member sent themself.
      events.push({
        type: 'AbsenceReasonSubmitted',
        id: `AbsenceReasonSubmitted:${answered.meetingId}:${answered.memberId}:${answered.version}`,
        occurredAt: at,
        orgIds: [answered.workplaceOrgId, answered.residenceOrgId],
        data: { meetingId: answered.meetingId, memberId: answered.memberId },
      });
    }
    await ports.invitations.save(answered, invitation.version, { events });
    return { meeting, invitation: answered, changed: true };
  });
  if (!result.changed) return { ...result, memberTold: false };
  return {
    ...result,
    memberTold: await tellMember(result.meeting, result.invitation, input.via, principal, ports),
  };
}

/** The member hears on their chat what was recorded for them (no SMS: they have just told the staff). */
async function tellMember(
  meeting: Meeting,
  invitation: Invitation,
  via: AnswerChannel,
  principal: Principal,
  ports: OnBehalfPorts,
): Promise<boolean> {
  try {
    const [committee, staff] = await Promise.all([
      ports.committees.get(meeting.residenceOrgId),
      ports.staff.get(principal.sub),
    ]);
    const chat = await sendToPreferredChat(
      { kind: 'member', id: invitation.memberId },
      {
        kind: 'answer_on_behalf',
        meeting,
        committeeName: committee?.name ?? meeting.residenceOrgId,
        memberName: invitation.memberName,
        answer: {
          rsvp: invitation.rsvp,
          ...(invitation.absence
            ? {
                category: invitation.absence.category,
                confirmation: invitation.absence.confirmation,
                text: invitation.absence.text || undefined,
              }
            : {}),
        },
        via,
        staffName: staff?.fullName ?? '',
        started: hasStarted(meeting, ports.clock.now()) || undefined,
      },
      ports,
    );
    return chat.via !== undefined;
  } catch (error) {
    // The answer is recorded; a chat that fails now does not undo it.
    (ports.log ?? silentLog).warn(
      'answer on behalf not told',
      { meetingId: meeting.id, errorName: (error as Error)?.name },
      error,
    );
    return false;
  }
}
