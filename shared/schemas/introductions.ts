// schemas: the HTTP requests of introductions, travel notices, exemptions and the contact book (R1–R7).
import * as z from 'zod';
import { ValidationError } from '../domain/errors.js';
import { SEXES } from '../domain/member.js';
import { EXEMPT_CATEGORIES } from '../domain/travel-and-exemption.js';
import { fullNameSchema, idSchema, isoDateSchema, phoneSchema, textSchema } from './common.js';
import { endReasonSchema, memberCategorySchema, partyCardNumberSchema, residenceSchema } from './entities.js';

/** The member as the workplace knows them; matched to an existing record by the party card number. */
export const memberDetailsSchema = z.object({
  partyCardNumber: partyCardNumberSchema,
  fullName: fullNameSchema,
  dateOfBirth: isoDateSchema,
  sex: z.enum(SEXES),
  phone: phoneSchema.optional(),
  category: memberCategorySchema.default('regular'),
  residence: residenceSchema,
  admittedOn: isoDateSchema.optional(),
  officialOn: isoDateSchema.optional(),
  partyCell: textSchema(200).optional(),
});
export type MemberDetails = z.infer<typeof memberDetailsSchema>;

/** R3: why and how long a member is away (the period is checked by the domain, R3). */
export const travelNoticeInputSchema = z.object({
  reason: textSchema(500),
  from: isoDateSchema,
  until: isoDateSchema,
});
export type TravelNoticeInput = z.infer<typeof travelNoticeInputSchema>;

/** POST /introductions */
export const introduceRequestSchema = z.object({
  /** Defaults to the caller's committee; naming another committee is refused (403). */
  workplaceOrgId: idSchema.optional(),
  residenceOrgId: idSchema,
  member: memberDetailsSchema,
  /** "Số …-GGT"; when absent the next number of the workplace for the year is used. */
  letterNumber: textSchema(40).optional(),
  /** Defaults to today (Asia/Ho_Chi_Minh). */
  issuedOn: isoDateSchema.optional(),
  /** R7: the workplace committee member who follows this member. */
  followerName: fullNameSchema.optional(),
  /** R3: the travel notice of a member who often works far away, given with the introduction. */
  travelNotice: travelNoticeInputSchema.optional(),
});
export type IntroduceRequest = z.infer<typeof introduceRequestSchema>;

/** POST /introductions/{id}/receive (R5, page 2 of the contact book). */
export const receiveRequestSchema = z.object({
  hamletId: idSchema,
  /** Defaults to today. */
  receivedOn: isoDateSchema.optional(),
  /** The receiving officer as printed on page 2; defaults to the caller's staff record. */
  receivedByName: fullNameSchema.optional(),
});
export type ReceiveRequest = z.infer<typeof receiveRequestSchema>;

/** POST /introductions/{id}/end (R7). */
export const endRequestSchema = z
  .object({
    reason: endReasonSchema,
    note: textSchema(500).optional(),
    /** Defaults to today. */
    endedOn: isoDateSchema.optional(),
  })
  .refine((r) => r.reason !== 'other' || r.note !== undefined, {
    message: 'lý do "khác" cần ghi rõ (note)',
    path: ['note'],
  });
export type EndRequest = z.infer<typeof endRequestSchema>;

/** POST /members/{id}/exemptions (R4). */
export const exemptionRequestSchema = z
  .object({
    reason: textSchema(500),
    from: isoDateSchema,
    until: isoDateSchema.optional(),
    /** qd213-2020: the case of 33-HD/BTCTW (required there; checked against the member's committees). */
    category: z
      .enum(EXEMPT_CATEGORIES, {
        error: 'trường hợp miễn sinh hoạt không thuộc danh sách của Hướng dẫn 33-HD/BTCTW',
      })
      .optional(),
  })
  .refine((e) => e.until === undefined || e.until >= e.from, {
    message: 'ngày kết thúc trước ngày bắt đầu',
    path: ['until'],
  });
export type ExemptionRequest = z.infer<typeof exemptionRequestSchema>;

export const idPathSchema = z.object({ id: idSchema });

export const MEMBER_LIST_STATUSES = ['pending', 'active', 'ended'] as const;
export type MemberListStatus = (typeof MEMBER_LIST_STATUSES)[number];

/** GET /committees/{id}/members */
export const memberListQuerySchema = z.object({
  hamlet: idSchema.optional(),
  status: z.enum(MEMBER_LIST_STATUSES).default('active'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

/** POST /introductions/import?workplaceOrgId= */
export const importQuerySchema = z.object({ workplaceOrgId: idSchema.optional() });

/** POST /introductions/import with `Content-Type: application/json`: the CSV text in an envelope. */
export const importJsonBodySchema = z.object({ csv: z.string().min(1).max(10_000_000) });

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** POST /introductions/import's body: the CSV sent as text/csv, or inside a JSON envelope `{ csv }`. */
export function csvOfImportBody(contentType: string, body: string): string {
  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ValidationError({
        vi: 'Nội dung yêu cầu không phải JSON hợp lệ',
        en: 'The request body is not valid JSON',
      });
    }
    const envelope = importJsonBodySchema.safeParse(parsed);
    if (!envelope.success)
      throw new ValidationError(
        { vi: 'Nội dung yêu cầu không hợp lệ', en: 'The request body is not valid' },
        envelope.error.issues,
      );
    return envelope.data.csv;
  }
  if (CSV_TYPES.some((t) => contentType.startsWith(t))) return body;
  throw new ValidationError(
    {
      vi: 'Hãy gửi tệp CSV (Content-Type: text/csv; charset=utf-8)',
      en: 'The body must be a CSV file (Content-Type: text/csv; charset=utf-8)',
    },
    [{ code: 'custom', path: ['content-type'], message: 'gửi tệp CSV với Content-Type: text/csv' }],
  );
}
