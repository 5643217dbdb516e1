// Unit: the pure rules of answering an invitation, deciding a reason (R9), linking, reminders and planning (R8).
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, RuleViolationError } from '../../../shared/domain/errors.js';
import type { Invitation } from '../../../shared/domain/invitation.js';
import {
  linkCodeExpiresAt,
  mayIssueMemberLinkCode,
  mayIssueStaffLinkCode,
} from '../../../shared/domain/linking.js';
import { meetingPlanWarnings } from '../../../shared/domain/meeting-plan.js';
import { daysUntil, dueReminder, getsReminder, tallyRsvps } from '../../../shared/domain/reminders.js';
import {
  absenceTextProblem,
  applyAnswer,
  assertMayAnswer,
  assertMayAnswerOnBehalf,
  assertMayDecide,
  decideAbsence,
  withAbsenceText,
} from '../../../shared/domain/rsvp.js';
import { aMeeting, anInvitation } from '../../support/builders.js';

const NOW = new Date('2026-06-10T08:00:00+07:00');
const invitation = (overrides: Partial<Invitation> = {}) =>
  anInvitation({ meetingId: 'phuong-an-hoa.2026.06', memberId: 'm1', ...overrides });

describe('Function: applyAnswer', () => {
  it('records attending and drops an earlier absence reason', () => {
    // Prepare
    const absent = invitation({
      rsvp: 'absent',
      absence: { category: 'work', submittedAt: 'x', confirmation: 'confirmed' },
      version: 3,
    });

    // Act
    const next = applyAnswer(absent, { kind: 'attending' }, NOW);

    // Assess
    expect(next).toMatchObject({ rsvp: 'attending', rsvpAt: NOW.toISOString(), version: 4 });
    expect(next?.absence).toBeUndefined();
  });

  it('starts a new pending reason for a new category, and changes nothing for the same answer', () => {
    // Prepare
    const confirmed = invitation({
      rsvp: 'absent',
      absence: { category: 'work', submittedAt: 'x', confirmation: 'confirmed' },
    });

    // Act
    const changed = applyAnswer(confirmed, { kind: 'absent', category: 'illness' }, NOW);
    const same = applyAnswer(confirmed, { kind: 'absent', category: 'work' }, NOW);
    const again = applyAnswer(invitation({ rsvp: 'attending' }), { kind: 'attending' }, NOW);

    // Assess
    expect(changed?.absence).toEqual({
      category: 'illness',
      submittedAt: NOW.toISOString(),
      confirmation: 'pending',
    });
    expect(same).toBeUndefined();
    expect(again).toBeUndefined();
  });
});

describe('Function: assertMayAnswer', () => {
  it('allows answers until the meeting starts (Vietnam time) and refuses them from then on', () => {
    // Prepare
    const meeting = aMeeting({ id: 'x', date: '2026-06-20', time: '08:00' });

    // Act
    const before = () => assertMayAnswer(meeting, new Date('2026-06-20T00:59:59Z'));
    const at = () => assertMayAnswer(meeting, new Date('2026-06-20T01:00:00Z'));

    // Assess
    expect(before).not.toThrow();
    expect(at).toThrow(ConflictError);
    expect(at).toThrow(/đã bắt đầu/);
  });
});

describe('Function: assertMayAnswerOnBehalf (R9: a reason reported late)', () => {
  const meeting = aMeeting({ id: 'x', date: '2026-06-20', time: '08:00' });
  const started = new Date('2026-06-20T03:00:00Z');
  const absent = { kind: 'absent', category: 'illness' } as const;
  const code = (act: () => void) => {
    try {
      act();
      return 'allowed';
    } catch (error) {
      return (error as ConflictError).code;
    }
  };

  it('takes any answer before the start, and after it only an absentee’s reason until the minutes are signed', () => {
    // Act
    const outcomes = {
      beforeAttending: code(() =>
        assertMayAnswerOnBehalf(meeting, NOW, { kind: 'attending' }, invitation(), false),
      ),
      lateReason: code(() => assertMayAnswerOnBehalf(meeting, started, absent, invitation(), false)),
      lateAttending: code(() =>
        assertMayAnswerOnBehalf(meeting, started, { kind: 'attending' }, invitation(), false),
      ),
      afterSigning: code(() => assertMayAnswerOnBehalf(meeting, started, absent, invitation(), true)),
      recordedPresent: code(() =>
        assertMayAnswerOnBehalf(meeting, started, absent, invitation({ attendance: 'present' }), false),
      ),
      cancelled: code(() =>
        assertMayAnswerOnBehalf({ ...meeting, status: 'cancelled' }, started, absent, invitation(), false),
      ),
    };

    // Assess
    expect(outcomes).toEqual({
      beforeAttending: 'allowed',
      lateReason: 'allowed',
      lateAttending: 'meeting_started',
      afterSigning: 'minutes_signed',
      recordedPresent: 'recorded_present',
      cancelled: 'meeting_cancelled',
    });
  });
});

describe('Function: absence text (R9)', () => {
  it('accepts 500 characters (counted as characters, not UTF-16 units) and refuses 501 or blank text', () => {
    // Prepare
    const fiveHundred = 'ố'.repeat(500);
    const emoji = '😷'.repeat(500);

    // Act / Assess
    expect(absenceTextProblem(fiveHundred)).toBeUndefined();
    expect(absenceTextProblem(emoji)).toBeUndefined();
    expect(absenceTextProblem(`${fiveHundred}a`)).toBe('too_long');
    expect(absenceTextProblem('   ')).toBe('empty');
  });

  it('completes the reason with a trimmed NFC text, or without one, and refuses when there is no absence', () => {
    // Prepare
    const absent = invitation({
      rsvp: 'absent',
      absence: { category: 'family', submittedAt: 'x', confirmation: 'rejected' },
    });

    // Act
    const withText = withAbsenceText(absent, '  Con ốm \u0301 ', NOW);
    const withoutText = withAbsenceText(absent, undefined, NOW);

    // Assess
    expect(withText.absence).toMatchObject({
      category: 'family',
      text: 'Con ốm \u0301'.normalize('NFC'),
      confirmation: 'pending',
    });
    expect(withoutText.absence?.text).toBeUndefined();
    expect(() => withAbsenceText(invitation(), 'x', NOW)).toThrow(ConflictError);
    expect(() => withAbsenceText(absent, 'x'.repeat(501), NOW)).toThrow(RuleViolationError);
  });
});

describe('Function: assertMayDecide / decideAbsence (R9)', () => {
  const pending = invitation({
    workplaceOrgId: 'so-y-te',
    rsvp: 'absent',
    absence: { category: 'work', submittedAt: 'x', confirmation: 'pending' },
  });

  it("lets only the member's own workplace staff decide, once", () => {
    // Act / Assess
    expect(() =>
      assertMayDecide(pending, { sub: 's', orgId: 'so-y-te', role: 'workplace_staff' }),
    ).not.toThrow();
    expect(() => assertMayDecide(pending, { sub: 's', orgId: 'other', role: 'workplace_staff' })).toThrow(
      ForbiddenError,
    );
    expect(() => assertMayDecide(pending, { sub: 's', orgId: 'so-y-te', role: 'chair' })).toThrow(
      ForbiddenError,
    );
    const decided = decideAbsence(pending, 'confirmed', 's', NOW);
    expect(decided.absence).toMatchObject({
      confirmation: 'confirmed',
      decidedBy: 's',
      decidedAt: NOW.toISOString(),
    });
    expect(() => assertMayDecide(decided, { sub: 's', orgId: 'so-y-te', role: 'workplace_staff' })).toThrow(
      /đã được xác nhận hoặc không xác nhận/,
    );
  });
});

describe('Function: link codes', () => {
  it('expire 72 hours after they are issued', () => {
    // Act / Assess
    expect(linkCodeExpiresAt(new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-04T00:00:00.000Z');
  });

  it("are issued by staff of the member's workplace or active residence committee, and by colleagues for staff", () => {
    // Prepare
    const member = { workplaceOrgId: 'so-y-te' };
    const intros = [
      { residenceOrgId: 'phuong-a', workplaceOrgId: 'so-y-te', status: 'received' as const },
      { residenceOrgId: 'phuong-old', workplaceOrgId: 'so-y-te', status: 'ended' as const },
    ];

    // Act / Assess
    expect(
      mayIssueMemberLinkCode({ sub: 's', orgId: 'so-y-te', role: 'workplace_staff' }, member, intros),
    ).toBe(true);
    expect(mayIssueMemberLinkCode({ sub: 's', orgId: 'phuong-a', role: 'secretary' }, member, intros)).toBe(
      true,
    );
    expect(mayIssueMemberLinkCode({ sub: 's', orgId: 'phuong-old', role: 'chair' }, member, intros)).toBe(
      false,
    );
    expect(mayIssueMemberLinkCode({ sub: 'm', orgId: 'so-y-te', role: 'member' }, member, intros)).toBe(
      false,
    );
  });

  it.each([
    ['the chair, for residence staff', 'chair', 'residence_staff', true],
    ['the chair, for the secretary', 'chair', 'secretary', true],
    ['a workplace colleague', 'workplace_staff', 'workplace_staff', true],
    ['residence staff, for the chair (the impersonation)', 'residence_staff', 'chair', false],
    ['residence staff, for a colleague', 'residence_staff', 'residence_staff', false],
    ['the secretary, for the chair', 'secretary', 'chair', false],
    ['a viewer', 'viewer', 'viewer', false],
  ] as const)("a staff person's link code is issued by %s: %s", (_who, issuer, role, allowed) => {
    // Act + Assess
    expect(mayIssueStaffLinkCode({ sub: 's', orgId: 'o', role: issuer }, { orgId: 'o', role })).toBe(allowed);
  });

  it('never for another committee, even by its chair', () => {
    // Act + Assess
    expect(
      mayIssueStaffLinkCode({ sub: 's', orgId: 'p', role: 'chair' }, { orgId: 'o', role: 'secretary' }),
    ).toBe(false);
  });
});

describe('Function: dueReminder', () => {
  const meeting = aMeeting({ id: 'x', date: '2026-06-20', time: '08:00' });

  it('counts days on the Vietnamese calendar (late evening UTC is already the next day)', () => {
    // Act / Assess
    expect(daysUntil(meeting, new Date('2026-06-16T16:59:00Z'))).toBe(4);
    expect(daysUntil(meeting, new Date('2026-06-16T17:00:00Z'))).toBe(3);
  });

  it('is the three-day reminder 3 and 2 days before, the one-day reminder the day before, nothing otherwise', () => {
    // Act
    const at = (iso: string) => dueReminder(meeting, new Date(iso));

    // Assess
    expect(at('2026-06-16T08:00:00+07:00')).toBeUndefined();
    expect(at('2026-06-17T08:00:00+07:00')).toBe('three_days');
    expect(at('2026-06-18T08:00:00+07:00')).toBe('three_days');
    expect(at('2026-06-19T08:00:00+07:00')).toBe('one_day');
    expect(at('2026-06-20T07:00:00+07:00')).toBeUndefined();
    expect(
      dueReminder({ ...meeting, status: 'held' }, new Date('2026-06-19T08:00:00+07:00')),
    ).toBeUndefined();
  });

  it('goes to those with no answer three days before and to those attending one day before; tallies the answers', () => {
    // Prepare
    const sheet = [
      invitation({ rsvp: 'none' }),
      invitation({ rsvp: 'attending' }),
      invitation({
        rsvp: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'pending' },
      }),
      invitation({
        rsvp: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'confirmed' },
      }),
    ];

    // Act / Assess
    expect(sheet.filter((i) => getsReminder('three_days', i))).toHaveLength(1);
    expect(sheet.filter((i) => getsReminder('one_day', i))).toHaveLength(1);
    expect(tallyRsvps(sheet)).toEqual({
      invited: 4,
      attending: 1,
      absent: 2,
      noAnswer: 1,
      pendingConfirmation: 1,
    });
  });
});

describe('Function: meetingPlanWarnings (R8)', () => {
  it('warns about a weekday, another month, another year and a chair who is not a standing member', () => {
    // Act
    const saturday = meetingPlanWarnings(
      { date: '2026-06-20', round: 'june', year: 2026 },
      { role: 'chair' },
    );
    const wrong = meetingPlanWarnings(
      { date: '2027-07-01', round: 'june', year: 2026 },
      { role: 'residence_staff' },
    );

    // Assess
    expect(saturday).toEqual([]);
    expect(wrong).toEqual(['not_weekend', 'not_in_round_month', 'not_in_year', 'chair_not_standing']);
  });
});
