// Unit: the free-text schema every route and bot input uses — normalised, trimmed, counted in characters,
// refusing control characters and text garbled in transit.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/domain/text.js';
import { newCommitteeSchema } from '../../../shared/schemas/administration.js';
import { textSchema } from '../../../shared/schemas/common.js';

const issuesOf = (value: string, max = 10) => {
  const parsed = textSchema(max).safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('Schema: textSchema', () => {
  it.each([
    ['a bidi override', 'An\u202EHòa', 'AnHòa'],
    ['an isolate and a direction mark', '\u2067An\u200F Hòa\u2069', 'An Hòa'],
    ['zero-width characters and a BOM', '\uFEFFAn\u200B\u200C\u200D Hòa\u2060', 'An Hòa'],
    ['combining marks', 'Ho\u0300a', 'Hòa'],
  ])('removes %s', (_what, input, stored) => {
    // Act
    const parsed = textSchema(50).parse(input);

    // Assess
    expect(parsed).toBe(stored);
  });

  it('counts characters, not UTF-16 units: ten emoji are ten characters', () => {
    // Act + Assess
    expect(issuesOf('🙂'.repeat(10))).toEqual([]);
    expect(issuesOf('🙂'.repeat(11))).toEqual(['tối đa 10 ký tự']);
  });

  it('refuses control characters and text garbled in transit, in Vietnamese', () => {
    // Act + Assess
    expect(issuesOf('An\u0007Hòa')).toEqual(['có ký tự điều khiển không hợp lệ']);
    expect(issuesOf('H\uFFFDa')).toEqual(['có ký tự không đọc được (lỗi mã hóa)']);
    expect(issuesOf('\u202E\u200B ')).toEqual(['không được để trống']);
  });

  it('keeps line breaks and tabs, which people do type', () => {
    // Act + Assess
    expect(normaliseText('Dòng 1\nDòng 2\tcột')).toBe('Dòng 1\nDòng 2\tcột');
  });
});

describe("Schema: zod's own messages", () => {
  it('are Vietnamese: missing fields say so in the language staff read, beside our own messages', () => {
    // Act
    const parsed = newCommitteeSchema.safeParse({ id: 'phuong-moi', kind: 'galaxy' });

    // Assess
    const messages = parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^name: Đầu vào không hợp lệ/));
    expect(messages).toContainEqual(expect.stringMatching(/^parentId: Đầu vào không hợp lệ/));
    expect(messages).toContainEqual(expect.stringMatching(/^kind: loại đơn vị: /));
    expect(messages.join(' ')).not.toMatch(/Invalid|expected/);
  });
});
