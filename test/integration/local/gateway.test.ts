// Integration tests of the local HTTP gateway: real HTTP on loopback in, API Gateway v2 events out, Lambda results back.
import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../../local/functions.js';
import { compileRoutes, type Gateway, matchRoute, startGateway } from '../../../local/gateway.js';
import { createTokenVerifier, signToken } from '../../../shared/adapters/tokens.js';
import type { HttpRouteDef } from '../../../shared/config/functions.js';

const jwt = {
  issuer: 'lien-he-noi-cu-tru',
  audience: 'lien-he-api',
  secret: 'a-test-secret-of-at-least-32-characters!',
};

const route = (name: string, method: HttpRouteDef['method'], path: string, auth = true): HttpRouteDef => ({
  name,
  group: 'gateway',
  method,
  path,
  entry: `functions/http/${name}.ts`,
  auth,
  grants: [],
});

const ROUTES: HttpRouteDef[] = [
  route('receive', 'POST', '/introductions/{id}/receive'),
  route('import', 'POST', '/introductions/import'),
  route('letter', 'GET', '/introductions/{id}/letter.pdf'),
  route('webhook', 'POST', '/telegram/webhook', false),
  route('proxy', 'GET', '/files/{path+}'),
];

describe('Function: matchRoute', () => {
  it('prefers the most specific route, as API Gateway does', () => {
    // Prepare
    const routes = compileRoutes([
      route('by-id', 'POST', '/introductions/{id}'),
      route('import', 'POST', '/introductions/import'),
    ]);

    // Act
    const fixed = matchRoute(routes, 'POST', '/introductions/import');
    const param = matchRoute(routes, 'POST', '/introductions/gt-01');

    // Assess
    expect(fixed?.route.def.name).toBe('import');
    expect(param?.route.def.name).toBe('by-id');
    expect(param?.pathParameters).toEqual({ id: 'gt-01' });
    expect(matchRoute(routes, 'GET', '/introductions/import')).toBeUndefined();
  });
});

describe('Function: startGateway', () => {
  let gateway: Gateway;
  const received: { name: string; event: APIGatewayProxyEventV2 }[] = [];
  let respond: (name: string) => unknown = () => ({ statusCode: 200, body: '{}' });
  let token: string;

  beforeAll(async () => {
    token = await signToken({ sub: 'st-ah-mai', orgId: 'phuong-an-hoa', role: 'residence_staff' }, jwt);
    gateway = await startGateway({
      routes: ROUTES,
      handlerOf:
        async (def): Promise<LambdaHandler> =>
        async (event) => {
          received.push({ name: def.name, event: event as APIGatewayProxyEventV2 });
          return respond(def.name);
        },
      verifier: () => createTokenVerifier(jwt),
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  beforeEach(() => {
    received.length = 0;
    respond = () => ({ statusCode: 200, body: '{}' });
  });

  it('hands the handler an API Gateway v2 event with the route key, parameters and lower-cased headers', async () => {
    // Act
    const res = await fetch(`${gateway.url}/introductions/gt%2001/receive?hamlet=an-hoa-kv1&x=1&x=2`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Custom': 'A' },
      body: JSON.stringify({ hamletId: 'an-hoa-kv1' }),
    });

    // Assess
    expect(res.status).toBe(200);
    const event = received[0]?.event;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /introductions/{id}/receive',
      rawPath: '/introductions/gt%2001/receive',
      rawQueryString: 'hamlet=an-hoa-kv1&x=1&x=2',
      pathParameters: { id: 'gt 01' },
      queryStringParameters: { hamlet: 'an-hoa-kv1', x: '1,2' },
      body: '{"hamletId":"an-hoa-kv1"}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/introductions/gt%2001/receive' }, stage: '$default' },
    });
    expect(event?.headers['x-custom']).toBe('A');
    expect(event?.headers['content-type']).toBe('application/json');
    expect(event?.headers.authorization).toBe(`Bearer ${token}`);
    expect(event?.requestContext).toMatchObject({
      authorizer: { jwt: { claims: { sub: 'st-ah-mai', orgId: 'phuong-an-hoa', role: 'residence_staff' } } },
    });
  });

  it('passes a binary body base64-encoded and a CSV as text', async () => {
    // Act
    await fetch(`${gateway.url}/introductions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 1]),
    });
    await fetch(`${gateway.url}/introductions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      body: 'họ tên;số thẻ\nNguyễn Văn An;79000101',
    });

    // Assess
    expect(received[0]?.event).toMatchObject({
      isBase64Encoded: true,
      body: Buffer.from([0, 255, 1]).toString('base64'),
    });
    expect(received[1]?.event).toMatchObject({
      isBase64Encoded: false,
      body: 'họ tên;số thẻ\nNguyễn Văn An;79000101',
    });
  });

  it('answers 401 without calling the function when the bearer token is missing or wrong, as the JWT authorizer does', async () => {
    // Act
    const none = await fetch(`${gateway.url}/introductions/import`, { method: 'POST' });
    const forged = await fetch(`${gateway.url}/introductions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.slice(0, -3)}abc` },
    });

    // Assess
    expect(none.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'Unauthorized' });
    expect(received).toHaveLength(0);
  });

  it('lets routes without auth through (the Telegram webhook checks its own secret)', async () => {
    // Act
    const res = await fetch(`${gateway.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': 's3cret', 'content-type': 'application/json' },
      body: '{"update_id":1}',
    });

    // Assess
    expect(res.status).toBe(200);
    expect(received[0]?.event.headers['x-telegram-bot-api-secret-token']).toBe('s3cret');
  });

  it('decodes a base64 response (a PDF) to its bytes and keeps the headers', async () => {
    // Prepare
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3])]);
    respond = () => ({
      statusCode: 200,
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="thu.pdf"' },
      body: pdf.toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const res = await fetch(`${gateway.url}/introductions/gt-01/letter.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="thu.pdf"');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
  });

  it('answers 404 for an unknown route and 500 when the function throws', async () => {
    // Prepare
    respond = () => {
      throw new Error('boom');
    };

    // Act
    const unknown = await fetch(`${gateway.url}/nowhere`);
    const failing = await fetch(`${gateway.url}/files/a/b/c.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });

    // Assess
    expect(unknown.status).toBe(404);
    expect(failing.status).toBe(500);
    expect(await failing.json()).toEqual({ message: 'Internal Server Error' });
    expect(received[0]?.event.pathParameters).toEqual({ path: 'a/b/c.xlsx' });
  });

  it('answers 400 to a path whose percent-encoding is broken, and keeps serving', async () => {
    // Act
    const broken = await rawRequest(gateway.url, 'GET', '/introductions/%E0%A4%A/letter.pdf');
    const after = await rawRequest(gateway.url, 'GET', '/introductions/gt-01/letter.pdf', {
      authorization: `Bearer ${token}`,
    });

    // Assess
    expect(broken.status).toBe(400);
    expect(after.status).toBe(200);
  });

  it('answers every malformed request with a 4xx or a route, never a 5xx, and stays up (property)', async () => {
    // Prepare: paths of route-like segments, stray and broken percent signs, and any printable ASCII
    const segment = fc.oneof(
      fc.constantFrom('introductions', 'import', 'files', 'telegram', 'webhook', 'gt-01', 'letter.pdf'),
      fc.constantFrom('%', '%%', '%E0%A4%A', '%ZZ', '%C3%28', '%00', '..', '.', ''),
      fc.stringMatching(/^[!-~]{0,12}$/),
    );
    const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');
    const body = fc.uint8Array({ maxLength: 256 });
    const authorised = fc.boolean();

    // Act + Assess
    await fc.assert(
      fc.asyncProperty(path, method, body, authorised, async (p, m, b, auth) => {
        const headers: Record<string, string> = auth ? { authorization: `Bearer ${token}` } : {};
        const answer = await rawRequest(gateway.url, m, p.replace(/[^!-~]/g, ''), headers, b);
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    const alive = await rawRequest(gateway.url, 'GET', '/introductions/gt-01/letter.pdf', {
      authorization: `Bearer ${token}`,
    });
    expect(alive.status).toBe(200);
  });
});

/** A request with the path exactly as given (fetch would normalise or refuse some of these paths). */
function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Uint8Array,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      base,
      {
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ? Buffer.from(body) : undefined);
  });
}
