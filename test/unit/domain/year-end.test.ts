import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { isEvaluationOwed } from '../../../shared/domain/evaluation.js';
import {
  answersOf,
  evaluationQuestions,
  formFromAnswers,
  levelsOf,
} from '../../../shared/domain/evaluation-questions.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import { emptyReportBody, sameReportBody, sumReportBodies } from '../../../shared/domain/report.js';
import {
  assertR11Proposal,
  isFlaggedR11,
  isIntroducedButExempt,
  isIntroductionInYear,
  isTravellingOn,
  meetingOutcome,
  meetingsAttended,
  referenceDate,
} from '../../../shared/domain/year-end.js';
import { anInvitation } from '../../support/builders.js';

const june = (o: Partial<Invitation> = {}) =>
  anInvitation({ meetingId: 'p.2026.06', memberId: 'm1', meetingDate: '2026-06-20', ...o });
const october = (o: Partial<Invitation> = {}) =>
  anInvitation({ meetingId: 'p.2026.10', memberId: 'm1', meetingDate: '2026-10-17', ...o });

describe('Function: meetingOutcome (R9, R10, R22)', () => {
  it.each([
    [{ rsvp: 'attending', attendance: 'present' }, 'present'],
    [{ rsvp: 'none', attendance: 'present' }, 'present'],
    [{ rsvp: 'attending', attendance: 'unrecorded' }, 'present'],
    [{ rsvp: 'attending', attendance: 'absent' }, 'absentUnconfirmed'],
    [
      {
        rsvp: 'absent',
        attendance: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'confirmed' },
      },
      'absentConfirmed',
    ],
    [
      {
        rsvp: 'absent',
        attendance: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'pending' },
      },
      'absentUnconfirmed',
    ],
    [
      {
        rsvp: 'absent',
        attendance: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'rejected' },
      },
      'absentUnconfirmed',
    ],
    [{ rsvp: 'none', attendance: 'absent' }, 'noReply'],
    [{ rsvp: 'none', attendance: 'unrecorded' }, 'noReply'],
  ] as const)('counts %j as %s', (invitation, expected) => {
    expect(meetingOutcome(june(invitation as Partial<Invitation>))).toBe(expected);
  });

  it('counts meetings attended for the self-report prefill (R19)', () => {
    expect(
      meetingsAttended([june({ attendance: 'present' }), october({ rsvp: 'none', attendance: 'absent' })]),
    ).toBe(1);
  });
});

describe('Function: isFlaggedR11 (R11)', () => {
  it('flags a member absent from both meetings without a confirmed reason', () => {
    const both = [june({ attendance: 'absent' }), october({ attendance: 'absent' })];
    expect(isFlaggedR11(both, 'phuong-an-hoa', '2026-10-31')).toBe(true);
  });

  it('does not flag before the October meeting is over, nor with one confirmed reason', () => {
    // Prepare: attendance not taken yet and the meeting day not passed
    const undecided = [june({ attendance: 'absent' }), october({ attendance: 'unrecorded' })];
    const excused = [
      june({ attendance: 'absent' }),
      october({
        rsvp: 'absent',
        attendance: 'absent',
        absence: { category: 'illness', submittedAt: 'x', confirmation: 'confirmed' },
      }),
    ];

    // Assess
    expect(isFlaggedR11(undecided, 'phuong-an-hoa', '2026-10-17')).toBe(false);
    expect(isFlaggedR11(undecided, 'phuong-an-hoa', '2026-10-18')).toBe(true);
    expect(isFlaggedR11(excused, 'phuong-an-hoa', '2026-10-31')).toBe(false);
    expect(isFlaggedR11([june({ attendance: 'absent' })], 'phuong-an-hoa', '2026-10-31')).toBe(false);
  });

  it('needs a reason to change the pre-set criticism', () => {
    expect(() => assertR11Proposal(true, 'none', undefined)).toThrowError(
      expect.objectContaining({ rule: 'R11' }),
    );
    expect(() => assertR11Proposal(true, 'none', '  ')).toThrowError(
      expect.objectContaining({ rule: 'R11' }),
    );
    expect(() => assertR11Proposal(true, 'none', 'Ốm dài ngày, có giấy viện')).not.toThrow();
    expect(() => assertR11Proposal(false, 'commend', undefined)).not.toThrow();
  });
});

describe('Function: isIntroducedButExempt (qd213-2020, 33-HD/BTCTW)', () => {
  const exemption = [{ from: '2026-03-01', until: '2027-02-28', category: 'long_course' as const }];
  const barracks = [{ from: '2026-01-01', category: 'armed_forces_barracks' as const }];
  it('treats as exempt only a member under an exemption in force naming one of the guidance’s cases, under qd213 only', () => {
    // Being in the armed forces or a student is not enough by itself (33-HD/BTCTW item 1.1).
    expect(isIntroducedButExempt('qd213-2020', 'armed_forces', [], '2026-10-31')).toBe(false);
    expect(isIntroducedButExempt('qd213-2020', 'student', [], '2026-10-31')).toBe(false);
    expect(isIntroducedButExempt('qd213-2020', 'armed_forces', barracks, '2026-10-31')).toBe(true);
    expect(isIntroducedButExempt('qd213-2020', 'regular', exemption, '2026-10-31')).toBe(true);
    expect(isIntroducedButExempt('qd213-2020', 'regular', exemption, '2026-02-01')).toBe(false);
    // An exemption without a case (recorded under the seed's rules) does not make the member exempt here.
    expect(isIntroducedButExempt('qd213-2020', 'regular', [{ from: '2026-01-01' }], '2026-10-31')).toBe(
      false,
    );
    expect(isIntroducedButExempt('qd213-2020', 'travelling', [], '2026-10-31')).toBe(false);
    expect(isIntroducedButExempt('hd02-2011', 'armed_forces', exemption, '2026-10-31')).toBe(false);
  });

  it('owes no routine evaluation to exempt members under qd213 until one is requested, and every one under hd02', () => {
    expect(isEvaluationOwed('qd213-2020', true, false)).toBe(false);
    expect(isEvaluationOwed('qd213-2020', true, true)).toBe(true);
    expect(isEvaluationOwed('qd213-2020', false, false)).toBe(true);
    expect(isEvaluationOwed('hd02-2011', true, false)).toBe(true);
  });

  it('judges travelling by category or by a travel notice in force (R3)', () => {
    const notice = [{ from: '2026-09-01', until: '2026-12-31' }];
    expect(isTravellingOn('regular', notice, '2026-10-31')).toBe(true);
    expect(isTravellingOn('regular', notice, '2026-08-31')).toBe(false);
    expect(isTravellingOn('travelling', [], '2026-08-31')).toBe(true);
  });
});

describe('Function: referenceDate and isIntroductionInYear', () => {
  it('clamps the day a situation is judged on to the year', () => {
    expect(referenceDate(2026, '2026-10-31')).toBe('2026-10-31');
    expect(referenceDate(2026, '2027-01-15')).toBe('2026-12-31');
    expect(referenceDate(2026, '2025-12-01')).toBe('2026-01-01');
  });

  it('keeps introductions current in the year, drops those ended before it or issued after it', () => {
    expect(isIntroductionInYear({ issuedOn: '2024-01-01', status: 'received' }, 2026)).toBe(true);
    expect(isIntroductionInYear({ issuedOn: '2027-01-02', status: 'issued' }, 2026)).toBe(false);
    const ended = (endedOn: string) =>
      ({ issuedOn: '2020-01-01', status: 'ended', end: { endedOn, reason: 'moved', endedBy: 's' } }) as const;
    expect(isIntroductionInYear(ended('2026-01-01'), 2026)).toBe(true);
    expect(isIntroductionInYear(ended('2025-12-31'), 2026)).toBe(false);
  });
});

describe('Function: evaluationQuestions (both rule sets)', () => {
  it('asks the 4 duties with a mark and a comment each, then the proposal (hd02-2011)', () => {
    // Act
    const q = evaluationQuestions('hd02-2011', 'hd02-4duties');

    // Assess
    expect(q.questions.map((x) => x.key)).toEqual([
      'd1.mark',
      'd1.comment',
      'd2.mark',
      'd2.comment',
      'd3.mark',
      'd3.comment',
      'd4.mark',
      'd4.comment',
      'proposal',
    ]);
    expect(q.questions[0]?.options.map((o) => o.vi)).toEqual(['Tốt', 'Chưa tốt']);
    expect(q.questions[2]?.vi).toContain('Tích cực tham gia sinh hoạt');
    expect(q.questions.at(-1)?.options.map((o) => o.vi)).toEqual([
      'Biểu dương',
      'Không đề nghị',
      'Góp ý, phê bình',
    ]);
  });

  it('asks five criteria of three levels, the proposal and other comments (qd213 full), two criteria in the short form', () => {
    const full = evaluationQuestions('qd213-2020', 'qd213-full');
    const short = evaluationQuestions('qd213-2020', 'qd213-short');
    expect(full.questions.map((x) => x.key)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'proposal',
      'otherComments',
    ]);
    expect(full.questions[2]?.options.map((o) => o.vi)).toEqual([
      'Tham gia đầy đủ',
      'Chưa đầy đủ',
      'Không tham gia',
    ]);
    expect(full.questions[5]?.options.map((o) => o.vi)).toEqual([
      'Biểu dương',
      'Không đề nghị',
      'Xem xét xử lý',
    ]);
    expect(short.questions.map((x) => x.key)).toEqual(['c1', 'c2', 'proposal', 'otherComments']);
    // Every button's value fits a callback (≤ 64 bytes with the key).
    for (const question of [...full.questions, ...short.questions]) {
      for (const option of question.options)
        expect(`${question.key}:${option.value}`.length).toBeLessThan(64);
    }
  });

  it('turns answers back into a form and the form into answers and levels', () => {
    // Prepare
    const answers = { c1: 1, c2: '3', proposal: 'criticise', otherComments: '  Cần cố gắng hơn  ' };

    // Act
    const form = formFromAnswers('qd213-short', answers);

    // Assess
    expect(form).toEqual({
      kind: 'qd213-short',
      criteria: { c1: 1, c2: 3 },
      proposal: 'criticise',
      otherComments: 'Cần cố gắng hơn',
    });
    expect(answersOf(form)).toMatchObject({ c1: 1, c2: 3, proposal: 'criticise' });
    expect(levelsOf(form)).toEqual({ c1: '1', c2: '3' });
    expect(() => formFromAnswers('qd213-short', { ...answers, c2: 4 })).toThrowError(ValidationError);
    expect(() => formFromAnswers('hd02-4duties', { 'd1.mark': 'good' })).toThrowError(ValidationError);
  });
});

describe('Function: sumReportBodies / sameReportBody (R22)', () => {
  it('sums the added counters and compares bodies whatever their key order', () => {
    // Prepare
    const a = emptyReportBody();
    a.members.ended = 2;
    a.evaluations.drafts = 3;
    a.members.byCategory = { student: 1, regular: 2 };
    const b = emptyReportBody();
    b.members.ended = 1;
    b.members.byCategory = { regular: 2, student: 1 };

    // Act
    const total = sumReportBodies([a, b]);

    // Assess
    expect(total.members.ended).toBe(3);
    expect(total.evaluations.drafts).toBe(3);
    expect(
      sameReportBody({ ...a, members: { ...a.members, byCategory: { regular: 2, student: 1 } } }, a),
    ).toBe(true);
    expect(sameReportBody(a, b)).toBe(false);
  });
});

describe('Function: isFlaggedR11 with an exemption (R4, R11)', () => {
  it('does not flag a member exempt when a meeting was held', () => {
    const both = [june({ attendance: 'absent' }), october({ attendance: 'absent' })];
    expect(isFlaggedR11(both, 'phuong-an-hoa', '2026-10-31', [{ from: '2026-09-01' }])).toBe(false);
    expect(
      isFlaggedR11(both, 'phuong-an-hoa', '2026-10-31', [{ from: '2026-01-01', until: '2026-05-31' }]),
    ).toBe(true);
  });
});
