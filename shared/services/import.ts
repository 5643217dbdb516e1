// use case: import introductions from a CSV file (up to 5,000 rows); each row is validated and introduced
// on its own, errors are reported per line, and importing the same file again creates nothing new.
// Reads are batched and new introductions written several to a transaction, to fit API Gateway's 30 s.
import { isWorkplaceStaffOf } from '../domain/access.js';
import type { Committee } from '../domain/committee.js';
import { ForbiddenError } from '../domain/errors.js';
import { type ImportRowError, importRowError, screenIntroductionRows } from '../domain/import-rows.js';
import type { Principal } from '../domain/roles.js';
import { parseIntroductionCsv } from '../schemas/introduction-csv.js';
import type { IntroduceRequest } from '../schemas/introductions.js';
import {
  type IntroductionPlan,
  type IntroductionPorts,
  introduceMember,
  introductionContext,
  planIntroduction,
} from './introductions.js';
import { type LetterNumbers, letterNumbers } from './letter-numbers.js';

export interface ImportRowResult {
  line: number;
  outcome: 'created' | 'existing';
  introductionId: string;
  memberId: string;
}

export interface ImportReport {
  /** False when time ran out before every row was tried: send the same file again to go on. */
  complete: boolean;
  total: number;
  created: number;
  existing: number;
  failed: number;
  columns: string[];
  ignoredColumns: string[];
  rows: ImportRowResult[];
  errors: ImportRowError[];
  /** Lines not tried because time ran out (only when complete is false). */
  notProcessed: number[];
}

/** Rows planned at once (committee look-ups and letter numbers are the only reads left by then). */
const DEFAULT_CONCURRENCY = 16;
/**
 * A row writes at most 7 items (member, party card, the member's facts item, guard, introduction, travel
 * notice, event), so 14 rows stay under DynamoDB's 100 items per transaction.
 */
export const ROWS_PER_TRANSACTION = 14;
export const TRANSACTIONS_IN_FLIGHT = 4;

/** Each committee of `orgIds` read once (undefined kept: a ward that does not exist is not read again). */
async function committeesNamed(
  ports: Pick<IntroductionPorts, 'committees'>,
  orgIds: readonly string[],
): Promise<Map<string, Committee | undefined>> {
  const unique = [...new Set(orgIds)];
  const found = await Promise.all(unique.map((orgId) => ports.committees.get(orgId)));
  return new Map(unique.map((orgId, i) => [orgId, found[i]]));
}

/** Room left for the transactions in flight and the answer when the time is nearly up. */
export const IMPORT_TIME_MARGIN_MS = 6000;

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

type NewRow = { line: number; request: IntroduceRequest; plan: Extract<IntroductionPlan, { kind: 'new' }> };

async function withLetterNumber(row: NewRow, numbers: LetterNumbers): Promise<NewRow> {
  if (row.request.letterNumber) return row;
  const { introduction } = row.plan;
  const letterNumber = await numbers.next(
    introduction.workplaceOrgId,
    Number(introduction.issuedOn.slice(0, 4)),
  );
  const numbered = { ...introduction, letterNumber };
  return {
    ...row,
    plan: { ...row.plan, introduction: numbered, issue: { ...row.plan.issue, introduction: numbered } },
  };
}

export async function importIntroductions(
  ports: IntroductionPorts,
  actor: Principal,
  csvText: string,
  options: {
    workplaceOrgId?: string;
    concurrency?: number;
    /** Milliseconds left before the caller must answer; no new write starts within MARGIN of it. */
    remainingMs?: () => number;
    /** Rows read, planned and written together before `onProgress` (the bot's worker: 500). */
    chunkRows?: number;
    /** After each part: rows tried so far (invalid ones included) of the file's rows. */
    onProgress?: (done: number, total: number) => Promise<void>;
  } = {},
): Promise<ImportReport> {
  const workplaceOrgId = options.workplaceOrgId ?? actor.orgId;
  if (!isWorkplaceStaffOf(actor, workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi công tác đã giới thiệu mới nhập được danh sách đảng viên của đơn vị',
      en: 'Only the staff of the introducing workplace committee import its members',
    });
  }
  const parsed = parseIntroductionCsv(csvText);
  const screened = screenIntroductionRows(parsed.rows);
  const errors: ImportRowError[] = screened.refused;
  const rows: ImportRowResult[] = [];
  const valid = screened.valid.map(({ line, request }) => ({
    line,
    request: { ...request, workplaceOrgId },
  }));

  // The committees the file names (its workplace and a few wards) are read once, before the rows, as the
  // members are below: each row's checks then read none.
  const committees = await committeesNamed(ports, [
    workplaceOrgId,
    ...valid.map((v) => v.request.residenceOrgId),
  ]);
  const rowPorts: IntroductionPorts = {
    ...ports,
    committees: {
      get: async (orgId) => (committees.has(orgId) ? committees.get(orgId) : ports.committees.get(orgId)),
    },
  };
  const numbers = letterNumbers(ports.counters, ROWS_PER_TRANSACTION);
  const notProcessed: number[] = [];
  // The margin grows with the slowest transaction seen, so those in flight still finish in time.
  let slowestChunkMs = 0;
  const outOfTime = () =>
    options.remainingMs !== undefined &&
    options.remainingMs() < Math.max(IMPORT_TIME_MARGIN_MS, 2 * slowestChunkMs + 1000);

  const importPart = async (part: readonly { line: number; request: IntroduceRequest }[]) => {
    // Read what is stored about every member of the file in a few batched reads, not three reads a row.
    const stored = await ports.members.byPartyCards(part.map((v) => v.request.member.partyCardNumber));
    const active = await ports.introductions.activeOfMembers([...stored.values()].map((m) => m.id));

    const planned: {
      line: number;
      request: IntroduceRequest;
      plan: Extract<IntroductionPlan, { kind: 'new' }>;
    }[] = [];
    await forEachConcurrently(part, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ line, request }) => {
      try {
        const ctx = await introductionContext(rowPorts, actor, request);
        const member = stored.get(request.member.partyCardNumber);
        const plan = await planIntroduction(
          rowPorts,
          actor,
          ctx,
          request,
          { member, active: member && active.get(member.id) },
          // Numbered when its chunk is written (below), so rows left for a later request use no number.
          async () => '',
        );
        if (plan.kind === 'existing') {
          rows.push({
            line,
            outcome: 'existing',
            introductionId: plan.introduction.id,
            memberId: plan.member.id,
          });
        } else {
          planned.push({ line, request, plan });
        }
      } catch (error) {
        errors.push(importRowError(line, error));
      }
    });

    // New introductions are written several to a transaction; if one fails (another writer got there
    // first), its rows are retried one by one through the single-request path, which re-reads and decides.
    planned.sort((a, b) => a.line - b.line);
    const chunks: (typeof planned)[] = [];
    for (let i = 0; i < planned.length; i += ROWS_PER_TRANSACTION)
      chunks.push(planned.slice(i, i + ROWS_PER_TRANSACTION));
    await forEachConcurrently(chunks, TRANSACTIONS_IN_FLIGHT, async (chunk) => {
      // Nothing of a chunk not started is written, so sending the file again picks these rows up.
      if (outOfTime()) {
        notProcessed.push(...chunk.map((c) => c.line));
        return;
      }
      const started = Date.now();
      try {
        const numbered = await Promise.all(chunk.map((c) => withLetterNumber(c, numbers)));
        await ports.introductions.issueMany(numbered.map((c) => c.plan.issue));
        slowestChunkMs = Math.max(slowestChunkMs, Date.now() - started);
        for (const { line, plan } of numbered) {
          rows.push({
            line,
            outcome: 'created',
            introductionId: plan.introduction.id,
            memberId: plan.member.id,
          });
        }
      } catch {
        for (const { line, request } of chunk) {
          if (outOfTime()) {
            notProcessed.push(line);
            continue;
          }
          try {
            const result = await introduceMember(rowPorts, actor, request, { letterNumbers: numbers });
            rows.push({
              line,
              outcome: result.outcome,
              introductionId: result.introduction.id,
              memberId: result.member.id,
            });
          } catch (error) {
            errors.push(importRowError(line, error));
          }
        }
      }
    });
  };

  // A background import goes part by part (reads, plans and writes of `chunkRows` rows at a time) and
  // reports its progress after each; a request imports the whole file as one part.
  const chunkRows = Math.max(1, options.chunkRows ?? valid.length);
  let done = parsed.rows.length - valid.length;
  for (let from = 0; from < valid.length; from += chunkRows) {
    const part = valid.slice(from, from + chunkRows);
    await importPart(part);
    done += part.length;
    await options.onProgress?.(done, parsed.rows.length);
  }

  rows.sort((a, b) => a.line - b.line);
  errors.sort((a, b) => a.line - b.line);
  notProcessed.sort((a, b) => a - b);
  return {
    complete: notProcessed.length === 0,
    total: parsed.rows.length,
    created: rows.filter((r) => r.outcome === 'created').length,
    existing: rows.filter((r) => r.outcome === 'existing').length,
    failed: errors.length,
    columns: parsed.columns,
    ignoredColumns: parsed.ignoredColumns,
    rows,
    errors,
    notProcessed,
  };
}
