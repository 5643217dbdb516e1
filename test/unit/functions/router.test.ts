// Unit tests of the HTTP group routers: every registered route is served by exactly one group function, through
// its own handler, and a route key the group does not serve gets a Vietnamese 404.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GroupHandler, ROUTE_NOT_FOUND, routeHandler } from '../../../functions/middleware/router.js';
import { HTTP_GROUPS, HTTP_ROUTES, type HttpRouteDef } from '../../../shared/config/functions.js';
import { call, type ErrorJson, TEST_JWT } from '../../support/http.js';

const repo = resolve(import.meta.dirname, '../../..');

async function importHandler(entry: string): Promise<unknown> {
  const mod = (await import(pathToFileURL(resolve(repo, entry)).href)) as { handler?: unknown };
  return mod.handler;
}

describe('Function: routeHandler', () => {
  const routes: HttpRouteDef[] = [
    { name: 'a-get', group: 'g', method: 'GET', path: '/a/{id}', entry: 'x.ts', auth: true, grants: [] },
    { name: 'a-post', group: 'g', method: 'POST', path: '/a', entry: 'y.ts', auth: true, grants: [] },
    { name: 'other', group: 'h', method: 'GET', path: '/other', entry: 'z.ts', auth: true, grants: [] },
  ];
  const answer = (name: string) => async () => ({ statusCode: 200, body: name });

  it('dispatches by route key to the named route’s handler', async () => {
    // Prepare
    const handler = routeHandler('g', { 'a-get': answer('a-get'), 'a-post': answer('a-post') }, routes);

    // Act
    const got = await call(handler, { method: 'GET', route: '/a/{id}', pathParameters: { id: '1' } });
    const posted = await call(handler, { method: 'POST', route: '/a', body: {} });

    // Assess
    expect(got.raw.body).toBe('a-get');
    expect(posted.raw.body).toBe('a-post');
  });

  it('answers 404 NOT_FOUND in Vietnamese to a route key of another group', async () => {
    // Prepare
    const handler = routeHandler('g', { 'a-get': answer('a-get'), 'a-post': answer('a-post') }, routes);

    // Act
    const response = await call<ErrorJson>(handler, { method: 'GET', route: '/other' });

    // Assess
    expect(response.status).toBe(404);
    expect(response.json).toEqual(ROUTE_NOT_FOUND);
    expect(response.json.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Không/) });
  });

  it('refuses at load a group missing a route’s handler, naming another group’s route, or serving nothing', () => {
    // Act / Assess
    expect(() => routeHandler('g', { 'a-get': answer('a-get') }, routes)).toThrow(
      /route "a-post" has no handler/,
    );
    expect(() =>
      routeHandler('g', { 'a-get': answer('1'), 'a-post': answer('2'), other: answer('3') }, routes),
    ).toThrow(/"other" is not one of its routes/);
    expect(() => routeHandler('none', {}, routes)).toThrow(/has no route/);
  });
});

describe('Config: HTTP_GROUPS and their routers', () => {
  const groupHandlers = new Map<string, GroupHandler>();

  beforeAll(async () => {
    // Prepare: the routers build their dependencies from the environment at the first request (no I/O
    // follows: every request below stops in its route's middleware)
    vi.stubEnv('JWT_ISSUER', TEST_JWT.issuer);
    vi.stubEnv('JWT_AUDIENCE', TEST_JWT.audience);
    vi.stubEnv('JWT_SECRET', TEST_JWT.secret);
    vi.stubEnv('TABLE_NAME', 'router-test-table-never-reached');
    vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:9');
    for (const group of HTTP_GROUPS) {
      groupHandlers.set(group.name, (await importHandler(group.entry)) as GroupHandler);
    }
  }, 120_000);

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('gives each group a router file at its entry, and each route a group that exists', () => {
    // Act / Assess
    // The bot's webhooks build the bot, which functions/ does not import: their routers are the bot's (issue 20).
    const botGroups = ['telegram-webhook', 'zalo-webhook'];
    for (const group of HTTP_GROUPS) {
      const folder = botGroups.includes(group.name) ? 'bot/lambda' : 'functions/http';
      expect(group.entry).toBe(`${folder}/groups/${group.name}.ts`);
      expect(existsSync(resolve(repo, group.entry)), group.entry).toBe(true);
    }
    const groups = new Set(HTTP_GROUPS.map((g) => g.name));
    for (const route of HTTP_ROUTES) expect(groups.has(route.group), route.name).toBe(true);
  });

  it('serves every route in exactly one group router, by its own entry’s handler', async () => {
    // Prepare
    const servedBy = new Map<string, string[]>();
    for (const [group, handler] of groupHandlers) {
      for (const key of handler.routes.keys()) servedBy.set(key, [...(servedBy.get(key) ?? []), group]);
    }

    // Act / Assess
    for (const route of HTTP_ROUTES) {
      const key = `${route.method} ${route.path}`;
      expect(servedBy.get(key), key).toEqual([route.group]);
      const viaGroup = groupHandlers.get(route.group)?.routes.get(key);
      expect(viaGroup, `${key} is served by ${route.entry}'s handler`).toBe(await importHandler(route.entry));
    }
    expect([...servedBy.keys()].sort()).toEqual(HTTP_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('runs the route’s own middleware chain: 401 without a token, 400 from its own input schema', async () => {
    // Prepare
    const introductions = groupHandlers.get('introductions') as GroupHandler;
    const yearEnd = groupHandlers.get('year-end') as GroupHandler;
    // A member's token: a staff token would first be checked against the stored assignments, and this test
    // has no table (the input schema answers before any use case authorises the caller).
    const member = { sub: 'dv-1', orgId: 'org-1', role: 'member' } as const;

    // Act
    const anonymous = await call<ErrorJson>(introductions, {
      method: 'POST',
      route: '/introductions/{id}/receive',
      pathParameters: { id: 'intro-1' },
      body: {},
    });
    const badBody = await call<ErrorJson>(introductions, {
      method: 'POST',
      route: '/introductions/{id}/receive',
      pathParameters: { id: 'intro-1' },
      body: { hamletId: 42 },
      principal: member,
    });
    const badYear = await call<ErrorJson>(yearEnd, {
      method: 'GET',
      route: '/committees/{id}/evaluations/{year}',
      pathParameters: { id: 'org-1', year: 'last-year' },
      principal: member,
    });
    const elsewhere = await call<ErrorJson>(yearEnd, { method: 'POST', route: '/introductions' });

    // Assess
    expect(anonymous.status).toBe(401);
    expect(badBody.status).toBe(400);
    expect(badBody.json.error.issues?.length).toBeGreaterThan(0);
    expect(badYear.status).toBe(400);
    expect(badYear.json.error).toMatchObject({
      message: 'Đường dẫn yêu cầu không hợp lệ',
      en: 'The request path is not valid',
    });
    expect(elsewhere.status).toBe(404);
  });
});
