// keyboards: /cuochop — the staff's meeting menu (move, cancel, answer for a member) and its short wizards. Each
// button carries the session's nonce, so a button of an abandoned session is recognised as stale.
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const CHANGE_PREFIX = 'cuoc1';
export const CHANGE_PATTERN = prefixPattern(CHANGE_PREFIX);

export const CHANGE_OPS = [
  'move',
  'cancel',
  'behalf',
  'date',
  'time',
  'place',
  'ok',
  'x',
  'page',
  'm',
  'ans',
  'via',
] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export interface ChangeAction {
  nonce: string;
  op: ChangeOp;
  /** The meeting's index in the menu, a chosen value, `keep`, a page number or a member id. */
  value: string;
}

export const KEEP = 'keep';

export const changeData = {
  encode(action: ChangeAction): string {
    return encodeCallback(CHANGE_PREFIX, [action.nonce, action.op, action.value]);
  },
  decode(data: string): ChangeAction | undefined {
    const parts = decodeCallback(data, CHANGE_PREFIX, 3);
    if (!parts) return undefined;
    const [nonce = '', op, value = ''] = parts;
    const known = CHANGE_OPS.find((o) => o === op);
    return nonce && known ? { nonce, op: known, value } : undefined;
  },
};
