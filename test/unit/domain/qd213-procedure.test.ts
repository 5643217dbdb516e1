// Regulation 213's comment procedure (issue 16 item 5): the steps per rule set, the guidance's exempt cases,
// the comment only on request for exempt members, and the contact book's five-year term.
import { describe, expect, it } from 'vitest';
import { contactBookTerms, isBookInTerm } from '../../../shared/domain/contact-book.js';
import {
  assertCommentAllowed,
  assertMayCellSign,
  assertNextStep,
  type CommentRequest,
  commentSteps,
  type Evaluation,
} from '../../../shared/domain/evaluation.js';
import { exemptCategoryIssue } from '../../../shared/domain/travel-and-exemption.js';

const front = {
  name: 'Trần Thị Mặt Trận',
  position: 'Trưởng ban công tác mặt trận',
  opinion: 'Gương mẫu',
  consultedOn: '2026-10-20',
  recordedBy: 'staff-x',
};
const request: CommentRequest = {
  residenceOrgId: 'x',
  memberId: 'm',
  year: 2026,
  reason: 'appointment',
  requestedBy: 'Đảng ủy Sở Y tế',
  requestedOn: '2026-11-02',
  recordedBy: 'staff-x',
  recordedAt: '2026-11-02T02:00:00Z',
};

describe('Function: commentSteps and assertNextStep (R17 per rule set)', () => {
  it('goes draft → submitted under hd02-2011 and draft → cell_signed → submitted under qd213-2020', () => {
    expect(commentSteps('hd02-2011')).toEqual(['draft', 'submitted']);
    expect(commentSteps('qd213-2020')).toEqual(['draft', 'cell_signed', 'submitted']);
    expect(() => assertNextStep('hd02-2011', 'draft', 'submitted')).not.toThrow();
    expect(() => assertNextStep('qd213-2020', 'draft', 'submitted')).toThrowError(
      expect.objectContaining({ rule: 'R17' }),
    );
    expect(() => assertNextStep('qd213-2020', 'cell_signed', 'submitted')).not.toThrow();
  });

  it('lets the cell sign a draft only after the Front work committee was consulted (qd213-2020)', () => {
    const draft: Pick<Evaluation, 'ruleSet' | 'status' | 'frontConsultation'> = {
      ruleSet: 'qd213-2020',
      status: 'draft',
    };
    expect(() => assertMayCellSign(draft)).toThrowError(/ban công tác mặt trận/);
    expect(() => assertMayCellSign({ ...draft, frontConsultation: front })).not.toThrow();
    expect(() =>
      assertMayCellSign({ ...draft, status: 'cell_signed', frontConsultation: front }),
    ).toThrowError(expect.objectContaining({ rule: 'R17' }));
    expect(() => assertMayCellSign({ ...draft, ruleSet: 'hd02-2011' })).toThrowError(
      expect.objectContaining({ rule: 'R17' }),
    );
  });
});

describe('Function: exemptCategoryIssue (R4, 33-HD/BTCTW item 1.1)', () => {
  it('asks for one of the guidance’s cases under qd213-2020 and for none under hd02-2011', () => {
    expect(exemptCategoryIssue(['qd213-2020'], undefined)).toMatch(/33-HD\/BTCTW/);
    expect(exemptCategoryIssue(['qd213-2020'], 'student_away')).toBeUndefined();
    expect(exemptCategoryIssue(['qd213-2020', 'hd02-2011'], 'mobile_worker')).toBeUndefined();
    expect(exemptCategoryIssue(['hd02-2011'], undefined)).toBeUndefined();
    expect(exemptCategoryIssue([], undefined)).toBeUndefined();
  });
});

describe('Function: assertCommentAllowed (33-HD/BTCTW: a comment only on request)', () => {
  it('refuses a comment on an exempt member without a request under qd213-2020 only', () => {
    expect(() => assertCommentAllowed('qd213-2020', true, undefined)).toThrowError(/khi có đề nghị/);
    expect(() => assertCommentAllowed('qd213-2020', true, request)).not.toThrow();
    expect(() => assertCommentAllowed('qd213-2020', false, undefined)).not.toThrow();
    expect(() => assertCommentAllowed('hd02-2011', true, undefined)).not.toThrow();
  });
});

describe('Function: contactBookTerms and isBookInTerm (qd213-2020: five years)', () => {
  const evaluation = (year: number, status: Evaluation['status']): Evaluation => ({
    residenceOrgId: 'x',
    memberId: 'm',
    year,
    ruleSet: 'qd213-2020',
    form: {
      kind: 'qd213-full',
      criteria: { c1: 1, c2: 1, c3: 1, c4: 1, c5: 1 },
      proposal: 'none',
      otherComments: '',
    },
    flaggedR11: false,
    status,
    version: 1,
  });
  const terms = (id: string) => (id === 'x' ? 5 : undefined);

  it('shows the term’s five years from the letter’s year with the confirmed comment of each', () => {
    // Act
    const [term, ...others] = contactBookTerms(
      [
        { id: 'i1', residenceOrgId: 'x', issuedOn: '2024-03-10' },
        { id: 'i0', residenceOrgId: 'hd02', issuedOn: '2020-01-01' },
      ],
      [evaluation(2024, 'submitted'), evaluation(2025, 'submitted'), evaluation(2026, 'cell_signed')],
      terms,
      '2026-12-02',
    );

    // Assess
    expect(others).toEqual([]);
    expect(term).toMatchObject({ introductionId: 'i1', startYear: 2024, endYear: 2028, inTerm: true });
    expect(term?.years.map((y) => [y.year, y.evaluation?.year ?? null])).toEqual([
      [2024, 2024],
      [2025, 2025],
      [2026, null],
      [2027, null],
      [2028, null],
    ]);
  });

  it('keeps a book in its term until the end of its fifth year', () => {
    const intro = [{ id: 'i1', residenceOrgId: 'x', issuedOn: '2021-05-01' }];
    expect(isBookInTerm(intro, terms, '2025-12-31')).toBe(true);
    expect(isBookInTerm(intro, terms, '2026-01-01')).toBe(false);
    expect(isBookInTerm(intro, () => undefined, '2025-06-01')).toBe(false);
  });
});
