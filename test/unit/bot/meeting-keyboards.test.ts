// Unit: the issue-5 button codecs (attendance target, pages, minutes part, R10 ack), the current meeting and
// the "chủ đề: nội dung" parser of /gopy.
import { describe, expect, it } from 'vitest';
import { currentMeeting } from '../../../bot/features/attendance.js';
import { parseComment } from '../../../bot/features/comments.js';
import { attendanceData, attendancePageData } from '../../../bot/keyboards/attendance.js';
import { noticeAckData } from '../../../chat/keyboards/absence-notices.js';
import { minutesData } from '../../../chat/keyboards/minutes.js';
import type { Meeting } from '../../../shared/domain/meeting.js';

const MEETING = 'phuong-an-hoa.2026.06';

describe('Codec: attendanceData', () => {
  it('round-trips the target state and the page', () => {
    // Prepare
    const present = { meetingId: MEETING, memberId: 'm-001', present: true, page: 3 };
    const absent = { ...present, present: false, page: 0 };

    // Act
    const decoded = [present, absent].map((a) => attendanceData.decode(attendanceData.encode(a)));

    // Assess
    expect(decoded).toEqual([present, absent]);
  });

  it('rejects another prefix, a flip instead of a target, a bad page or a missing member', () => {
    // Act
    const results = [
      attendanceData.decode(`attp1|${MEETING}|0`),
      attendanceData.decode(`att1|${MEETING}|m-001|t|0`),
      attendanceData.decode(`att1|${MEETING}|m-001|p|-1`),
      attendanceData.decode(`att1|${MEETING}||p|0`),
      attendancePageData.decode(`att1|${MEETING}|m-001|p|0`),
    ];

    // Assess
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(attendancePageData.decode(attendancePageData.encode(MEETING, 2))).toEqual({
      meetingId: MEETING,
      page: 2,
    });
  });
});

describe('Codec: minutesData and noticeAckData', () => {
  it('round-trips a known part and refuses an unknown one', () => {
    // Assess
    expect(minutesData.decode(minutesData.encode(MEETING, 'conclusion'))).toEqual({
      meetingId: MEETING,
      part: 'conclusion',
    });
    expect(minutesData.decode(`min1|${MEETING}|epilogue`)).toBeUndefined();
    expect(noticeAckData.decode(noticeAckData.encode(MEETING, 'm-009'))).toEqual({
      meetingId: MEETING,
      memberId: 'm-009',
    });
    expect(noticeAckData.decode(`r10a1|${MEETING}`)).toBeUndefined();
  });
});

describe('Function: parseComment', () => {
  it('splits at the first colon and trims', () => {
    // Assess
    expect(parseComment(' Đèn đường : Hẻm 12: thiếu đèn ')).toEqual({
      topic: 'Đèn đường',
      text: 'Hẻm 12: thiếu đèn',
    });
  });

  it('refuses no colon, an empty side or a topic over 200 characters', () => {
    // Assess
    expect(parseComment('không có dấu hai chấm')).toBeUndefined();
    expect(parseComment(': chỉ có nội dung')).toBeUndefined();
    expect(parseComment('Chủ đề:   ')).toBeUndefined();
    expect(parseComment(`${'a'.repeat(201)}: nội dung`)).toBeUndefined();
  });
});

describe('Function: currentMeeting', () => {
  const meeting = (id: string, date: string) => ({ id, date, time: '08:00' }) as Meeting;

  it('is the latest meeting whose day has come (Vietnam time)', () => {
    // Prepare
    const meetings = [meeting('a', '2026-06-20'), meeting('b', '2026-10-17'), meeting('c', '2025-10-18')];

    // Act
    const onTheDay = currentMeeting(meetings, new Date('2026-06-19T17:30:00Z')); // 00:30 on 20/06 in Vietnam
    const before = currentMeeting(meetings, new Date('2026-06-19T16:00:00Z')); // 23:00 on 19/06
    const none = currentMeeting(meetings.slice(0, 2), new Date('2026-06-01T00:00:00Z'));

    // Assess
    expect(onTheDay?.id).toBe('a');
    expect(before?.id).toBe('c');
    expect(none).toBeUndefined();
  });
});
