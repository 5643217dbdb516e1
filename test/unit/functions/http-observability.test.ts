// Unit: what an HTTP route logs and counts through the real middy chain — a 500 logs the error's name, message
// and stack with the invocation's request and correlation ids and no personal data; metrics flush once per request.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { httpRoute, ok } from '../../../functions/middleware/http.js';
import { createLogger } from '../../../shared/adapters/logger.js';
import { RecordingMetrics } from '../../../shared/adapters/memory/recording-metrics.js';
import { createTokenVerifier } from '../../../shared/adapters/tokens.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { apiEvent, lambdaContext, TEST_JWT } from '../../support/http.js';
import { captureOutput } from '../../support/output.js';

const NAME = 'Lê Thị Bí Mật';
const PHONE = '0912345678';
const REASON = 'Đi khám thai định kỳ ở Bệnh viện Từ Dũ';

function world() {
  const lines: string[] = [];
  const deps = {
    tokens: createTokenVerifier(TEST_JWT),
    logger: createLogger((line) => lines.push(line)),
    metrics: new RecordingMetrics(),
  };
  const handler = httpRoute(
    { auth: false, body: z.object({ fullName: z.string(), phone: z.string(), reason: z.string() }) },
    () => deps,
    async ({ body }) => {
      if (body.reason === 'missing') throw new NotFoundError('meeting');
      deps.metrics.count('RsvpsRecorded');
      // A bug that quotes the input in its message (as JSON.parse does), and carries it as a property.
      const error = (() => {
        try {
          JSON.parse(`${body.fullName} ${body.phone} ${body.reason}`);
        } catch (e) {
          return e as Error;
        }
        return new Error('unreachable');
      })();
      throw Object.assign(error, { input: body });
    },
  );
  return { lines, deps, handler };
}

describe('Function: logs and metrics of an HTTP route', () => {
  it('logs a 500 with name, message and stack, the request and correlation ids, and no personal data', async () => {
    // Prepare
    const { lines, handler } = world();
    const event = await apiEvent({
      method: 'POST',
      route: '/rsvp',
      body: { fullName: NAME, phone: PHONE, reason: REASON },
    });
    const context = lambdaContext();

    // Act
    const result = (await handler(event, context)) as { statusCode: number; body: string };

    // Assess
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'internal', message: 'Lỗi hệ thống; hãy thử lại sau', en: 'Internal error' },
    });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 'ERROR',
      message: 'unhandled error',
      route: 'POST /rsvp',
      errorName: 'SyntaxError',
      function_request_id: context.awsRequestId,
      correlation_id: event.requestContext.requestId,
      error: {
        name: 'SyntaxError',
        message: expect.stringContaining('is not valid JSON'),
        stack: expect.stringMatching(/^SyntaxError: [^\n]*\n\s+at JSON\.parse/),
      },
    });
    const text = lines.join('\n');
    for (const secret of [NAME, PHONE, REASON, 'Bí', 'khám']) expect(text).not.toContain(secret);
    expect(text).not.toContain('"input"');
  });

  it('logs nothing for a 4xx, flushes metrics once per request, and starts each request with its own ids', async () => {
    // Prepare
    const { lines, deps, handler } = world();
    const body = { fullName: NAME, phone: PHONE, reason: 'missing' };

    // Act
    const notFound = (await handler(
      await apiEvent({ method: 'POST', route: '/rsvp', body }),
      lambdaContext(),
    )) as {
      statusCode: number;
    };
    const context = lambdaContext();
    await handler(
      await apiEvent({ method: 'POST', route: '/rsvp', body: { ...body, reason: 'x' } }),
      context,
    );

    // Assess
    expect(notFound.statusCode).toBe(404);
    expect(deps.metrics.flushes).toBe(2);
    expect(deps.metrics.total('RsvpsRecorded')).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ function_request_id: context.awsRequestId });
  });

  it('answers a route that counts nothing without a log line', async () => {
    // Prepare
    const lines: string[] = [];
    const metrics = new RecordingMetrics();
    const handler = httpRoute(
      { auth: false },
      () => ({ tokens: createTokenVerifier(TEST_JWT), logger: createLogger((l) => lines.push(l)), metrics }),
      async () => ok({ fine: true }),
    );

    // Act
    const result = (await handler(await apiEvent({ method: 'GET', route: '/ok' }), lambdaContext())) as {
      statusCode: number;
    };

    // Assess
    expect(result.statusCode).toBe(200);
    expect(metrics.flushes).toBe(1);
    expect(lines).toEqual([]);
  });

  it('answers 401 and logs a 500 when the composition root cannot be built (a setting missing)', async () => {
    // Prepare
    const handler = httpRoute(
      {},
      () => {
        throw new Error('JWT verification needs JWT_SECRET or JWT_JWKS_URL');
      },
      async () => ok({}),
    );
    const output = captureOutput();

    // Act
    let withoutToken: { statusCode: number };
    let withToken: { statusCode: number };
    try {
      withoutToken = (await handler(await apiEvent({ method: 'GET', route: '/x' }), lambdaContext())) as {
        statusCode: number;
      };
      withToken = (await handler(
        await apiEvent({ method: 'GET', route: '/x', token: 'a.b.c' }),
        lambdaContext(),
      )) as { statusCode: number };
    } finally {
      output.restore();
    }

    // Assess
    expect(withoutToken.statusCode).toBe(401);
    expect(withToken.statusCode).toBe(500);
    expect(output.json()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'unhandled error',
        error: expect.objectContaining({ message: 'JWT verification needs JWT_SECRET or JWT_JWKS_URL' }),
      }),
    ]);
  });
});
