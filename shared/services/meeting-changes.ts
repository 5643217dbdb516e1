// use case: moving a planned contact meeting (date, time, place) or calling it off (issue 16, item 8) — in the bot
// and by POST /meetings/{id}/reschedule and /cancel. Every invitee already sent a letter is told at once on their
// channel (their chats in the order they chose, then ZNS/SMS) or put on the paper list; answers are kept, and a
// new day asks for them again. Retries change nothing twice and tell nobody twice.
import { isResidenceStaffOf } from '../domain/access.js';
import { localDate } from '../domain/dates.js';
import { countPath, type PathCounts } from '../domain/delivery.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Invitation } from '../domain/invitation.js';
import { type Meeting, type MeetingDateWarning, meetingDateWarnings } from '../domain/meeting.js';
import {
  assertMayChange,
  cancelledMeeting,
  invitationAfterMove,
  type MeetingMove,
  movedMeeting,
} from '../domain/meeting-change.js';
import type { Principal } from '../domain/roles.js';
import type { ChatMessenger, Notice, UnreachableMember } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import { type Log, silentLog } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type {
  ChatLinkRepository,
  CommitteeRepository,
  IdempotencyStore,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
} from '../ports/repositories.js';
import { forEachConcurrent } from './concurrency.js';
import { committeeWithHamlets, paperListOf } from './hamlets.js';
import { sendByPhone, sendToPreferredChat } from './notice-delivery.js';
import { retryOnConflict } from './retry.js';

export interface MeetingChangePorts {
  meetings: Pick<MeetingRepository, 'get' | 'save'>;
  committees: Pick<CommitteeRepository, 'get' | 'children'>;
  invitations: Pick<InvitationRepository, 'get' | 'save' | 'streamSheet'>;
  members: Pick<MemberRepository, 'get'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  messenger: ChatMessenger;
  sms?: SmsSender;
  zns?: ZnsSender;
  clock: Clock;
  log?: Log;
}

/** How the invitees heard of the change. */
export interface ChangeTold {
  /** Told by a chat, by ZNS or by SMS (each path counted). */
  told: number;
  byPath: PathCounts;
  /** No chat and no phone took it: the staff hand these a paper note (by hamlet, in Vietnamese order). */
  paper: UnreachableMember[];
  /** Told in an earlier run of the same change (a retried request). */
  already: number;
}

export interface MeetingChangeResult {
  meeting: Meeting;
  /** R8's warnings on the (new) date, shown as on planning; never a refusal. */
  warnings: MeetingDateWarning[];
  /** False when the meeting already stood so (a retried request): only the members not told yet are told. */
  changed: boolean;
  dateChanged: boolean;
  told: ChangeTold;
}

const NOTICE_TTL_SECONDS = 60 * 24 * 3600;
const TELL_CONCURRENCY = 8;
const NOBODY_TOLD: ChangeTold = { told: 0, byPath: {}, paper: [], already: 0 };

async function loadForChange(principal: Principal, meetingId: string, ports: MeetingChangePorts) {
  const meeting = await ports.meetings.get(meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  // R8: the residence committee that plans the meeting is the one that moves or cancels it.
  if (!isResidenceStaffOf(principal, meeting.residenceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi cư trú mới thay đổi được cuộc họp của đơn vị',
      en: 'Only staff of the residence committee change its meetings',
    });
  }
  return meeting;
}

/**
 * Moves the meeting to a new date, time or place. R8's date warnings are computed again; a move to another
 * day marks each answer given as to be confirmed again, and the reminders follow the new day.
 */
export async function rescheduleMeeting(
  principal: Principal,
  meetingId: string,
  move: MeetingMove,
  ports: MeetingChangePorts,
): Promise<MeetingChangeResult> {
  const outcome = await retryOnConflict(async () => {
    const meeting = await loadForChange(principal, meetingId, ports);
    const now = ports.clock.now();
    const replay = isReplayOfMove(meeting, move);
    if (replay) return { meeting, changed: false, dateChanged: replay.dateChanged, tell: true };
    assertMayChange(meeting, now);
    const moved = movedMeeting(meeting, move, principal.sub, localDate(now), now);
    // Nothing to move (the details it was planned with): nobody is told of a change that is not one.
    if (!moved) return { meeting, changed: false, dateChanged: false, tell: false };
    const event: DomainEvent<'MeetingRescheduled'> = {
      type: 'MeetingRescheduled',
      id: `MeetingRescheduled:${meeting.id}:${moved.meeting.version}`,
      occurredAt: now.toISOString(),
      orgIds: [meeting.residenceOrgId],
      data: { meetingId: meeting.id, date: moved.meeting.date, dateChanged: moved.dateChanged },
    };
    await ports.meetings.save(moved.meeting, meeting.version, { events: [event] });
    return { meeting: moved.meeting, changed: true, dateChanged: moved.dateChanged, tell: true };
  });
  const { meeting } = outcome;
  // The invitations carry the new day (their indexes are by day) and, for answers given, a new confirmation;
  // their copy of the letter takes the new details (issue 19: the press renders from it).
  for await (const invitation of ports.invitations.streamSheet(meeting.id)) {
    if (!invitationAfterMove(invitation, meeting)) continue;
    await retryOnConflict(async () => {
      const current = await ports.invitations.get(meeting.id, invitation.memberId);
      const next = current && invitationAfterMove(current, meeting);
      if (current && next) await ports.invitations.save(next, current.version);
    });
  }
  const told = outcome.tell ? await tellInvitees(meeting, 'moved', ports) : NOBODY_TOLD;
  return {
    meeting,
    warnings: meetingDateWarnings(meeting.date, meeting.round, meeting.year),
    changed: outcome.changed,
    dateChanged: outcome.dateChanged,
    told,
  };
}

/** The meeting already moved to exactly these details by this change (a retried request). */
function isReplayOfMove(meeting: Meeting, move: MeetingMove): { dateChanged: boolean } | undefined {
  if (meeting.status !== 'planned' || !meeting.rescheduled) return undefined;
  const same =
    (move.date ?? meeting.date) === meeting.date &&
    (move.time ?? meeting.time) === meeting.time &&
    (move.place === undefined || move.place.trim() === meeting.place);
  return same ? { dateChanged: meeting.rescheduled.previous.date !== meeting.date } : undefined;
}

/** Calls the meeting off with a reason: reminders stop, no attendance, no invitations, no answers. */
export async function cancelMeeting(
  principal: Principal,
  meetingId: string,
  reason: string,
  ports: MeetingChangePorts,
): Promise<MeetingChangeResult> {
  const outcome = await retryOnConflict(async () => {
    const meeting = await loadForChange(principal, meetingId, ports);
    if (meeting.status === 'cancelled') return { meeting, changed: false };
    const now = ports.clock.now();
    assertMayChange(meeting, now);
    const cancelled = cancelledMeeting(meeting, reason, principal.sub, now);
    if (!cancelled) return { meeting, changed: false };
    const event: DomainEvent<'MeetingCancelled'> = {
      type: 'MeetingCancelled',
      id: `MeetingCancelled:${meeting.id}`,
      occurredAt: now.toISOString(),
      orgIds: [meeting.residenceOrgId],
      data: { meetingId: meeting.id },
    };
    await ports.meetings.save(cancelled, meeting.version, { events: [event] });
    return { meeting: cancelled, changed: true };
  });
  // R11 at year end reads invitations: those of a meeting called off are marked so they count for nothing.
  for await (const invitation of ports.invitations.streamSheet(meetingId)) {
    if (invitation.meetingCancelled) continue;
    await retryOnConflict(async () => {
      const current = await ports.invitations.get(meetingId, invitation.memberId);
      if (!current || current.meetingCancelled) return;
      await ports.invitations.save(
        { ...current, meetingCancelled: true, version: current.version + 1 },
        current.version,
      );
    });
  }
  const told = await tellInvitees(outcome.meeting, 'cancelled', ports);
  return { meeting: outcome.meeting, warnings: [], changed: outcome.changed, dateChanged: false, told };
}

/**
 * Tells every member whose letter went out (or who is on the paper list) of the change, once per change: the
 * claim is keyed by the meeting's version, so a retried request tells only those not told yet. Letters still
 * waiting in the invitation job need nothing: the job sends the meeting as it stands.
 */
async function tellInvitees(
  meeting: Meeting,
  change: 'moved' | 'cancelled',
  ports: MeetingChangePorts,
): Promise<ChangeTold> {
  const log = ports.log ?? silentLog;
  const committee = await committeeWithHamlets(ports.committees, meeting.residenceOrgId);
  const committeeName = committee?.name ?? meeting.residenceOrgId;
  const told: ChangeTold = { told: 0, byPath: {}, paper: [], already: 0 };
  const paper: Invitation[] = [];
  // A few members at a time: a ward of hundreds is told within the request (the chat adapters throttle).
  await forEachConcurrent(ports.invitations.streamSheet(meeting.id), TELL_CONCURRENCY, async (invitation) => {
    if (invitation.delivery === 'pending') return;
    const key = `${meeting.id}:${meeting.version}:${invitation.memberId}`;
    if (!(await ports.idempotency.claim('meeting-change', key, NOTICE_TTL_SECONDS))) {
      told.already += 1;
      return;
    }
    const notice: Notice = {
      kind: 'meeting_changed',
      meeting,
      committeeName,
      memberName: invitation.memberName,
      change,
      ...(invitation.rsvp !== 'none'
        ? {
            answer: {
              rsvp: invitation.rsvp,
              ...(invitation.absence
                ? { category: invitation.absence.category, confirmation: invitation.absence.confirmation }
                : {}),
            },
          }
        : {}),
      ...(change === 'moved' && invitation.reconfirm ? { reconfirm: true } : {}),
    };
    try {
      const chat = await sendToPreferredChat({ kind: 'member', id: invitation.memberId }, notice, ports);
      let via = chat.via as Parameters<typeof countPath>[1] | undefined;
      if (!via) {
        const phone = (await ports.members.get(invitation.memberId))?.phone;
        if (phone && (ports.sms || ports.zns))
          via = await sendByPhone(phone, notice, `meeting-change:${key}`, ports);
      }
      if (via) {
        told.told += 1;
        told.byPath = countPath(told.byPath, via);
      } else {
        // On paper: the claim goes back, so a retry lists them again (and reaches them if they linked a chat).
        await ports.idempotency.release('meeting-change', key);
        paper.push(invitation);
      }
    } catch (error) {
      // One member's failure does not stop the others; a retry of the request tells this one.
      await ports.idempotency.release('meeting-change', key);
      log.warn(
        'meeting change not told',
        { meetingId: meeting.id, errorName: (error as Error)?.name },
        error,
      );
      paper.push(invitation);
    }
  });
  told.paper = paperListOf(committee, paper, (i) => ({
    reason: i.delivery === 'sent' ? 'undeliverable' : 'no_chat',
  }));
  return told;
}
