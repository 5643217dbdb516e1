import { describe, expect, it } from 'vitest';
import { RuleViolationError } from '../../../shared/domain/errors.js';
import { assertMayIntroduce, contactPathFor } from '../../../shared/domain/introduction.js';
import { isPlaceOfResidence, type Residence } from '../../../shared/domain/member.js';

const temporary = (from: string, until: string): Residence => ({
  kind: 'temporary',
  address: 'Khu vực 3, phường An Hòa',
  registeredFrom: from,
  registeredUntil: until,
});

describe('Function: isPlaceOfResidence (R2)', () => {
  it('accepts a permanent registration (hộ khẩu thường trú)', () => {
    expect(
      isPlaceOfResidence({ kind: 'permanent', address: 'x', registeredFrom: '2010-01-01' }, '2026-06-01'),
    ).toEqual({
      ok: true,
    });
  });

  it('accepts a temporary registration of exactly one year', () => {
    expect(isPlaceOfResidence(temporary('2026-01-15', '2027-01-15'), '2026-03-01')).toEqual({ ok: true });
  });

  it('refuses a temporary registration one day short of a year', () => {
    expect(isPlaceOfResidence(temporary('2026-01-15', '2027-01-14'), '2026-03-01')).toEqual({
      ok: false,
      reason: 'temporary_too_short',
    });
  });

  it('counts a year from 29 February to 28 February of the next year', () => {
    expect(isPlaceOfResidence(temporary('2024-02-29', '2025-02-28'), '2024-06-01')).toEqual({ ok: true });
  });

  it('refuses an expired temporary registration and one that has not started', () => {
    expect(isPlaceOfResidence(temporary('2024-01-01', '2025-06-30'), '2025-07-01')).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(isPlaceOfResidence(temporary('2026-09-01', '2028-01-01'), '2026-08-31')).toEqual({
      ok: false,
      reason: 'not_yet_registered',
    });
  });

  it('accepts a permanent registration given without any date: only tạm trú has a period (R2)', () => {
    // Prepare
    const permanent: Residence = { kind: 'permanent', address: 'Khu vực 3, phường An Hòa' };

    // Act
    const verdict = isPlaceOfResidence(permanent, '2026-06-01');

    // Assess
    expect(verdict).toEqual({ ok: true });
  });

  it('refuses a temporary registration without its start date (R2)', () => {
    // Prepare
    const noStart: Residence = { kind: 'temporary', address: 'x', registeredUntil: '2028-01-01' };

    // Act
    const verdict = isPlaceOfResidence(noStart, '2026-06-01');

    // Assess
    expect(verdict).toEqual({ ok: false, reason: 'temporary_missing_start' });
  });

  it('refuses a temporary registration without an end date', () => {
    expect(
      isPlaceOfResidence({ kind: 'temporary', address: 'x', registeredFrom: '2026-01-01' }, '2026-02-01'),
    ).toEqual({ ok: false, reason: 'temporary_missing_end' });
  });
});

describe('Function: assertMayIntroduce (R1, R2, R6)', () => {
  const permanent: Residence = { kind: 'permanent', address: 'x', registeredFrom: '2000-01-01' };

  it('lets a workplace introduce a regular member to a residence committee', () => {
    expect(() =>
      assertMayIntroduce(
        { category: 'regular', residence: permanent },
        { kind: 'workplace' },
        { kind: 'residence' },
        '2026-05-01',
      ),
    ).not.toThrow();
  });

  it('names R6 when a student is introduced by anyone but a school', () => {
    // Act
    const act = () =>
      assertMayIntroduce(
        { category: 'student', residence: permanent },
        { kind: 'workplace' },
        { kind: 'residence' },
        '2026-05-01',
      );

    // Assess
    expect(act).toThrowError(RuleViolationError);
    expect(act).toThrowError(expect.objectContaining({ rule: 'R6' }));
  });

  it('names R1 when the target is not a residence committee, and R2 for a short registration', () => {
    expect(() =>
      assertMayIntroduce(
        { category: 'regular', residence: permanent },
        { kind: 'workplace' },
        { kind: 'hamlet_cell' },
        '2026-05-01',
      ),
    ).toThrowError(expect.objectContaining({ rule: 'R1' }));
    expect(() =>
      assertMayIntroduce(
        { category: 'regular', residence: temporary('2026-01-01', '2026-12-01') },
        { kind: 'workplace' },
        { kind: 'residence' },
        '2026-05-01',
      ),
    ).toThrowError(expect.objectContaining({ rule: 'R2' }));
  });

  it('gives armed-forces members the direct contact path (R20)', () => {
    expect(contactPathFor({ category: 'armed_forces' })).toBe('direct');
    expect(contactPathFor({ category: 'travelling' })).toBe('standard');
  });
});
