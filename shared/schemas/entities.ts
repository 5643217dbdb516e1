// schemas: zod schemas of the domain records, checked against the domain types so the two never drift.
import * as z from 'zod';
import { ANSWER_STATUSES } from '../domain/comment.js';
import { COMMITTEE_KINDS, type Committee, RULE_SET_IDS } from '../domain/committee.js';
import type { EvaluationForm, StudentConsultation } from '../domain/evaluation.js';
import { END_REASONS } from '../domain/introduction.js';
import { ABSENCE_CATEGORIES, ABSENCE_TEXT_MAX } from '../domain/invitation.js';
import { ROUNDS } from '../domain/meeting.js';
import { MEMBER_CATEGORIES, type Member, RESIDENCE_KINDS, type Residence, SEXES } from '../domain/member.js';
import { MINUTES_PARTS } from '../domain/minutes.js';
import { PARTY_TITLES, ROLES, STAFF_ROLES, type StaffAssignment } from '../domain/roles.js';
import { PROPOSALS } from '../domain/rule-set.js';
import { normaliseText } from '../domain/text.js';
import {
  fullNameSchema,
  idSchema,
  isoDateSchema,
  localTimeSchema,
  phoneSchema,
  textSchema,
} from './common.js';

export const committeeKindSchema = z.enum(COMMITTEE_KINDS);
export const ruleSetIdSchema = z.enum(RULE_SET_IDS);
export const roleSchema = z.enum(ROLES);
export const staffRoleSchema = z.enum(STAFF_ROLES);
export const memberCategorySchema = z.enum(MEMBER_CATEGORIES);
export const endReasonSchema = z.enum(END_REASONS);
export const roundSchema = z.enum(ROUNDS);
export const absenceCategorySchema = z.enum(ABSENCE_CATEGORIES);
export const minutesPartSchema = z.enum(MINUTES_PARTS);
export const proposalSchema = z.enum(PROPOSALS);
export const answerStatusSchema = z.enum(ANSWER_STATUSES);

export const committeeSchema = z.object({
  id: idSchema,
  name: textSchema(200),
  kind: committeeKindSchema,
  parentId: idSchema.optional(),
  ruleSet: ruleSetIdSchema.optional(),
  address: textSchema(300).optional(),
  hamlets: z.array(z.object({ id: idSchema, name: textSchema(200) })).optional(),
  closedAt: z.string().optional(),
}) satisfies z.ZodType<Committee>;

export const staffAssignmentSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  role: staffRoleSchema,
  fullName: fullNameSchema,
  phone: phoneSchema.optional(),
  standing: z.boolean().optional(),
  partyTitle: z.enum(PARTY_TITLES).optional(),
}) satisfies z.ZodType<StaffAssignment>;

export const residenceSchema = z
  .object({
    kind: z.enum(RESIDENCE_KINDS),
    address: textSchema(300),
    registeredFrom: isoDateSchema.optional(),
    registeredUntil: isoDateSchema.optional(),
  })
  // R2: a permanent registration needs no dates; a temporary one needs its whole period.
  .refine((r) => r.kind === 'permanent' || r.registeredFrom !== undefined, {
    message: 'tạm trú cần ngày bắt đầu đăng ký',
    path: ['registeredFrom'],
  })
  .refine((r) => r.kind === 'permanent' || r.registeredUntil !== undefined, {
    message: 'tạm trú cần ngày hết hạn đăng ký',
    path: ['registeredUntil'],
  })
  .refine((r) => !r.registeredUntil || !r.registeredFrom || r.registeredUntil >= r.registeredFrom, {
    message: 'ngày hết hạn trước ngày đăng ký',
    path: ['registeredUntil'],
  }) satisfies z.ZodType<Residence>;

/** Party card numbers (số thẻ đảng viên): digits, usually 8–12. */
export const partyCardNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{6,12}$/, 'số thẻ đảng viên gồm 6–12 chữ số');

export const memberSchema = z.object({
  id: idSchema,
  partyCardNumber: partyCardNumberSchema,
  fullName: fullNameSchema,
  dateOfBirth: isoDateSchema,
  sex: z.enum(SEXES),
  phone: phoneSchema.optional(),
  category: memberCategorySchema,
  residence: residenceSchema,
  workplaceOrgId: idSchema,
  admittedOn: isoDateSchema.optional(),
  officialOn: isoDateSchema.optional(),
  partyCell: textSchema(200).optional(),
  anonymisedAt: z.string().optional(),
}) satisfies z.ZodType<Member>;

export const absenceReasonInputSchema = z.object({
  category: absenceCategorySchema,
  text: textSchema(ABSENCE_TEXT_MAX).optional(),
});

const dutySchema = z.object({ mark: z.enum(['good', 'not_good']), comment: textSchema(1000) });
const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const evaluationFormSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hd02-4duties'),
    duties: z.object({ d1: dutySchema, d2: dutySchema, d3: dutySchema, d4: dutySchema }),
    proposal: proposalSchema,
  }),
  z.object({
    kind: z.literal('qd213-full'),
    criteria: z.object({
      c1: levelSchema,
      c2: levelSchema,
      c3: levelSchema,
      c4: levelSchema,
      c5: levelSchema,
    }),
    proposal: proposalSchema,
    otherComments: z
      .string()
      .max(2000)
      .transform((v) => normaliseText(v).trim()),
  }),
  z.object({
    kind: z.literal('qd213-short'),
    criteria: z.object({ c1: levelSchema, c2: levelSchema }),
    proposal: proposalSchema,
    otherComments: z
      .string()
      .max(2000)
      .transform((v) => normaliseText(v).trim()),
  }),
]) satisfies z.ZodType<EvaluationForm>;

export const studentConsultationInputSchema = z.object({
  hamletHeadName: fullNameSchema,
  hamletHeadOpinion: textSchema(1000),
  policeHeadName: fullNameSchema,
  policeHeadOpinion: textSchema(1000),
  consultedOn: isoDateSchema,
}) satisfies z.ZodType<Omit<StudentConsultation, 'recordedBy'>>;

export const meetingInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  round: roundSchema,
  date: isoDateSchema,
  time: localTimeSchema,
  place: textSchema(300),
  chairStaffId: idSchema,
  agenda: textSchema(2000).optional(),
});
