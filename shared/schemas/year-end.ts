// schemas: the year-end requests (evaluations R11/R17/R18, self-report R19, direct collection R20, October report R22).
import * as z from 'zod';
import { COMMENT_REQUEST_REASONS } from '../domain/evaluation.js';
import { INTRODUCTION_STATUSES } from '../domain/introduction.js';
import { NARRATIVE_SECTION_MAX, NARRATIVE_SECTIONS } from '../domain/report-narrative.js';
import { PARTY_TITLES } from '../domain/roles.js';
import { fullNameSchema, idSchema, isoDateSchema, textSchema, yearSchema } from './common.js';
import { evaluationFormSchema, studentConsultationInputSchema } from './entities.js';

/** The version the client read: a save based on an older one is refused (409) instead of overwriting. */
const versionSchema = z.number().int().min(0).optional();

export const evaluationPathSchema = z.object({ id: idSchema, year: yearSchema });
export const memberEvaluationPathSchema = z.object({ id: idSchema, year: yearSchema, memberId: idSchema });

export const evaluationListQuerySchema = z.object({
  status: z.enum(['due', 'done']).default('due'),
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const evaluationDraftInputSchema = z.object({
  form: evaluationFormSchema,
  /** R11: why the proposal of a member who missed both meetings is not criticism. */
  proposalChangeReason: textSchema(1000).optional(),
  version: versionSchema,
});
export type EvaluationDraftInput = z.infer<typeof evaluationDraftInputSchema>;

export const consultationInputSchema = studentConsultationInputSchema.extend({ version: versionSchema });
export type ConsultationInput = z.infer<typeof consultationInputSchema>;

/** qd213-2020: the hamlet Front work committee's opinion (POST …/front-consultation). */
export const frontConsultationInputSchema = z.object({
  name: fullNameSchema,
  position: textSchema(200),
  opinion: textSchema(1000),
  consultedOn: isoDateSchema,
  version: versionSchema,
});

/** qd213-2020: signed for the hamlet cell committee by its bí thư or phó bí thư (POST …/cell-signature). */
export const cellSignatureInputSchema = z.object({
  signerName: fullNameSchema,
  signerTitle: z.enum(PARTY_TITLES, {
    error: 'người ký là bí thư (bi_thu) hoặc phó bí thư (pho_bi_thu) chi bộ',
  }),
  signedOn: isoDateSchema,
  version: versionSchema,
});

/** qd213-2020: a comment requested for an exempt member (POST …/comment-request). */
export const commentRequestInputSchema = z.object({
  reason: z.enum(COMMENT_REQUEST_REASONS, {
    error: 'lý do đề nghị nhận xét là bổ nhiệm (appointment), khen thưởng (reward) hoặc kỷ luật (discipline)',
  }),
  requestedBy: textSchema(200),
  requestedOn: isoDateSchema,
});

export const submitEvaluationInputSchema = z.object({ version: versionSchema }).default({});

export const workplaceYearEndPathSchema = z.object({ id: idSchema, year: yearSchema });
export const workplaceYearEndQuerySchema = z.object({
  status: z.enum(INTRODUCTION_STATUSES).default('received'),
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const memberYearPathSchema = z.object({ id: idSchema, year: yearSchema });

export const selfReportInputSchema = z.object({
  /** Omitted: taken from the attendance sheets (the prefill). */
  meetingsAttended: z.number().int().min(0).max(12).optional(),
  activities: textSchema(3000),
});
export type SelfReportInput = z.infer<typeof selfReportInputSchema>;

export const directCollectionInputSchema = z.object({
  collectedOn: isoDateSchema,
  note: textSchema(500).optional(),
});
export type DirectCollectionInput = z.infer<typeof directCollectionInputSchema>;

/** `{year}` is `2026`, or `2026.xlsx` / `2026.pdf` for the statistical form and the written report. */
export const reportPathSchema = z.object({
  id: idSchema,
  year: z
    .string()
    .regex(/^\d{4}(\.(xlsx|pdf))?$/, 'năm (YYYY), có thể kèm .xlsx hoặc .pdf')
    .transform((v) => {
      const [year = '', format] = v.split('.');
      return { year: Number(year), format: (format ?? 'json') as 'json' | 'xlsx' | 'pdf' };
    })
    .pipe(
      z.object({
        year: z.number().int().min(2000).max(2100),
        format: z.enum(['json', 'xlsx', 'pdf']),
      }),
    ),
});

export const compileReportPathSchema = z.object({ id: idSchema, year: yearSchema });
/** A board's report: recompile every child first (`fresh`, the default) or sum their stored reports (`stored`). */
export const compileReportQuerySchema = z.object({ children: z.enum(['fresh', 'stored']).default('fresh') });

export const reportNarrativePathSchema = z.object({ id: idSchema, year: yearSchema });
/**
 * R22: the report's narrative, one or more of its three sections (a section left out is kept as it is);
 * each normalised like every free text, at most NARRATIVE_SECTION_MAX characters, not empty.
 */
export const reportNarrativeInputSchema = z
  .object({
    /** Đánh giá chung, kết quả. */
    assessment: textSchema(NARRATIVE_SECTION_MAX).optional(),
    /** Khó khăn, vướng mắc. */
    difficulties: textSchema(NARRATIVE_SECTION_MAX).optional(),
    /** Kiến nghị, đề xuất. */
    proposals: textSchema(NARRATIVE_SECTION_MAX).optional(),
  })
  .refine((v) => NARRATIVE_SECTIONS.some((s) => v[s] !== undefined), {
    message: 'cần ít nhất một phần: assessment, difficulties hoặc proposals',
  });
export type ReportNarrativeInput = z.infer<typeof reportNarrativeInputSchema>;

/** The printed comment sheets: a year in words people read when it is wrong (400 with Vietnamese issues). */
const sheetYearSchema = z.coerce
  .number('năm phải là một số (YYYY)')
  .int('năm phải là một số nguyên (YYYY)')
  .min(2000, 'năm phải từ 2000 đến 2100')
  .max(2100, 'năm phải từ 2000 đến 2100');

/** `GET /committees/{id}/evaluations/{year}/{memberId}/sheet.pdf`. */
export const memberSheetPathSchema = z.object({ id: idSchema, year: sheetYearSchema, memberId: idSchema });

/** `GET /committees/{id}/evaluations/{year}/hamlets/{hamletId}/sheets.pdf`. */
export const hamletSheetsPathSchema = z.object({
  id: idSchema,
  year: sheetYearSchema,
  hamletId: z
    .string('ấp (khu vực) phải là một mã')
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      'mã ấp (khu vực) chỉ gồm chữ không dấu, số, "-" và "_" (tối đa 64 ký tự)',
    ),
});
