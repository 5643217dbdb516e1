// unit tests: what an error says to people carries no internal rule code ("R7", "(R4)"): read from the source,
// every message given to a domain error (for a RuleViolationError, the words after its rule id), so a new
// one written with a code fails here. The code itself travels in RuleViolationError.rule, for programs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RULE_CODE = /\bR\d{1,2}\b/;
/** `new XError(`, for a rule violation its rule id (a literal or `rule`), then the message's first string literal. */
const THROW =
  /new (RuleViolationError|ConflictError|ForbiddenError|NotFoundError|ValidationError|UnauthorizedError)\(\s*(?:(?:'R\d{1,2}'|rule)\s*,\s*)?(['"`])((?:\\.|(?!\2)[\s\S])*)\2/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

function messages(): { file: string; kind: string; text: string }[] {
  const found: { file: string; kind: string; text: string }[] = [];
  for (const top of ['shared', 'functions', 'bot']) {
    for (const file of sources(top)) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(THROW)) {
        // A rule id alone: the message after it is not a literal (a variable, a condition), read elsewhere.
        if (m[1] === 'RuleViolationError' && /^R\d{1,2}$/.test(m[3] ?? '')) continue;
        found.push({ file, kind: m[1] ?? '', text: m[3] ?? '' });
      }
    }
  }
  return found;
}

describe('Rule: error messages name no rule code', () => {
  it('finds the messages of the domain errors thrown across the code', () => {
    // Act
    const all = messages();

    // Assess: the scan sees the errors it guards (a broken pattern would find none and pass)
    expect(all.length).toBeGreaterThan(80);
    expect(all.some((m) => m.kind === 'RuleViolationError')).toBe(true);
  });

  it('shows no R-number in any of them', () => {
    // Act
    const withCode = messages().filter((m) => RULE_CODE.test(m.text));

    // Assess
    expect(withCode).toEqual([]);
  });
});
