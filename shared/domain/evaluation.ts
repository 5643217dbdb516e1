// domain: the year-end evaluation (nhận xét) of a member by the residence committee (R11, R17, R18).
import type { RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import { RuleViolationError } from './errors.js';
import type { MemberCategory } from './member.js';
import type { Proposal } from './rule-set.js';

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

export const EVALUATION_STATUSES = ['draft', 'submitted'] as const;
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
