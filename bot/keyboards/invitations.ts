// keyboards: choosing the meeting to send invitations for (/moi).
import { decodeCallback, encodeCallback, prefixPattern } from './callback-data.js';

export const INVITE_PREFIX = 'moi1';
export const INVITE_PATTERN = prefixPattern(INVITE_PREFIX);

export const inviteData = {
  encode(meetingId: string): string {
    return encodeCallback(INVITE_PREFIX, [meetingId]);
  },
  decode(data: string): string | undefined {
    const parts = decodeCallback(data, INVITE_PREFIX, 1);
    return parts?.[0] || undefined;
  },
};
