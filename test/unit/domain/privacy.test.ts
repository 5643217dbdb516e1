// unit tests: the keeping times of docs/privacy.md — the day each limit passes, and what an anonymised record keeps.
import { describe, expect, it } from 'vitest';
import {
  ANONYMISED_NAME,
  absenceTextRemovableFrom,
  anonymisedMember,
  isAbsenceTextExpired,
  isDueForAnonymisation,
} from '../../../shared/domain/privacy.js';
import { aMember } from '../../support/builders.js';

const ended = (endedOn: string) => ({ status: 'ended', end: { endedOn } });

describe('Rule: an absence reason’s free text is kept 90 days after the October report', () => {
  it('is removable from 29 January of the next year, not a day earlier', () => {
    // Act
    const from = absenceTextRemovableFrom(2026);

    // Assess
    expect(from).toBe('2027-01-29');
    expect(isAbsenceTextExpired(2026, '2027-01-28')).toBe(false);
    expect(isAbsenceTextExpired(2026, '2027-01-29')).toBe(true);
    expect(isAbsenceTextExpired(2027, '2027-12-31')).toBe(false);
  });
});

describe('Rule: a member is anonymised 2 years after their last contact ended', () => {
  it('counts from the latest end, on the anniversary', () => {
    // Prepare
    const intros = [ended('2024-03-01'), ended('2026-08-15')];

    // Act / Assess
    expect(isDueForAnonymisation({}, intros, '2028-08-14')).toBe(false);
    expect(isDueForAnonymisation({}, intros, '2028-08-15')).toBe(true);
  });

  it('never while an introduction is in force, without any introduction, or a second time', () => {
    // Act / Assess
    expect(isDueForAnonymisation({}, [ended('2020-01-01'), { status: 'received' }], '2030-01-01')).toBe(
      false,
    );
    expect(isDueForAnonymisation({}, [], '2030-01-01')).toBe(false);
    expect(
      isDueForAnonymisation({ anonymisedAt: '2029-01-01T00:00:00Z' }, [ended('2020-01-01')], '2030-01-01'),
    ).toBe(false);
  });

  it('replaces name, phone, address, cell and the exact birth date; keeps the card, category and birth year', () => {
    // Prepare
    const member = aMember({ partyCell: 'Chi bộ 3' });

    // Act
    const out = anonymisedMember(member, '2028-08-15T01:00:00.000Z');

    // Assess
    expect(out).toMatchObject({
      id: member.id,
      partyCardNumber: member.partyCardNumber,
      fullName: ANONYMISED_NAME,
      dateOfBirth: '1985-01-01',
      category: member.category,
      sex: member.sex,
      anonymisedAt: '2028-08-15T01:00:00.000Z',
    });
    expect(out.phone).toBeUndefined();
    expect(out.partyCell).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain(member.residence.address);
    expect(JSON.stringify(out)).not.toContain(member.fullName);
  });
});
