// schemas: a domain event as it travels through SNS and the outbox (ids only, no personal data).
import * as z from 'zod';
import { type DomainEvent, EVENT_TYPES } from '../domain/events.js';
import { FANNED_OUT_JOBS, type JobTask } from '../domain/jobs.js';

export const domainEventSchema = z.object({
  type: z.enum(EVENT_TYPES),
  id: z.string().min(1),
  occurredAt: z.string().min(1),
  orgIds: z.array(z.string()),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
}) satisfies z.ZodType<DomainEvent>;

/** Meeting ids are `<residenceOrgId>.<year>.<06|10>`. */
export const meetingIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}\.\d{4}\.(06|10)$/, 'mã cuộc họp dạng <mã cấp ủy>.<năm>.<06|10>');

export const invitationTaskSchema = z.object({
  kind: z.literal('invitation').optional(),
  jobId: z.string().min(1),
  meetingId: meetingIdSchema,
  memberId: z.string().min(1),
  run: z.number().int().positive(),
});

/** A scheduled job's task as it travels through the jobs queue (ids only). */
export const jobTaskSchema = z.object({
  job: z.enum(FANNED_OUT_JOBS),
  slot: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/),
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(['committee', 'rollup']),
  orgId: z.string().min(1),
  meetingIds: z.array(meetingIdSchema).optional(),
}) satisfies z.ZodType<JobTask>;

/** What a scheduled function receives: EventBridge Scheduler's `ScheduledJobEvent`, or a manual run's input. */
export const scheduledRunSchema = z
  .object({
    scheduledTime: z.iso.datetime({ offset: true }).optional(),
    /** A manual run (`npm run job -- <name> --now`, a test): the instant to run as of. */
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .loose();

export const importTaskSchema = z.object({ kind: z.literal('import'), jobId: z.string().min(1).max(200) });

/** Issue 19: an invitation round to prepare (create the invitations, then enqueue their deliveries). */
export const prepareInvitationsTaskSchema = z.object({
  kind: z.literal('prepare'),
  jobId: z.string().min(1),
  meetingId: meetingIdSchema,
  run: z.number().int().positive(),
});

export const meetingChangeTaskSchema = z.object({
  kind: z.literal('meeting-change'),
  meetingId: meetingIdSchema,
  version: z.number().int().positive(),
  change: z.enum(['moved', 'cancelled']),
  requestedBy: z.string().min(1),
});

/** The chat a queued task answers, and the message its outcome replaces. */
const replySchema = z.object({
  channel: z.enum(['telegram', 'zalo']),
  chatId: z.string().min(1).max(200),
  messageId: z.string().min(1).max(200).optional(),
  languageCode: z.string().max(35).optional(),
});

export const reportTaskSchema = z.object({
  kind: z.literal('report'),
  op: z.enum(['compile', 'send']),
  orgId: z.string().min(1).max(200),
  year: z.number().int().min(2000).max(2200),
  staffId: z.string().min(1).max(200),
  reply: replySchema,
});

export const minutesSignTaskSchema = z.object({
  kind: z.literal('minutes-sign'),
  meetingId: meetingIdSchema,
  as: z.enum(['chair', 'secretary']),
  staffId: z.string().min(1).max(200),
  reply: replySchema,
});

/** A message of the background queue: a round to prepare, an invitation to deliver, a members' import, a meeting change, a report or a signature. */
export const queueTaskSchema = z.union([
  importTaskSchema,
  prepareInvitationsTaskSchema,
  meetingChangeTaskSchema,
  reportTaskSchema,
  minutesSignTaskSchema,
  invitationTaskSchema,
]);
