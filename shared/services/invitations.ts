// use case: the invitation job (R9) — invite every active member of the committee exactly once, resumably.
//
// startInvitations (the webhook, the API) records a run and queues its preparation; prepareInvitations
// (the worker) creates one invitation per active member (createOnce), counts what is delivered already
// and enqueues the rest; deliverInvitation (one queue task per member) sends it to the member's
// chat they chose last (the other chat if that one refuses), to their phone by ZNS or SMS where no chat
// takes it, and marks the invitation with the path. Retried or duplicated
// tasks find the invitation delivered (or leased by a running worker) and send nothing again.

import { isResidenceStaffOf } from '../domain/access.js';
import { DEFAULT_RULE_SET, ruleSetOf } from '../domain/committee.js';
import { countPath, type DeliveryPath, deliveryOrder, type PathCounts } from '../domain/delivery.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { type Delivery, type Invitation, invitationLetter } from '../domain/invitation.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import type { Principal } from '../domain/roles.js';
import { ruleSetPolicy } from '../domain/rule-set.js';
import { isExemptOn } from '../domain/year-end.js';
import { type ChatMessenger, type Notice, recipientOf, type UnreachableMember } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import type {
  DeliveryCount,
  InvitationJob,
  InvitationJobRepository,
  InvitationQueue,
  InvitationTask,
  PrepareInvitationsTask,
  ProgressMessage,
} from '../ports/invitations.js';
import { type Log, silentLog } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type { Metrics } from '../ports/metrics.js';
import type {
  ChatLinkRepository,
  CommitteeRepository,
  IdempotencyStore,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { forEachConcurrent } from './concurrency.js';
import { committeeWithHamlets, paperListOf } from './hamlets.js';
import { sendByPhone, sendToPreferredChat } from './notice-delivery.js';
import { retryOnConflict } from './retry.js';

export interface InvitationSettings {
  /** How long a worker's claim on one invitation lasts before another may take it over (ms). */
  leaseMs: number;
  /** The progress message is edited at most this often (ms); Telegram allows ~1 message/s per chat. */
  progressIntervalMs: number;
  /** Invitations created in parallel when the job starts. */
  concurrency: number;
  /** Invitations created between two edits of the staff's message while the run is prepared (issue 19). */
  prepareProgressRows: number;
}

export const DEFAULT_INVITATION_SETTINGS: InvitationSettings = {
  leaseMs: 5 * 60_000,
  progressIntervalMs: 3_000,
  concurrency: 16,
  prepareProgressRows: 500,
};

export interface InvitationPorts {
  meetings: Pick<MeetingRepository, 'get'>;
  committees: Pick<CommitteeRepository, 'get' | 'children'>;
  introductions: Pick<IntroductionRepository, 'streamOfResidence'>;
  invitations: InvitationRepository;
  members: Pick<MemberRepository, 'get' | 'exemptions' | 'factsOfMany'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  invitationJobs: InvitationJobRepository;
  idempotency: Pick<IdempotencyStore, 'claim'>;
  queue: InvitationQueue;
  messenger: ChatMessenger;
  sms: SmsSender;
  /** The approved ZNS templates on Zalo, tried before SMS; undefined without them. */
  zns?: ZnsSender;
  clock: Clock;
  /** The committee's chair and secretaries, who get the paper list too; without it only the starter gets it. */
  staff?: Pick<StaffRepository, 'ofCommittee'>;
  log?: Log;
  /** InvitationsSent / InvitationsUndeliverable: once per member and run, when the delivery is counted. */
  metrics?: Metrics;
  settings?: Partial<InvitationSettings>;
}

/** A worker holds the invitation right now: the task is retried later (SQS: a batch item failure). */
export class InvitationInFlightError extends ConflictError {
  constructor() {
    super(
      { vi: 'Giấy mời này đang được gửi', en: 'Another worker is delivering this invitation' },
      'invitation_in_flight',
    );
  }
}

export function invitationJobId(meetingId: string): string {
  return `invitations:${meetingId}`;
}

const settingsOf = (ports: InvitationPorts): InvitationSettings => ({
  ...DEFAULT_INVITATION_SETTINGS,
  ...ports.settings,
});

interface SheetCount {
  total: number;
  sent: number;
  noChat: number;
  undeliverable: number;
  /** The paths that carried the letters delivered so far (chats, ZNS, SMS). */
  byPath: PathCounts;
  pending: string[];
  unreachable: Invitation[];
}

async function countSheet(
  meetingId: string,
  ports: Pick<InvitationPorts, 'invitations'>,
): Promise<SheetCount> {
  const count: SheetCount = {
    total: 0,
    sent: 0,
    noChat: 0,
    undeliverable: 0,
    byPath: {},
    pending: [],
    unreachable: [],
  };
  for await (const invitation of ports.invitations.streamSheet(meetingId)) {
    count.total += 1;
    // A letter sent by SMS before `via` existed reads with `via: 'sms'` (records.ts, invitationV1toV2).
    if (invitation.delivery !== 'pending' && invitation.via)
      count.byPath = countPath(count.byPath, invitation.via);
    if (invitation.delivery === 'sent') count.sent += 1;
    else if (invitation.delivery === 'no_chat') count.noChat += 1;
    else if (invitation.delivery === 'undeliverable') count.undeliverable += 1;
    else count.pending.push(invitation.memberId);
    if (invitation.delivery === 'no_chat' || invitation.delivery === 'undeliverable')
      count.unreachable.push(invitation);
  }
  return count;
}

export interface StartedInvitations {
  /** The run just queued: its counters are zero until the worker has prepared it (`preparedRun`). */
  job: InvitationJob;
}

/**
 * `/moi` or POST /meetings/{id}/invitations: checks who asks and for which meeting, records a new run and
 * queues its preparation (issue 19: the webhook does no bulk work; a ward of 5,000 members took 25 s
 * inline). The worker's prepareInvitations then creates the invitations and enqueues their deliveries.
 * Starting again resumes: delivered invitations are counted, only the others are delivered.
 */
export async function startInvitations(
  principal: Principal,
  meetingId: string,
  report: ProgressMessage | undefined,
  ports: Pick<InvitationPorts, 'meetings' | 'invitationJobs' | 'queue' | 'clock' | 'log'>,
): Promise<StartedInvitations> {
  const meeting = await ports.meetings.get(meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  if (!isResidenceStaffOf(principal, meeting.residenceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi cư trú mới gửi giấy mời của đơn vị',
      en: 'Only staff of the residence committee send its invitations',
    });
  }
  const now = ports.clock.now();
  assertMaySendInvitations(meeting, now);
  const jobId = invitationJobId(meeting.id);
  const previous = await ports.invitationJobs.get(jobId);
  const job: InvitationJob = {
    id: jobId,
    meetingId: meeting.id,
    residenceOrgId: meeting.residenceOrgId,
    startedBy: principal.sub,
    startedAt: now.toISOString(),
    run: (previous?.run ?? 0) + 1,
    total: 0,
    sent: 0,
    noChat: 0,
    undeliverable: 0,
    report,
  };
  await ports.invitationJobs.start(job);
  await ports.queue.enqueue([{ kind: 'prepare', jobId, meetingId: meeting.id, run: job.run }]);
  (ports.log ?? silentLog).info('invitation job queued', { jobId, meetingId: meeting.id, run: job.run });
  return { job };
}

function assertMaySendInvitations(meeting: Meeting, now: Date): void {
  // A meeting called off sends no letters (issue 16).
  if (meeting.status === 'cancelled') {
    throw new ConflictError(
      {
        vi: 'Cuộc họp đã bị hủy: không gửi giấy mời',
        en: 'The meeting is cancelled: no invitations are sent',
      },
      'meeting_cancelled',
    );
  }
  if (hasStarted(meeting, now)) {
    throw new ConflictError(
      {
        vi: 'Cuộc họp đã bắt đầu: không gửi giấy mời được nữa',
        en: 'The meeting has started: invitations can no longer be sent',
      },
      'meeting_started',
    );
  }
}

export interface PreparedInvitations {
  /** False: the task was stale (a newer run started) or the meeting can no longer be invited to. */
  prepared: boolean;
  /** Invitations enqueued for delivery by this attempt (those not delivered yet). */
  enqueued: number;
  /** The round may pass the month's free allowance of a channel (the staff were told). */
  allowanceWarning?: AllowanceWarning;
}

/** Members whose exemptions are read in one BatchGetItem call (two keys each: 100, the call's limit). */
const FACTS_BATCH = 50;

/** A member to invite, as the preparation keeps them between reading the ward and writing the sheet. */
interface Invitee {
  memberId: string;
  memberName: string;
  workplaceOrgId: string;
  hamletId: string;
}

/**
 * The worker's side of a run (issue 19): creates one invitation per active (received, not ended) member,
 * editing the staff's message as it goes, sets the run's counters from the sheet once, then enqueues the
 * deliveries. Safe to kill anywhere and run again: createOnce writes a member's invitation only if absent,
 * the counters are set by one attempt only (before any delivery of the run is queued), and a delivery
 * queued twice is sent once (deliverInvitation's lease and the per-run count claim).
 */
export async function prepareInvitations(
  task: PrepareInvitationsTask,
  ports: InvitationPorts,
): Promise<PreparedInvitations> {
  const log = ports.log ?? silentLog;
  const job = await ports.invitationJobs.get(task.jobId);
  // A newer run was started meanwhile: it prepares the sheet itself.
  if (!job || job.run !== task.run) return { prepared: false, enqueued: 0 };
  const meeting = await ports.meetings.get(task.meetingId);
  if (!meeting || meeting.status === 'cancelled' || hasStarted(meeting, ports.clock.now())) {
    log.info('invitation job not prepared: the meeting is over or called off', { jobId: job.id });
    return { prepared: false, enqueued: 0 };
  }
  if (job.preparedRun !== job.run) await createInvitations(job, meeting, ports);
  // R9: a member on the paper list who has linked a chat since the last run gets the letter by chat now.
  await reopenReachable(meeting.id, ports);
  const sheet = await countSheet(meeting.id, ports);
  const marked = await ports.invitationJobs.markPrepared(job.id, job.run, {
    total: sheet.total,
    sent: sheet.sent,
    noChat: sheet.noChat,
    undeliverable: sheet.undeliverable,
  });
  // A second attempt (a retry after a crash, or a redelivered task) enqueues what is still pending but
  // warns nobody again.
  const allowanceWarning = marked
    ? await warnOfAllowance(meeting, sheet.pending, job.report, ports)
    : undefined;
  const tasks: InvitationTask[] = sheet.pending.map((memberId) => ({
    jobId: job.id,
    meetingId: meeting.id,
    memberId,
    run: job.run,
  }));
  await ports.queue.enqueue(tasks);
  log.info('invitation job prepared', { jobId: job.id, meetingId: meeting.id, count: tasks.length });
  if (tasks.length === 0) {
    const current = await ports.invitationJobs.get(job.id);
    if (current?.run === job.run) await finishInvitations(current, meeting, ports);
  }
  return { prepared: true, enqueued: tasks.length, allowanceWarning };
}

/**
 * Creates the missing invitations of the run. The ward is read first (its size is the progress's N), the
 * sheet next: a member invited by an earlier (or killed) attempt costs no write now.
 */
async function createInvitations(
  job: InvitationJob,
  meeting: Meeting,
  ports: InvitationPorts,
): Promise<void> {
  const settings = settingsOf(ports);
  // R4: under a rule set that does not invite exempt members, one exempt on the meeting's date is left out.
  const committee = await ports.committees.get(meeting.residenceOrgId);
  const invitesExempt = ruleSetPolicy(
    committee ? ruleSetOf(committee) : DEFAULT_RULE_SET,
  ).exemptMembersInvited;
  const invitees: Invitee[] = [];
  for await (const { introduction, memberName } of ports.introductions.streamOfResidence(
    meeting.residenceOrgId,
    'received',
  )) {
    invitees.push({
      memberId: introduction.memberId,
      memberName,
      workplaceOrgId: introduction.workplaceOrgId,
      hamletId: introduction.receipt?.hamletId ?? '',
    });
  }
  const invited = new Set<string>();
  for await (const invitation of ports.invitations.streamSheet(meeting.id)) invited.add(invitation.memberId);
  const total = invitees.length;
  let prepared = invited.size;
  let reported = prepared;
  const progress = preparingEditor(job, meeting, ports);
  await progress(prepared, total);
  const missing = invitees.filter((i) => !invited.has(i.memberId));
  // R4's exemptions a part at a time by BatchGetItem (one read per 50 members instead of one each).
  for (let start = 0; start < missing.length; start += FACTS_BATCH) {
    const part = missing.slice(start, start + FACTS_BATCH);
    const facts = await ports.members.factsOfMany(part.map((i) => i.memberId));
    await forEachConcurrent(part, settings.concurrency, async (invitee) => {
      const exempt = isExemptOn(facts.get(invitee.memberId)?.exemptions ?? [], meeting.date);
      if (exempt && !invitesExempt) {
        prepared += 1;
        return;
      }
      await ports.invitations.createOnce({
        meetingId: meeting.id,
        residenceOrgId: meeting.residenceOrgId,
        ...invitee,
        meetingDate: meeting.date,
        delivery: 'pending',
        rsvp: 'none',
        attendance: 'unrecorded',
        version: 1,
        optional: exempt || undefined,
        // The letter's words kept on the invitation: a press re-renders it without reading the meeting or the
        // committee (issue 19; the press checks in its transaction that they still read so).
        ...(committee ? { letter: invitationLetter(meeting, committee.name) } : {}),
      });
      prepared += 1;
    });
    if (prepared - reported >= settings.prepareProgressRows) {
      reported = prepared;
      await progress(prepared, total);
    }
  }
  await progress(prepared, total);
}

/**
 * Edits the staff's message with the preparation's count. Progress is a courtesy: a failed edit is logged
 * and the preparation goes on.
 */
function preparingEditor(job: InvitationJob, meeting: Meeting, ports: InvitationPorts) {
  const report = job.report;
  let last = -1;
  return async (prepared: number, total: number): Promise<void> => {
    if (!report?.messageId || prepared === last) return;
    last = prepared;
    try {
      await ports.messenger.edit(
        { channel: report.channel, chatId: report.chatId, messageId: report.messageId },
        { kind: 'invitation_preparing', meeting, prepared, total },
        report.languageCode,
      );
    } catch (error) {
      (ports.log ?? silentLog).warn(
        'invitation preparation progress not reported',
        { jobId: job.id, errorName: (error as Error)?.name },
        error,
      );
    }
  };
}

export type AllowanceWarning = Omit<Extract<Notice, { kind: 'allowance_warning' }>, 'kind' | 'meeting'>;

/**
 * Zalo's proactive messages past the month's free quota are paid: before a round goes out, the staff who
 * started it is told when its letters to Zalo may pass the quota. Cheap first: the members' chats are read
 * only when the round could pass it even if every letter went to Zalo. Every member whose first chat is on
 * the channel is counted, although a letter inside their reply window would be free: an upper bound.
 */
async function warnOfAllowance(
  meeting: Meeting,
  pending: readonly string[],
  report: ProgressMessage | undefined,
  ports: InvitationPorts,
): Promise<AllowanceWarning | undefined> {
  if (pending.length === 0 || !ports.messenger.allowance) return undefined;
  const allowance = await ports.messenger.allowance(ports.clock.now());
  if (!allowance) return undefined;
  const remaining = allowance.free - allowance.used;
  if (pending.length <= remaining) return undefined;
  let needed = 0;
  await forEachConcurrent(pending, settingsOf(ports).concurrency, async (memberId) => {
    const first = deliveryOrder(await ports.chatLinks.ofSubject({ kind: 'member', id: memberId }))[0];
    if (first?.channel === allowance.channel) needed += 1;
  });
  if (needed <= remaining) return undefined;
  const warning: AllowanceWarning = {
    channel: allowance.channel,
    needed,
    used: allowance.used,
    free: allowance.free,
  };
  (ports.log ?? silentLog).warn('invitation round passes the free allowance', {
    meetingId: meeting.id,
    channel: allowance.channel,
    needed,
    remaining,
  });
  if (report)
    await ports.messenger.send(recipientOf(report), { kind: 'allowance_warning', meeting, ...warning });
  return warning;
}

/** A chat the bot may still write to: linked and not blocked. */
async function hasUsableChat(memberId: string, ports: Pick<InvitationPorts, 'chatLinks'>): Promise<boolean> {
  const links = await ports.chatLinks.ofSubject({ kind: 'member', id: memberId });
  return links.some((l) => !l.blocked);
}

/** Puts unreachable invitations whose member is reachable now back to `pending`, for this run to deliver. */
async function reopenReachable(meetingId: string, ports: InvitationPorts): Promise<void> {
  const unreachable: Invitation[] = [];
  for await (const invitation of ports.invitations.streamSheet(meetingId))
    if (invitation.delivery === 'no_chat' || invitation.delivery === 'undeliverable')
      unreachable.push(invitation);
  await forEachConcurrent(unreachable, settingsOf(ports).concurrency, async (invitation) => {
    if (!(await hasUsableChat(invitation.memberId, ports))) return;
    await reopen(invitation, undefined, ports);
  });
}

/**
 * Back to `pending` (optionally leased to the caller), guarded by the version: of two callers reopening
 * the same invitation (a link and a /moi at once) one wins, so the letter still goes once.
 */
async function reopen(
  invitation: Invitation,
  leaseAt: string | undefined,
  ports: Pick<InvitationPorts, 'invitations'>,
): Promise<Invitation | undefined> {
  const { deliveryAttemptAt: _lease, ...rest } = invitation;
  const reopened: Invitation = {
    ...rest,
    delivery: 'pending',
    deliveryAttemptAt: leaseAt || undefined,
    version: invitation.version + 1,
  };
  try {
    await ports.invitations.save(reopened, invitation.version);
    return reopened;
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/**
 * R9: a member who links a chat after the invitations went out (they were on the paper list) receives
 * the letters of the meetings that have not started yet, at once and once each. Returns how many were
 * sent by chat.
 */
export async function deliverPendingInvitations(memberId: string, ports: InvitationPorts): Promise<number> {
  if (!(await hasUsableChat(memberId, ports))) return 0;
  let sent = 0;
  for (const invitation of await ports.invitations.ofMember(memberId)) {
    if (invitation.delivery !== 'no_chat' && invitation.delivery !== 'undeliverable') continue;
    const meeting = await ports.meetings.get(invitation.meetingId);
    if (meeting?.status !== 'planned' || hasStarted(meeting, ports.clock.now())) continue;
    const leased = await reopen(invitation, ports.clock.now().toISOString(), ports);
    if (!leased) continue;
    try {
      if ((await deliver(leased, meeting, ports)) === 'sent') sent += 1;
    } catch (error) {
      await releaseLease({ meetingId: leased.meetingId, memberId }, ports).catch(() => undefined);
      throw error;
    }
  }
  return sent;
}

export type DeliveryResult = Exclude<Delivery, 'pending'> | 'skipped';

/** One queue task: delivers one member's invitation once, then counts it into the job's progress. */
export async function deliverInvitation(
  task: InvitationTask,
  ports: InvitationPorts,
): Promise<DeliveryResult> {
  const { leaseMs } = settingsOf(ports);
  const leased = await retryOnConflict(async () => {
    const invitation = await ports.invitations.get(task.meetingId, task.memberId);
    if (invitation?.delivery !== 'pending') return { state: 'done' as const, invitation };
    const now = ports.clock.now();
    if (invitation.deliveryAttemptAt && now.getTime() - Date.parse(invitation.deliveryAttemptAt) < leaseMs) {
      return { state: 'in_flight' as const, invitation };
    }
    const taken: Invitation = {
      ...invitation,
      deliveryAttemptAt: now.toISOString(),
      version: invitation.version + 1,
    };
    await ports.invitations.save(taken, invitation.version);
    return { state: 'leased' as const, invitation: taken };
  });
  if (leased.state === 'in_flight') throw new InvitationInFlightError();
  const meeting = await ports.meetings.get(task.meetingId);
  if (!meeting) return 'skipped';

  let result: DeliveryResult = 'skipped';
  if (leased.state === 'leased') {
    if (meeting.status === 'cancelled' || hasStarted(meeting, ports.clock.now())) {
      await releaseLease(task, ports);
      return 'skipped';
    }
    try {
      result = await deliver(leased.invitation, meeting, ports);
    } catch (error) {
      // Let a retry deliver at once instead of waiting for the lease to run out.
      await releaseLease(task, ports).catch(() => undefined);
      throw error;
    }
  } else if (leased.invitation) {
    result = leased.invitation.delivery as DeliveryResult;
  }
  await countDelivery(task, result, meeting, ports);
  return result;
}

async function deliver(
  invitation: Invitation,
  meeting: Meeting,
  ports: InvitationPorts,
): Promise<DeliveryResult> {
  const committee = await ports.committees.get(meeting.residenceOrgId);
  const notice: Notice = {
    kind: 'invitation',
    meeting,
    committeeName: committee?.name ?? meeting.residenceOrgId,
    memberName: invitation.memberName,
    // On the "Tham dự" button: the press reads the member's invitation with the chat link, in one read.
    memberId: invitation.memberId,
    optional: invitation.optional || undefined,
  };
  const chat = await sendToPreferredChat({ kind: 'member', id: invitation.memberId }, notice, ports);
  const delivered = chat.via !== undefined;
  const delivery: Exclude<Delivery, 'pending'> = delivered
    ? 'sent'
    : chat.linked
      ? 'undeliverable'
      : 'no_chat';
  let via: DeliveryPath | undefined = chat.via;
  // R9: by phone when no chat took it, once per invitation: a reopened invitation whose chat failed again
  // does not text the member twice.
  const phoneReached = invitation.smsSent === true || invitation.via === 'zns' || invitation.via === 'sms';
  if (!delivered && !phoneReached) {
    const member = await ports.members.get(invitation.memberId);
    if (member?.phone) {
      via = await sendByPhone(
        member.phone,
        notice,
        `invitation:${invitation.meetingId}:${invitation.memberId}`,
        ports,
      );
    }
  }
  const smsSent = invitation.smsSent === true || via === 'sms';
  const at = ports.clock.now().toISOString();
  // The member may already be answering (a button pressed within a second): re-read and keep their answer.
  await retryOnConflict(async () => {
    const current = await ports.invitations.get(invitation.meetingId, invitation.memberId);
    if (current?.delivery !== 'pending') return;
    // The version in the id: a letter delivered again after the member linked a chat is a new event.
    const event: DomainEvent<'InvitationSent'> = {
      type: 'InvitationSent',
      id: `InvitationSent:${invitation.meetingId}:${invitation.memberId}:${current.version + 1}`,
      occurredAt: at,
      orgIds: [invitation.residenceOrgId, invitation.workplaceOrgId],
      data: {
        meetingId: invitation.meetingId,
        memberId: invitation.memberId,
        delivery,
        smsSent,
        ...(via ? { via } : {}),
      },
    };
    const { deliveryAttemptAt: _lease, ...rest } = current;
    const marked: Invitation = {
      ...rest,
      delivery,
      ...(delivered ? { sentAt: at } : {}),
      ...(smsSent ? { smsSent: true } : {}),
      ...(via ? { via } : {}),
      version: current.version + 1,
    };
    await ports.invitations.save(marked, current.version, { events: [event] });
  });
  return delivery;
}

async function releaseLease(
  task: Pick<InvitationTask, 'meetingId' | 'memberId'>,
  ports: Pick<InvitationPorts, 'invitations'>,
): Promise<void> {
  await retryOnConflict(async () => {
    const current = await ports.invitations.get(task.meetingId, task.memberId);
    if (current?.delivery !== 'pending' || !current.deliveryAttemptAt) return;
    const { deliveryAttemptAt: _lease, ...rest } = current;
    await ports.invitations.save({ ...rest, version: current.version + 1 }, current.version);
  });
}

const COUNTER: Record<Exclude<Delivery, 'pending'>, DeliveryCount> = {
  sent: 'sent',
  no_chat: 'noChat',
  undeliverable: 'undeliverable',
};

/** Counts the member once per run, whoever delivered the invitation; then updates the staff's progress. */
async function countDelivery(
  task: InvitationTask,
  result: DeliveryResult,
  meeting: Meeting,
  ports: InvitationPorts,
): Promise<void> {
  if (result === 'skipped') return;
  const first = await ports.idempotency.claim(
    'invitation-count',
    `${task.jobId}:${task.run}:${task.memberId}`,
    7 * 24 * 3600,
  );
  if (!first) return;
  // Under the same claim as the job's counters: a redelivered task or a second worker counts nothing.
  if (result === 'sent') ports.metrics?.count('InvitationsSent');
  else if (result === 'undeliverable') ports.metrics?.count('InvitationsUndeliverable');
  const job = await ports.invitationJobs.count(task.jobId, task.run, COUNTER[result]);
  if (!job) return; // a task of an earlier run: the current run counted this member at its start
  try {
    await reportProgress(job, meeting, ports);
  } catch (error) {
    // Progress is a courtesy: a failed edit must not make the delivered invitation look failed.
    (ports.log ?? silentLog).warn(
      'invitation progress not reported',
      { jobId: job.id, errorName: (error as Error)?.name },
      error,
    );
  }
}

function progressNotice(job: InvitationJob, meeting: Meeting, done: boolean, byPath?: PathCounts): Notice {
  return {
    kind: 'invitation_progress',
    meeting,
    total: job.total,
    sent: job.sent,
    noChat: job.noChat,
    undeliverable: job.undeliverable,
    done,
    byPath,
  };
}

async function reportProgress(job: InvitationJob, meeting: Meeting, ports: InvitationPorts): Promise<void> {
  if (job.sent + job.noChat + job.undeliverable >= job.total) {
    await finishInvitations(job, meeting, ports);
    return;
  }
  const report = job.report;
  if (!report?.messageId) return;
  const now = ports.clock.now();
  if (!(await ports.invitationJobs.claimProgressEdit(job.id, now, settingsOf(ports).progressIntervalMs)))
    return;
  const ref = { channel: report.channel, chatId: report.chatId, messageId: report.messageId };
  await ports.messenger.edit(ref, progressNotice(job, meeting, false), report.languageCode);
  // A progress edit still in flight when the last delivery finished the run can land after the final numbers
  // and overwrite them: when the run finished meanwhile, the final numbers are drawn again, so the staff's
  // message always ends on them (seen on a busy machine with four workers).
  const after = await ports.invitationJobs.get(job.id);
  if (after?.finishedRun === job.run) {
    const { notice } = await finalNumbers(after, meeting, ports);
    await ports.messenger.edit(ref, notice, report.languageCode);
  }
}

/** The run's final numbers, counted from the sheet (the job's counters may trail a redelivered task). */
async function finalNumbers(
  job: InvitationJob,
  meeting: Meeting,
  ports: InvitationPorts,
): Promise<{ sheet: SheetCount; notice: Notice }> {
  const sheet = await countSheet(meeting.id, ports);
  return { sheet, notice: progressNotice({ ...job, ...sheet }, meeting, true, sheet.byPath) };
}

/** Once per run: the final numbers, and the members the bot could not reach (to print and hand out). */
async function finishInvitations(
  job: InvitationJob,
  meeting: Meeting,
  ports: InvitationPorts,
): Promise<void> {
  if (!(await ports.invitationJobs.claimFinish(job.id, job.run))) return;
  const { sheet, notice: final } = await finalNumbers(job, meeting, ports);
  (ports.log ?? silentLog).info('invitation job finished', {
    jobId: job.id,
    sent: sheet.sent,
    failed: sheet.noChat + sheet.undeliverable,
  });
  const report = job.report;
  const to = report ? recipientOf(report) : undefined;
  if (report?.messageId) {
    await ports.messenger.edit(
      { channel: report.channel, chatId: report.chatId, messageId: report.messageId },
      final,
      report.languageCode,
    );
  } else if (to) {
    await ports.messenger.send(to, final);
  }
  if (sheet.unreachable.length === 0) return;
  // The paper list is read by people: hamlets by name, never by id.
  const ward = await committeeWithHamlets(ports.committees, meeting.residenceOrgId);
  const members = paperListOf(ward, sheet.unreachable, (i) => ({
    reason: i.delivery === 'no_chat' ? 'no_chat' : 'undeliverable',
    ...phoneOf(i),
  }));
  const list: Notice = { kind: 'unreachable_members', meeting, members };
  if (to) await ports.messenger.send(to, list);
  // R9: the chair and the secretary hand out the paper letters too, whoever pressed /moi (or called the API).
  // Each on the chat they chose last; the one who started the round has it already.
  for (const id of await chairAndSecretaries(meeting, ports)) {
    if (to && id === job.startedBy) continue;
    await sendToPreferredChat({ kind: 'staff', id }, list, ports);
  }
}

/** How the member on the paper list was told by phone, if they were. */
function phoneOf(invitation: Invitation): Pick<UnreachableMember, 'byPhone'> {
  if (invitation.via === 'zns') return { byPhone: 'zns' };
  if (invitation.via === 'sms' || invitation.smsSent) return { byPhone: 'sms' };
  return {};
}

/** The meeting's chair and the committee's chair and secretaries (staff ids), each once. */
async function chairAndSecretaries(meeting: Meeting, ports: InvitationPorts): Promise<string[]> {
  if (!ports.staff) return [];
  const ids = new Set([meeting.chairStaffId]);
  for (const s of await ports.staff.ofCommittee(meeting.residenceOrgId))
    if (s.role === 'chair' || s.role === 'secretary') ids.add(s.id);
  return [...ids];
}
