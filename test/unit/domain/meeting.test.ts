import { describe, expect, it } from 'vitest';
import { absenceNoticeGround, groundOfRow } from '../../../shared/domain/attendance.js';
import {
  hasConfirmedReason,
  isAbsentWithoutNotice,
  memberMeetingState,
  missedBothMeetings,
  prefilledAttendance,
} from '../../../shared/domain/invitation.js';
import {
  hasStarted,
  meetingDateWarnings,
  meetingId,
  parseMeetingId,
} from '../../../shared/domain/meeting.js';

describe('Function: meetingDateWarnings (R8)', () => {
  it('has nothing to say about a Saturday in June', () => {
    expect(meetingDateWarnings('2026-06-20', 'june', 2026)).toEqual([]);
  });

  it('accepts a Sunday in October', () => {
    expect(meetingDateWarnings('2026-10-25', 'october', 2026)).toEqual([]);
  });

  it('warns about a Friday in July for the June round', () => {
    expect(meetingDateWarnings('2026-07-03', 'june', 2026)).toEqual(['not_weekend', 'not_in_round_month']);
  });

  it('warns when the date is in another year', () => {
    expect(meetingDateWarnings('2027-10-23', 'october', 2026)).toEqual(['not_in_year']);
  });
});

describe('Function: meetingId', () => {
  it('round-trips the committee, year and round, even when the committee id has dashes', () => {
    const id = meetingId('phuong-an-hoa', 2026, 'october');
    expect(id).toBe('phuong-an-hoa.2026.10');
    expect(parseMeetingId(id)).toEqual({ residenceOrgId: 'phuong-an-hoa', year: 2026, round: 'october' });
    expect(parseMeetingId('nonsense')).toBeUndefined();
  });
});

describe('Function: hasStarted', () => {
  it('compares against the wall clock in Vietnam (UTC+7)', () => {
    const meeting = { date: '2026-06-20', time: '08:00' };
    expect(hasStarted(meeting, new Date('2026-06-20T00:59:59Z'))).toBe(false);
    expect(hasStarted(meeting, new Date('2026-06-20T01:00:00Z'))).toBe(true);
  });
});

describe('Function: memberMeetingState', () => {
  it('walks invited → no-reply, and the absence states by the workplace decision', () => {
    const base = { rsvp: 'none' as const, attendance: 'unrecorded' as const };
    expect(memberMeetingState(base, false)).toBe('invited');
    expect(memberMeetingState(base, true)).toBe('no-reply');
    const absent = (confirmation: 'pending' | 'confirmed' | 'rejected') => ({
      rsvp: 'absent' as const,
      attendance: 'unrecorded' as const,
      absence: { category: 'work' as const, submittedAt: 'x', confirmation },
    });
    expect(memberMeetingState(absent('pending'), false)).toBe('absent-pending');
    expect(memberMeetingState(absent('confirmed'), false)).toBe('absent-excused');
    expect(memberMeetingState(absent('rejected'), false)).toBe('absent-unexcused');
    expect(memberMeetingState({ ...absent('rejected'), attendance: 'present' }, true)).toBe('present');
  });
});

describe('Function: absenceNoticeGround (R10 waits for the workplace)', () => {
  const reason = (confirmation: 'pending' | 'confirmed' | 'rejected') => ({
    rsvp: 'absent' as const,
    attendance: 'absent' as const,
    absence: { category: 'illness' as const, submittedAt: 'x', confirmation },
  });

  it('gives no notice while the reason waits, "undecided" from the rule set’s day on, and none once confirmed', () => {
    // Act
    const grounds = [
      absenceNoticeGround(reason('pending'), '2026-06-20', '2026-06-26', 7),
      absenceNoticeGround(reason('pending'), '2026-06-20', '2026-06-27', 7),
      absenceNoticeGround(reason('rejected'), '2026-06-20', '2026-06-21', 7),
      absenceNoticeGround(reason('confirmed'), '2026-06-20', '2026-07-30', 7),
      absenceNoticeGround({ rsvp: 'none', attendance: 'absent' }, '2026-06-20', '2026-06-21', 7),
      absenceNoticeGround({ rsvp: 'attending', attendance: 'absent' }, '2026-06-20', '2026-06-21', 7),
      absenceNoticeGround({ rsvp: 'none', attendance: 'present' }, '2026-06-20', '2026-06-21', 7),
    ];

    // Assess
    expect(grounds).toEqual([
      'pending',
      'undecided',
      'rejected',
      undefined,
      'no_reply',
      'no_reason',
      undefined,
    ]);
    expect(groundOfRow(reason('confirmed'))).toBeUndefined();
    expect(groundOfRow(reason('pending'))).toBe('undecided');
  });
});

describe('Function: isAbsentWithoutNotice and missedBothMeetings (R11)', () => {
  const confirmed = {
    rsvp: 'absent' as const,
    attendance: 'absent' as const,
    absence: { category: 'illness' as const, submittedAt: 'x', confirmation: 'confirmed' as const },
  };
  const noReply = { rsvp: 'none' as const, attendance: 'absent' as const };
  const pending = { ...confirmed, absence: { ...confirmed.absence, confirmation: 'pending' as const } };

  it('flags an absent member with no reply or an unconfirmed reason, not one with a confirmed reason', () => {
    expect(isAbsentWithoutNotice(noReply)).toBe(true);
    expect(isAbsentWithoutNotice(pending)).toBe(true);
    expect(isAbsentWithoutNotice(confirmed)).toBe(false);
    expect(isAbsentWithoutNotice({ rsvp: 'none', attendance: 'present' })).toBe(false);
    expect(hasConfirmedReason(confirmed)).toBe(true);
  });

  it('flags R11 only when both meetings were missed without a valid reason', () => {
    expect(
      missedBothMeetings([
        { meetingId: 'a.2026.06', ...noReply },
        { meetingId: 'a.2026.10', ...pending },
      ]),
    ).toBe(true);
    expect(
      missedBothMeetings([
        { meetingId: 'a.2026.06', ...noReply },
        { meetingId: 'a.2026.10', ...confirmed },
      ]),
    ).toBe(false);
    expect(missedBothMeetings([{ meetingId: 'a.2026.10', ...noReply }])).toBe(false);
  });

  it('pre-fills attendance from the RSVP', () => {
    expect(prefilledAttendance({ rsvp: 'attending' })).toBe('present');
    expect(prefilledAttendance({ rsvp: 'none' })).toBe('absent');
  });
});
