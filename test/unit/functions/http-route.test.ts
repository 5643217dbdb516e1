import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { created, fileResponse, httpRoute } from '../../../functions/middleware/http.js';
import { createLogger } from '../../../shared/adapters/logger.js';
import { RecordingMetrics } from '../../../shared/adapters/memory/recording-metrics.js';
import { createTokenVerifier, signToken } from '../../../shared/adapters/tokens.js';
import { ConflictError, RuleViolationError } from '../../../shared/domain/errors.js';

const jwt = { issuer: 'test', audience: 'test-api', secret: 'a-test-secret-that-is-long-enough-1234' };
const routeDeps = {
  tokens: createTokenVerifier(jwt),
  logger: createLogger(() => undefined),
  metrics: new RecordingMetrics(),
};
const deps = () => routeDeps;

const route = httpRoute(
  {
    body: z.object({ name: z.string().min(1), rule: z.string().optional() }),
    path: z.object({ id: z.string() }),
  },
  deps,
  async ({ principal, body, path }) => {
    if (body.rule === 'R2') throw new RuleViolationError('R2', { vi: 'quá ngắn', en: 'too short' });
    if (body.rule === 'dup') throw new ConflictError({ vi: 'đã có', en: 'exists' });
    return created({ by: principal.sub, id: path.id, name: body.name });
  },
);

function event(body: unknown, token?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /things/{id}',
    rawPath: '/things/t1',
    rawQueryString: '',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    pathParameters: { id: 't1' },
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const context = {} as Context;

describe('Function: httpRoute', () => {
  it('answers 401 without a token and with a forged one', async () => {
    const forged = await signToken(
      { sub: 's', orgId: 'o', role: 'chair' },
      { ...jwt, secret: 'another-secret-that-is-long-enough-999' },
    );
    expect((await route(event({ name: 'x' }), context)).statusCode).toBe(401);
    expect((await route(event({ name: 'x' }, forged), context)).statusCode).toBe(401);
  });

  it('answers 400 with the zod issues for a bad body and for broken JSON', async () => {
    // Prepare
    const token = await signToken({ sub: 's1', orgId: 'o1', role: 'workplace_staff' }, jwt);

    // Act
    const bad = await route(event({ name: '' }, token), context);
    const broken = await route(event('{"name":', token), context);

    // Assess
    expect(bad.statusCode).toBe(400);
    const body = JSON.parse(bad.body ?? '{}');
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues[0].path).toEqual(['name']);
    expect(body.error).toMatchObject({
      message: 'Nội dung yêu cầu không hợp lệ',
      en: 'The request body is not valid',
    });
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body ?? '{}').error).toMatchObject({
      message: 'Nội dung yêu cầu không phải JSON hợp lệ',
      en: 'The request body is not valid JSON',
    });
  });

  it('runs the handler with the verified principal, and maps rule and conflict errors to 422 and 409', async () => {
    const token = await signToken({ sub: 's1', orgId: 'o1', role: 'workplace_staff' }, jwt);
    const okResponse = await route(event({ name: 'Nguyễn' }, token), context);
    expect(okResponse.statusCode).toBe(201);
    expect(JSON.parse(okResponse.body ?? '{}')).toEqual({ by: 's1', id: 't1', name: 'Nguyễn' });
    const rule = await route(event({ name: 'x', rule: 'R2' }, token), context);
    expect(rule.statusCode).toBe(422);
    expect(JSON.parse(rule.body ?? '{}').error).toEqual({
      code: 'rule_violation',
      rule: 'R2',
      message: 'quá ngắn',
      en: 'too short',
    });
    expect((await route(event({ name: 'x', rule: 'dup' }, token), context)).statusCode).toBe(409);
  });
});

describe('Function: fileResponse', () => {
  it('sends the bytes as base64 with their type, a name that keeps its Vietnamese letters, and no-store', () => {
    // Act
    const pdf = fileResponse(new Uint8Array([37, 80, 68, 70]), { format: 'pdf', name: 'biên-bản-họp' });
    const xlsx = fileResponse(new Uint8Array([80, 75]), {
      format: 'xlsx',
      name: 'bao-cao',
      disposition: 'attachment',
    });

    // Assess
    expect(pdf).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: 'JVBERg==' });
    expect(pdf.headers).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="bien-ban-hop.pdf"; filename*=UTF-8''bi%C3%AAn-b%E1%BA%A3n-h%E1%BB%8Dp.pdf`,
      'cache-control': 'private, no-store',
    });
    expect(xlsx.headers?.['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers?.['content-disposition']).toMatch(/^attachment; filename="bao-cao\.xlsx"/);
    expect(xlsx.headers?.['cache-control']).toBe('private, no-store');
  });
});
