// middleware: the `Idempotency-Key` header for POST routes: the first request runs and its answer is kept
// (24 h); a replay with the same key and body gets the same answer, marked `idempotent-replayed: true`.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ConflictError, ValidationError } from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { IdempotencyStore } from '../../shared/ports/repositories.js';
import type { HttpEvent, HttpResult } from './http.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * A request still unanswered this long after its claim died with its function (no HTTP function runs past
 * API Gateway's 30 s; infra/stacks/registry.ts refuses a longer timeout): a retry takes the key over
 * instead of getting 409 for a day.
 */
export const IN_PROGRESS_SECONDS = 40;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** What the key keeps: the request's fingerprint, then its answer (API Gateway's structured result). */
const storedSchema = z.object({
  fingerprint: z.string(),
  response: z
    .object({
      statusCode: z.number().optional(),
      headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      body: z.string().optional(),
      isBase64Encoded: z.boolean().optional(),
      cookies: z.array(z.string()).optional(),
    })
    .optional(),
});
type Stored = z.infer<typeof storedSchema>;

function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return found ? headers[found] : undefined;
}

/**
 * Runs `run` once per (caller, route scope, key). Without the header it just runs. The same key with a
 * different body is a 409 (`idempotency_key_reused`); a replay while the first is still running is a 409
 * (`request_in_progress`) until the first's time is up. A request that fails releases its key, so the client
 * may retry it; one whose function died keeps it only IN_PROGRESS_SECONDS.
 */
export async function withIdempotencyKey(
  store: IdempotencyStore,
  input: { event: HttpEvent; principal: Principal; scope: string },
  run: () => Promise<HttpResult>,
): Promise<HttpResult> {
  const key = header(input.event, 'idempotency-key');
  if (key === undefined) return run();
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError(
      { vi: 'Tiêu đề Idempotency-Key không hợp lệ', en: 'The Idempotency-Key header is not valid' },
      [{ code: 'custom', path: ['Idempotency-Key'], message: '1–128 ký tự A-Z a-z 0-9 _ . : -' }],
    );
  }
  const scope = `${input.scope}#${input.principal.sub}`;
  const fingerprint = createHash('sha256')
    .update(`${input.event.routeKey}\n${input.event.rawPath}\n${input.event.body ?? ''}`)
    .digest('hex');
  const claimed = await store.claim(scope, key, IDEMPOTENCY_TTL_SECONDS, {
    result: { fingerprint } satisfies Stored,
    inProgressSeconds: IN_PROGRESS_SECONDS,
  });
  if (!claimed) {
    const stored = await store.recall(scope, key, storedSchema);
    if (stored && stored.fingerprint !== fingerprint) {
      throw new ConflictError(
        {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
          en: 'This Idempotency-Key was used for another request',
        },
        'idempotency_key_reused',
      );
    }
    if (!stored?.response) {
      throw new ConflictError(
        {
          vi: 'Yêu cầu đầu tiên với Idempotency-Key này đang được xử lý',
          en: 'The first request with this Idempotency-Key is still running',
        },
        'request_in_progress',
      );
    }
    return { ...stored.response, headers: { ...stored.response.headers, 'idempotent-replayed': 'true' } };
  }
  let response: HttpResult;
  try {
    response = await run();
  } catch (error) {
    await store.release(scope, key);
    throw error;
  }
  await store.complete(scope, key, IDEMPOTENCY_TTL_SECONDS, { fingerprint, response } satisfies Stored);
  return response;
}
