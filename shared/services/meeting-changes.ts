// use case: moving a planned contact meeting (date, time, place) or calling it off (issue 16, item 8) — in the bot
// and by POST /meetings/{id}/reschedule and /cancel. The request saves the change and queues one task (issue 19:
// a ward of 5,000 took 93 s inline); the worker (runMeetingChange) updates the invitations and tells every
// invitee already sent a letter on their channel (their chats in the order they chose, then ZNS/SMS) or puts
// them on the paper list, then reports to the staff who asked. Answers are kept, and a new day asks for them
// again. Retries and redelivered tasks change nothing twice and tell nobody twice.
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
import type { InvitationQueue, MeetingChangeTask } from '../ports/invitations.js';
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

/** What the request needs: it saves the change and queues its task, nothing over the ward. */
export interface MeetingChangeRequestPorts {
  meetings: Pick<MeetingRepository, 'get' | 'save'>;
  queue: InvitationQueue;
  clock: Clock;
  log?: Log;
}

/** What the worker needs to update the invitations, tell the invitees and report to the staff. */
export interface MeetingChangePorts {
  meetings: Pick<MeetingRepository, 'get'>;
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
  /** Told in an earlier run of the same change (a redelivered task). */
  already: number;
}

/** The request's answer: the change is saved and its telling queued (the staff's report comes from the worker). */
export interface MeetingChangeResult {
  meeting: Meeting;
  /** R8's warnings on the (new) date, shown as on planning; never a refusal. */
  warnings: MeetingDateWarning[];
  /** False when the meeting already stood so (a retried request): its task is queued again, changing nothing. */
  changed: boolean;
  dateChanged: boolean;
  /** A task was queued to tell the invitees (false for a move to the details the meeting already had). */
  queued: boolean;
}

/** What the worker did with one task; `skipped` says why it did nothing. */
export interface MeetingChangeRun {
  told?: ChangeTold;
  skipped?: 'no_meeting' | 'superseded';
  reported: boolean;
}

const NOTICE_TTL_SECONDS = 60 * 24 * 3600;
const TELL_CONCURRENCY = 8;
/** Rows written at once by the worker (DynamoDB takes it; the table is on demand). */
const UPDATE_CONCURRENCY = 8;

async function loadForChange(principal: Principal, meetingId: string, ports: MeetingChangeRequestPorts) {
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

async function queueChange(
  meeting: Meeting,
  change: MeetingChangeTask['change'],
  requestedBy: string,
  ports: MeetingChangeRequestPorts,
): Promise<void> {
  await ports.queue.enqueue([
    { kind: 'meeting-change', meetingId: meeting.id, version: meeting.version, change, requestedBy },
  ]);
  (ports.log ?? silentLog).info('meeting change queued', {
    meetingId: meeting.id,
    version: meeting.version,
    change,
  });
}

/**
 * Moves the meeting to a new date, time or place and queues its telling. R8's date warnings are computed
 * again; a move to another day marks each answer given as to be confirmed again (by the worker), and the
 * reminders follow the new day.
 */
export async function rescheduleMeeting(
  principal: Principal,
  meetingId: string,
  move: MeetingMove,
  ports: MeetingChangeRequestPorts,
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
  // A retried request queues the task again: a request that saved but failed before queueing is made whole,
  // and the task's claims keep a second run from telling anyone twice.
  if (outcome.tell) await queueChange(meeting, 'moved', principal.sub, ports);
  return {
    meeting,
    warnings: meetingDateWarnings(meeting.date, meeting.round, meeting.year),
    changed: outcome.changed,
    dateChanged: outcome.dateChanged,
    queued: outcome.tell,
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

/** Calls the meeting off with a reason and queues its telling: reminders stop, no attendance, no answers. */
export async function cancelMeeting(
  principal: Principal,
  meetingId: string,
  reason: string,
  ports: MeetingChangeRequestPorts,
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
  // A repeated request queues the task again, keyed by the same version: its claims tell nobody twice.
  const { meeting } = outcome;
  await queueChange(meeting, 'cancelled', principal.sub, ports);
  return { meeting, warnings: [], changed: outcome.changed, dateChanged: false, queued: true };
}

/**
 * The worker's side of a move or cancellation (issue 19). Decision on stale tasks: the task acts on the
 * meeting as it stands now, never on older details, and keys its claims by the task's version, so a
 * redelivered task tells nobody twice. A move task whose meeting was called off since does nothing (the
 * cancellation's own task tells everyone); a move task overtaken by a later move brings the invitations to
 * the current details and tells them (each member hears each change once, with the latest details).
 */
export async function runMeetingChange(
  task: MeetingChangeTask,
  ports: MeetingChangePorts,
): Promise<MeetingChangeRun> {
  const log = ports.log ?? silentLog;
  const meeting = await ports.meetings.get(task.meetingId);
  if (!meeting) return { skipped: 'no_meeting', reported: false };
  if (meeting.version < task.version) {
    // The read lags the write that queued the task: SQS retries it.
    throw new Error('The meeting change is not readable yet');
  }
  if (task.change === 'moved' && meeting.status !== 'planned') {
    log.info('meeting change superseded', { meetingId: meeting.id, version: task.version });
    return { skipped: 'superseded', reported: false };
  }
  if (task.change === 'moved') await moveInvitations(meeting, ports);
  else await cancelInvitations(meeting.id, ports);
  const told = await tellInvitees(meeting, task.change, task.version, ports);
  const reported = await reportToStaff(task, meeting, told, ports);
  log.info('meeting change told', {
    meetingId: meeting.id,
    version: task.version,
    told: told.told,
    already: told.already,
    paper: told.paper.length,
  });
  return { told, reported };
}

/**
 * The invitations carry the new day (their indexes are by day) and, for answers given, a new confirmation;
 * their copy of the letter takes the new details (issue 19: the press renders from it). Idempotent: an
 * invitation already at the meeting's details is left alone.
 */
async function moveInvitations(meeting: Meeting, ports: MeetingChangePorts): Promise<void> {
  await updateSheet(meeting.id, (invitation) => invitationAfterMove(invitation, meeting), ports);
}

/** R11 at year end reads invitations: those of a meeting called off are marked so they count for nothing. */
async function cancelInvitations(meetingId: string, ports: MeetingChangePorts): Promise<void> {
  await updateSheet(
    meetingId,
    (invitation) =>
      invitation.meetingCancelled
        ? undefined
        : { ...invitation, meetingCancelled: true, version: invitation.version + 1 },
    ports,
  );
}

/**
 * Writes `next` of each row of the sheet, a few at a time: the row as streamed is written straight away
 * (one write, not a read and a write: 5,000 rows in the worker), and only a row that changed meanwhile (an
 * answer pressed) is read again and retried.
 */
async function updateSheet(
  meetingId: string,
  next: (invitation: Invitation) => Invitation | undefined,
  ports: MeetingChangePorts,
): Promise<void> {
  await forEachConcurrent(ports.invitations.streamSheet(meetingId), UPDATE_CONCURRENCY, async (streamed) => {
    let invitation: Invitation | undefined = streamed;
    await retryOnConflict(async () => {
      if (!invitation) return;
      const updated = next(invitation);
      if (!updated) return;
      try {
        await ports.invitations.save(updated, invitation.version);
      } catch (error) {
        invitation = await ports.invitations.get(meetingId, streamed.memberId);
        throw error;
      }
    });
  });
}

/**
 * The staff who asked hear, on their linked chat, how many were told and who is on paper — once per task (a
 * redelivered task reports nothing again). Without a linked chat the counts are only in the log.
 */
async function reportToStaff(
  task: MeetingChangeTask,
  meeting: Meeting,
  told: ChangeTold,
  ports: MeetingChangePorts,
): Promise<boolean> {
  const key = `${task.meetingId}:${task.version}:${task.change}`;
  if (!(await ports.idempotency.claim('meeting-change-report', key, NOTICE_TTL_SECONDS))) return false;
  const notice: Notice = {
    kind: 'meeting_change_report',
    meeting,
    change: task.change,
    dateChanged: task.change === 'moved' && meeting.rescheduled?.previous.date !== meeting.date,
    told: told.told + told.already,
    byPath: told.byPath,
    paper: told.paper,
  };
  try {
    const sent = await sendToPreferredChat({ kind: 'staff', id: task.requestedBy }, notice, ports);
    return sent.via !== undefined;
  } catch (error) {
    // The report goes again with the task's retry.
    await ports.idempotency.release('meeting-change-report', key);
    throw error;
  }
}

/**
 * Tells every member whose letter went out (or who is on the paper list) of the change, once per change: the
 * claim is keyed by the change's version, so a redelivered task tells only those not told yet. Letters still
 * waiting in the invitation job need nothing: the job sends the meeting as it stands.
 */
async function tellInvitees(
  meeting: Meeting,
  change: 'moved' | 'cancelled',
  version: number,
  ports: MeetingChangePorts,
): Promise<ChangeTold> {
  const log = ports.log ?? silentLog;
  const committee = await committeeWithHamlets(ports.committees, meeting.residenceOrgId);
  const committeeName = committee?.name ?? meeting.residenceOrgId;
  const told: ChangeTold = { told: 0, byPath: {}, paper: [], already: 0 };
  const paper: Invitation[] = [];
  // A few members at a time (the chat adapters throttle).
  await forEachConcurrent(ports.invitations.streamSheet(meeting.id), TELL_CONCURRENCY, async (invitation) => {
    if (invitation.delivery === 'pending') return;
    const key = `${meeting.id}:${version}:${invitation.memberId}`;
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
      reconfirm: (change === 'moved' && invitation.reconfirm) || undefined,
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
      // One member's failure does not stop the others; a redelivered task tells this one.
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
