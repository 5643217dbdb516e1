// unit tests: what an error says to people is Vietnamese, with the English apart under `en`, and carries no
// internal rule code ("R7", "(R4)"). Read from the source with the TypeScript parser: the words given to every
// domain error thrown across the code (a `{ vi, en }` literal, a constant holding one, either branch of a
// condition, a NotFoundError's thing), so a new one written as "tiếng Việt (English)", without its English, or
// with a code fails here. The code itself travels in RuleViolationError.rule, for programs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../functions/middleware/errors.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  THINGS,
  type Thing,
  UnauthorizedError,
  ValidationError,
} from '../../shared/domain/errors.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RULE_CODE = /\bR\d{1,2}\b/;
const ERRORS = new Set([
  'DomainError',
  'RuleViolationError',
  'ConflictError',
  'ForbiddenError',
  'NotFoundError',
  'ValidationError',
  'UnauthorizedError',
]);
/** A Vietnamese letter: English text has none of them. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/** An English sentence glued after the Vietnamese: "… (The meeting is cancelled)" or "… / The file is empty". */
const ENGLISH_TAIL =
  /(\((?![^()]*[àáảãạăâèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵđ])[^()]*\b(the|is|are|a|an|not|only|must|its|of)\b[^()]*\)|\s\/\s+[A-Z][a-z]+\s)[^()]*$/;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

interface Said {
  file: string;
  line: number;
  kind: string;
  vi?: string;
  en?: string;
  thing?: string;
  /** What could not be read as words (a string where `{ vi, en }` belongs, an unknown shape). */
  unread?: string;
}

/** A string, a template (its substitutions as "…") or a concatenation, as text; undefined for anything else. */
function textOf(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = textOf(node.left);
    const r = textOf(node.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (ts.isParenthesizedExpression(node)) return textOf(node.expression);
  return undefined;
}

/** The object literals and strings an expression may evaluate to: through conditions and the file's constants. */
function shapesOf(node: ts.Expression, constants: Map<string, ts.Expression>, depth = 0): ts.Expression[] {
  if (depth > 4) return [node];
  if (ts.isParenthesizedExpression(node)) return shapesOf(node.expression, constants, depth + 1);
  if (ts.isConditionalExpression(node))
    return [
      ...shapesOf(node.whenTrue, constants, depth + 1),
      ...shapesOf(node.whenFalse, constants, depth + 1),
    ];
  if (ts.isIdentifier(node) && constants.has(node.text))
    return shapesOf(constants.get(node.text) as ts.Expression, constants, depth + 1);
  if (ts.isElementAccessExpression(node) && ts.isObjectLiteralExpression(node.expression))
    return node.expression.properties.flatMap((p) =>
      ts.isPropertyAssignment(p) ? shapesOf(p.initializer, constants, depth + 1) : [],
    );
  return [node];
}

/** Whether a super(…) call is in a class extending one of the domain errors (not a plain Error). */
function extendsDomainError(n: ts.Node): boolean {
  let c: ts.Node | undefined = n.parent;
  while (c && !ts.isClassDeclaration(c)) c = c.parent;
  const base = c && ts.isClassDeclaration(c) ? c.heritageClauses?.[0]?.types[0]?.expression : undefined;
  return base !== undefined && ts.isIdentifier(base) && ERRORS.has(base.text);
}

function said(): Said[] {
  const found: Said[] = [];
  for (const top of ['shared', 'chat', 'functions', 'bot']) {
    for (const file of sources(top)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      if (!/Error\(/.test(text)) continue;
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const constants = new Map<string, ts.Expression>();
      const collect = (n: ts.Node): void => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
          constants.set(n.name.text, n.initializer);
        ts.forEachChild(n, collect);
      };
      collect(sf);
      const visit = (n: ts.Node): void => {
        const call =
          ts.isNewExpression(n) && ts.isIdentifier(n.expression) && ERRORS.has(n.expression.text)
            ? { kind: n.expression.text, args: n.arguments ?? ts.factory.createNodeArray() }
            : // A subclass's own words: super(…) inside `class X extends SomeError`.
              ts.isCallExpression(n) &&
                n.expression.kind === ts.SyntaxKind.SuperKeyword &&
                extendsDomainError(n)
              ? { kind: 'super', args: n.arguments }
              : undefined;
        // errors.ts defines the errors and rebuilds a queued task's refusal from words checked where first thrown.
        if (call && file !== 'shared/domain/errors.ts') {
          const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
          const at = call.kind === 'RuleViolationError' || call.kind === 'DomainError' ? 1 : 0;
          const arg = call.args[at];
          if (call.kind === 'NotFoundError' && arg) {
            for (const s of shapesOf(arg, constants))
              found.push({ file, line, kind: call.kind, thing: textOf(s) ?? s.getText(sf) });
          } else if (arg) {
            for (const s of shapesOf(arg, constants)) {
              if (ts.isObjectLiteralExpression(s)) {
                const prop = (name: string) => {
                  const p = s.properties.find(
                    (q) => ts.isPropertyAssignment(q) && ts.isIdentifier(q.name) && q.name.text === name,
                  );
                  return p && ts.isPropertyAssignment(p) ? textOf(p.initializer) : undefined;
                };
                found.push({ file, line, kind: call.kind, vi: prop('vi'), en: prop('en') });
              } else {
                found.push({ file, line, kind: call.kind, unread: s.getText(sf).slice(0, 120) });
              }
            }
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
  }
  return found;
}

describe('Rule: error messages are Vietnamese, with the English apart, and name no rule code', () => {
  const all = said();

  it('finds the words of the domain errors thrown across the code', () => {
    // Assess: the scan sees the errors it guards (a broken reader would find none and pass)
    expect(all.length).toBeGreaterThan(200);
    expect(all.filter((s) => s.kind === 'RuleViolationError').length).toBeGreaterThan(20);
    expect(all.filter((s) => s.kind === 'NotFoundError').length).toBeGreaterThan(40);
  });

  it('gives every error its words as { vi, en }, both written', () => {
    // Act
    const unread = all.filter((s) => s.thing === undefined && (s.unread || !s.vi?.trim() || !s.en?.trim()));

    // Assess
    expect(unread).toEqual([]);
  });

  it('names only known things in a NotFoundError', () => {
    // Act
    const unknown = all.filter((s) => s.thing !== undefined && !(s.thing.replace(/^'|'$/g, '') in THINGS));

    // Assess
    expect(unknown).toEqual([]);
  });

  it('keeps the Vietnamese free of an English tail and the English free of Vietnamese', () => {
    // Act
    const glued = all.filter((s) => s.vi !== undefined && ENGLISH_TAIL.test(s.vi));
    const mixed = all.filter((s) => s.en !== undefined && VIETNAMESE.test(s.en));

    // Assess
    expect(glued).toEqual([]);
    expect(mixed).toEqual([]);
  });

  it('shows no R-number in either language', () => {
    // Act
    const withCode = all.filter((s) => RULE_CODE.test(s.vi ?? '') || RULE_CODE.test(s.en ?? ''));

    // Assess
    expect(withCode).toEqual([]);
  });

  it('catches the glued forms it guards against', () => {
    // Assess: the patterns themselves (else a wrong regex passes everything)
    expect(ENGLISH_TAIL.test('Cuộc họp đã bị hủy (The meeting is cancelled)')).toBe(true);
    expect(ENGLISH_TAIL.test('Tệp trống / The file is empty')).toBe(true);
    expect(ENGLISH_TAIL.test('Hãy gửi tệp CSV (Content-Type: text/csv; charset=utf-8)')).toBe(false);
    expect(ENGLISH_TAIL.test('cuộc họp đã kết thúc; ý kiến mới được đưa vào kỳ họp sau (…)')).toBe(false);
    expect(VIETNAMESE.test('The workplace committee has no bí thư')).toBe(true);
  });
});

describe('Function: errorResponse', () => {
  it('answers every domain error with the Vietnamese as message and the English under en', () => {
    // Prepare
    const errors = [
      new ValidationError({ vi: 'Tệp trống', en: 'The file is empty' }),
      new UnauthorizedError(),
      new ForbiddenError(),
      ...(Object.keys(THINGS) as Thing[]).map((t) => new NotFoundError(t)),
      new ConflictError({ vi: 'Cuộc họp đã bị hủy', en: 'The meeting is cancelled' }),
      new RuleViolationError('R9', { vi: 'lý do vắng mặt còn trống', en: 'the reason text is empty' }),
      new Error('boom'),
    ];

    // Act
    const bodies = errors.map(
      (e) => JSON.parse(errorResponse(e).body as string) as { error: { message: string; en: string } },
    );

    // Assess
    for (const { error } of bodies) {
      expect(error.message).toMatch(VIETNAMESE);
      expect(error.en).not.toMatch(VIETNAMESE);
      expect(error.en.length).toBeGreaterThan(0);
      expect(`${error.message} ${error.en}`).not.toMatch(RULE_CODE);
    }
    expect(bodies[3]?.error).toMatchObject({ message: 'Không tìm thấy đơn vị', en: 'Committee not found' });
  });
});
