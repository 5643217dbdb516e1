import { describe, expect, it } from 'vitest';
import { contactBookYears } from '../../../shared/domain/contact-book.js';
import {
  assertDatedWithinIntroduction,
  assertHamletOf,
  wasInForceDuring,
} from '../../../shared/domain/introduction.js';
import { anIntroduction, anInvitation } from '../../support/builders.js';

const none = {
  introductions: [],
  travelNotices: [],
  exemptions: [],
  invitations: [],
  comments: [],
  evaluations: [],
};

describe('Function: contactBookYears', () => {
  it('gives a page to every year an introduction was in force, up to this year', () => {
    // Prepare
    const running = anIntroduction({ id: 'a', memberId: 'm', issuedOn: '2024-11-20' });
    const ended = anIntroduction({
      id: 'b',
      memberId: 'm',
      issuedOn: '2021-02-01',
      status: 'ended',
      end: { endedOn: '2022-06-30', reason: 'moved', endedBy: 's' },
    });

    // Act
    const years = contactBookYears(
      { ...none, introductions: [running, ended] },
      new Date('2026-05-01T00:00:00Z'),
    );

    // Assess
    expect(years.map((y) => [y.year, y.introductions.map((i) => i.id)])).toEqual([
      [2021, ['b']],
      [2022, ['b']],
      [2024, ['a']],
      [2025, ['a']],
      [2026, ['a']],
    ]);
  });

  it('places a comment by its Vietnamese date, and shows no-reply only after the meeting day', () => {
    const comment = {
      id: 'c',
      meetingId: 'x',
      residenceOrgId: 'r',
      memberId: 'm',
      authorName: 'A',
      topic: 't',
      text: 'ý kiến',
      raisedAt: '2025-12-31T18:00:00Z', // 01:00 on 1 January 2026 in Vietnam
    };
    const invitation = anInvitation({ meetingId: 'r.2026.06', memberId: 'm', meetingDate: '2026-06-20' });
    const onTheDay = contactBookYears(
      { ...none, comments: [comment], invitations: [invitation] },
      new Date('2026-06-20T09:00:00Z'),
    );
    const after = contactBookYears({ ...none, invitations: [invitation] }, new Date('2026-06-20T17:30:00Z'));
    expect(onTheDay.map((y) => y.year)).toEqual([2026]);
    expect(onTheDay[0]?.comments).toHaveLength(1);
    expect(onTheDay[0]?.meetings[0]?.state).toBe('invited');
    expect(after[0]?.meetings[0]?.state).toBe('no-reply');
  });

  it('shows an open-ended exemption every year since it began, and a travel notice in the years it covers', () => {
    const years = contactBookYears(
      {
        ...none,
        exemptions: [
          { id: 'e', memberId: 'm', reason: 'r', from: '2024-03-01', confirmedBy: 's', confirmedAt: 'x' },
        ],
        travelNotices: [
          {
            id: 't',
            memberId: 'm',
            reason: 'r',
            from: '2025-12-01',
            until: '2026-02-01',
            recordedBy: 's',
            recordedAt: 'x',
          },
        ],
      },
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(years.map((y) => [y.year, y.exemptions.length, y.travelNotices.length])).toEqual([
      [2024, 1, 0],
      [2025, 1, 1],
      [2026, 1, 1],
    ]);
  });
});

describe('Function: introduction rules used by the routes', () => {
  it('wasInForceDuring: from the year issued to the year ended', () => {
    const i = anIntroduction({
      id: 'a',
      memberId: 'm',
      issuedOn: '2024-12-31',
      end: { endedOn: '2025-01-01', reason: 'moved', endedBy: 's' },
    });
    expect([2023, 2024, 2025, 2026].map((y) => wasInForceDuring(i, y))).toEqual([false, true, true, false]);
  });

  it('R5: a hamlet must be a hamlet cell of the receiving committee', () => {
    expect(() => assertHamletOf({ kind: 'hamlet_cell', parentId: 'r' }, 'r')).not.toThrow();
    expect(() => assertHamletOf({ kind: 'hamlet_cell', parentId: 'r2' }, 'r')).toThrow(
      expect.objectContaining({ rule: 'R5' }),
    );
    expect(() => assertHamletOf({ kind: 'residence', parentId: 'r' }, 'r')).toThrow(
      expect.objectContaining({ rule: 'R5' }),
    );
    expect(() => assertHamletOf(undefined, 'r')).toThrow(expect.objectContaining({ rule: 'R5' }));
  });

  it('R5, R7: dated between the letter and today', () => {
    const i = { issuedOn: '2026-03-02' };
    expect(() => assertDatedWithinIntroduction('R7', i, '2026-03-02', '2026-03-02')).not.toThrow();
    expect(() => assertDatedWithinIntroduction('R7', i, '2026-03-01', '2026-03-02')).toThrow(
      expect.objectContaining({ rule: 'R7' }),
    );
    expect(() => assertDatedWithinIntroduction('R5', i, '2026-03-03', '2026-03-02')).toThrow(
      expect.objectContaining({ rule: 'R5' }),
    );
  });
});
