// keyboards: the workplace's one-tap "Đã nhận" under an R10 notice (absent without notice).
import { decodeCallback, encodeCallback, prefixPattern } from './callback-data.js';

export const NOTICE_ACK_PREFIX = 'r10a1';
export const NOTICE_ACK_PATTERN = prefixPattern(NOTICE_ACK_PREFIX);

export const noticeAckData = {
  encode(meetingId: string, memberId: string): string {
    return encodeCallback(NOTICE_ACK_PREFIX, [meetingId, memberId]);
  },
  decode(data: string): { meetingId: string; memberId: string } | undefined {
    const parts = decodeCallback(data, NOTICE_ACK_PREFIX, 2);
    if (!parts) return undefined;
    const [meetingId = '', memberId = ''] = parts;
    return meetingId && memberId ? { meetingId, memberId } : undefined;
  },
};
