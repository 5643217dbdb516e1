// use case: the workplace committee confirms or rejects a member's absence reason (R9), and lists the pending ones.

import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Confirmation, Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import type { Principal } from '../domain/roles.js';
import { isWorkplaceStaff } from '../domain/roles.js';
import { assertMayDecide, decideAbsence } from '../domain/rsvp.js';
import type { Clock, Page } from '../ports/common.js';
import type { Metrics } from '../ports/metrics.js';
import type {
  AbsenceNoticeRepository,
  InvitationRepository,
  MeetingRepository,
} from '../ports/repositories.js';
import { raiseAbsenceNotice, withdrawUndecidedNotice } from './absence-notices.js';
import { type RetryOptions, retryOnConflict } from './retry.js';

export interface ConfirmationPorts {
  meetings: Pick<MeetingRepository, 'get'>;
  invitations: Pick<InvitationRepository, 'get' | 'save' | 'pendingAbsences'>;
  clock: Clock;
  /** AbsenceReasonsDecided: one per decision stored (a second press is refused, so never counted). */
  metrics?: Metrics;
  retry?: RetryOptions;
  /** R10: a decision after the meeting raises (rejected) or withdraws (confirmed) the absence notice. */
  absenceNotices?: AbsenceNoticeRepository;
}

export type AbsenceDecision = Exclude<Confirmation, 'pending'>;

/** R9: "Xác nhận" / "Không xác nhận"; the member is told through the event's notice. */
export async function decideAbsenceReason(
  principal: Principal,
  meetingId: string,
  memberId: string,
  decision: AbsenceDecision,
  ports: ConfirmationPorts,
): Promise<{ meeting: Meeting; invitation: Invitation }> {
  const decided = await retryOnConflict(async () => {
    const invitation = await ports.invitations.get(meetingId, memberId);
    if (!invitation) throw new NotFoundError('invitation');
    assertMayDecide(invitation, principal);
    const meeting = await ports.meetings.get(meetingId);
    if (!meeting) throw new NotFoundError('meeting');
    const now = ports.clock.now();
    const decided = decideAbsence(invitation, decision, principal.sub, now);
    const type = decision === 'confirmed' ? 'AbsenceReasonConfirmed' : 'AbsenceReasonRejected';
    const event: DomainEvent = {
      type,
      id: `${type}:${meetingId}:${memberId}:${decided.version}`,
      occurredAt: now.toISOString(),
      orgIds: [invitation.workplaceOrgId, invitation.residenceOrgId],
      data: { meetingId, memberId },
    };
    await ports.invitations.save(decided, invitation.version, { events: [event] });
    return { meeting, invitation: decided };
  }, ports.retry);
  ports.metrics?.count('AbsenceReasonsDecided');
  await followUpAbsenceNotice(ports, decided.meeting, decided.invitation, decision);
  return decided;
}

/**
 * R10 once the minutes are sealed: a rejected reason is now an absence without notice, told at once; a
 * confirmed one withdraws a "still not confirmed" notice. Both are idempotent, and the daily job does the
 * same for any follow-up lost here, so a failure after the decision was stored loses nothing.
 */
async function followUpAbsenceNotice(
  ports: ConfirmationPorts,
  meeting: Meeting,
  invitation: Invitation,
  decision: AbsenceDecision,
): Promise<void> {
  const { absenceNotices } = ports;
  if (!absenceNotices) return;
  const noticePorts = { absenceNotices, clock: ports.clock };
  if (decision === 'confirmed') {
    await withdrawUndecidedNotice(noticePorts, meeting.id, invitation.memberId);
  } else if (meeting.status === 'held') {
    await raiseAbsenceNotice(noticePorts, meeting, invitation, 'rejected');
  }
}

/** `/xacnhan`: the workplace's reasons waiting for a decision, soonest meeting first. */
export async function pendingAbsenceReasons(
  principal: Principal,
  query: { limit: number; cursor?: string },
  ports: Pick<ConfirmationPorts, 'invitations'>,
): Promise<Page<Invitation>> {
  if (!isWorkplaceStaff(principal)) {
    throw new ForbiddenError({
      vi: 'Lý do vắng mặt do cấp ủy nơi công tác xác nhận',
      en: 'Absence reasons are confirmed by the workplace committee',
    });
  }
  return ports.invitations.pendingAbsences(principal.orgId, query);
}
