// domain: the two rule sets (the seed's hd02-2011 and today's qd213-2020) as policy data, chosen per committee.
import type { RuleSetId } from './committee.js';
import type { EvaluationStatus } from './evaluation.js';
import type { ExemptCategory } from './travel-and-exemption.js';
import { PROPOSAL } from './wording.js';

export const PROPOSALS = ['commend', 'none', 'criticise'] as const;
export type Proposal = (typeof PROPOSALS)[number];

export interface LabelledOption<T extends string | number> {
  value: T;
  vi: string;
  en: string;
}

export interface CriterionPolicy {
  key: string;
  vi: string;
  en: string;
  options: readonly LabelledOption<1 | 2 | 3>[];
}

export interface RuleSetPolicy {
  id: RuleSetId;
  titleVi: string;
  /** R22: who the year-end report goes to, for the report's heading. */
  reportsToVi: string;
  evaluationForm: 'hd02-4duties' | 'qd213-criteria';
  /** hd02-2011: the 4 duties (labels editable: duties 3 and 4 are unverified placeholders). */
  duties: readonly { key: string; vi: string; en: string }[];
  /** qd213-2020: criteria 1–5, three levels each (1 best). */
  criteria: readonly CriterionPolicy[];
  /** qd213-2020: the short form for introduced-but-exempt members (33-HD/BTCTW). */
  shortFormCriteria: readonly string[];
  proposals: readonly LabelledOption<Proposal>[];
  /** R18: whose opinion must be recorded before a student member's evaluation is submitted. */
  studentConsultation: 'hamlet_heads';
  /** Whether introduced-but-exempt members get a routine yearly evaluation. */
  exemptMembersEvaluated: boolean;
  /**
   * R9, R10: how many days after the meeting a reason may still wait for the workplace's decision before
   * the residence committee tells the workplace that it is still not confirmed ("chưa được xác nhận").
   * Neither text sets a period; a week matches the daily job's rhythm and the follow-up a ward can expect.
   */
  absenceDecisionDays: number;
  /**
   * R17: the month and day (MM-DD) the residence committee's comments are due: the end of October.
   */
  evaluationDue: string;
  /**
   * R19: the month and day (MM-DD) the member's self-report to the workplace is due. Neither text sets a
   * date ("at the end of the year"); mid-December leaves the workplace's year-end evaluation meeting its
   * input. A committee may correct it here.
   */
  selfReportDue: string;
  /**
   * R4: whether a member under a confirmed exemption covering the meeting's date is invited. qd213-2020
   * (33-HD/BTCTW): introduced-but-exempt members keep no meeting duty, so they are not invited; hd02-2011
   * invites them (their absence is excused, never an R10 notice).
   */
  exemptMembersInvited: boolean;
  /**
   * R17: who writes, signs and confirms the yearly comment. hd02-2011: the residence committee drafts and its
   * chair submits (draft → submitted). qd213-2020 (Regulation 213 and its mẫu 3-213): the hamlet cell's
   * committee drafts after consulting the hamlet's Front work committee, signs for the cell committee (T/M chi
   * ủy), and the ward's committee confirms (draft → cell_signed → submitted); only a confirmed comment is
   * delivered to the workplace.
   */
  commentProcedure: {
    steps: readonly EvaluationStatus[];
    frontConsultation: boolean;
  };
  /**
   * R4: the cases an exemption must name (33-HD/BTCTW item 1.1 under qd213-2020); empty: no case is asked
   * (hd02-2011 records the exemption with its reason only).
   */
  exemptCategories: readonly ExemptCategory[];
  /**
   * The contact book's term in years (qd213-2020: five — the introduction letters and five yearly comment
   * sheets), during which nothing of the book is removed by retention; undefined: no term (hd02-2011).
   */
  contactBookTermYears?: number;
}

const levels = (a: string, b: string, c: string): LabelledOption<1 | 2 | 3>[] => [
  { value: 1, vi: a, en: 'level 1' },
  { value: 2, vi: b, en: 'level 2' },
  { value: 3, vi: c, en: 'level 3' },
];

/** A rule set's proposals, in the order the forms list them, worded by the catalogue (wording.ts). */
function proposalsOf(ruleSet: RuleSetId): LabelledOption<Proposal>[] {
  return PROPOSALS.map((value) => ({ value, ...PROPOSAL[ruleSet][value] }));
}

export const RULE_SETS: Record<RuleSetId, RuleSetPolicy> = {
  'hd02-2011': {
    id: 'hd02-2011',
    titleVi: 'Hướng dẫn 02-HD/BTCTU (2011), Quy định 76-QĐ/TW',
    reportsToVi: 'Quận ủy, huyện ủy',
    evaluationForm: 'hd02-4duties',
    duties: [
      {
        key: 'd1',
        vi: 'Gương mẫu thực hiện nghĩa vụ công dân; tuyên truyền, vận động gia đình và nhân dân nơi cư trú chấp hành đường lối, chủ trương của Đảng, pháp luật của Nhà nước, quy định của địa phương',
        en: 'Set an example in civic obligations and persuade family and neighbours to follow party policy, state law and local rules',
      },
      {
        key: 'd2',
        vi: 'Tích cực tham gia sinh hoạt, hội họp do cấp ủy nơi cư trú triệu tập',
        en: 'Actively attend the meetings called by the residence committee',
      },
      {
        key: 'd3',
        vi: 'Tham gia các đoàn thể, hoạt động xã hội nơi cư trú',
        en: 'Participate in the mass organisations and social activities of the residence',
      },
      {
        key: 'd4',
        vi: 'Đóng góp ý kiến với cấp ủy nơi cư trú về xây dựng Đảng, chính quyền địa phương',
        en: 'Contribute opinions to the residence committee on party building and local government',
      },
    ],
    criteria: [],
    shortFormCriteria: [],
    proposals: proposalsOf('hd02-2011'),
    studentConsultation: 'hamlet_heads',
    exemptMembersEvaluated: true,
    absenceDecisionDays: 7,
    evaluationDue: '10-31',
    selfReportDue: '12-15',
    exemptMembersInvited: true,
    commentProcedure: { steps: ['draft', 'submitted'], frontConsultation: false },
    exemptCategories: [],
  },
  'qd213-2020': {
    id: 'qd213-2020',
    titleVi: 'Quy định 213-QĐ/TW (2020), Hướng dẫn 33-HD/BTCTW',
    reportsToVi: 'Ban Tổ chức Thành ủy, Tỉnh ủy',
    evaluationForm: 'qd213-criteria',
    duties: [],
    criteria: [
      {
        key: 'c1',
        vi: 'Nêu gương về phẩm chất chính trị, đạo đức, lối sống',
        en: 'Example in political quality, ethics and lifestyle',
        options: levels('Nêu gương tốt', 'Nêu gương', 'Chưa nêu gương'),
      },
      {
        key: 'c2',
        vi: 'Gương mẫu thực hiện nghĩa vụ công dân, vận động gia đình và nhân dân',
        en: 'Example in civic duty, persuading family and residents',
        options: levels('Gương mẫu đi đầu', 'Gương mẫu', 'Chưa gương mẫu'),
      },
      {
        key: 'c3',
        vi: 'Tham gia sinh hoạt, hội họp nơi cư trú',
        en: 'Attending the meetings of the residence',
        options: levels('Tham gia đầy đủ', 'Chưa đầy đủ', 'Không tham gia'),
      },
      {
        key: 'c4',
        vi: 'Giữ mối liên hệ với chi ủy, trưởng ấp, ban công tác mặt trận',
        en: 'Keeping contact with the cell, the hamlet head and the Front work committee',
        options: levels('Thường xuyên, tích cực', 'Thường xuyên', 'Chưa thường xuyên'),
      },
      {
        key: 'c5',
        vi: 'Tham gia các hoạt động, phong trào nơi cư trú',
        en: 'Taking part in the activities of the residence',
        options: levels('Rất tích cực', 'Tích cực', 'Chưa tích cực'),
      },
    ],
    shortFormCriteria: ['c1', 'c2'],
    proposals: proposalsOf('qd213-2020'),
    studentConsultation: 'hamlet_heads',
    exemptMembersEvaluated: false,
    absenceDecisionDays: 7,
    evaluationDue: '10-31',
    selfReportDue: '12-15',
    exemptMembersInvited: false,
    commentProcedure: { steps: ['draft', 'cell_signed', 'submitted'], frontConsultation: true },
    exemptCategories: [
      'armed_forces_barracks',
      'mobile_worker',
      'rotated_cadre',
      'long_course',
      'student_away',
    ],
    contactBookTermYears: 5,
  },
};

/** The longest wait any rule set gives a reason (R10): the daily job must still look back that far. */
export function longestAbsenceDecisionDays(): number {
  return Math.max(...Object.values(RULE_SETS).map((p) => p.absenceDecisionDays));
}

export function ruleSetPolicy(id: RuleSetId): RuleSetPolicy {
  return RULE_SETS[id];
}
