// domain: the counting of a residence committee's October report (R3, R4, R11, R17, R22) — what each record
// read adds to the report's body. Pure: the service streams the attendance sheets, the evaluations and the
// members in whatever batches the store likes and hands each record here; nothing in this module reads.

import type { CommitteeKind, RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import { type Evaluation, isEvaluationOwed } from './evaluation.js';
import { levelsOf } from './evaluation-questions.js';
import type { Introduction } from './introduction.js';
import type { Invitation } from './invitation.js';
import type { Meeting } from './meeting.js';
import type { MemberCategory } from './member.js';
import { emptyMeetingTally, type MeetingTally, type OctoberReportBody } from './report.js';
import { type Exemption, excuseOn, type TravelNotice } from './travel-and-exemption.js';
import {
  isExemptOn,
  isFlaggedR11,
  isIntroducedButExempt,
  isTravellingOn,
  type MeetingOutcome,
  meetingOutcome,
} from './year-end.js';

/** What the counting of one committee's year is judged against. */
export interface CountRules {
  ruleSet: RuleSetId;
  committeeId: string;
  /** Today, local: R11 judges only meetings that are over. */
  today: IsoDate;
  /** The report's reference day (the end of October, or today before it): exemptions and travel in force. */
  on: IsoDate;
  /** R17: the evaluations' deadline; an owed one not submitted after it is missing. */
  evaluationsDue: IsoDate;
}

/** A member's exemptions and travel notices, as the store keeps them beside the member's record. */
export interface MemberExcuses {
  exemptions?: readonly Exemption[];
  travelNotices?: readonly TravelNotice[];
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** R22: an empty tally of one meeting of the year, by its round. */
export function newMeetingTally(meeting: Pick<Meeting, 'id' | 'round' | 'date'>): MeetingTally {
  return { ...emptyMeetingTally(meeting.round, meeting.id), date: meeting.date, units: [] };
}

/**
 * R22: one row of the meeting's attendance sheet, in the meeting's and its hamlet's counts. Returns the row's
 * outcome: an absentee's line (answered, excused, exempt, travelling) waits for the member's excuses
 * (countAbsentee).
 */
export function countAttendance(
  tally: MeetingTally,
  invitation: Parameters<typeof meetingOutcome>[0] & Pick<Invitation, 'hamletId'>,
  hamletName: string,
): MeetingOutcome {
  const outcome = meetingOutcome(invitation);
  tally.units ??= [];
  const units = tally.units;
  let unit = units.find((u) => u.id === invitation.hamletId);
  if (!unit) {
    unit = { id: invitation.hamletId, name: hamletName, invited: 0, present: 0 };
    units.push(unit);
  }
  tally.invited += 1;
  unit.invited += 1;
  if (outcome === 'present') {
    tally.present += 1;
    unit.present += 1;
  }
  return outcome;
}

/**
 * R3, R4: an absentee of a meeting held under a confirmed exemption counts on the "exempt" line (not
 * expected), one inside a travel notice's period on the "travelling" line (excused by the notice); the
 * others as their answer and the workplace's decision say.
 */
export function countAbsentee(
  tally: MeetingTally,
  excuses: MemberExcuses | undefined,
  outcome: Exclude<MeetingOutcome, 'present'>,
): void {
  const excuse = excuseOn(excuses ?? {}, tally.date ?? '');
  const line = !excuse ? outcome : excuse.kind === 'exemption' ? 'absentExempt' : 'absentTravelling';
  tally[line] = (tally[line] ?? 0) + 1;
}

/** R17: one evaluation of the committee's year — a draft, or a submitted one with its proposal and levels. */
export function countEvaluation(
  body: OctoberReportBody,
  evaluation: Pick<Evaluation, 'status' | 'memberId' | 'form'>,
): void {
  const e = body.evaluations;
  if (evaluation.status !== 'submitted') {
    e.drafts += 1;
    return;
  }
  e.done += 1;
  increment(e.byProposal, evaluation.form.proposal);
  for (const [key, level] of Object.entries(levelsOf(evaluation.form))) {
    e.byLevel[key] ??= {};
    increment(e.byLevel[key], level);
  }
  if (evaluation.form.proposal === 'commend') body.commendations.push(evaluation.memberId);
  if (evaluation.form.proposal === 'criticise') body.criticisms.push(evaluation.memberId);
}

function countIntroduced(
  body: OctoberReportBody,
  workplaceKind: CommitteeKind | undefined,
  category: MemberCategory,
): void {
  body.members.introduced += 1;
  if (workplaceKind) increment(body.members.byWorkplaceKind, workplaceKind);
  increment(body.members.byCategory, category);
}

/** A member introduced in the year whose introduction is still pending, or ended (R7). */
export function countRecordedMember(
  body: OctoberReportBody,
  introduction: Pick<Introduction, 'status' | 'receipt'> & { status: 'issued' | 'ended' },
  category: MemberCategory,
  workplaceKind: CommitteeKind | undefined,
): void {
  countIntroduced(body, workplaceKind, category);
  if (introduction.status === 'issued') {
    body.members.pending += 1;
  } else {
    body.members.ended += 1;
    if (introduction.receipt) body.members.received += 1;
  }
}

/** An active member's facts, the invitations of the year and where their evaluation stands. */
export interface ActiveMember extends MemberExcuses {
  memberId: string;
  category: MemberCategory;
  workplaceKind: CommitteeKind | undefined;
  /** The member's invitations dated in the year (R11). */
  invitations: readonly Invitation[];
  /** The committee submitted this member's evaluation of the year. */
  submitted: boolean;
  /** qd213-2020: a comment on this introduced-but-exempt member was requested (33-HD/BTCTW). */
  commentRequested: boolean;
}

/**
 * qd213-2020: whether the member's comment request decides what is owed (an introduced-but-exempt member
 * whose comment is not submitted), so the service reads the request for these members only.
 */
export function needsCommentRequest(
  rules: Pick<CountRules, 'ruleSet' | 'on'>,
  member: Pick<ActiveMember, 'category' | 'exemptions' | 'submitted'>,
): boolean {
  return (
    !member.submitted &&
    isIntroducedButExempt(rules.ruleSet, member.category, member.exemptions ?? [], rules.on) &&
    !isEvaluationOwed(rules.ruleSet, true, false)
  );
}

/** An active member (introduction received): the members' lines, R11's flag and R17's debt. */
export function countActiveMember(body: OctoberReportBody, rules: CountRules, member: ActiveMember): void {
  const m = body.members;
  const exemptions = member.exemptions ?? [];
  const travelNotices = member.travelNotices ?? [];
  countIntroduced(body, member.workplaceKind, member.category);
  m.received += 1;
  m.active += 1;
  if (isExemptOn(exemptions, rules.on)) m.exempt += 1; // R4
  if (isTravellingOn(member.category, travelNotices, rules.on)) m.travelling += 1; // R3
  if (member.category === 'student') m.students += 1;
  if (member.category === 'armed_forces') m.armedForces += 1;
  // R11: absent from both meetings of the year without a valid reason (meetings while exempt (R4) or
  // away under a travel notice (R3) excused).
  if (isFlaggedR11(member.invitations, rules.committeeId, rules.today, exemptions, travelNotices)) {
    body.bothMeetingsMissed.push(member.memberId);
  }
  // R17 (and qd213's introduced-but-exempt members, owed a comment only once requested).
  const exempt = isIntroducedButExempt(rules.ruleSet, member.category, exemptions, rules.on);
  if (member.submitted || !isEvaluationOwed(rules.ruleSet, exempt, member.commentRequested)) return;
  body.evaluations.due += 1;
  // R17: past the end of October, an owed comment not submitted is missing.
  if (rules.today > rules.evaluationsDue) body.evaluations.missing = (body.evaluations.missing ?? 0) + 1;
}

/** The finished body: hamlets and meetings in a stable order, the lists of members sorted. */
export function finishReportBody(body: OctoberReportBody): OctoberReportBody {
  for (const tally of body.meetings) tally.units?.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  body.meetings.sort((a, b) => (a.round < b.round ? -1 : 1));
  body.evaluations.missing ??= 0;
  body.commendations.sort();
  body.criticisms.sort();
  body.bothMeetingsMissed.sort();
  return body;
}
