// schemas: requests of the meeting itself — attendance, minutes parts, signing, addenda, comments (zod 4).
import * as z from 'zod';
import { idSchema, textSchema } from './common.js';
import { answerStatusSchema, minutesPartSchema } from './entities.js';

/** `<residenceOrgId>.<year>.<06|10>`, as meetings are keyed (one per committee, year and round). */
export const meetingIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}\.\d{4}\.(06|10)$/, 'mã cuộc họp dạng <mã cấp ủy>.<năm>.<06|10>');

export const meetingPathSchema = z.object({ id: meetingIdSchema });
export const meetingMemberPathSchema = z.object({ id: meetingIdSchema, memberId: idSchema });
export const minutesPartPathSchema = z.object({ id: meetingIdSchema, part: minutesPartSchema });
export const meetingCommentPathSchema = z.object({ id: meetingIdSchema, commentId: idSchema });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const attendanceBodySchema = z.object({ present: z.boolean() });
export const minutesPartBodySchema = z.object({ text: textSchema(20_000) });
export const signBodySchema = z.object({ as: z.enum(['chair', 'secretary']) });
/**
 * R16: `{ text }` proposes an addendum (the proposer signs it); `{ countersign: seq }` is the other signer's
 * countersignature of the pending addendum `seq`. Exactly one of the two.
 */
export const addendumBodySchema = z
  .object({
    text: textSchema(5_000).optional(),
    countersign: z.number().int('số thứ tự phụ lục là số nguyên').min(1, 'số thứ tự phụ lục từ 1').optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.countersign === undefined), {
    message: 'gửi nội dung phụ lục (text) hoặc số thứ tự phụ lục cần ký (countersign), một trong hai',
  });
export const commentBodySchema = z.object({ topic: textSchema(200), text: textSchema(2_000) });
export const answerBodySchema = z.object({
  status: answerStatusSchema,
  text: textSchema(2_000),
  reason: textSchema(1_000).optional(),
  remedy: textSchema(1_000).optional(),
});

/** `scope=paper` (default): the members on the paper list; `scope=all`: every invitee. */
export const paperInvitationsQuerySchema = z.object({
  scope: z
    .enum(['paper', 'all'], 'phạm vi in: paper (danh sách giấy) hoặc all (mọi người được mời)')
    .default('paper'),
});
