// Test support: API Gateway HTTP API (v2) events, signed bearer tokens, and a handler invoker.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, Handler } from 'aws-lambda';
import { type AppDeps, createAppDeps } from '../../functions/deps.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { signToken } from '../../shared/adapters/tokens.js';
import type { AppConfig } from '../../shared/config/env.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Clock } from '../../shared/ports/common.js';
import type { TestTable } from './dynamo.js';

/** The HS256 secret tests sign with (never used outside tests). */
export const TEST_JWT = {
  issuer: 'lien-he-noi-cu-tru-test',
  audience: 'lien-he-api-test',
  secret: 'test-only-secret-for-lien-he-noi-cu-tru-0123456789',
} as const;

export function testConfig(table: TestTable): AppConfig {
  return { tableName: table.tableName, region: 'ap-southeast-1', jwt: { ...TEST_JWT } };
}

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  set(iso: string): void;
}

export function testClock(iso: string): TestClock {
  let now = new Date(iso);
  return {
    now: () => new Date(now.getTime()),
    set: (next) => {
      now = new Date(next);
    },
  };
}

/** AppDeps over a test table on DynamoDB Local, with the test JWT secret. */
export function testDeps(
  table: TestTable,
  overrides: Partial<Omit<AppDeps, 'config'>> = {},
): AppDeps & { repos: Repositories } {
  const repos = overrides.repos ?? createRepositories(table);
  // Quiet by default: tests that check logs pass their own logger.
  const logger = overrides.logger ?? createLogger(() => undefined);
  return createAppDeps(testConfig(table), { ...overrides, repos, logger }) as AppDeps & {
    repos: Repositories;
  };
}

export function tokenFor(principal: Principal): Promise<string> {
  return signToken(principal, TEST_JWT, '1h');
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's path template, e.g. `/introductions/{id}/receive`. */
  route: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string as is; a Buffer base64-encoded (as API Gateway sends binary). */
  body?: unknown;
  headers?: Record<string, string>;
  /** A principal to sign a token for, or a raw token. */
  as?: Principal | string;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  base64?: boolean;
  /** The function's timeout for this call (default 30 s). */
  timeoutMs?: number;
}

/** An API Gateway HTTP API payload-format-2.0 event, as the Lambda integration receives it. */
export async function apiEvent(request: ApiRequest): Promise<APIGatewayProxyEventV2> {
  const rawPath = request.route.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.params?.[name] ?? ''),
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
  if (request.as !== undefined) {
    const token = typeof request.as === 'string' ? request.as : await tokenFor(request.as);
    headers.authorization = `Bearer ${token}`;
  }
  let body: string | undefined;
  let base64 = request.base64 ?? false;
  if (Buffer.isBuffer(request.body)) {
    body = request.body.toString('latin1');
    base64 = true;
  } else if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const query = request.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.route}`,
    rawPath,
    rawQueryString,
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(request.params ? { pathParameters: request.params } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: `${request.method} ${request.route}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined
      ? base64
        ? {
            body: Buffer.from(body, Buffer.isBuffer(request.body) ? 'latin1' : 'utf8').toString('base64'),
            isBase64Encoded: true,
          }
        : { body, isBase64Encoded: false }
      : { isBase64Encoded: false }),
  };
}

/** A Lambda context whose remaining time counts down from `timeoutMs` (API Gateway waits 30 s at most). */
export function lambdaContext(timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:123456789012:function:test',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The error body every route answers with (functions/middleware/errors.ts). */
export interface ErrorJson {
  error: {
    code: string;
    message: string;
    rule?: string;
    issues?: { path: (string | number)[]; message: string; code?: string; column?: string }[];
  };
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string | number | boolean>;
  /** Parsed JSON (typed by the caller), or undefined for other content types. */
  json: T;
  raw: APIGatewayProxyStructuredResultV2;
}

export type HttpHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** Builds the event, runs the handler as Lambda would, and parses a JSON answer. */
export async function call<T = ErrorJson>(
  handler: HttpHandler,
  request: ApiRequest,
): Promise<ApiResponse<T>> {
  const result = (await handler(
    await apiEvent(request),
    lambdaContext(request.timeoutMs),
    () => undefined,
  )) as APIGatewayProxyStructuredResultV2 | undefined;
  if (!result) throw new Error('The handler returned nothing');
  const headers = result.headers ?? {};
  const isJson = String(headers['content-type'] ?? '').startsWith('application/json');
  return {
    status: result.statusCode ?? 200,
    headers,
    json: (isJson && result.body ? JSON.parse(result.body) : undefined) as T,
    raw: result,
  };
}
