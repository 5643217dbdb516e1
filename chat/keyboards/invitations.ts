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

/** «In giấy mời» under the paper list: the letters of the members no message reached, as one PDF. */
export const PAPER_PREFIX = 'gm1';
export const PAPER_PATTERN = prefixPattern(PAPER_PREFIX);

export const paperData = {
  encode(meetingId: string): string {
    return encodeCallback(PAPER_PREFIX, [meetingId]);
  },
  decode(data: string): string | undefined {
    return decodeCallback(data, PAPER_PREFIX, 1)?.[0] || undefined;
  },
};
