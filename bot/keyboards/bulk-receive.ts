// keyboards: /tiepnhan — tick pending introductions page by page, pick the hamlet (by name), receive them all.
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const RECEIVE_PREFIX = 'rcv1';
export const RECEIVE_PATTERN = prefixPattern(RECEIVE_PREFIX);

/**
 * `nonce` is the dialogue's (a button of an abandoned /tiepnhan is stale). Ops: t tick/untick an
 * introduction, a tick every pending one, p show page `arg`, h choose the hamlet, g receive into hamlet
 * `arg`, x cancel. A press carries the target, not a flip of state it cannot see: `t` toggles the stored
 * set, so the keyboard is redrawn from the draft after every press.
 */
export type ReceiveOp = 't' | 'a' | 'p' | 'h' | 'g' | 'x';
const OPS: readonly ReceiveOp[] = ['t', 'a', 'p', 'h', 'g', 'x'];

export interface ReceiveAction {
  nonce: string;
  op: ReceiveOp;
  arg: string;
}

export const receiveData = {
  encode(action: ReceiveAction): string {
    return encodeCallback(RECEIVE_PREFIX, [action.nonce, action.op, action.arg]);
  },
  decode(data: string): ReceiveAction | undefined {
    const parts = decodeCallback(data, RECEIVE_PREFIX, 3);
    if (!parts) return undefined;
    const [nonce = '', op = '', arg = ''] = parts;
    if (!nonce || !OPS.includes(op as ReceiveOp)) return undefined;
    if (op === 'p' && !/^\d{1,4}$/.test(arg)) return undefined;
    if ((op === 't' || op === 'g') && !arg) return undefined;
    return { nonce, op: op as ReceiveOp, arg };
  },
};
