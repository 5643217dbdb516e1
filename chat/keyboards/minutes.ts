// keyboards: /bienban — pick the part of the minutes the next message writes; on sealed minutes, write an
// addendum or countersign the one that waits (R16).
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

export const ADDENDUM_PREFIX = 'mad1';
export const ADDENDUM_PATTERN = prefixPattern(ADDENDUM_PREFIX);

/** `new`: the next message is an addendum's text; `sign`: countersign addendum `seq`. */
export type AddendumAction =
  | { meetingId: string; action: 'new' }
  | { meetingId: string; action: 'sign'; seq: number };

export const addendumData = {
  encode(action: AddendumAction): string {
    return encodeCallback(ADDENDUM_PREFIX, [
      action.meetingId,
      action.action,
      action.action === 'sign' ? String(action.seq) : '',
    ]);
  },
  decode(data: string): AddendumAction | undefined {
    const parts = decodeCallback(data, ADDENDUM_PREFIX, 3);
    if (!parts) return undefined;
    const [meetingId = '', action = '', seqText = ''] = parts;
    if (!meetingId) return undefined;
    if (action === 'new') return { meetingId, action };
    const seq = Number(seqText);
    return action === 'sign' && Number.isSafeInteger(seq) && seq > 0 ? { meetingId, action, seq } : undefined;
  },
};
