// Bad input, property-based (fast-check): every HTTP route of the registry called with hostile paths, queries
// and bodies by every role answers 2xx or a polite 4xx ({ error: { code, message } }), never a 5xx; a refused
// request changes no stored record; and every missing or wrongly typed field of a valid body is a 400.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../../shared/config/functions.js';
import type { TestTable } from '../../support/dynamo.js';
import { pathParameters, rawBody, rawQuery } from './arbitraries.js';
import { EXPECTATIONS } from './expectations.js';
import {
  aSeededWorld,
  callRaw,
  type LoadedRoute,
  PRINCIPALS,
  SeededState,
  tokenKey,
  type World,
} from './world.js';

/** Runs per route: modest in `npm test`, more under `npm run test:soak` (FUZZ_RUNS). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

function politeError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; en?: unknown } };
    return (
      typeof parsed.error?.code === 'string' &&
      typeof parsed.error.message === 'string' &&
      parsed.error.message.length > 0 &&
      typeof parsed.error.en === 'string' &&
      parsed.error.en.length > 0
    );
  } catch {
    return false;
  }
}

describe('Function: every route under hostile input', () => {
  let table: TestTable;
  let routes: LoadedRoute[];
  let world: World;
  let state: SeededState;

  beforeAll(async () => {
    let seeded: Record<string, unknown>[];
    ({ table, routes, world, seeded } = await aSeededWorld());
    state = new SeededState(table, seeded);
  }, 120_000);
  afterAll(async () => {
    await table.drop();
  });

  for (const def of HTTP_ROUTES.filter((r) => r.auth)) {
    it(`${def.method} ${def.path} (${def.name}): never a 5xx, and a refusal changes nothing`, async () => {
      // Prepare
      const handler = routes.find((r) => r.def.name === def.name)?.handler;
      if (!handler) throw new Error(`${def.name} not loaded`);
      const valid = EXPECTATIONS[def.name]?.request(world, 'chair') ?? {};
      const allowed = PRINCIPALS.filter((p) => EXPECTATIONS[def.name]?.allowed(p.role, p.side));
      // One part hostile and the rest valid reaches deeper than all-hostile (which mostly stops at the path).
      const request = fc
        .record({
          who: allowed.length
            ? fc.oneof(fc.constantFrom(...allowed), fc.constantFrom(...PRINCIPALS))
            : fc.constantFrom(...PRINCIPALS),
          hostile: fc.constantFrom('path', 'query', 'body', 'all'),
          pathParameters: pathParameters(def.path, valid.pathParameters),
          query: rawQuery,
          body: rawBody(valid.body),
        })
        .map((r) => ({
          who: r.who,
          pathParameters:
            r.hostile === 'path' || r.hostile === 'all' ? r.pathParameters : (valid.pathParameters ?? {}),
          query: r.hostile === 'query' || r.hostile === 'all' ? r.query : valid.query,
          body:
            r.hostile === 'body' || r.hostile === 'all'
              ? r.body
              : valid.body !== undefined
                ? JSON.stringify(valid.body)
                : undefined,
        }));
      const statuses = new Map<number, number>();

      // Act + Assess
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          await state.beforeCall();
          const a = await callRaw(handler, {
            method: def.method,
            route: def.path,
            pathParameters: r.pathParameters,
            ...(r.query ? { query: r.query } : {}),
            ...(r.body !== undefined ? { rawBody: r.body } : {}),
            token: world.tokens.get(tokenKey(r.who.role, r.who.side)) as string,
          });
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          expect(a.status, a.body.slice(0, 300)).toBeGreaterThanOrEqual(200);
          expect(a.status, a.body.slice(0, 300)).toBeLessThan(500);
          if (a.status >= 400) {
            expect(politeError(a.body), a.body.slice(0, 300)).toBe(true);
            expect(await state.changes(), 'a refused request changed stored records').toEqual([]);
          }
          // Accepted: the next run's beforeCall puts the world back, so each run starts from the same state.
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );

      if (process.env.FUZZ_DEBUG) console.info(def.name, JSON.stringify([...statuses].sort()));
      // Assess: the runs reached past authentication (some 400s at least), so the schema was exercised.
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    }, 300_000);
  }

  it('answers 400 to every missing or wrongly typed field of a valid body, and to a body that is not JSON', async () => {
    // Prepare
    const wrongTypes: unknown[] = [12, true, null, ['x'], { a: 1 }, 'chuỗi'];
    const wrong: string[] = [];
    let checked = 0;

    // Act
    for (const { def, handler } of routes.filter((r) => r.def.auth)) {
      const valid = EXPECTATIONS[def.name]?.request(world, 'chair');
      if (!valid?.body || typeof valid.body !== 'object') continue;
      const body = valid.body as Record<string, unknown>;
      const token = world.tokens.get(tokenKey('chair', 'own')) as string;
      const variants: [string, string][] = [['not JSON', '{"text": "chưa đóng']];
      for (const field of Object.keys(body)) {
        const { [field]: _missing, ...rest } = body;
        variants.push([`missing ${field}`, JSON.stringify(rest)]);
        for (const w of wrongTypes) {
          if (typeof w === typeof body[field] && w !== null) continue;
          variants.push([`${field} = ${JSON.stringify(w)}`, JSON.stringify({ ...body, [field]: w })]);
        }
      }
      for (const [what, raw] of variants) {
        await state.beforeCall();
        const a = await callRaw(handler, {
          method: def.method,
          route: def.path,
          pathParameters: valid.pathParameters ?? {},
          rawBody: raw,
          token,
        });
        checked++;
        if (a.status !== 400) wrong.push(`${def.name} ${what}: ${a.status}`);
        else if ((await state.changes()).length > 0) wrong.push(`${def.name} ${what}: the table changed`);
      }
    }

    // Assess
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
