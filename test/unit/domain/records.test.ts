import { describe, expect, it } from 'vitest';
import { maySeeContactBook } from '../../../shared/domain/access.js';
import { addYears, formatVietnameseLongDate, localDateTime } from '../../../shared/domain/dates.js';
import { ConflictError, RuleViolationError } from '../../../shared/domain/errors.js';
import {
  assertMaySubmit,
  formKindFor,
  type Hd02Form,
  presetProposal,
} from '../../../shared/domain/evaluation.js';
import {
  assertEditable,
  assertMaySign,
  emptyMinutes,
  type Minutes,
  sealHash,
  verifySeal,
} from '../../../shared/domain/minutes.js';
import { emptyReportBody, sumReportBodies } from '../../../shared/domain/report.js';

const duty = { mark: 'good' as const, comment: 'Tốt' };
const hd02 = (proposal: Hd02Form['proposal']): Hd02Form => ({
  kind: 'hd02-4duties',
  duties: { d1: duty, d2: duty, d3: duty, d4: duty },
  proposal,
});

describe('Function: assertMaySubmit (R11, R17, R18)', () => {
  it('blocks a student evaluation until the hamlet heads were consulted (R18)', () => {
    const evaluation = { ruleSet: 'hd02-2011' as const, form: hd02('none'), flaggedR11: false };
    expect(() => assertMaySubmit(evaluation, 'student')).toThrowError(
      expect.objectContaining({ rule: 'R18' }),
    );
    expect(() =>
      assertMaySubmit(
        {
          ...evaluation,
          studentConsultation: {
            hamletHeadName: 'Trần Văn Ấp',
            hamletHeadOpinion: 'Chấp hành tốt',
            policeHeadName: 'Lê Công An',
            policeHeadOpinion: 'Không vi phạm',
            consultedOn: '2026-10-20',
            recordedBy: 's1',
          },
        },
        'student',
      ),
    ).not.toThrow();
  });

  it('pre-sets criticism for R11 and needs a reason to change it', () => {
    expect(presetProposal(true)).toBe('criticise');
    expect(() =>
      assertMaySubmit({ ruleSet: 'hd02-2011', form: hd02('none'), flaggedR11: true }, 'regular'),
    ).toThrowError(expect.objectContaining({ rule: 'R11' }));
    expect(() =>
      assertMaySubmit(
        {
          ruleSet: 'hd02-2011',
          form: hd02('none'),
          flaggedR11: true,
          proposalChangeReason: 'Ốm dài ngày, có giấy',
        },
        'regular',
      ),
    ).not.toThrow();
  });

  it('refuses a form of the other rule set', () => {
    expect(() =>
      assertMaySubmit({ ruleSet: 'qd213-2020', form: hd02('none'), flaggedR11: false }, 'regular'),
    ).toThrowError(RuleViolationError);
    expect(formKindFor('qd213-2020', true)).toBe('qd213-short');
    expect(formKindFor('qd213-2020', false)).toBe('qd213-full');
    expect(formKindFor('hd02-2011', true)).toBe('hd02-4duties');
  });
});

describe('Function: sealHash / verifySeal (R16)', () => {
  const signed = (): Minutes => ({
    ...emptyMinutes('p.2026.06'),
    parts: { opening: 'Tuyên bố lý do', conclusion: 'Kết luận' },
    signatures: {
      chair: { staffId: 'chair-1', name: 'Chủ trì', signedAt: '2026-06-20T03:00:00.000Z' },
      secretary: { staffId: 'sec-1', name: 'Thư ký', signedAt: '2026-06-20T03:01:00.000Z' },
    },
  });

  it('verifies a sealed record and fails when any part was changed afterwards', () => {
    // Prepare
    const minutes = signed();
    minutes.seal = { algorithm: 'sha256', hash: sealHash(minutes), sealedAt: '2026-06-20T03:02:00.000Z' };

    // Act
    const tampered: Minutes = { ...minutes, parts: { ...minutes.parts, conclusion: 'Kết luận khác' } };

    // Assess
    expect(verifySeal(minutes)).toBe(true);
    expect(verifySeal(tampered)).toBe(false);
    expect(() => assertEditable(minutes)).toThrowError(ConflictError);
  });

  it('hashes the same content the same way whatever the key order', () => {
    const a = signed();
    const b: Minutes = { ...a, parts: { conclusion: 'Kết luận', opening: 'Tuyên bố lý do' } };
    expect(sealHash(a)).toBe(sealHash(b));
  });

  it('refuses the same person signing as chair and secretary', () => {
    const minutes: Minutes = {
      ...emptyMinutes('p.2026.06'),
      signatures: { chair: { staffId: 's1', name: 'A', signedAt: 'x' } },
    };
    expect(() => assertMaySign(minutes, 'secretary', 's1')).toThrowError(
      expect.objectContaining({ rule: 'R15' }),
    );
    expect(() => assertMaySign(minutes, 'secretary', 's2')).not.toThrow();
  });
});

describe('Function: maySeeContactBook', () => {
  const member = { id: 'm1', workplaceOrgId: 'work-a' };
  const intros = [{ residenceOrgId: 'ward-1', workplaceOrgId: 'work-a' }];

  it('shows the book to the member, their workplace staff and the residence staff introduced to; nobody else', () => {
    expect(maySeeContactBook({ sub: 'm1', orgId: 'work-a', role: 'member' }, member, intros)).toBe(true);
    expect(maySeeContactBook({ sub: 'm2', orgId: 'work-a', role: 'member' }, member, intros)).toBe(false);
    expect(maySeeContactBook({ sub: 's', orgId: 'work-a', role: 'workplace_staff' }, member, intros)).toBe(
      true,
    );
    expect(maySeeContactBook({ sub: 's', orgId: 'work-b', role: 'workplace_staff' }, member, intros)).toBe(
      false,
    );
    expect(maySeeContactBook({ sub: 's', orgId: 'ward-1', role: 'chair' }, member, intros)).toBe(true);
    expect(maySeeContactBook({ sub: 's', orgId: 'ward-2', role: 'residence_staff' }, member, intros)).toBe(
      false,
    );
    expect(maySeeContactBook({ sub: 's', orgId: 'ward-1', role: 'viewer' }, member, intros)).toBe(false);
  });
});

describe('Function: sumReportBodies (R22)', () => {
  it('adds the children up, meetings per round', () => {
    const a = emptyReportBody();
    a.members.introduced = 3;
    a.members.byCategory = { student: 1, regular: 2 };
    a.meetings = [
      {
        round: 'june',
        meetingId: 'a.2026.06',
        invited: 3,
        present: 2,
        absentConfirmed: 1,
        absentUnconfirmed: 0,
        noReply: 0,
      },
    ];
    a.bothMeetingsMissed = ['m9'];
    const b = emptyReportBody();
    b.members.introduced = 2;
    b.members.byCategory = { regular: 2 };
    b.meetings = [
      {
        round: 'june',
        meetingId: 'b.2026.06',
        invited: 2,
        present: 1,
        absentConfirmed: 0,
        absentUnconfirmed: 0,
        noReply: 1,
      },
    ];

    const total = sumReportBodies([a, b]);

    expect(total.members.introduced).toBe(5);
    expect(total.members.byCategory).toEqual({ student: 1, regular: 4 });
    expect(total.meetings).toHaveLength(1);
    expect(total.meetings[0]).toMatchObject({
      round: 'june',
      invited: 5,
      present: 3,
      absentConfirmed: 1,
      noReply: 1,
    });
    expect(total.bothMeetingsMissed).toEqual(['m9']);
  });
});

describe('Module: dates', () => {
  it('reads instants on the Vietnamese wall clock and writes Vietnamese dates', () => {
    expect(localDateTime(new Date('2026-10-31T17:30:00Z'))).toEqual({ date: '2026-11-01', time: '00:30' });
    expect(formatVietnameseLongDate('2011-08-04')).toBe('ngày 04 tháng 08 năm 2011');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
