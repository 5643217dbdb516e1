// keyboards: the /diemdanh sheet — one button per member carrying the TARGET state (not a flip, so a
// re-delivered press changes nothing), and ◀ ▶ page buttons.
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const ATTENDANCE_PREFIX = 'att1';
export const ATTENDANCE_PATTERN = prefixPattern(ATTENDANCE_PREFIX);
export const ATTENDANCE_PAGE_PREFIX = 'attp1';
export const ATTENDANCE_PAGE_PATTERN = prefixPattern(ATTENDANCE_PAGE_PREFIX);

export interface AttendanceSet {
  meetingId: string;
  memberId: string;
  present: boolean;
  /** The page the button sits on (the sheet is redrawn at that page). */
  page: number;
}

function pageOf(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,4}$/.test(value)) return undefined;
  return Number(value);
}

export const attendanceData = {
  encode(action: AttendanceSet): string {
    return encodeCallback(ATTENDANCE_PREFIX, [
      action.meetingId,
      action.memberId,
      action.present ? 'p' : 'a',
      String(action.page),
    ]);
  },
  decode(data: string): AttendanceSet | undefined {
    const parts = decodeCallback(data, ATTENDANCE_PREFIX, 4);
    if (!parts) return undefined;
    const [meetingId = '', memberId = '', target, pageText] = parts;
    const page = pageOf(pageText);
    if (!meetingId || !memberId || (target !== 'p' && target !== 'a') || page === undefined) return undefined;
    return { meetingId, memberId, present: target === 'p', page };
  },
};

export const attendancePageData = {
  encode(meetingId: string, page: number): string {
    return encodeCallback(ATTENDANCE_PAGE_PREFIX, [meetingId, String(page)]);
  },
  decode(data: string): { meetingId: string; page: number } | undefined {
    const parts = decodeCallback(data, ATTENDANCE_PAGE_PREFIX, 2);
    if (!parts) return undefined;
    const [meetingId = '', pageText] = parts;
    const page = pageOf(pageText);
    if (!meetingId || page === undefined) return undefined;
    return { meetingId, page };
  },
};
