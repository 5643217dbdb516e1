// Unit: link codes are drawn without bias — every letter of the alphabet equally likely — so no code is
// easier to guess than another.
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, randomCode } from '../../../shared/adapters/ids.js';

describe('Adapter: randomCode', () => {
  it('uses only the alphabet that cannot be misread, at the length asked for', () => {
    // Act
    const codes = Array.from({ length: 1000 }, () => randomCode(8));

    // Assess
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    expect(new Set(codes).size).toBe(1000);
  });

  it('draws each letter equally often (chi-square far below what a modulo bias gives)', () => {
    // Prepare: 800,000 letters. Taking a byte modulo 31 would make 8 letters 12.5% likelier: a chi-square
    // in the thousands. A uniform draw passes 80 (30 degrees of freedom) about once in a million runs.
    const counts = new Map<string, number>();

    // Act
    for (let i = 0; i < 100_000; i++) {
      for (const ch of randomCode(8)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }

    // Assess
    const expected = 800_000 / CODE_ALPHABET.length;
    let chiSquare = 0;
    for (const ch of CODE_ALPHABET) chiSquare += ((counts.get(ch) ?? 0) - expected) ** 2 / expected;
    expect(counts.size).toBe(CODE_ALPHABET.length);
    expect(chiSquare).toBeLessThan(80);
  });
});
