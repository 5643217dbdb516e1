// keyboards: the workplace's "Xác nhận" / "Không xác nhận" buttons on an absence reason (R9).
import { decodeCallback, encodeCallback, prefixPattern } from './callback-data.js';

export const CONFIRM_PREFIX = 'abs1';
export const CONFIRM_PATTERN = prefixPattern(CONFIRM_PREFIX);

export interface ConfirmAction {
  decision: 'confirmed' | 'rejected';
  meetingId: string;
  memberId: string;
  /** Pressed under the /xacnhan list (refresh the list) or under a single reason's card. */
  from: 'list' | 'card';
}

export const confirmData = {
  encode(action: ConfirmAction): string {
    return encodeCallback(CONFIRM_PREFIX, [
      action.decision === 'confirmed' ? 'y' : 'n',
      action.meetingId,
      action.memberId,
      action.from === 'list' ? 'l' : 'c',
    ]);
  },
  decode(data: string): ConfirmAction | undefined {
    const parts = decodeCallback(data, CONFIRM_PREFIX, 4);
    if (!parts) return undefined;
    const [d, meetingId = '', memberId = '', from] = parts;
    if ((d !== 'y' && d !== 'n') || !meetingId || !memberId || (from !== 'l' && from !== 'c'))
      return undefined;
    return {
      decision: d === 'y' ? 'confirmed' : 'rejected',
      meetingId,
      memberId,
      from: from === 'l' ? 'list' : 'card',
    };
  },
};
