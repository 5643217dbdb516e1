// Unit: the pure parts of the /hop wizard — rounds and weekend dates offered, typed dates and times read.
import { describe, expect, it } from 'vitest';
import {
  looksLikeTimeOrDate,
  nextStep,
  parseTypedDate,
  parseTypedTime,
  previousStep,
  roundsToOffer,
  weekendChoices,
} from '../../../bot/flows/meeting-wizard.js';

const JUNE_1 = new Date('2026-06-01T08:00:00+07:00');

describe('Function: roundsToOffer', () => {
  it('offers the next two rounds that are neither over nor planned', () => {
    // Act / Assess
    expect(roundsToOffer(JUNE_1, [])).toEqual([
      { year: 2026, round: 'june' },
      { year: 2026, round: 'october' },
    ]);
    expect(roundsToOffer(JUNE_1, [{ year: 2026, round: 'june' }])).toEqual([
      { year: 2026, round: 'october' },
      { year: 2027, round: 'june' },
    ]);
    expect(roundsToOffer(new Date('2026-11-02T08:00:00+07:00'), [])).toEqual([
      { year: 2027, round: 'june' },
      { year: 2027, round: 'october' },
    ]);
    // 30 June late in the evening in Vietnam is still June there.
    expect(roundsToOffer(new Date('2026-06-30T16:00:00Z'), [])[0]).toEqual({ year: 2026, round: 'june' });
  });
});

describe('Function: weekendChoices', () => {
  it("lists the Saturdays and Sundays of the round's month from tomorrow on", () => {
    // Act
    const june = weekendChoices('june', 2026, JUNE_1);
    const lateJune = weekendChoices('june', 2026, new Date('2026-06-27T09:00:00+07:00'));

    // Assess
    expect(june).toEqual([
      '2026-06-06',
      '2026-06-07',
      '2026-06-13',
      '2026-06-14',
      '2026-06-20',
      '2026-06-21',
      '2026-06-27',
      '2026-06-28',
    ]);
    expect(lateJune).toEqual(['2026-06-28']);
  });
});

describe('Function: parseTypedDate / parseTypedTime', () => {
  it('reads dd/mm/yyyy, dd-mm-yyyy and dd/mm (the round’s year); refuses impossible and past dates', () => {
    // Act / Assess
    expect(parseTypedDate('20/06/2026', 2026, JUNE_1)).toBe('2026-06-20');
    expect(parseTypedDate(' 7-6-2026 ', 2026, JUNE_1)).toBe('2026-06-07');
    expect(parseTypedDate('4/10', 2026, JUNE_1)).toBe('2026-10-04');
    expect(parseTypedDate('31/06/2026', 2026, JUNE_1)).toBeUndefined();
    expect(parseTypedDate('31/05/2026', 2026, JUNE_1)).toBeUndefined();
    expect(parseTypedDate('2026-06-20', 2026, JUNE_1)).toBeUndefined();
  });

  it('reads 7:30, 07:30, 7h30 and 19h; refuses 24:00 and 7:60', () => {
    // Act / Assess
    expect(['7:30', '07:30', '7h30', '19h', '19 h 05'].map(parseTypedTime)).toEqual([
      '07:30',
      '07:30',
      '07:30',
      '19:00',
      '19:05',
    ]);
    expect(parseTypedTime('24:00')).toBeUndefined();
    expect(parseTypedTime('7:60')).toBeUndefined();
    expect(parseTypedTime('sáng')).toBeUndefined();
  });

  it('walks the steps in order and stays on the last one', () => {
    // Act / Assess
    expect(nextStep('round')).toBe('date');
    expect(nextStep('agenda')).toBe('confirm');
    expect(nextStep('confirm')).toBe('confirm');
  });

  it('steps back to the step before, and not before the first one', () => {
    // Act / Assess
    expect(previousStep('round')).toBeUndefined();
    expect(previousStep('date')).toBe('round');
    expect(previousStep('place')).toBe('time');
    expect(previousStep('confirm')).toBe('agenda');
  });
});

describe('Function: looksLikeTimeOrDate', () => {
  it('recognises times and dates typed at the place step, and leaves real places alone', () => {
    // Act / Assess
    for (const text of ['19:30', '7h30', '19h', ' 08:00 ', '20/06', '20-6-2026'])
      expect(looksLikeTimeOrDate(text)).toBe(true);
    for (const text of ['Nhà văn hóa khu vực 3', 'Hội trường', 'Số 12 đường 30/4', '123'])
      expect(looksLikeTimeOrDate(text)).toBe(false);
  });
});
