// Unit test of the bot's wording: no text a user reads (vi or en) shows an internal rule code ("R8", "(R11)"),
// whatever its arguments; the rules are named by what they are about.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../chat/i18n/index.js';

const RULE_CODE = /\bR\d{1,2}\b/;

/** Stands in for any argument: a string in a template, an object with any field, a list, a function. */
const anything: unknown = new Proxy(() => 'X', {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => 'X' : key === 'length' ? 1 : anything),
  apply: () => 'X',
});

/** Every text the catalogue can produce: its strings, and each function called with stand-in arguments. */
function texts(value: unknown, path: string, out: Map<string, string>): void {
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') {
    for (const args of [Array(4).fill(anything), Array(4).fill('X'), Array(4).fill(1)]) {
      try {
        const result: unknown = value(...args);
        if (typeof result === 'string') out.set(path, result);
        else texts(result, path, out);
        return;
      } catch {
        // these arguments do not fit this function: try the next kind
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) texts(inner, `${path}.${key}`, out);
  }
}

describe('The bot catalogue', () => {
  for (const language of ['vi', 'en'] as const) {
    it(`shows no rule code in any ${language} text`, () => {
      // Prepare
      const all = new Map<string, string>();
      texts(catalogue(language), language, all);

      // Act
      const withCodes = [...all].filter(([, text]) => RULE_CODE.test(text));

      // Assess
      expect(all.size).toBeGreaterThan(300);
      expect(withCodes).toEqual([]);
    });

    it(`names what a broken rule is about in ${language}, for every rule`, () => {
      // Act
      const replies = Array.from({ length: 22 }, (_, i) => catalogue(language).errors.rule(`R${i + 1}`));

      // Assess
      expect(replies.filter((r) => RULE_CODE.test(r))).toEqual([]);
      expect(new Set(replies).size).toBe(22);
    });
  }
});
