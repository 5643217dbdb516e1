// Authorisation matrix over the registry: every authenticated route × every role × own / other committee
// gives the answer its expectation names (2xx or 403/404), a refused call changes nothing, a caller from
// another committee never sees this ward's people, and no token or a foreign token is always 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../../shared/adapters/tokens.js';
import { HTTP_ROUTES } from '../../../shared/config/functions.js';
import type { TestTable } from '../../support/dynamo.js';
import { TEST_JWT } from '../../support/http.js';
import { EXPECTATIONS, type Request } from './expectations.js';
import {
  aSeededWorld,
  type LoadedRoute,
  PEOPLE,
  PRINCIPALS,
  SeededState,
  tokenKey,
  type World,
} from './world.js';

/** Strings of this ward's people that another committee must never receive. */
const PRIVATE = [
  PEOPLE.own.id,
  PEOPLE.peer.id,
  PEOPLE.own.fullName,
  PEOPLE.peer.fullName,
  PEOPLE.own.phone,
  PEOPLE.peer.phone,
];

describe('Function: every route × every role × own / other committee', () => {
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

  it('has an expectation for every authenticated route in the registry', () => {
    // Prepare
    const missing = HTTP_ROUTES.filter((r) => r.auth && !EXPECTATIONS[r.name]).map((r) => r.name);

    // Assess
    expect(missing, 'routes without an authorisation expectation: add them to EXPECTATIONS').toEqual([]);
  });

  it('answers 401 to every authenticated route without a token or with a token signed by another key', async () => {
    // Prepare
    const foreign = await signToken(PRINCIPALS[2]?.principal ?? { sub: 'x', orgId: 'x', role: 'chair' }, {
      ...TEST_JWT,
      secret: 'an-attackers-secret-that-is-also-long-enough',
    });
    await state.beforeCall();
    const answers: string[] = [];

    // Act
    for (const { def, handler } of routes.filter((r) => r.def.auth)) {
      const req = EXPECTATIONS[def.name]?.request(world, 'chair') ?? {};
      for (const token of [undefined, foreign, 'not-a-jwt']) {
        const a = await callRoute(handler, def.method, def.path, req, token);
        answers.push(`${def.name} ${token ? 'bad token' : 'no token'} → ${a.status}`);
      }
    }

    // Assess
    expect(answers.filter((a) => !a.endsWith('→ 401'))).toEqual([]);
    expect(answers.length).toBe(routes.filter((r) => r.def.auth).length * 3);
    expect(await state.changes()).toEqual([]);
  });

  for (const def of HTTP_ROUTES.filter((r) => r.auth)) {
    it(`${def.method} ${def.path} (${def.name}) answers each role and committee as specified`, async () => {
      // Prepare
      const expectation = EXPECTATIONS[def.name];
      const handler = routes.find((r) => r.def.name === def.name)?.handler;
      if (!expectation || !handler) throw new Error(`no expectation for ${def.name}`);
      const wrong: string[] = [];

      // Act
      for (const { role, side } of PRINCIPALS) {
        await state.beforeCall();
        const a = await callRoute(
          handler,
          def.method,
          def.path,
          expectation.request(world, role),
          world.tokens.get(tokenKey(role, side)),
        );
        const allowed = expectation.allowed(role, side);
        const allowedOk = expectation.allowedStatus
          ? a.status === expectation.allowedStatus
          : a.status >= 200 && a.status < 300;
        const ok = allowed ? allowedOk : a.status === 403 || a.status === 404;
        if (!ok)
          wrong.push(
            `${role}/${side}: expected ${allowed ? (expectation.allowedStatus ?? '2xx') : '403/404'}, got ${a.status} ${a.body.slice(0, 160)}`,
          );
        if (!allowed && (await state.changes()).length > 0)
          wrong.push(`${role}/${side}: refused but the table changed`);
        if (side === 'other') {
          const leaked = PRIVATE.filter((p) => p && a.body.includes(p));
          if (leaked.length)
            wrong.push(`${role}/${side}: the answer carries this ward's people (${leaked.length} strings)`);
        }
      }

      // Assess
      expect(wrong).toEqual([]);
    });
  }
});

async function callRoute(
  handler: LoadedRoute['handler'],
  method: LoadedRoute['def']['method'],
  path: string,
  req: Request,
  token: string | undefined,
) {
  const { callRaw } = await import('./world.js');
  return callRaw(handler, {
    method,
    route: path,
    ...(req.pathParameters ? { pathParameters: req.pathParameters } : {}),
    ...(req.query ? { query: req.query } : {}),
    ...(req.body !== undefined ? { rawBody: JSON.stringify(req.body) } : {}),
    ...(req.raw ? { rawBody: req.raw.body, headers: req.raw.headers } : {}),
    ...(token ? { token } : {}),
  });
}
