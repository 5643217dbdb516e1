// Unit: the stored form of an input schema (issue 20 item 3) — what a stored schema derived from an entity
// schema checks on read (keys, types, enums, unions) and what it leaves to the input (trimming, lengths, rules).
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { evaluationFormSchema, memberSchema } from '../../../shared/schemas/entities.js';
import { storedEvaluationFormSchema, storedMemberSchema } from '../../../shared/schemas/stored.js';
import { storedFormOf } from '../../../shared/schemas/stored-form.js';
import { aMember } from '../../support/builders.js';

const pathsOf = (parsed: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  parsed.error?.issues.map((i) => i.path.map(String).join('.')) ?? [];

describe('Schema: storedFormOf', () => {
  it('reads a stored value as it is: no trimming, no length rule, no R2 period rule, and keeps unknown keys', () => {
    // Prepare: what the input would trim, refuse or drop
    const member = {
      ...aMember(),
      fullName: '  Nguyễn Văn An  ',
      partyCardNumber: 'CU-1',
      residence: { kind: 'temporary', address: 'Số 1 Lê Lợi' },
      writtenByANewerDeploy: true,
    };

    // Act
    const stored = storedMemberSchema.safeParse(member);
    const input = memberSchema.safeParse(member);

    // Assess
    expect(stored.success).toBe(true);
    expect(stored.data).toEqual(member);
    expect(input.success).toBe(false);
  });

  it('checks the types and enums the input checks, at their paths', () => {
    // Prepare
    const member = { ...aMember(), category: 'guest', residence: { address: 7 }, phone: 912 };

    // Act
    const parsed = storedMemberSchema.safeParse(member);

    // Assess
    expect(pathsOf(parsed)).toEqual(
      expect.arrayContaining(['category', 'residence.kind', 'residence.address', 'phone']),
    );
  });

  it('keeps a discriminated union one: a form is checked against its own kind', () => {
    // Prepare
    const form = { kind: 'qd213-short', criteria: { c1: 1, c2: 4 }, proposal: 'none', otherComments: ' x ' };

    // Act
    const parsed = storedEvaluationFormSchema.safeParse(form);
    const fixed = storedEvaluationFormSchema.safeParse({ ...form, criteria: { c1: 1, c2: 3 } });

    // Assess
    expect(pathsOf(parsed)).toEqual(['criteria.c2']);
    expect(fixed.data).toEqual({ ...form, criteria: { c1: 1, c2: 3 } });
    expect(evaluationFormSchema.parse({ ...form, criteria: { c1: 1, c2: 3 } })).toMatchObject({
      otherComments: 'x',
    });
  });

  it('adds the attributes storage has beyond the input, and requires them', () => {
    // Prepare
    const schema = storedFormOf(memberSchema.pick({ id: true }), { recordedAt: z.string() });

    // Act + Assess
    expect(schema.safeParse({ id: ' m1 ', recordedAt: 'now' }).success).toBe(true);
    expect(pathsOf(schema.safeParse({ id: 'm1' }))).toEqual(['recordedAt']);
  });
});
