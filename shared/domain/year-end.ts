// domain: the year-end rules (R11, R17–R20) that the evaluation, self-report and October report use cases share.
import type { RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import { RuleViolationError } from './errors.js';
import type { EvaluationForm } from './evaluation.js';
import { formKindFor } from './evaluation.js';
import type { Introduction } from './introduction.js';
import { hasConfirmedReason, type Invitation, missedBothMeetings } from './invitation.js';
import type { MemberCategory } from './member.js';
import { type Proposal, RULE_SETS } from './rule-set.js';
import { type Excuse, type ExemptCategory, isCovering } from './travel-and-exemption.js';

/**
 * The day a member's situation is judged on for year `year`: today while the year runs, its last day
 * once it is over (a report recompiled in January still describes the year it names), its first day
 * before it starts.
 */
export function referenceDate(year: number, today: IsoDate): IsoDate {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  if (today < first) return first;
  if (today > last) return last;
  return today;
}

/** R4: an exemption (miễn sinh hoạt) confirmed by the workplace is in force on `on`. */
export function isExemptOn(exemptions: readonly { from: IsoDate; until?: IsoDate }[], on: IsoDate): boolean {
  return exemptions.some((e) => isCovering(e, on));
}

/** R3: the member is away under a travel notice on `on`, or works away by category. */
export function isTravellingOn(
  category: MemberCategory,
  travelNotices: readonly { from: IsoDate; until: IsoDate }[],
  on: IsoDate,
): boolean {
  return category === 'travelling' || travelNotices.some((t) => isCovering(t, on));
}

/**
 * qd213-2020 (33-HD/BTCTW item 1.1): who is "introduced but exempt" from routine contact: a member under a
 * confirmed exemption (R4) in force on the reference day that names one of the guidance's cases (army and police
 * in barracks, mobile workers, rotated cadres, officials on 12-month courses, students away from home). Being in
 * the armed forces or a student is not enough by itself (the category is kept in the signature for callers). An
 * exemption without a case (recorded before the rule set asked for one) does not make the member exempt here.
 * Under hd02-2011 the notion does not exist.
 */
export function isIntroducedButExempt(
  ruleSet: RuleSetId,
  _category: MemberCategory,
  exemptions: readonly { from: IsoDate; until?: IsoDate; category?: ExemptCategory }[],
  on: IsoDate,
): boolean {
  const cases = RULE_SETS[ruleSet].exemptCategories;
  if (ruleSet !== 'qd213-2020' || cases.length === 0) return false;
  return exemptions.some((e) => e.category !== undefined && cases.includes(e.category) && isCovering(e, on));
}

/** R17: the form this member's evaluation must use (qd213: the short form for introduced-but-exempt members). */
export function expectedFormKind(ruleSet: RuleSetId, introducedButExempt: boolean): EvaluationForm['kind'] {
  return formKindFor(ruleSet, introducedButExempt);
}

export function assertFormKind(form: Pick<EvaluationForm, 'kind'>, expected: EvaluationForm['kind']): void {
  if (form.kind !== expected) {
    throw new RuleViolationError('R17', {
      vi: `nhận xét đảng viên này dùng mẫu ${expected}, không phải ${form.kind}`,
      en: `this member's evaluation uses the ${expected} form`,
    });
  }
}

/**
 * R11 is judged only on meetings that are over: an invitation counts once its attendance was taken or
 * its meeting day has passed, so an evaluation drafted before the October meeting does not flag anyone.
 */
export function decidedInvitations<
  T extends Pick<Invitation, 'residenceOrgId' | 'meetingDate' | 'attendance' | 'meetingCancelled'>,
>(invitations: readonly T[], residenceOrgId: string, today: IsoDate): T[] {
  // A meeting called off (issue 16) was not held: its invitations are neither attended nor missed.
  return invitations.filter(
    (i) =>
      i.residenceOrgId === residenceOrgId &&
      i.meetingCancelled !== true &&
      (i.attendance !== 'unrecorded' || i.meetingDate < today),
  );
}

/**
 * R11 over a member's invitations of one year at one residence committee. A meeting held while a
 * confirmed exemption (R4) was in force is excused: an exempt member is not expected to attend. So is a
 * meeting held inside a travel notice's period (R3): the notice is the absence's valid reason.
 */
export function isFlaggedR11(
  invitationsOfYear: readonly Invitation[],
  residenceOrgId: string,
  today: IsoDate,
  exemptions: readonly { from: IsoDate; until?: IsoDate }[] = [],
  travelNotices: readonly { from: IsoDate; until: IsoDate }[] = [],
): boolean {
  const decided = decidedInvitations(invitationsOfYear, residenceOrgId, today);
  const excused = (on: IsoDate) => isExemptOn(exemptions, on) || travelNotices.some((t) => isCovering(t, on));
  if (decided.some((i) => excused(i.meetingDate))) return false;
  return missedBothMeetings(decided);
}

/**
 * How one invitation counts in the October report (R9, R10, R22). A member who came is present whatever
 * they answered; absent members split by their answer: a reason the workplace confirmed, a reason not
 * (yet) confirmed or rejected — including "I will come" followed by absence —, or no reply at all.
 */
export type MeetingOutcome =
  | 'present'
  | 'absentConfirmed'
  | 'absentUnconfirmed'
  | 'noReply'
  | 'absentExempt'
  | 'absentTravelling';

/**
 * With an `excuse` (the member's exemption or travel notice covering the meeting's date), an absentee
 * counts on its own line: not expected under a confirmed exemption (R4), excused by a travel notice (R3).
 */
export function meetingOutcome(
  invitation: Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>,
  excuse?: Pick<Excuse, 'kind'>,
): MeetingOutcome {
  if (invitation.attendance === 'present') return 'present';
  // Attendance never taken: the RSVP stands (the sheet is pre-filled from it).
  if (invitation.attendance === 'unrecorded' && invitation.rsvp === 'attending') return 'present';
  if (excuse) return excuse.kind === 'exemption' ? 'absentExempt' : 'absentTravelling';
  if (hasConfirmedReason(invitation)) return 'absentConfirmed';
  if (invitation.rsvp === 'none') return 'noReply';
  return 'absentUnconfirmed';
}

/** R19: meetings of the year the member attended, from their invitations (prefills the self-report). */
export function meetingsAttended(
  invitationsOfYear: readonly Pick<Invitation, 'rsvp' | 'absence' | 'attendance'>[],
): number {
  return invitationsOfYear.filter((i) => meetingOutcome(i) === 'present').length;
}

/**
 * The October report counts introductions current during the year: not issued after it, and not ended
 * before it started (an old, ended contact belongs to earlier years' reports).
 */
export function isIntroductionInYear(
  introduction: Pick<Introduction, 'issuedOn' | 'status' | 'end'>,
  year: number,
): boolean {
  if (introduction.issuedOn > `${year}-12-31`) return false;
  if (introduction.status === 'ended') {
    const endedOn = introduction.end?.endedOn;
    return endedOn !== undefined && endedOn >= `${year}-01-01`;
  }
  return true;
}

/** R19: the member's own year-end report on meetings attended and activities at the residence. */
export interface SelfReport {
  memberId: string;
  year: number;
  /** As the member reports it (prefilled from the invitations). */
  meetingsAttended: number;
  /** As the attendance sheets record it, when the member submitted; shown beside the member's figure. */
  meetingsAttendedRecorded: number;
  activities: string;
  submittedAt: string;
  version: number;
}

/** R20: the workplace collected an armed-forces member's contact book directly from the residence committee. */
export interface DirectCollection {
  memberId: string;
  year: number;
  residenceOrgId: string;
  workplaceOrgId: string;
  collectedOn: IsoDate;
  collectedBy: string;
  note?: string;
  recordedAt: string;
}

/** R20: only members on the direct contact path are collected directly. */
export function assertDirectPath(introduction: Pick<Introduction, 'contactPath'>): void {
  if (introduction.contactPath !== 'direct') {
    throw new RuleViolationError('R20', {
      vi: 'chỉ sổ liên hệ của đảng viên trong lực lượng vũ trang mới do cấp ủy nơi công tác trực tiếp thu',
      en: 'only armed-forces members have their contact book collected directly',
    });
  }
}

/**
 * R11: the proposal of a member who missed both meetings is pre-set to criticism; staff may change it,
 * but only giving a reason (checked on every save, and again by assertMaySubmit).
 */
export function assertR11Proposal(flaggedR11: boolean, proposal: Proposal, reason: string | undefined): void {
  if (flaggedR11 && proposal !== 'criticise' && !reason?.trim()) {
    throw new RuleViolationError('R11', {
      vi: 'đổi đề xuất với đảng viên vắng cả hai cuộc họp cần nêu lý do',
      en: 'changing the proposal of a member who missed both meetings needs a reason',
    });
  }
}
