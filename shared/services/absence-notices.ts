// use cases: R10 — after the meeting, each member absent without notice raises one AbsentWithoutNotice for
// their workplace committee (exactly once, however often this runs); a reason awaiting the workplace waits
// the rule set's days, a later confirmation withdraws that notice, and the workplace acknowledges notices.
// A member under a confirmed exemption (R4) or inside a travel notice's period (R3) raises none.

import { isWorkplaceStaffOf } from '../domain/access.js';
import {
  type AbsenceNotice,
  type AbsenceNoticeGround,
  absenceNoticeEventId,
  absenceNoticeGround,
} from '../domain/attendance.js';
import { ruleSetOf } from '../domain/committee.js';
import { addDays, localDate } from '../domain/dates.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Invitation } from '../domain/invitation.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import type { Principal } from '../domain/roles.js';
import { longestAbsenceDecisionDays, ruleSetPolicy } from '../domain/rule-set.js';
import { excuseOn } from '../domain/travel-and-exemption.js';
import type { Page } from '../ports/common.js';
import type { MeetingPorts } from './meeting-ports.js';

export interface AbsenceNoticeRun {
  meetingId: string;
  checked: number;
  /** Notices raised by this run (0 on a re-run: the guard item says it was sent). */
  raised: number;
  /** R10: absentees whose reason still waits for the workplace (no notice yet). */
  pending: number;
  /** 'undecided' notices withdrawn because the reason has been confirmed since. */
  withdrawn: number;
  /** R3, R4: absentees excused by a confirmed exemption or a travel notice covering the meeting's date. */
  excused: number;
}

type NoticePorts = Pick<MeetingPorts, 'committees' | 'invitations' | 'absenceNotices' | 'clock'> & {
  members: Pick<MeetingPorts['members'], 'factsOfMany'>;
};

/** How many absentees' facts (exemptions, travel notices) are read per BatchGetItem round. */
const FACTS_BATCH = 50;

/** R10: how long a reason may wait for the workplace's decision under the committee's rule set. */
export async function absenceDecisionDaysOf(
  ports: Pick<MeetingPorts, 'committees'>,
  meeting: Pick<Meeting, 'residenceOrgId'>,
): Promise<number> {
  const committee = await ports.committees.get(meeting.residenceOrgId);
  return ruleSetPolicy(committee ? ruleSetOf(committee) : 'hd02-2011').absenceDecisionDays;
}

/** Writes the guard item `NOTICE#R10#<member>` and the event in one transaction; false if it was sent. */
export async function raiseAbsenceNotice(
  ports: Pick<MeetingPorts, 'absenceNotices' | 'clock'>,
  meeting: Pick<Meeting, 'id' | 'residenceOrgId' | 'date'>,
  invitation: Pick<Invitation, 'memberId' | 'workplaceOrgId'>,
  ground: AbsenceNoticeGround,
): Promise<boolean> {
  const notice: AbsenceNotice = {
    meetingId: meeting.id,
    memberId: invitation.memberId,
    residenceOrgId: meeting.residenceOrgId,
    workplaceOrgId: invitation.workplaceOrgId,
    meetingDate: meeting.date,
    raisedAt: ports.clock.now().toISOString(),
    ground,
  };
  const event: DomainEvent<'AbsentWithoutNotice'> = {
    type: 'AbsentWithoutNotice',
    id: absenceNoticeEventId(meeting.id, invitation.memberId),
    occurredAt: notice.raisedAt,
    orgIds: [invitation.workplaceOrgId, meeting.residenceOrgId],
    data: { meetingId: meeting.id, memberId: invitation.memberId },
  };
  return ports.absenceNotices.raiseOnce(notice, { events: [event] });
}

/**
 * R10 for one meeting: streams the sheet and raises one notice per member absent with no reason, with a
 * rejected one, or with one still undecided the rule set's number of days after the meeting. A reason
 * still waiting within that period is counted pending and left alone; an 'undecided' notice whose reason
 * has been confirmed since is withdrawn (the confirmation normally withdraws it; this catches a lost one).
 */
export async function sendAbsenceNotices(ports: NoticePorts, meeting: Meeting): Promise<AbsenceNoticeRun> {
  const now = ports.clock.now();
  const run: AbsenceNoticeRun = {
    meetingId: meeting.id,
    checked: 0,
    raised: 0,
    pending: 0,
    withdrawn: 0,
    excused: 0,
  };
  // R10 concerns meetings held: one called off (issue 16) has no absentees.
  if (meeting.status === 'cancelled' || !hasStarted(meeting, now)) return run;
  const today = localDate(now);
  const decisionDays = await absenceDecisionDaysOf(ports, meeting);
  // Absentees who would be told are checked against their exemptions and travel notices in batches.
  let candidates: Invitation[] = [];
  const flush = async () => {
    const facts = await ports.members.factsOfMany(candidates.map((i) => i.memberId));
    for (const invitation of candidates) {
      // R4, R3: a confirmed exemption or a travel notice covering the meeting excuses the absence.
      const excuse = excuseOn(facts.get(invitation.memberId) ?? {}, meeting.date);
      const ground = absenceNoticeGround(invitation, meeting.date, today, decisionDays, excuse);
      if (ground === 'pending') run.pending += 1;
      else if (ground) {
        if (await raiseAbsenceNotice(ports, meeting, invitation, ground)) run.raised += 1;
      } else {
        run.excused += 1;
        // An 'undecided' notice raised before the exemption or travel notice was recorded no longer stands.
        if (await withdrawUndecidedNotice(ports, meeting.id, invitation.memberId)) run.withdrawn += 1;
      }
    }
    candidates = [];
  };
  for await (const invitation of ports.invitations.streamSheet(meeting.id)) {
    run.checked += 1;
    const ground = absenceNoticeGround(invitation, meeting.date, today, decisionDays);
    if (ground === 'pending') run.pending += 1;
    else if (ground) {
      candidates.push(invitation);
      if (candidates.length >= FACTS_BATCH) await flush();
    } else if (invitation.rsvp === 'absent' && invitation.absence?.confirmation === 'confirmed') {
      if (await withdrawUndecidedNotice(ports, meeting.id, invitation.memberId)) run.withdrawn += 1;
    }
  }
  if (candidates.length > 0) await flush();
  return run;
}

/**
 * R9, R10: a reason confirmed after the "still not confirmed" notice makes that notice void. Only an
 * 'undecided' notice is withdrawn (the others stand whatever happens later); true if this call did it.
 */
export async function withdrawUndecidedNotice(
  ports: Pick<MeetingPorts, 'absenceNotices' | 'clock'>,
  meetingId: string,
  memberId: string,
): Promise<boolean> {
  const notice = await ports.absenceNotices.get(meetingId, memberId);
  if (notice?.ground !== 'undecided' || notice.withdrawnAt) return false;
  return ports.absenceNotices.withdraw(meetingId, memberId, ports.clock.now().toISOString());
}

/**
 * How many days back the daily job looks: past the longest wait for a workplace's decision (R10), plus a
 * week so a missed run (or a late sheet) still gets its notices out.
 */
export const ABSENCE_NOTICE_LOOKBACK_DAYS = longestAbsenceDecisionDays() + 7;

/**
 * The meetings the daily job looks at on `today`: those held on each of the last days before it, one Query
 * a day (gsi2 `MEETINGS_ON#<date>`). Today's are left for tomorrow — attendance may still be being taken.
 */
export async function meetingsDueForAbsenceNotices(
  ports: Pick<MeetingPorts, 'meetings'>,
  today: string,
  lookbackDays = ABSENCE_NOTICE_LOOKBACK_DAYS,
): Promise<Meeting[]> {
  const meetings: Meeting[] = [];
  for (let back = 1; back <= lookbackDays; back++)
    meetings.push(...(await ports.meetings.onDate(addDays(today, -back))));
  return meetings;
}

/**
 * The daily job (20:00 Vietnam time): meetings held on each of the last days before today. Today's are
 * left for tomorrow — attendance may still be being taken — unless sealing sent them already.
 */
export async function sendDueAbsenceNotices(
  ports: Pick<
    MeetingPorts,
    'meetings' | 'committees' | 'invitations' | 'absenceNotices' | 'clock' | 'members'
  >,
  options: { lookbackDays?: number; meetingId?: string } = {},
): Promise<{ meetings: number; checked: number; raised: number }> {
  const total = { meetings: 0, checked: 0, raised: 0 };
  const add = (run: AbsenceNoticeRun) => {
    total.meetings += 1;
    total.checked += run.checked;
    total.raised += run.raised;
  };
  if (options.meetingId) {
    const meeting = await ports.meetings.get(options.meetingId);
    if (!meeting) throw new NotFoundError('meeting');
    add(await sendAbsenceNotices(ports, meeting));
    return total;
  }
  const today = localDate(ports.clock.now());
  for (const meeting of await meetingsDueForAbsenceNotices(ports, today, options.lookbackDays)) {
    add(await sendAbsenceNotices(ports, meeting));
  }
  return total;
}

/** R10: the workplace staff's one-tap "received" on a notice about one of their members. */
export async function acknowledgeAbsenceNotice(
  ports: Pick<MeetingPorts, 'absenceNotices' | 'clock'>,
  principal: Principal,
  meetingId: string,
  memberId: string,
): Promise<AbsenceNotice> {
  const notice = await ports.absenceNotices.get(meetingId, memberId);
  if (!notice) throw new NotFoundError('absence_notice');
  if (!isWorkplaceStaffOf(principal, notice.workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi công tác của đảng viên xác nhận đã nhận thông báo.',
      en: 'Only the member’s workplace committee acknowledges.',
    });
  }
  if (notice.acknowledgedAt) return notice;
  return ports.absenceNotices.acknowledge(
    meetingId,
    memberId,
    principal.sub,
    ports.clock.now().toISOString(),
  );
}

/** The notices a workplace committee has not acknowledged yet (its to-do list in the bot). */
export async function pendingAbsenceNotices(
  ports: Pick<MeetingPorts, 'absenceNotices'>,
  principal: Principal,
  query: { limit: number; cursor?: string },
): Promise<Page<AbsenceNotice>> {
  if (principal.role !== 'workplace_staff') {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi công tác xem danh sách này.',
      en: 'Workplace staff only.',
    });
  }
  return ports.absenceNotices.pendingOfWorkplace(principal.orgId, query);
}
