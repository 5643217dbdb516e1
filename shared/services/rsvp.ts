// use case: a member answers an invitation — attend, or absent with a reason category and optional text (R9).
import { activityStampDue } from '../domain/delivery.js';
import { NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Invitation, InvitationLetter } from '../domain/invitation.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import { applyAnswer, assertMayAnswer, type RsvpAnswer, withAbsenceText } from '../domain/rsvp.js';
import type { Clock } from '../ports/common.js';
import type { ConversationDraft } from '../ports/conversation.js';
import type { Metrics } from '../ports/metrics.js';
import type { Channel, InvitationRepository, MeetingRepository } from '../ports/repositories.js';
import type { RsvpPressStore } from '../ports/rsvp-press.js';
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

export interface AttendPress {
  channel: Channel;
  userId: string;
  meetingId: string;
  /** The member the letter was sent to (on the button): the chat must be theirs. */
  memberId: string;
  /** The update's claim, written in the press's transaction. */
  claim: { scope: string; key: string; ttlSeconds: number };
  /** Whether the chat's dialogue in progress ends with this answer (the bot's absence-text dialogue). */
  endsDraft(draft: ConversationDraft): boolean;
}

export interface AttendPressPorts {
  presses: RsvpPressStore;
  clock: Clock;
  metrics?: Metrics;
}

export type AttendPressResult =
  /** Stored (or already so): the letter is re-rendered from the invitation's copy. */
  | { kind: 'answered'; invitation: Invitation & { letter: InvitationLetter }; changed: boolean }
  /** Not for the one-round-trip path (no copy of the letter, meeting started, moved, cancelled, a race): read everything. */
  | { kind: 'fallback' };

/**
 * "Tham dự" in one read and one transaction (issue 19): the chat link, the invitation and the chat's draft in
 * one BatchGetItem; then the update's claim, the answer (guarded by the version read), its RsvpRecorded event,
 * the end of a dialogue and the chat's activity stamp in one TransactWriteItems, which also checks that the
 * meeting and the committee still read as the invitation's copy of the letter. Anything unusual falls back to
 * recordAnswer's path, which reads the meeting and retries races.
 */
export async function pressAttend(press: AttendPress, ports: AttendPressPorts): Promise<AttendPressResult> {
  const read = await ports.presses.read(press.channel, press.userId, press.meetingId, press.memberId);
  const { link, invitation, draft } = read;
  if (link?.kind !== 'member' || link.id !== press.memberId) return { kind: 'fallback' };
  if (!invitation?.letter || invitation.meetingCancelled) return { kind: 'fallback' };
  const letter = invitation.letter;
  const now = ports.clock.now();
  // Started: the refusal and the letter's "started" state are the full path's (R9: answers change until then).
  if (hasStarted(letter, now)) return { kind: 'fallback' };
  const next = applyAnswer(invitation, { kind: 'attending' }, now);
  const outcome = await ports.presses.write({
    channel: press.channel,
    userId: press.userId,
    claim: press.claim,
    invitation: { ...invitation, letter },
    ...(next ? { answered: { invitation: next, events: [rsvpEvent(next, now.toISOString())] } } : {}),
    dropDraft: (draft && press.endsDraft(draft)) || undefined,
    ...(activityStampDue(link, now) ? { activeAt: now } : {}),
  });
  // Seen before: the chain's claim tells a redelivery of a handled update (skipped) from one another
  // invocation is still handling (answered 500, so the channel retries and the press is never lost).
  if (outcome !== 'committed') return { kind: 'fallback' };
  // Counted after the write won, as recordAnswer counts.
  if (next) ports.metrics?.count('RsvpsRecorded');
  return { kind: 'answered', invitation: { ...(next ?? invitation), letter }, changed: next !== undefined };
}
