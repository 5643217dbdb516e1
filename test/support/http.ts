// Test support: the one way tests call HTTP routes — app deps over a test table, a clock moved by hand,
// signed bearer tokens, API Gateway HTTP API (payload 2.0) events, and a handler invoker decoding the answer.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type AppDeps, createAppDeps } from '../../functions/deps.js';
import { runQueueTask } from '../../functions/queue-worker.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { RecordingMetrics } from '../../shared/adapters/memory/recording-metrics.js';
import { signToken } from '../../shared/adapters/tokens.js';
import type { AppConfig } from '../../shared/config/env.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Clock } from '../../shared/ports/common.js';
import type { TestTable } from './dynamo.js';

/** The HS256 settings tests sign and verify with (never used outside tests). */
export const TEST_JWT = {
  issuer: 'lien-he-noi-cu-tru-test',
  audience: 'lien-he-api-test',
  secret: 'test-only-secret-for-lien-he-noi-cu-tru-0123456789',
} as const;

export function testConfig(table: TestTable, overrides: Partial<AppConfig> = {}): AppConfig {
  return { tableName: table.tableName, region: 'ap-southeast-1', jwt: { ...TEST_JWT }, ...overrides };
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

export type TestDeps = AppDeps & { repos: Repositories };

/**
 * AppDeps over a test table on DynamoDB Local, with the test JWT settings; quiet unless given a logger,
 * and counting metrics in memory unless given others.
 */
export function testDeps(
  table: TestTable,
  overrides: Partial<Omit<AppDeps, 'config'>> = {},
  config: Partial<AppConfig> = {},
): TestDeps {
  const repos = overrides.repos ?? createRepositories(table);
  const logger = overrides.logger ?? createLogger(() => undefined);
  const metrics = overrides.metrics ?? new RecordingMetrics();
  // Most tests sign tokens for principals they never store as staff: the stored-assignment check is on only
  // where a test passes `assignments` (checkedDeps below), which the administration tests do.
  return createAppDeps(testConfig(table, config), {
    assignments: undefined,
    // Tasks a route queues run in this process, as on the local stack.
    queueRunner: runQueueTask,
    ...overrides,
    repos,
    logger,
    metrics,
  }) as TestDeps;
}

/** Test deps whose HTTP middleware checks every staff token against the stored assignments, as in AWS. */
export function checkedDeps(table: TestTable, overrides: Partial<Omit<AppDeps, 'config'>> = {}): TestDeps {
  const repos = overrides.repos ?? createRepositories(table);
  return testDeps(table, { ...overrides, repos, assignments: (id) => repos.staff.assignmentsOf(id) });
}

/** Deps, their repositories, the clock (set to `at`) and the log lines the functions wrote. */
export interface TestApp {
  deps: TestDeps;
  repos: Repositories;
  clock: TestClock;
  logs: string[];
  /** What the functions counted. */
  metrics: RecordingMetrics;
}

export function testApp(table: TestTable, at: string, config: Partial<AppConfig> = {}): TestApp {
  const clock = testClock(at);
  const logs: string[] = [];
  const metrics = new RecordingMetrics();
  const deps = testDeps(table, { clock, logger: createLogger((line) => logs.push(line)), metrics }, config);
  return { deps, repos: deps.repos, clock, logs, metrics };
}

export function tokenFor(principal: Principal): Promise<string> {
  return signToken(principal, TEST_JWT);
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's path template as registered, e.g. `/meetings/{id}/attendance/{memberId}`. */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string as is; a Buffer base64-encoded (as API Gateway sends binary). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Who calls: a token is signed for this principal. */
  principal?: Principal;
  /** Or the raw bearer token to send (a foreign or broken one, or one signed beforehand). */
  token?: string;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  base64?: boolean;
  /** The function's timeout for this call (default 30 s, API Gateway's limit). */
  timeoutMs?: number;
}

/** The API Gateway HTTP API payload-format-2.0 event the Lambda integration receives for `request`. */
export async function apiEvent(request: ApiRequest): Promise<APIGatewayProxyEventV2> {
  if (request.principal && request.token !== undefined) {
    throw new Error('apiEvent: give a principal or a token, not both');
  }
  const rawPath = request.route.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.pathParameters?.[name] ?? ''),
  );
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
  const token = request.principal ? await tokenFor(request.principal) : request.token;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let body: { body: string; isBase64Encoded: boolean } | undefined;
  if (Buffer.isBuffer(request.body)) {
    body = { body: request.body.toString('base64'), isBase64Encoded: true };
  } else if (request.body !== undefined) {
    const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
    body = request.base64
      ? { body: Buffer.from(text, 'utf8').toString('base64'), isBase64Encoded: true }
      : { body: text, isBase64Encoded: false };
  }
  const query = request.query ?? {};
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${request.method} ${request.route}`,
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
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
    ...(body ?? { isBase64Encoded: false }),
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

/** A JSON answer read without a schema: an error body, or fields the test narrows itself. */
export type JsonAnswer = ErrorJson & Record<string, unknown>;

export interface ApiResponse<T = JsonAnswer> {
  status: number;
  /** Header values as text. */
  headers: Record<string, string>;
  /** The parsed JSON (typed by the caller); undefined when the answer is not JSON (a PDF, an XLSX). */
  json: T;
  /** The body's bytes, base64-decoded when the function sent it so. */
  bytes: Buffer;
  raw: APIGatewayProxyStructuredResultV2;
}

/** Any route handler (`createHandler(deps)`, or one loaded from the registry by file). */
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/** Builds the event, runs the handler as Lambda would, and decodes its answer. */
export async function call<T = JsonAnswer>(
  handler: HttpHandler,
  request: ApiRequest,
): Promise<ApiResponse<T>> {
  return answerOf<T>(await handler(await apiEvent(request), lambdaContext(request.timeoutMs)));
}

/** Decodes what a handler returned, as API Gateway would pass it on. */
function answerOf<T = JsonAnswer>(result: unknown): ApiResponse<T> {
  if (!result || typeof result !== 'object') throw new Error('The handler returned no result');
  const raw = result as APIGatewayProxyStructuredResultV2;
  if (typeof raw.statusCode !== 'number') throw new Error('The handler answered without a statusCode');
  const headers = Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const text = raw.body ?? '';
  const isJson = (headers['content-type'] ?? '').startsWith('application/json');
  return {
    status: raw.statusCode,
    headers,
    json: (isJson && text ? JSON.parse(text) : undefined) as T,
    bytes: Buffer.from(text, raw.isBase64Encoded ? 'base64' : 'utf8'),
    raw,
  };
}
