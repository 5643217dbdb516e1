import { describe, expect, it } from 'vitest';
import {
  absenteeStatus,
  addToTotals,
  assertMayTakeAttendance,
  effectiveAttendance,
  emptyTotals,
} from '../../../shared/domain/attendance.js';
import { ConflictError, ForbiddenError, RuleViolationError } from '../../../shared/domain/errors.js';
import {
  assertMaySignAs,
  assertRecordOpen,
  meetingForComment,
  missingParts,
  nextMeetingId,
  previousMeetingId,
  verifyMinutes,
  withPart,
  withSignature,
} from '../../../shared/domain/meeting-protocol.js';
import {
  emptyMinutes,
  MINUTES_PARTS,
  type Minutes,
  type MinutesRecord,
  sealHash,
} from '../../../shared/domain/minutes.js';
import { attendanceText, filledInText } from '../../../shared/domain/minutes-text.js';
import { anInvitation } from '../../support/builders.js';

const ID = 'phuong-an-hoa.2026.06';
const at = (iso: string) => new Date(iso);
const sig = (staffId: string, name = 'Trần Văn Chủ') => ({
  staffId,
  name,
  signedAt: '2026-06-20T04:00:00.000Z',
});

function aRecord(overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  return {
    meeting: {
      residenceOrgId: 'phuong-an-hoa',
      committeeName: 'Đảng ủy phường An Hòa',
      year: 2026,
      round: 'june',
      date: '2026-06-20',
      time: '08:00',
      place: 'Hội trường',
      chairName: 'Trần Văn Chủ',
    },
    attendance: { total: 2, present: 1, absent: 1 },
    rows: [
      { memberId: 'm1', name: 'Lê Văn An', present: true },
      { memberId: 'm2', name: 'Võ Văn Út', present: false },
    ],
    absentees: [{ memberId: 'm2', name: 'Võ Văn Út', status: 'no_reply' }],
    previousComments: [],
    comments: [],
    commendations: [],
    frozenAt: '2026-06-20T04:00:00.000Z',
    ...overrides,
  };
}

function fullyWritten(): Minutes {
  return MINUTES_PARTS.reduce((m, part) => withPart(m, part, `Nội dung ${part}`), emptyMinutes(ID));
}

describe('Method: previousMeetingId / nextMeetingId (R8, R15 2.3)', () => {
  it('pairs June with the October before it and October with the June of its year', () => {
    expect(previousMeetingId('phuong-an-hoa.2026.06')).toBe('phuong-an-hoa.2025.10');
    expect(previousMeetingId('phuong-an-hoa.2026.10')).toBe('phuong-an-hoa.2026.06');
    expect(nextMeetingId('phuong-an-hoa.2026.06')).toBe('phuong-an-hoa.2026.10');
    expect(nextMeetingId('phuong-an-hoa.2026.10')).toBe('phuong-an-hoa.2027.06');
    expect(previousMeetingId(nextMeetingId('p-1.2030.10'))).toBe('p-1.2030.10');
  });

  it('refuses what is not a meeting id', () => {
    expect(() => previousMeetingId('phuong-an-hoa.2026.07')).toThrow(RuleViolationError);
  });
});

describe('Method: meetingForComment', () => {
  const planned = (id: string, date: string, status: 'planned' | 'held' = 'planned') => ({
    id,
    date,
    time: '08:00',
    status,
  });

  it('picks the upcoming planned meeting that has not started', () => {
    const known = [planned('w.2026.06', '2026-06-20'), planned('w.2026.10', '2026-10-17')];
    expect(meetingForComment('w', at('2026-06-19T10:00:00Z'), known)).toBe('w.2026.06');
    // 08:00 in Vietnam is 01:00 UTC: from then on June has started, so October is next.
    expect(meetingForComment('w', at('2026-06-20T01:00:00Z'), known)).toBe('w.2026.10');
  });

  it('falls back to the next round by id when nothing is planned', () => {
    expect(meetingForComment('w', at('2026-03-01T00:00:00Z'), [])).toBe('w.2026.06');
    expect(meetingForComment('w', at('2026-07-01T00:00:00Z'), [])).toBe('w.2026.10');
    expect(meetingForComment('w', at('2026-11-02T00:00:00Z'), [])).toBe('w.2027.06');
    // June held already, October not planned yet: October by id.
    expect(
      meetingForComment('w', at('2026-06-25T00:00:00Z'), [planned('w.2026.06', '2026-06-20', 'held')]),
    ).toBe('w.2026.10');
  });

  it('prefers a planned later meeting over an unplanned earlier round', () => {
    expect(meetingForComment('w', at('2026-05-01T00:00:00Z'), [planned('w.2026.10', '2026-10-17')])).toBe(
      'w.2026.10',
    );
  });
});

describe('Method: attendance totals (R13) and absentee status (R9, R10)', () => {
  it('counts the RSVP forecast for unrecorded rows and the staff’s mark for recorded ones', () => {
    // Prepare
    const rows = [
      anInvitation({ meetingId: ID, memberId: 'a', rsvp: 'attending' }),
      anInvitation({ meetingId: ID, memberId: 'b', rsvp: 'attending', attendance: 'absent' }),
      anInvitation({ meetingId: ID, memberId: 'c', rsvp: 'none', attendance: 'present' }),
      anInvitation({
        meetingId: ID,
        memberId: 'd',
        rsvp: 'absent',
        absence: { category: 'work', submittedAt: 'x', confirmation: 'rejected' },
      }),
      anInvitation({ meetingId: ID, memberId: 'e' }),
    ];

    // Act
    const totals = rows.reduce(addToTotals, emptyTotals());

    // Assess
    expect(totals).toEqual({
      total: 5,
      present: 2,
      absent: 3,
      absentBy: { confirmed: 0, pending: 0, rejected: 1, no_reply: 1, no_reason: 1 },
      unrecorded: 3,
    });
    expect(rows.map(effectiveAttendance)).toEqual(['present', 'absent', 'present', 'absent', 'absent']);
    expect(absenteeStatus({ rsvp: 'absent' })).toBe('pending');
  });

  it('takes attendance from the meeting day on, Vietnam time', () => {
    expect(() => assertMayTakeAttendance({ date: '2026-06-20' }, at('2026-06-19T16:59:00Z'))).toThrow(
      ConflictError,
    );
    expect(() => assertMayTakeAttendance({ date: '2026-06-20' }, at('2026-06-19T17:00:00Z'))).not.toThrow();
  });
});

describe('Method: signing and sealing (R15 2.6, R16)', () => {
  const meeting = { residenceOrgId: 'phuong-an-hoa', chairStaffId: 'chair-1' };

  it('lets the assigned chair sign as chair and a secretary as secretary, nobody else', () => {
    expect(() =>
      assertMaySignAs({ sub: 'chair-1', orgId: 'phuong-an-hoa', role: 'chair' }, meeting, 'chair'),
    ).not.toThrow();
    expect(() =>
      assertMaySignAs({ sub: 'chair-2', orgId: 'phuong-an-hoa', role: 'chair' }, meeting, 'chair'),
    ).toThrow(RuleViolationError);
    expect(() =>
      assertMaySignAs({ sub: 'r', orgId: 'phuong-an-hoa', role: 'residence_staff' }, meeting, 'secretary'),
    ).toThrow(ForbiddenError);
    expect(() =>
      assertMaySignAs({ sub: 's', orgId: 'other', role: 'secretary' }, meeting, 'secretary'),
    ).toThrow(ForbiddenError);
  });

  it('needs every part, freezes the record at the first signature and seals at the second', () => {
    // Prepare
    const record = aRecord();
    const partial = withPart(emptyMinutes(ID), 'opening', 'Mở đầu');

    // Act
    const chairSigned = withSignature(fullyWritten(), 'chair', sig('chair-1'), () => record);
    const sealed = withSignature(chairSigned, 'secretary', sig('sec-1', 'Lê Thị Thư'), () =>
      aRecord({ frozenAt: 'later' }),
    );

    // Assess
    expect(missingParts(partial)).toEqual(MINUTES_PARTS.slice(1));
    expect(() => withSignature(partial, 'chair', sig('chair-1'), () => record)).toThrow(RuleViolationError);
    expect(chairSigned.seal).toBeUndefined();
    expect(chairSigned.record).toBe(record);
    expect(() => assertRecordOpen(chairSigned)).toThrow(ConflictError);
    expect(sealed.record?.frozenAt).toBe(record.frozenAt);
    expect(sealed.seal?.hash).toBe(sealHash(sealed));
    expect(verifyMinutes(sealed)).toEqual({ seal: true, addenda: true });
    expect(() => withSignature(chairSigned, 'secretary', sig('chair-1'), () => record)).toThrow(
      RuleViolationError,
    );
  });

  it('withdraws signatures when a part changes before sealing, and refuses any change after', () => {
    // Prepare
    const chairSigned = withSignature(fullyWritten(), 'chair', sig('chair-1'), () => aRecord());
    const sealed = withSignature(chairSigned, 'secretary', sig('sec-1'), () => aRecord());

    // Act
    const edited = withPart(chairSigned, 'plan', 'Kế hoạch mới');

    // Assess
    expect(edited.signatures).toEqual({});
    expect(edited.record).toBeUndefined();
    expect(() => withPart(sealed, 'plan', 'x')).toThrow(ConflictError);
  });

  it('fails verification when a part, a signature or the record changes under the seal', () => {
    // Prepare
    const sealed = withSignature(
      withSignature(fullyWritten(), 'chair', sig('chair-1'), () => aRecord()),
      'secretary',
      sig('sec-1'),
      () => aRecord(),
    );
    const tampered: Minutes[] = [
      { ...sealed, parts: { ...sealed.parts, report: 'khác' } },
      { ...sealed, signatures: { ...sealed.signatures, chair: sig('someone-else') } },
      { ...sealed, record: aRecord({ attendance: { total: 2, present: 2, absent: 0 } }) },
    ];

    // Assess
    for (const t of tampered) expect(verifyMinutes(t).seal).toBe(false);
  });
});

describe('Method: filledInText', () => {
  it('writes the R13 figures with every reason, and commendations only at the October meeting', () => {
    // Prepare
    const record = aRecord({
      absentees: [
        {
          memberId: 'm2',
          name: 'Võ Văn Út',
          status: 'confirmed',
          reason: { category: 'illness', text: 'Nằm viện' },
        },
      ],
      commendations: [{ memberId: 'm1', name: 'Lê Văn An' }],
    });

    // Act
    const june = filledInText(record);
    const october = filledInText({ ...record, meeting: { ...record.meeting, round: 'october' } });

    // Assess
    expect(attendanceText(record)).toBe(
      'Tổng số đảng viên được mời: 2; có mặt: 1; vắng mặt: 1.\nĐảng viên vắng mặt và lý do:\n1. Võ Văn Út — Ốm đau: Nằm viện (cấp ủy nơi công tác đã xác nhận)',
    );
    expect(june.assessment).toBeUndefined();
    expect(october.assessment).toBe('Đề nghị biểu dương: đồng chí Lê Văn An.');
    expect(june.answers).toBe('Kỳ họp trước không có ý kiến của đảng viên.');
  });
});
