// schemas: the bodies of moving or cancelling a meeting and of an answer staff record for a member (issue 16).
import * as z from 'zod';
import { ANSWER_CHANNELS } from '../domain/invitation.js';
import { CANCEL_REASON_MAX } from '../domain/meeting-change.js';
import { isoDateSchema, localTimeSchema, textSchema } from './common.js';
import { absenceCategorySchema } from './entities.js';

/** POST /meetings/{id}/reschedule: any of the new date, time and place; at least one. */
export const meetingMoveBodySchema = z
  .object({
    date: isoDateSchema.optional(),
    time: localTimeSchema.optional(),
    place: textSchema(300).optional(),
  })
  .refine((b) => b.date !== undefined || b.time !== undefined || b.place !== undefined, {
    message: 'cần ít nhất một trong: ngày (date), giờ (time), địa điểm (place)',
  });

/** POST /meetings/{id}/cancel: the reason the invitees are told. */
export const meetingCancelBodySchema = z.object({ reason: textSchema(CANCEL_REASON_MAX) });

/** PUT /meetings/{id}/rsvp/{memberId}: the member's answer as they gave it, and how. */
export const answerOnBehalfBodySchema = z
  .object({
    rsvp: z.enum(['attending', 'absent']),
    category: absenceCategorySchema.optional(),
    text: textSchema(500).optional(),
    via: z.enum(ANSWER_CHANNELS),
  })
  .refine((b) => b.rsvp === 'attending' || b.category !== undefined, {
    message: 'vắng mặt cần có loại lý do (category)',
    path: ['category'],
  })
  .refine((b) => b.rsvp === 'absent' || (b.category === undefined && b.text === undefined), {
    message: 'tham dự không kèm lý do vắng mặt',
    path: ['rsvp'],
  });
