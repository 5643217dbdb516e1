import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../../../functions/middleware/http.js';
import { withIdempotencyKey } from '../../../functions/middleware/idempotency.js';
import type { CounterRepository, IdempotencyStore } from '../../../shared/ports/repositories.js';
import { letterNumbers } from '../../../shared/services/letter-numbers.js';

/** In-memory fakes of our own ports. */
function memoryCounters(): CounterRepository & { calls: number } {
  const values = new Map<string, number>();
  const fake = {
    calls: 0,
    async next(scope: string, count = 1) {
      fake.calls++;
      await new Promise((r) => setTimeout(r, 1));
      const value = (values.get(scope) ?? 0) + count;
      values.set(scope, value);
      return value;
    },
  };
  return fake;
}

function memoryIdempotency(): IdempotencyStore {
  const records = new Map<string, unknown>();
  return {
    async claim(scope, key, _ttl, options) {
      if (records.has(`${scope}|${key}`)) return false;
      records.set(`${scope}|${key}`, options?.result ?? null);
      return true;
    },
    async status(scope, key) {
      return records.has(`${scope}|${key}`) ? 'in_progress' : undefined;
    },
    async recall<T>(scope: string, key: string) {
      return (records.get(`${scope}|${key}`) ?? undefined) as T | undefined;
    },
    async complete(scope, key, _ttl, result) {
      records.set(`${scope}|${key}`, result);
    },
    async release(scope, key) {
      records.delete(`${scope}|${key}`);
    },
  };
}

describe('Function: letterNumbers', () => {
  it('hands out every number of a block once, even to concurrent callers, and one sequence per workplace and year', async () => {
    // Prepare
    const counters = memoryCounters();
    const numbers = letterNumbers(counters, 10);

    // Act
    const got = await Promise.all(Array.from({ length: 25 }, () => numbers.next('so-y-te', 2026)));
    const other = await numbers.next('so-y-te', 2027);

    // Assess
    expect(got.map((n) => Number.parseInt(n, 10)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(got[0]).toMatch(/^\d+-GGT$/);
    expect(counters.calls).toBe(4); // three blocks of 10 for 2026, one for 2027
    expect(other).toBe('1-GGT');
  });
});

describe('Function: withIdempotencyKey', () => {
  const principal = { sub: 's1', orgId: 'o1', role: 'workplace_staff' } as const;
  const event = (key: string | undefined, body: string) =>
    ({
      routeKey: 'POST /introductions',
      rawPath: '/introductions',
      headers: key ? { 'idempotency-key': key } : {},
      body,
    }) as unknown as APIGatewayProxyEventV2;

  it('runs once per key, tells a replay while the first runs (409), and frees the key when the run fails', async () => {
    // Prepare
    const store = memoryIdempotency();
    let runs = 0;
    let release: () => void = () => undefined;
    const slow = () =>
      new Promise<ReturnType<typeof jsonResponse>>((resolve) => {
        runs++;
        release = () => resolve(jsonResponse(201, { ok: runs }));
      });

    // Act
    const first = withIdempotencyKey(store, { event: event('k1', 'a'), principal, scope: 's' }, slow);
    await new Promise((r) => setTimeout(r, 5));
    const during = withIdempotencyKey(store, { event: event('k1', 'a'), principal, scope: 's' }, slow);
    await expect(during).rejects.toMatchObject({ code: 'request_in_progress' });
    release();
    const done = await first;
    const replay = await withIdempotencyKey(store, { event: event('k1', 'a'), principal, scope: 's' }, slow);
    const failing = withIdempotencyKey(
      store,
      { event: event('k2', 'b'), principal, scope: 's' },
      async () => {
        throw new Error('boom');
      },
    );
    await expect(failing).rejects.toThrow('boom');
    const retried = await withIdempotencyKey(
      store,
      { event: event('k2', 'b'), principal, scope: 's' },
      async () => jsonResponse(200, { retried: true }),
    );

    // Assess
    expect(runs).toBe(1);
    expect(replay.body).toBe(done.body);
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(retried.statusCode).toBe(200);
  });

  it('refuses a malformed key (400) and just runs without one', async () => {
    const store = memoryIdempotency();
    await expect(
      withIdempotencyKey(store, { event: event('has space', 'a'), principal, scope: 's' }, async () =>
        jsonResponse(200, {}),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    let runs = 0;
    const run = async () => {
      runs++;
      return jsonResponse(200, {});
    };
    await withIdempotencyKey(store, { event: event(undefined, 'a'), principal, scope: 's' }, run);
    await withIdempotencyKey(store, { event: event(undefined, 'a'), principal, scope: 's' }, run);
    expect(runs).toBe(2);
  });
});
