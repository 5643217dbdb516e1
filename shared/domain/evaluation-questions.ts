// domain: the evaluation forms of both rule sets as a list of questions (one per criterion), read from RULE_SETS,
// so the bot asks them one by one with buttons and the API can describe them; and the answers back to a form.
import type { RuleSetId } from './committee.js';
import { ValidationError } from './errors.js';
import type { DutyMark, EvaluationForm, Level } from './evaluation.js';
import { type LabelledOption, PROPOSALS, type Proposal, RULE_SETS } from './rule-set.js';
import { normaliseText } from './text.js';

export type QuestionKind = 'mark' | 'level' | 'proposal' | 'text';

export interface EvaluationQuestion {
  /** Where the answer goes: `d1.mark`, `d1.comment`, `c3`, `proposal`, `otherComments`. */
  key: string;
  kind: QuestionKind;
  vi: string;
  en: string;
  /** The buttons; empty for a free-text answer. */
  options: readonly LabelledOption<string | number>[];
  /** A free-text answer may be left empty (other comments). */
  optional?: boolean;
}

export const DUTY_MARKS: readonly LabelledOption<DutyMark>[] = [
  { value: 'good', vi: 'Tốt', en: 'Good' },
  { value: 'not_good', vi: 'Chưa tốt', en: 'Not good' },
];

export interface EvaluationQuestionnaire {
  ruleSet: RuleSetId;
  formKind: EvaluationForm['kind'];
  titleVi: string;
  titleEn: string;
  questions: EvaluationQuestion[];
}

const FORM_TITLES: Record<EvaluationForm['kind'], { vi: string; en: string }> = {
  'hd02-4duties': { vi: 'Phiếu nhận xét (4 nhiệm vụ)', en: 'Evaluation sheet (4 duties)' },
  'qd213-full': { vi: 'Nhận xét theo mẫu 3-213', en: 'Evaluation, form 3-213' },
  'qd213-short': {
    vi: 'Nhận xét rút gọn (đảng viên được miễn giữ mối liên hệ thường xuyên)',
    en: 'Short evaluation (introduced-but-exempt member)',
  },
};

/** The questions of a form, in the order the paper form asks them. */
export function evaluationQuestions(
  ruleSet: RuleSetId,
  formKind: EvaluationForm['kind'],
): EvaluationQuestionnaire {
  const policy = RULE_SETS[ruleSet];
  const proposal: EvaluationQuestion = {
    key: 'proposal',
    kind: 'proposal',
    vi: ruleSet === 'qd213-2020' ? 'Đề xuất (tiêu chí 6)' : 'Đề nghị',
    en: ruleSet === 'qd213-2020' ? 'Proposal (criterion 6)' : 'Proposal',
    options: policy.proposals,
  };
  const questions: EvaluationQuestion[] = [];
  if (formKind === 'hd02-4duties') {
    for (const [i, duty] of policy.duties.entries()) {
      questions.push({
        key: `${duty.key}.mark`,
        kind: 'mark',
        vi: `Nhiệm vụ ${i + 1}: ${duty.vi}`,
        en: `Duty ${i + 1}: ${duty.en}`,
        options: DUTY_MARKS,
      });
      questions.push({
        key: `${duty.key}.comment`,
        kind: 'text',
        vi: `Nhận xét nhiệm vụ ${i + 1}`,
        en: `Comment on duty ${i + 1}`,
        options: [],
      });
    }
    questions.push(proposal);
  } else {
    const keys = formKind === 'qd213-short' ? policy.shortFormCriteria : policy.criteria.map((c) => c.key);
    for (const key of keys) {
      const criterion = policy.criteria.find((c) => c.key === key);
      if (!criterion) continue;
      questions.push({
        key,
        kind: 'level',
        vi: `Tiêu chí ${key.slice(1)}: ${criterion.vi}`,
        en: `Criterion ${key.slice(1)}: ${criterion.en}`,
        options: criterion.options,
      });
    }
    questions.push(proposal);
    questions.push({
      key: 'otherComments',
      kind: 'text',
      vi: 'Nhận xét khác (tiêu chí 7)',
      en: 'Other comments (criterion 7)',
      options: [],
      optional: true,
    });
  }
  const title = FORM_TITLES[formKind];
  return { ruleSet, formKind, titleVi: title.vi, titleEn: title.en, questions };
}

export type EvaluationAnswers = Record<string, string | number | undefined>;

function level(value: string | number | undefined, key: string): Level {
  const n = Number(value);
  if (n === 1 || n === 2 || n === 3) return n;
  throw new ValidationError(
    {
      vi: `Câu trả lời "${key}" phải là mức 1, 2 hoặc 3`,
      en: `The answer "${key}" must be level 1, 2 or 3`,
    },
    [{ path: [key] }],
  );
}

function mark(value: string | number | undefined, key: string): DutyMark {
  if (value === 'good' || value === 'not_good') return value;
  throw new ValidationError(
    {
      vi: `Câu trả lời "${key}" phải là "good" hoặc "not_good"`,
      en: `The answer "${key}" must be "good" or "not_good"`,
    },
    [{ path: [key] }],
  );
}

function text(value: string | number | undefined, key: string, optional = false): string {
  const v = typeof value === 'string' ? normaliseText(value).trim() : '';
  if (!v && !optional)
    throw new ValidationError(
      {
        vi: `Câu trả lời "${key}" không được để trống`,
        en: `The answer "${key}" is required`,
      },
      [{ path: [key] }],
    );
  return v;
}

function proposalOf(value: string | number | undefined): Proposal {
  if (PROPOSALS.includes(value as Proposal)) return value as Proposal;
  throw new ValidationError(
    {
      vi: 'Đề nghị phải là commend, none hoặc criticise',
      en: 'The proposal must be commend, none or criticise',
    },
    [{ path: ['proposal'] }],
  );
}

/** The answers collected question by question (the bot's session), as the form they make. */
export function formFromAnswers(
  formKind: EvaluationForm['kind'],
  answers: EvaluationAnswers,
): EvaluationForm {
  if (formKind === 'hd02-4duties') {
    const duty = (k: string) => ({
      mark: mark(answers[`${k}.mark`], `${k}.mark`),
      comment: text(answers[`${k}.comment`], `${k}.comment`),
    });
    return {
      kind: formKind,
      duties: { d1: duty('d1'), d2: duty('d2'), d3: duty('d3'), d4: duty('d4') },
      proposal: proposalOf(answers.proposal),
    };
  }
  const otherComments = text(answers.otherComments, 'otherComments', true);
  if (formKind === 'qd213-short') {
    return {
      kind: formKind,
      criteria: { c1: level(answers.c1, 'c1'), c2: level(answers.c2, 'c2') },
      proposal: proposalOf(answers.proposal),
      otherComments,
    };
  }
  return {
    kind: formKind,
    criteria: {
      c1: level(answers.c1, 'c1'),
      c2: level(answers.c2, 'c2'),
      c3: level(answers.c3, 'c3'),
      c4: level(answers.c4, 'c4'),
      c5: level(answers.c5, 'c5'),
    },
    proposal: proposalOf(answers.proposal),
    otherComments,
  };
}

/** The form's answers keyed like the questions (to show a summary, or to resume a draft in the bot). */
export function answersOf(form: EvaluationForm): EvaluationAnswers {
  if (form.kind === 'hd02-4duties') {
    const out: EvaluationAnswers = { proposal: form.proposal };
    for (const [k, d] of Object.entries(form.duties)) {
      out[`${k}.mark`] = d.mark;
      out[`${k}.comment`] = d.comment;
    }
    return out;
  }
  return { ...form.criteria, proposal: form.proposal, otherComments: form.otherComments };
}

/** Per criterion or duty, the level or mark given (the October report's "by level" table). */
export function levelsOf(form: EvaluationForm): Record<string, string> {
  if (form.kind === 'hd02-4duties') {
    return Object.fromEntries(Object.entries(form.duties).map(([k, d]) => [k, d.mark]));
  }
  return Object.fromEntries(Object.entries(form.criteria).map(([k, v]) => [k, String(v)]));
}
