// keyboards: /bienban — pick the part of the minutes the next message writes.
import { MINUTES_PARTS, type MinutesPart } from '../../shared/domain/minutes.js';
import { decodeCallback, encodeCallback, prefixPattern } from './callback-data.js';

export const MINUTES_PREFIX = 'min1';
export const MINUTES_PATTERN = prefixPattern(MINUTES_PREFIX);

export const minutesData = {
  encode(meetingId: string, part: MinutesPart): string {
    return encodeCallback(MINUTES_PREFIX, [meetingId, part]);
  },
  decode(data: string): { meetingId: string; part: MinutesPart } | undefined {
    const parts = decodeCallback(data, MINUTES_PREFIX, 2);
    if (!parts) return undefined;
    const [meetingId = '', part = ''] = parts;
    const known = MINUTES_PARTS.find((p) => p === part);
    return meetingId && known ? { meetingId, part: known } : undefined;
  },
};
