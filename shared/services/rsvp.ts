// use case: a member answers an invitation — attend, or absent with a reason category and optional text (R9).
import { NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import { applyAnswer, assertMayAnswer, type RsvpAnswer, withAbsenceText } from '../domain/rsvp.js';
import type { Clock } from '../ports/common.js';
import type { Metrics } from '../ports/metrics.js';
import type { InvitationRepository, MeetingRepository } from '../ports/repositories.js';
import { type RetryOptions, retryOnConflict } from './retry.js';

export interface RsvpPorts {
  meetings: Pick<MeetingRepository, 'get'>;
  invitations: Pick<InvitationRepository, 'get' | 'save'>;
  clock: Clock;
  /** RsvpsRecorded: one per answer stored (a press that changes nothing counts nothing). */
  metrics?: Metrics;
  retry?: RetryOptions;
}

export interface RsvpResult {
  meeting: Meeting;
  invitation: Invitation;
  /** False when the answer was recorded already (nothing written, nothing published). */
  changed: boolean;
}

async function load(memberId: string, meetingId: string, ports: RsvpPorts) {
  // Two independent reads on the path of every press: side by side, not one after the other.
  const [meeting, invitation] = await Promise.all([
    ports.meetings.get(meetingId),
    ports.invitations.get(meetingId, memberId),
  ]);
  if (!meeting) throw new NotFoundError('meeting');
  if (!invitation) throw new NotFoundError('invitation');
  return { meeting, invitation };
}

function rsvpEvent(invitation: Invitation, at: string): DomainEvent<'RsvpRecorded'> {
  return {
    type: 'RsvpRecorded',
    id: `RsvpRecorded:${invitation.meetingId}:${invitation.memberId}:${invitation.version}`,
    occurredAt: at,
    orgIds: [invitation.residenceOrgId, invitation.workplaceOrgId],
    data: { meetingId: invitation.meetingId, memberId: invitation.memberId, rsvp: invitation.rsvp },
  };
}

/**
 * "Tham dự", or "Vắng mặt" with a category. Answers change until the meeting starts; concurrent taps
 * re-read and retry, so the stored answer is always the last one written and versions never skip.
 */
export async function recordAnswer(
  memberId: string,
  meetingId: string,
  answer: RsvpAnswer,
  ports: RsvpPorts,
): Promise<RsvpResult> {
  const result = await retryOnConflict(async () => {
    const { meeting, invitation } = await load(memberId, meetingId, ports);
    const now = ports.clock.now();
    assertMayAnswer(meeting, now);
    const next = applyAnswer(invitation, answer, now);
    if (!next) return { meeting, invitation, changed: false };
    await ports.invitations.save(next, invitation.version, { events: [rsvpEvent(next, now.toISOString())] });
    return { meeting, invitation: next, changed: true };
  }, ports.retry);
  // Counted after the write won: a retried race or a repeated press is not a second answer.
  if (result.changed) ports.metrics?.count('RsvpsRecorded');
  return result;
}

/**
 * Completes an absence reason: with the member's text (at most 500 characters) or without ("Bỏ qua").
 * The reason then goes to the workplace committee for confirmation (AbsenceReasonSubmitted).
 */
export async function submitAbsenceReason(
  memberId: string,
  meetingId: string,
  text: string | undefined,
  ports: RsvpPorts,
): Promise<RsvpResult> {
  return retryOnConflict(async () => {
    const { meeting, invitation } = await load(memberId, meetingId, ports);
    const now = ports.clock.now();
    assertMayAnswer(meeting, now);
    const next = withAbsenceText(invitation, text, now);
    const at = now.toISOString();
    const event: DomainEvent<'AbsenceReasonSubmitted'> = {
      type: 'AbsenceReasonSubmitted',
      id: `AbsenceReasonSubmitted:${next.meetingId}:${next.memberId}:${next.version}`,
      occurredAt: at,
      orgIds: [next.workplaceOrgId, next.residenceOrgId],
      data: { meetingId: next.meetingId, memberId: next.memberId },
    };
    await ports.invitations.save(next, invitation.version, { events: [event] });
    return { meeting, invitation: next, changed: true };
  }, ports.retry);
}
