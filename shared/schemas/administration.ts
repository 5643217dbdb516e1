// schemas: the administrator's requests — committees (create, change, move, import lines) and staff assignments.
import * as z from 'zod';
import type { NewCommittee } from '../domain/administration.js';
import { PARTY_TITLES } from '../domain/roles.js';
import { emailSchemaOptional, fullNameSchema, idSchema, phoneSchema, textSchema } from './common.js';
import { ruleSetIdSchema, staffRoleSchema } from './entities.js';

export const hamletSchema = z.object({ id: idSchema, name: textSchema(200) });

export const newCommitteeSchema = z.object({
  id: idSchema,
  name: textSchema(200),
  kind: z.enum(['board', 'residence', 'workplace', 'school', 'armed_forces_unit'], {
    error: 'loại đơn vị: ban_to_chuc, quan_huyen, phuong_xa, co_quan, truong hoặc luc_luong_vu_trang',
  }),
  parentId: idSchema,
  ruleSet: ruleSetIdSchema.optional(),
  address: textSchema(300).optional(),
  hamlets: z.array(hamletSchema).max(200).optional(),
}) satisfies z.ZodType<NewCommittee>;

export const committeeChangesSchema = z
  .object({
    name: textSchema(200).optional(),
    address: textSchema(300).optional(),
    ruleSet: ruleSetIdSchema.optional(),
    hamlets: z.array(hamletSchema).max(200).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'cần ít nhất một thay đổi');

export const moveCommitteeSchema = z.object({ parentId: idSchema });

export const assignStaffSchema = z
  .object({
    role: staffRoleSchema,
    personId: idSchema.optional(),
    fullName: fullNameSchema.optional(),
    phone: phoneSchema.optional(),
    email: emailSchemaOptional,
    standing: z.boolean().optional(),
    /** Bí thư / phó bí thư of the committee: who signs its introduction letters. */
    partyTitle: z.enum(PARTY_TITLES).optional(),
  })
  .refine((s) => s.personId !== undefined || s.fullName !== undefined, {
    message: 'cần họ tên cán bộ mới, hoặc mã cán bộ đã có',
    path: ['fullName'],
  });

/** `npm run admin -- bootstrap` arguments. */
export const bootstrapAdminArgsSchema = z.object({
  boardId: idSchema,
  boardName: textSchema(200),
  adminName: fullNameSchema,
  email: emailSchemaOptional,
});
