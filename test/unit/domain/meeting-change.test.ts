// Unit: the pure rules of a meeting that changes (issue 16, item 8) — what may move or be called off, what a move
// does to the invitations (answers kept, asked again for a new day), and what a cancelled meeting counts for.
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../shared/domain/errors.js';
import { type Invitation, invitationLetter } from '../../../shared/domain/invitation.js';
import {
  assertMayChange,
  cancelledMeeting,
  invitationAfterMove,
  movedMeeting,
} from '../../../shared/domain/meeting-change.js';
import { dueReminder, getsReminder } from '../../../shared/domain/reminders.js';
import { applyAnswer, assertMayAnswer } from '../../../shared/domain/rsvp.js';
import { isFlaggedR11 } from '../../../shared/domain/year-end.js';
import { aMeeting, anInvitation } from '../../support/builders.js';

const NOW = new Date('2026-06-10T08:00:00+07:00');
const TODAY = '2026-06-10';
const meeting = aMeeting({
  id: 'phuong-an-hoa.2026.06',
  date: '2026-06-20',
  time: '08:00',
  place: 'Hội trường',
});
const invitation = (overrides: Partial<Invitation> = {}) =>
  anInvitation({ meetingId: meeting.id, memberId: 'm1', meetingDate: '2026-06-20', ...overrides });

describe('Function: movedMeeting', () => {
  it('moves the date, keeps what was before, and says the day changed', () => {
    // Act
    const moved = movedMeeting(meeting, { date: '2026-06-27' }, 'chair-1', TODAY, NOW);

    // Assess
    expect(moved?.dateChanged).toBe(true);
    expect(moved?.meeting).toMatchObject({
      date: '2026-06-27',
      time: '08:00',
      version: meeting.version + 1,
      rescheduled: { by: 'chair-1', previous: { date: '2026-06-20', time: '08:00', place: 'Hội trường' } },
    });
  });

  it('is undefined when nothing changes, and refuses a past day or an empty place', () => {
    // Act
    const same = movedMeeting(meeting, { time: '08:00', place: ' Hội trường ' }, 'chair-1', TODAY, NOW);
    const past = () => movedMeeting(meeting, { date: '2026-06-01' }, 'chair-1', TODAY, NOW);
    const empty = () => movedMeeting(meeting, { place: '   ' }, 'chair-1', TODAY, NOW);

    // Assess
    expect(same).toBeUndefined();
    expect(past).toThrow(ValidationError);
    expect(empty).toThrow(ValidationError);
  });
});

describe('Function: assertMayChange and cancelledMeeting', () => {
  it('refuses a held, a cancelled or a started meeting', () => {
    // Act
    const codes = [
      { ...meeting, status: 'held' as const },
      { ...meeting, status: 'cancelled' as const },
      { ...meeting, date: '2026-06-10', time: '07:00' },
    ].map((m) => {
      try {
        assertMayChange(m, NOW);
        return 'ok';
      } catch (error) {
        return error instanceof ConflictError ? error.code : 'other';
      }
    });

    // Assess
    expect(codes).toEqual(['meeting_held', 'meeting_cancelled', 'meeting_started']);
  });

  it('cancels once with the reason; a cancelled meeting takes no answers and no reminders', () => {
    // Act
    const cancelled = cancelledMeeting(meeting, '  Trùng lịch  ', 'chair-1', NOW);
    const again = cancelled && cancelledMeeting(cancelled, 'Khác', 'chair-1', NOW);

    // Assess
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'Trùng lịch', by: 'chair-1' },
    });
    expect(again).toBeUndefined();
    expect(() => cancelled && assertMayAnswer(cancelled, NOW)).toThrow(ConflictError);
    expect(cancelled && dueReminder(cancelled, new Date('2026-06-17T08:00:00+07:00'))).toBeUndefined();
    expect(() => cancelledMeeting(meeting, ' ', 'chair-1', NOW)).toThrow(ValidationError);
  });
});

describe('Function: invitationAfterMove and the answer confirmed again', () => {
  it('carries the new day and asks an answered member to confirm again; an unanswered one is only re-dated', () => {
    // Act
    const answered = invitationAfterMove(invitation({ rsvp: 'attending' }), {
      ...meeting,
      date: '2026-06-27',
    });
    const silent = invitationAfterMove(invitation(), { ...meeting, date: '2026-06-27' });
    const sameDay = invitationAfterMove(invitation({ rsvp: 'attending' }), {
      ...meeting,
      date: '2026-06-20',
    });

    // Assess
    expect(answered).toMatchObject({ meetingDate: '2026-06-27', rsvp: 'attending', reconfirm: true });
    expect(silent?.reconfirm).toBeUndefined();
    expect(silent?.meetingDate).toBe('2026-06-27');
    expect(sameDay).toBeUndefined();
  });

  it('brings the letter copied on the invitation up to the moved meeting (issue 19), asking no confirmation for a new time', () => {
    // Prepare
    const copied = invitation({
      rsvp: 'attending',
      letter: invitationLetter(meeting, 'Đảng ủy phường An Hòa'),
    });
    const later = {
      ...meeting,
      time: '14:30',
      rescheduled: { by: 'chair-1', at: NOW.toISOString(), previous: meeting },
    };

    // Act
    const moved = invitationAfterMove(copied, later);
    const again = moved && invitationAfterMove(moved, later);

    // Assess
    expect(moved?.letter).toEqual({ ...copied.letter, time: '14:30', rescheduledAt: NOW.toISOString() });
    expect(moved?.reconfirm).toBeUndefined();
    expect(moved?.version).toBe(copied.version + 1);
    expect(again).toBeUndefined();
  });

  it('takes the same answer as the confirmation, keeping the reason and its decision', () => {
    // Prepare
    const toConfirm = invitation({
      rsvp: 'absent',
      reconfirm: true,
      absence: { category: 'work', submittedAt: '2026-06-01T00:00:00Z', confirmation: 'confirmed' },
    });

    // Act
    const confirmed = applyAnswer(toConfirm, { kind: 'absent', category: 'work' }, NOW);
    const repeated = confirmed && applyAnswer(confirmed, { kind: 'absent', category: 'work' }, NOW);

    // Assess
    expect(confirmed?.reconfirm).toBeUndefined();
    expect(confirmed?.absence?.confirmation).toBe('confirmed');
    expect(repeated).toBeUndefined();
    expect(getsReminder('three_days', toConfirm)).toBe(true);
    expect(getsReminder('three_days', invitation({ rsvp: 'attending' }))).toBe(false);
  });

  it('keeps who entered an answer for the member and how; the member’s own answer replaces it', () => {
    // Act
    const onBehalf = applyAnswer(invitation(), { kind: 'attending' }, NOW, {
      staffId: 'chair-1',
      via: 'phone',
      at: NOW.toISOString(),
    });
    const own = onBehalf && applyAnswer(onBehalf, { kind: 'attending' }, NOW);

    // Assess
    expect(onBehalf?.onBehalf).toEqual({ staffId: 'chair-1', via: 'phone', at: NOW.toISOString() });
    expect(own?.onBehalf).toBeUndefined();
    expect(own?.rsvp).toBe('attending');
  });
});

describe('Function: isFlaggedR11 with a cancelled meeting', () => {
  it('does not count the invitations of a meeting called off', () => {
    // Prepare
    const june = invitation({ meetingId: 'w.2026.06', meetingDate: '2026-06-20', residenceOrgId: 'w' });
    const october = invitation({ meetingId: 'w.2026.10', meetingDate: '2026-10-10', residenceOrgId: 'w' });

    // Act
    const bothMissed = isFlaggedR11([june, october], 'w', '2026-10-30');
    const oneCancelled = isFlaggedR11([june, { ...october, meetingCancelled: true }], 'w', '2026-10-30');

    // Assess
    expect(bothMissed).toBe(true);
    expect(oneCancelled).toBe(false);
  });
});
