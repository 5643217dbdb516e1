// use case: import introductions from a CSV file (up to 5,000 rows); each row is validated and introduced
// on its own, errors are reported per line, and importing the same file again creates nothing new.
import { isWorkplaceStaffOf } from '../domain/access.js';
import { DomainError, ForbiddenError, RuleViolationError, ValidationError } from '../domain/errors.js';
import type { Principal } from '../domain/roles.js';
import { type CsvIssue, parseIntroductionCsv } from '../schemas/introduction-csv.js';
import { cachedCommittees, type IntroductionPorts, introduceMember, letterNumbers } from './introductions.js';

export interface ImportRowError {
  line: number;
  code: string;
  message: string;
  rule?: string;
  issues?: readonly (CsvIssue | unknown)[];
}

export interface ImportRowResult {
  line: number;
  outcome: 'created' | 'existing';
  introductionId: string;
  memberId: string;
}

export interface ImportReport {
  total: number;
  created: number;
  existing: number;
  failed: number;
  columns: string[];
  ignoredColumns: string[];
  rows: ImportRowResult[];
  errors: ImportRowError[];
}

/** Rows introduced at once: enough to hide DynamoDB latency, few enough not to trip its throttling. */
const DEFAULT_CONCURRENCY = 16;
/** Letter numbers are reserved from the counter in blocks, so a big file does not hammer one item. */
const LETTER_NUMBER_BLOCK = 50;

async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function rowError(line: number, error: unknown): ImportRowError {
  if (error instanceof RuleViolationError) {
    return { line, code: 'rule_violation', rule: error.rule, message: error.message };
  }
  if (error instanceof ValidationError) {
    return { line, code: error.code, message: error.message, issues: error.issues };
  }
  if (error instanceof DomainError) return { line, code: error.code, message: error.message };
  // Not the row's fault (e.g. throttling): the row can be imported again by sending the file again.
  return {
    line,
    code: 'internal',
    message: 'Lỗi hệ thống, hãy gửi lại tệp / Internal error, send the file again',
  };
}

export async function importIntroductions(
  ports: IntroductionPorts,
  actor: Principal,
  csvText: string,
  options: { workplaceOrgId?: string; concurrency?: number } = {},
): Promise<ImportReport> {
  const workplaceOrgId = options.workplaceOrgId ?? actor.orgId;
  if (!isWorkplaceStaffOf(actor, workplaceOrgId)) {
    throw new ForbiddenError('Only the staff of the introducing workplace committee import its members');
  }
  const parsed = parseIntroductionCsv(csvText);
  const errors: ImportRowError[] = [];
  const rows: ImportRowResult[] = [];
  const firstLineOfCard = new Map<string, number>();
  const valid: { line: number; request: Parameters<typeof introduceMember>[2] }[] = [];
  for (const row of parsed.rows) {
    if (!row.ok) {
      errors.push({
        line: row.line,
        code: 'validation_failed',
        message: 'Dòng không hợp lệ / The row is not valid',
        issues: row.issues,
      });
      continue;
    }
    const card = row.request.member.partyCardNumber;
    const first = firstLineOfCard.get(card);
    if (first !== undefined) {
      errors.push({
        line: row.line,
        code: 'duplicate_in_file',
        message: `Trùng số thẻ đảng với dòng ${first} / Same party card number as line ${first}`,
      });
      continue;
    }
    firstLineOfCard.set(card, row.line);
    valid.push({ line: row.line, request: { ...row.request, workplaceOrgId } });
  }

  const rowPorts: IntroductionPorts = { ...ports, committees: cachedCommittees(ports.committees) };
  const numbers = letterNumbers(ports.counters, LETTER_NUMBER_BLOCK);
  await forEachConcurrently(valid, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ line, request }) => {
    try {
      const result = await introduceMember(rowPorts, actor, request, { letterNumbers: numbers });
      rows.push({
        line,
        outcome: result.outcome,
        introductionId: result.introduction.id,
        memberId: result.member.id,
      });
    } catch (error) {
      errors.push(rowError(line, error));
    }
  });

  rows.sort((a, b) => a.line - b.line);
  errors.sort((a, b) => a.line - b.line);
  return {
    total: parsed.rows.length,
    created: rows.filter((r) => r.outcome === 'created').length,
    existing: rows.filter((r) => r.outcome === 'existing').length,
    failed: errors.length,
    columns: parsed.columns,
    ignoredColumns: parsed.ignoredColumns,
    rows,
    errors,
  };
}
