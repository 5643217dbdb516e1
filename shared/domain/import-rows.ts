// domain: the rows of an imported file (introductions, committees) — which rows go on to be planned, and how a
// row that cannot is reported (its line, a code, the words in both languages). Pure: the services read and
// write; nothing here does.
import { DomainError, RuleViolationError, ValidationError } from './errors.js';

export interface ImportRowError {
  line: number;
  code: string;
  /** Vietnamese; `en` the same in English. */
  message: string;
  en: string;
  rule?: string;
  issues?: readonly unknown[];
}

/** A row as the file's parser gives it: a request, or the issues that kept it from being one. */
export type ParsedRow<R> =
  | { line: number; ok: true; request: R }
  | { line: number; ok: false; issues: readonly unknown[] };

/** The refusal of a row, from what its planning or writing threw. */
export function importRowError(line: number, error: unknown): ImportRowError {
  if (error instanceof RuleViolationError) {
    return { line, code: 'rule_violation', rule: error.rule, message: error.message, en: error.en };
  }
  if (error instanceof ValidationError) {
    return { line, code: error.code, message: error.message, en: error.en, issues: error.issues };
  }
  if (error instanceof DomainError) return { line, code: error.code, message: error.message, en: error.en };
  // Not the row's fault (e.g. throttling): the row can be imported again by sending the file again.
  return {
    line,
    code: 'internal',
    message: 'Lỗi hệ thống, hãy gửi lại tệp',
    en: 'Internal error, send the file again',
  };
}

/**
 * R1: the introductions' rows worth planning — the parsed ones, the first of each party card (a member is
 * introduced once; a later line with the same card is refused naming the first) — and the refusals, in the
 * file's order.
 */
export function screenIntroductionRows<R extends { member: { partyCardNumber: string } }>(
  rows: readonly ParsedRow<R>[],
): { valid: { line: number; request: R }[]; refused: ImportRowError[] } {
  const valid: { line: number; request: R }[] = [];
  const refused: ImportRowError[] = [];
  const firstLineOfCard = new Map<string, number>();
  for (const row of rows) {
    if (!row.ok) {
      refused.push({
        line: row.line,
        code: 'validation_failed',
        message: 'Dòng không hợp lệ',
        en: 'The row is not valid',
        issues: row.issues,
      });
      continue;
    }
    const card = row.request.member.partyCardNumber;
    const first = firstLineOfCard.get(card);
    if (first !== undefined) {
      refused.push({
        line: row.line,
        code: 'duplicate_in_file',
        message: `Trùng số thẻ đảng với dòng ${first}`,
        en: `Same party card number as line ${first}`,
      });
      continue;
    }
    firstLineOfCard.set(card, row.line);
    valid.push({ line: row.line, request: row.request });
  }
  return { valid, refused };
}
