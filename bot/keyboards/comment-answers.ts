// keyboards: /traloi — a page of the open comments, a comment to answer, and "not done" (reason + remedy follow).
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const ANSWER_PREFIX = 'ans1';
export const ANSWER_PATTERN = prefixPattern(ANSWER_PREFIX);

export type AnswerAction =
  /** Page `page` (0-based) of the open comments, read again when pressed. */
  | { op: 'page'; page: number }
  /** Show a comment and wait for its answer ("done" unless "not done" is pressed next). */
  | { op: 'pick'; meetingId: string; commentId: string }
  /** The answer is "not done": the reason and the remedy are asked after the text (R15 2.3). */
  | { op: 'notDone'; meetingId: string; commentId: string };

export const answerData = {
  encode(action: AnswerAction): string {
    if (action.op === 'page') return encodeCallback(ANSWER_PREFIX, ['p', String(action.page), '']);
    return encodeCallback(ANSWER_PREFIX, [
      action.op === 'pick' ? 'c' : 'n',
      action.meetingId,
      action.commentId,
    ]);
  },
  decode(data: string): AnswerAction | undefined {
    const parts = decodeCallback(data, ANSWER_PREFIX, 3);
    if (!parts) return undefined;
    const [op, a = '', b = ''] = parts;
    if (op === 'p') return /^\d{1,4}$/.test(a) && !b ? { op: 'page', page: Number(a) } : undefined;
    if ((op !== 'c' && op !== 'n') || !a || !b) return undefined;
    return { op: op === 'c' ? 'pick' : 'notDone', meetingId: a, commentId: b };
  },
};
