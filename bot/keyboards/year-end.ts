// keyboards: the /nhanxet wizard's buttons (member, answers, save) and the chair's "Gửi" under a saved evaluation.
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const EVAL_PREFIX = 'ev1';
export const EVAL_PATTERN = prefixPattern(EVAL_PREFIX);
export const SUBMIT_PREFIX = 'evs1';
export const SUBMIT_PATTERN = prefixPattern(SUBMIT_PREFIX);

/** more: next page; pick: a member; ans: an answer to question `step`; skip: no text; save/redo/cancel. */
export const EVAL_OPS = ['more', 'pick', 'ans', 'skip', 'save', 'redo', 'cancel'] as const;
export type EvalOp = (typeof EVAL_OPS)[number];

export interface EvalAction {
  /** The wizard's nonce: a button of an abandoned wizard is stale. */
  nonce: string;
  op: EvalOp;
  /** The question index the button belongs to (-1 outside the questions). */
  step: number;
  arg: string;
}

export const evalData = {
  encode(action: EvalAction): string {
    return encodeCallback(EVAL_PREFIX, [action.nonce, action.op, String(action.step), action.arg]);
  },
  decode(data: string): EvalAction | undefined {
    const parts = decodeCallback(data, EVAL_PREFIX, 4);
    if (!parts) return undefined;
    const [nonce = '', op = '', step = '', arg = ''] = parts;
    if (!nonce || !(EVAL_OPS as readonly string[]).includes(op) || !/^-?\d+$/.test(step)) return undefined;
    return { nonce, op: op as EvalOp, step: Number(step), arg };
  },
};

export interface SubmitAction {
  year: number;
  memberId: string;
}

export const submitData = {
  encode(action: SubmitAction): string {
    return encodeCallback(SUBMIT_PREFIX, [String(action.year), action.memberId]);
  },
  decode(data: string): SubmitAction | undefined {
    const parts = decodeCallback(data, SUBMIT_PREFIX, 2);
    if (!parts) return undefined;
    const [year = '', memberId = ''] = parts;
    if (!/^\d{4}$/.test(year) || !memberId) return undefined;
    return { year: Number(year), memberId };
  },
};

export const CONSULT_PREFIX = 'evc1';
export const CONSULT_PATTERN = prefixPattern(CONSULT_PREFIX);

/** start: ask the R18 opinions for this member's evaluation; today: the consultation was today; cancel. */
export const CONSULT_OPS = ['start', 'today', 'cancel'] as const;
export type ConsultOp = (typeof CONSULT_OPS)[number];

/** A button about one member's evaluation of a year: which step (`op`) of a flow it starts or answers. */
export interface MemberStepAction<Op extends string> extends SubmitAction {
  op: Op;
}

/** Callback data of `prefix`: the year, the member and one of `ops`. */
function memberStepData<Op extends string>(prefix: string, ops: readonly Op[]) {
  return {
    encode(action: MemberStepAction<Op>): string {
      return encodeCallback(prefix, [String(action.year), action.memberId, action.op]);
    },
    decode(data: string): MemberStepAction<Op> | undefined {
      const parts = decodeCallback(data, prefix, 3);
      if (!parts) return undefined;
      const [year = '', memberId = '', op = ''] = parts;
      if (!/^\d{4}$/.test(year) || !memberId || !(ops as readonly string[]).includes(op)) return undefined;
      return { year: Number(year), memberId, op: op as Op };
    },
  };
}

export type ConsultAction = MemberStepAction<ConsultOp>;
export const consultData = memberStepData(CONSULT_PREFIX, CONSULT_OPS);

export const STEP_PREFIX = 'evq1';
export const STEP_PATTERN = prefixPattern(STEP_PREFIX);

/**
 * qd213-2020's steps on a saved draft: front: record the hamlet Front work committee's opinion; cell: record the
 * cell committee's signature; bt / pbt: the signer is the cell's bí thư / phó bí thư; today: the date is today.
 */
export const STEP_OPS = ['front', 'cell', 'bt', 'pbt', 'today', 'cancel'] as const;
export type StepOp = (typeof STEP_OPS)[number];
export type StepAction = MemberStepAction<StepOp>;
export const stepData = memberStepData(STEP_PREFIX, STEP_OPS);

export const PRINT_PREFIX = 'evp1';
export const PRINT_PATTERN = prefixPattern(PRINT_PREFIX);

/** "In phiếu": one member's comment sheet (`m`, the member's id) or a hamlet's sheets (`h`, the hamlet's id). */
export interface PrintAction {
  year: number;
  of: 'm' | 'h';
  id: string;
}

export const printData = {
  encode(action: PrintAction): string {
    return encodeCallback(PRINT_PREFIX, [String(action.year), action.of, action.id]);
  },
  decode(data: string): PrintAction | undefined {
    const parts = decodeCallback(data, PRINT_PREFIX, 3);
    if (!parts) return undefined;
    const [year = '', of = '', id = ''] = parts;
    if (!/^\d{4}$/.test(year) || (of !== 'm' && of !== 'h') || !id) return undefined;
    return { year: Number(year), of, id };
  },
};

export const REQUEST_PREFIX = 'evr1';
export const REQUEST_PATTERN = prefixPattern(REQUEST_PREFIX);

/** pick: a member of the /denghinhanxet list; then the request's reason (qd213-2020, 33-HD/BTCTW). */
export const REQUEST_OPS = ['pick', 'appointment', 'reward', 'discipline'] as const;
export type RequestOp = (typeof REQUEST_OPS)[number];

export interface RequestAction extends SubmitAction {
  op: RequestOp;
}

export const requestData = {
  encode(action: RequestAction): string {
    return encodeCallback(REQUEST_PREFIX, [String(action.year), action.memberId, action.op]);
  },
  decode(data: string): RequestAction | undefined {
    const parts = decodeCallback(data, REQUEST_PREFIX, 3);
    if (!parts) return undefined;
    const [year = '', memberId = '', op = ''] = parts;
    if (!/^\d{4}$/.test(year) || !memberId || !(REQUEST_OPS as readonly string[]).includes(op))
      return undefined;
    return { year: Number(year), memberId, op: op as RequestOp };
  },
};
