// use case: turns published events into chat notices for the staff and members concerned (R9), once per recipient.
import { groundOfRow } from '../domain/attendance.js';
import { formatVietnameseDate } from '../domain/dates.js';
import type { DomainEvent } from '../domain/events.js';
import { hasStarted } from '../domain/meeting.js';
import { isYearEndMeeting } from '../domain/meeting-protocol.js';
import { RESIDENCE_ROLES, type StaffRole } from '../domain/roles.js';
import type { ChatMessenger, Notice } from '../ports/chat.js';
import { type Log, silentLog } from '../ports/log.js';
import type {
  ChatLinkRepository,
  ChatSubject,
  CommentRepository,
  CommitteeRepository,
  IdempotencyStore,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { type EvaluationPorts, noticeBothMeetingsMissedAtOpening } from './evaluations.js';
import { deliverSealedMinutes, type SealedMinutesPorts } from './minutes-delivery.js';
import { sendToPreferredChat } from './notice-delivery.js';

export interface NotifierPorts {
  meetings: Pick<MeetingRepository, 'get'>;
  invitations: Pick<InvitationRepository, 'get'>;
  committees: Pick<CommitteeRepository, 'get'>;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  /** To tell a comment's author its answer (CommentAnswered); without it that event has no notice. */
  comments?: Pick<CommentRepository, 'ofMeeting'>;
  messenger: ChatMessenger;
  log?: Log;
  /** Names for the year-end notices (events carry ids only); without it the member's id is shown. */
  members?: Pick<MemberRepository, 'get' | 'travelNotices'>;
  /** R5, R7: the introductions the ward is told about; without it those events have no notice. */
  introductions?: Pick<IntroductionRepository, 'get'>;
  /** R16: on MinutesSigned, the sealed minutes' PDF to both signers; without it the webhook's /ky alone sends it. */
  sealedMinutes?: SealedMinutesPorts;
  /**
   * R11: on MinutesSigned of the October meeting (the evaluations open), the workplaces of members who missed
   * both meetings are told; without it they learn it at the first save of an evaluation.
   */
  evaluationsOpening?: EvaluationPorts;
}

export interface NotifyResult {
  sent: number;
  skipped: number;
}

const NOTICE_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Sends the notice of one event to each recipient's chat accounts. A recipient already served for this
 * event (a redelivered SNS message, a re-published outbox item) is skipped; a failed send releases its
 * claim and throws, so the retry serves exactly the recipients still missing.
 */
export async function notifyEvent(event: DomainEvent, ports: NotifierPorts): Promise<NotifyResult> {
  // Claims the planning took for the event as a whole (an hour's window): given back if a send fails, so the
  // retry plans the same notices again and serves the recipients still missing.
  const windows: string[] = [];
  const plan = await planNotices(event, ports, windows);
  const result: NotifyResult = { sent: 0, skipped: 0 };
  try {
    await serve(event, plan, ports, result);
  } catch (error) {
    for (const key of windows) await ports.idempotency.release('notice-window', key);
    throw error;
  }
  if (event.type === 'MinutesSigned' && ports.sealedMinutes) {
    // Usually /ky already sent it and every claim is taken: nothing is rendered or sent twice.
    result.sent += await deliverSealedMinutes(ports.sealedMinutes, text(event.data.meetingId));
  }
  if (event.type === 'MinutesSigned' && ports.evaluationsOpening) {
    // R11: the October meeting held opens the evaluations; each notice is an event of its own (once per
    // member and year, by its marker), so a retry of this one raises none twice.
    const meeting = await ports.meetings.get(text(event.data.meetingId));
    if (meeting && isYearEndMeeting(meeting)) {
      await noticeBothMeetingsMissedAtOpening(ports.evaluationsOpening, meeting.residenceOrgId, meeting.year);
    }
  }
  (ports.log ?? silentLog).info('event notified', {
    eventId: event.id,
    eventType: event.type,
    sent: result.sent,
  });
  return result;
}

/** One notice per person, to the chat they chose last (the other when that one refuses it), once per event. */
async function serve(
  event: DomainEvent,
  plan: readonly { subject: ChatSubject; notice: Notice }[],
  ports: NotifierPorts,
  result: NotifyResult,
): Promise<void> {
  for (const { subject, notice } of plan) {
    const key = `${event.id}:${subject.kind}:${subject.id}`;
    if (!(await ports.idempotency.claim('notice', key, NOTICE_TTL_SECONDS))) {
      result.skipped += 1;
      continue;
    }
    try {
      if ((await sendToPreferredChat(subject, notice, ports)).via) result.sent += 1;
    } catch (error) {
      await ports.idempotency.release('notice', key);
      throw error;
    }
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

type Planned = { subject: ChatSubject; notice: Notice }[];
/** One event type's notices: who is told what (ids in the event; names and reasons read from the table). */
type Planner = (event: DomainEvent, ports: NotifierPorts, windows: string[]) => Promise<Planned>;

const absenceToConfirm: Planner = async (event, ports) => {
  const invitation = await ports.invitations.get(text(event.data.meetingId), text(event.data.memberId));
  // The member changed the answer since: the newer event (if any) carries the reason to decide on.
  if (invitation?.rsvp !== 'absent' || invitation.absence?.confirmation !== 'pending') return [];
  const meeting = await ports.meetings.get(invitation.meetingId);
  if (!meeting) return [];
  const residence = await ports.committees.get(meeting.residenceOrgId);
  const notice: Notice = {
    kind: 'absence_for_confirmation',
    meeting,
    residenceName: residence?.name ?? meeting.residenceOrgId,
    invitation,
  };
  return staffOf(ports, invitation.workplaceOrgId, (role) => role === 'workplace_staff', notice);
};

const absenceDecided: Planner = async (event, ports) => {
  const invitation = await ports.invitations.get(text(event.data.meetingId), text(event.data.memberId));
  if (!invitation) return [];
  const meeting = await ports.meetings.get(invitation.meetingId);
  if (!meeting) return [];
  const workplace = await ports.committees.get(invitation.workplaceOrgId);
  return [
    {
      subject: { kind: 'member', id: invitation.memberId },
      notice: {
        kind: 'absence_decided',
        meeting,
        decision: event.type === 'AbsenceReasonConfirmed' ? 'confirmed' : 'rejected',
        workplaceName: workplace?.name ?? invitation.workplaceOrgId,
        // R9, R10: judged at the decision's time, so a re-delivered event words the notice the same.
        meetingPassed: hasStarted(meeting, new Date(event.occurredAt)),
      },
    },
  ];
};

const yearEndToWorkplace: Planner = async (event, ports) => {
  const memberId = text(event.data.memberId);
  const year = Number(event.data.year);
  const memberName = (await ports.members?.get(memberId))?.fullName ?? memberId;
  let notice: Notice;
  if (event.type === 'EvaluationRecorded') {
    const residenceOrgId = text(event.data.residenceOrgId);
    const residence = await ports.committees.get(residenceOrgId);
    notice = {
      kind: 'evaluation_recorded',
      year,
      memberName,
      residenceName: residence?.name ?? residenceOrgId,
    };
  } else {
    notice = { kind: 'both_meetings_missed', year, memberName };
  }
  return staffOf(ports, text(event.data.workplaceOrgId), (role) => role === 'workplace_staff', notice);
};

const reportToBoard: Planner = async (event, ports) => {
  const orgId = text(event.data.orgId);
  const committee = await ports.committees.get(orgId);
  if (!committee?.parentId) return [];
  const notice: Notice = {
    kind: 'october_report_compiled',
    year: Number(event.data.year),
    version: Number(event.data.version),
    committeeName: committee.name,
  };
  // The board the report goes up to: its staff who act (viewers read the report when they want).
  return staffOf(ports, committee.parentId, (role) => role !== 'viewer', notice);
};

const absentWithoutNotice: Planner = async (event, ports) => {
  // R10: the member's workplace staff, once per event (the claim above is per event id and recipient).
  const invitation = await ports.invitations.get(text(event.data.meetingId), text(event.data.memberId));
  if (!invitation) return [];
  // A reason confirmed before delivery withdrew the "still not confirmed" notice: nothing to tell.
  const ground = groundOfRow(invitation);
  if (!ground) return [];
  const meeting = await ports.meetings.get(invitation.meetingId);
  if (!meeting) return [];
  const residence = await ports.committees.get(meeting.residenceOrgId);
  const notice: Notice = {
    kind: 'absent_without_notice',
    meeting,
    residenceName: residence?.name ?? meeting.residenceOrgId,
    memberId: invitation.memberId,
    memberName: invitation.memberName,
    ground,
  };
  return staffOf(ports, invitation.workplaceOrgId, (role) => role === 'workplace_staff', notice);
};

const introductionsIssued: Planner = async (event, ports, windows) => {
  // R5: the ward hears of new introductions at once, but an imported list of 500 is one message: at most one
  // an hour per workplace and ward (the claim is taken here; the per-recipient claim above still holds).
  const introduction = await ports.introductions?.get(text(event.data.introductionId));
  if (introduction?.status !== 'issued') return [];
  const hour = event.occurredAt.slice(0, 13);
  const window = `${introduction.workplaceOrgId}:${introduction.residenceOrgId}:${hour}`;
  if (!(await ports.idempotency.claim('notice-window', window, NOTICE_TTL_SECONDS))) return [];
  windows.push(window);
  const [workplace, residence] = await Promise.all([
    ports.committees.get(introduction.workplaceOrgId),
    ports.committees.get(introduction.residenceOrgId),
  ]);
  const notice: Notice = {
    kind: 'introductions_issued',
    workplaceName: workplace?.name ?? introduction.workplaceOrgId,
    residenceName: residence?.name ?? introduction.residenceOrgId,
  };
  return staffOf(ports, introduction.residenceOrgId, (role) => RESIDENCE_ROLES.includes(role), notice);
};

const introductionEnded: Planner = async (event, ports) => {
  // R7: the ward learns the contact ended, with the reason and the date.
  const introduction = await ports.introductions?.get(text(event.data.introductionId));
  if (!introduction?.end) return [];
  const [workplace, member] = await Promise.all([
    ports.committees.get(introduction.workplaceOrgId),
    ports.members?.get(introduction.memberId),
  ]);
  const notice: Notice = {
    kind: 'introduction_ended',
    memberName: member?.fullName ?? introduction.memberId,
    workplaceName: workplace?.name ?? introduction.workplaceOrgId,
    reason: introduction.end.reason,
    endedOn: formatVietnameseDate(introduction.end.endedOn),
    note: introduction.end.note || undefined,
  };
  return staffOf(ports, introduction.residenceOrgId, (role) => RESIDENCE_ROLES.includes(role), notice);
};

const travelNotice: Planner = async (event, ports) => {
  // R3: the ward learns the member is away, why and until when.
  const memberId = text(event.data.memberId);
  const [member, travel, workplace] = await Promise.all([
    ports.members?.get(memberId),
    ports.members?.travelNotices(memberId),
    ports.committees.get(text(event.data.workplaceOrgId)),
  ]);
  const notice = travel?.find((t) => t.id === text(event.data.travelNoticeId));
  if (!member || !notice) return [];
  return staffOf(ports, text(event.data.residenceOrgId), (role) => RESIDENCE_ROLES.includes(role), {
    kind: 'travel_notice',
    memberName: member.fullName,
    workplaceName: workplace?.name ?? member.workplaceOrgId,
    reason: notice.reason,
    from: formatVietnameseDate(notice.from),
    until: formatVietnameseDate(notice.until),
  });
};

const commentAnswered: Planner = async (event, ports) => {
  if (!ports.comments) return [];
  const commentId = text(event.data.commentId);
  const comment = (await ports.comments.ofMeeting(text(event.data.meetingId))).find(
    (c) => c.id === commentId,
  );
  if (!comment?.answer) return [];
  const { status, text: answer, reason, remedy } = comment.answer;
  return [
    {
      subject: { kind: 'member', id: comment.memberId },
      notice: {
        kind: 'comment_answered',
        topic: comment.topic,
        status,
        text: answer,
        reason: reason || undefined,
        remedy: remedy || undefined,
      },
    },
  ];
};

const addendumToCountersign: Planner = async (event, ports) => {
  // R16: the addendum waits for the other signer; only they are told.
  const meeting = await ports.meetings.get(text(event.data.meetingId));
  if (!meeting) return [];
  const staff = await ports.staff.ofCommittee(meeting.residenceOrgId);
  const proposerId = text(event.data.proposerStaffId);
  const notice: Notice = {
    kind: 'addendum_to_countersign',
    meeting,
    seq: Number(event.data.seq),
    proposerName: staff.find((s) => s.id === proposerId)?.fullName ?? proposerId,
  };
  return [{ subject: { kind: 'staff', id: text(event.data.awaitingStaffId) }, notice }];
};

/** Events without a planner have no chat notice (yet): the features of the meeting and the year end add theirs here. */
const PLANNERS: Partial<Record<DomainEvent['type'], Planner>> = {
  AbsenceReasonSubmitted: absenceToConfirm,
  AbsenceReasonConfirmed: absenceDecided,
  AbsenceReasonRejected: absenceDecided,
  EvaluationRecorded: yearEndToWorkplace,
  BothMeetingsMissed: yearEndToWorkplace,
  OctoberReportCompiled: reportToBoard,
  AbsentWithoutNotice: absentWithoutNotice,
  IntroductionIssued: introductionsIssued,
  IntroductionEnded: introductionEnded,
  TravelNoticeRecorded: travelNotice,
  CommentAnswered: commentAnswered,
  MinutesAddendumProposed: addendumToCountersign,
};

async function planNotices(event: DomainEvent, ports: NotifierPorts, windows: string[]): Promise<Planned> {
  return (await PLANNERS[event.type]?.(event, ports, windows)) ?? [];
}

/** The committee's staff whose role `keep` accepts, each told `notice`. */
async function staffOf(
  ports: NotifierPorts,
  orgId: string,
  keep: (role: StaffRole) => boolean,
  notice: Notice,
): Promise<Planned> {
  if (!orgId) return [];
  const staff = await ports.staff.ofCommittee(orgId);
  return staff
    .filter((s) => keep(s.role))
    .map((s) => ({ subject: { kind: 'staff' as const, id: s.id }, notice }));
}
