// domain: the year-end evaluation (nhận xét) of a member by the residence committee (R11, R17, R18), and under
// qd213-2020 its steps: drafted by the hamlet cell's committee after consulting the Front work committee, signed
// for the cell committee, confirmed by the ward's committee (policy data in rule-set.ts).
import type { RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import { RuleViolationError } from './errors.js';
import type { MemberCategory } from './member.js';
import type { PartyTitle } from './roles.js';
import { type Proposal, RULE_SETS } from './rule-set.js';

export type DutyMark = 'good' | 'not_good';
export type Level = 1 | 2 | 3;

/** hd02-2011: the 4-duties form (phiếu nhận xét, 4 nhiệm vụ). */
export interface Hd02Form {
  kind: 'hd02-4duties';
  duties: { d1: DutyAssessment; d2: DutyAssessment; d3: DutyAssessment; d4: DutyAssessment };
  proposal: Proposal;
}
export interface DutyAssessment {
  mark: DutyMark;
  comment: string;
}

/** qd213-2020: mẫu 3-213, criteria 1–5 of three levels, the proposal (criterion 6) and other comments (7). */
export interface Qd213Form {
  kind: 'qd213-full';
  criteria: { c1: Level; c2: Level; c3: Level; c4: Level; c5: Level };
  proposal: Proposal;
  otherComments: string;
}

/** qd213-2020: the short form for introduced-but-exempt members, when a comment is requested. */
export interface Qd213ShortForm {
  kind: 'qd213-short';
  criteria: { c1: Level; c2: Level };
  proposal: Proposal;
  otherComments: string;
}

export type EvaluationForm = Hd02Form | Qd213Form | Qd213ShortForm;

/** R18: the hamlet head's and the hamlet police head's opinions on a student member. */
export interface StudentConsultation {
  hamletHeadName: string;
  hamletHeadOpinion: string;
  policeHeadName: string;
  policeHeadOpinion: string;
  consultedOn: IsoDate;
  recordedBy: string;
}

/**
 * qd213-2020: the hamlet's Front work committee (ban công tác mặt trận) consulted by the cell's committee before
 * the comment is signed: who gave the opinion, in what position, when, and what it was; who entered it.
 */
export interface FrontConsultation {
  name: string;
  /** E.g. "Trưởng ban công tác mặt trận". */
  position: string;
  opinion: string;
  consultedOn: IsoDate;
  recordedBy: string;
}

/**
 * qd213-2020: the comment signed on behalf of the hamlet cell's committee (T/M chi ủy) by its secretary or deputy
 * secretary. Hamlet cells have no staff accounts of their own: the ward's assigned staff record the signature,
 * naming the signer (`recordedBy` is the staff id that entered it).
 */
export interface CellSignature {
  hamletId: string;
  signerName: string;
  signerTitle: PartyTitle;
  signedOn: IsoDate;
  recordedBy: string;
  recordedAt: string;
}

/** qd213-2020 (33-HD/BTCTW): why a comment is asked for an introduced-but-exempt member. */
export const COMMENT_REQUEST_REASONS = ['appointment', 'reward', 'discipline'] as const;
export type CommentRequestReason = (typeof COMMENT_REQUEST_REASONS)[number];

/**
 * qd213-2020: a request for the comment of an introduced-but-exempt member (no routine yearly comment: only
 * when needed, for an appointment, a reward or a discipline). Recorded by the ward's staff; one per member,
 * committee and year.
 */
export interface CommentRequest {
  residenceOrgId: string;
  memberId: string;
  year: number;
  reason: CommentRequestReason;
  /** Who asked (e.g. the workplace committee's letter), as the staff entered it. */
  requestedBy: string;
  requestedOn: IsoDate;
  recordedBy: string;
  recordedAt: string;
}

/**
 * `submitted` is the step that delivers the comment to the workplace (it counts as arrived): under hd02-2011 the
 * chair's submission for the committee, under qd213-2020 the ward committee's confirmation. `cell_signed` exists
 * only under qd213-2020 (rule-set.ts, commentSteps).
 */
export const EVALUATION_STATUSES = ['draft', 'cell_signed', 'submitted'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export interface Evaluation {
  residenceOrgId: string;
  memberId: string;
  year: number;
  ruleSet: RuleSetId;
  form: EvaluationForm;
  /** R11: missed both meetings of the year without a valid reason. */
  flaggedR11: boolean;
  /** Staff may change an R11 pre-set criticism, giving a reason. */
  proposalChangeReason?: string;
  studentConsultation?: StudentConsultation;
  /** qd213-2020: the Front work committee's opinion, required before the cell signs. */
  frontConsultation?: FrontConsultation;
  /** qd213-2020: signed for the hamlet cell's committee. */
  cellSignature?: CellSignature;
  /** qd213-2020: the request an exempt member's comment answers. */
  commentRequest?: CommentRequest;
  status: EvaluationStatus;
  /** Who last saved the draft (a staff id) and when. */
  updatedBy?: string;
  updatedAt?: string;
  submittedBy?: string;
  submittedAt?: string;
  version: number;
}

/** Which form the committee's rule set asks for this member. */
export function formKindFor(ruleSet: RuleSetId, exempt: boolean): EvaluationForm['kind'] {
  if (ruleSet === 'hd02-2011') return 'hd02-4duties';
  return exempt ? 'qd213-short' : 'qd213-full';
}

/** R11: a flagged member's proposal starts as criticism. */
export function presetProposal(flaggedR11: boolean): Proposal {
  return flaggedR11 ? 'criticise' : 'none';
}

/** R11, R18: what must hold before an evaluation can be submitted. */
export function assertMaySubmit(
  evaluation: Pick<
    Evaluation,
    'ruleSet' | 'form' | 'flaggedR11' | 'proposalChangeReason' | 'studentConsultation'
  >,
  memberCategory: MemberCategory,
): void {
  if (memberCategory === 'student' && !evaluation.studentConsultation) {
    throw new RuleViolationError('R18', {
      vi: 'nhận xét đảng viên là học sinh, sinh viên cần ý kiến của trưởng ấp và trưởng công an ấp trước',
      en: 'the hamlet heads’ opinions come first',
    });
  }
  if (
    evaluation.flaggedR11 &&
    evaluation.form.proposal !== 'criticise' &&
    !evaluation.proposalChangeReason?.trim()
  ) {
    throw new RuleViolationError('R11', {
      vi: 'đổi đề xuất với đảng viên vắng cả hai cuộc họp cần nêu lý do',
      en: 'changing the proposal of a member who missed both meetings needs a reason',
    });
  }
  const expected = evaluation.ruleSet === 'hd02-2011' ? ['hd02-4duties'] : ['qd213-full', 'qd213-short'];
  if (!expected.includes(evaluation.form.kind)) {
    throw new RuleViolationError('R17', {
      vi: `quy định ${evaluation.ruleSet} không dùng mẫu nhận xét ${evaluation.form.kind}`,
      en: `the rule set ${evaluation.ruleSet} does not use the form ${evaluation.form.kind}`,
    });
  }
}

/** The steps a comment goes through under the rule set, from draft to delivered (policy data). */
export function commentSteps(ruleSet: RuleSetId): readonly EvaluationStatus[] {
  return RULE_SETS[ruleSet].commentProcedure.steps;
}

/** Whether the rule set has this step at all (qd213-2020: `cell_signed`). */
export function hasCommentStep(ruleSet: RuleSetId, step: EvaluationStatus): boolean {
  return commentSteps(ruleSet).includes(step);
}

/**
 * R17 under qd213-2020: the next step from `status` must be `to`. Only a draft is edited or signed, and only a
 * signed comment is confirmed; under hd02-2011 the chair submits a draft directly.
 */
export function assertNextStep(ruleSet: RuleSetId, status: EvaluationStatus, to: EvaluationStatus): void {
  const steps = commentSteps(ruleSet);
  const at = steps.indexOf(status);
  if (at === -1 || steps[at + 1] !== to) {
    throw new RuleViolationError(
      'R17',
      to === 'submitted'
        ? {
            vi: 'nhận xét cần được chi ủy chi bộ nơi cư trú ký trước khi đảng ủy phường xác nhận',
            en: 'The cell committee signs before the ward confirms',
          }
        : { vi: 'chỉ ký được bản nhận xét đang soạn', en: 'Only a draft can be signed' },
    );
  }
}

/**
 * qd213-2020: the cell's committee signs only after consulting the hamlet's Front work committee; a student's
 * comment also needs the hamlet heads' opinions where the rule set asks for them (R18).
 */
export function assertMayCellSign(
  evaluation: Pick<Evaluation, 'ruleSet' | 'status' | 'frontConsultation'>,
): void {
  assertNextStep(evaluation.ruleSet, evaluation.status, 'cell_signed');
  if (RULE_SETS[evaluation.ruleSet].commentProcedure.frontConsultation && !evaluation.frontConsultation) {
    throw new RuleViolationError('R17', {
      vi: 'chi ủy cần lấy ý kiến ban công tác mặt trận ấp trước khi ký nhận xét',
      en: 'The Front work committee is consulted first',
    });
  }
}

/**
 * R17: whether the committee owes this member a year-end comment under its rule set — every member routinely,
 * except qd213-2020's introduced-but-exempt members (33-HD/BTCTW), owed one only once it was requested. The one
 * answer the due list, the deadline reminders, the workplace's year-end view and the October report all count by.
 */
export function isEvaluationOwed(
  ruleSet: RuleSetId,
  introducedButExempt: boolean,
  requested: boolean,
): boolean {
  return !introducedButExempt || RULE_SETS[ruleSet].exemptMembersEvaluated || requested;
}

/**
 * qd213-2020 (33-HD/BTCTW): an introduced-but-exempt member gets no routine yearly comment; one is written only
 * when requested (appointment, reward, discipline). Under hd02-2011 nothing changes.
 */
export function assertCommentAllowed(
  ruleSet: RuleSetId,
  introducedButExempt: boolean,
  request: CommentRequest | undefined,
): void {
  if (isEvaluationOwed(ruleSet, introducedButExempt, request !== undefined)) return;
  throw new RuleViolationError('R17', {
    vi: 'đảng viên thuộc diện miễn sinh hoạt nơi cư trú không nhận xét định kỳ hằng năm; chỉ nhận xét khi có đề nghị (bổ nhiệm, khen thưởng, kỷ luật) — hãy ghi nhận đề nghị trước',
    en: 'An exempt member is commented on only on request',
  });
}
