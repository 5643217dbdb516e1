// schemas: what an idempotency record keeps as its result (`IdempotencyStore.complete`), read back by `recall`
// through these, so a result of another shape is reported with its key instead of being trusted.
import * as z from 'zod';
import { ANSWER_STATUSES } from '../domain/comment.js';

/** A member's link code printed on the sheet, reused while it has long enough left (link-code-sheet.ts). */
export const keptLinkCodeSchema = z.object({ code: z.string().min(1), expiresAt: z.string().min(1) });

/** A comment as its author was answered, replayed for the same request id (comments.ts). */
export const keptCommentViewSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  topic: z.string(),
  text: z.string(),
  raisedAt: z.string(),
  answeredAtMeetingId: z.string(),
  answer: z
    .object({
      status: z.enum(ANSWER_STATUSES),
      text: z.string(),
      reason: z.string().optional(),
      remedy: z.string().optional(),
      answeredAtMeetingId: z.string(),
      answeredAt: z.string(),
    })
    .optional(),
});
