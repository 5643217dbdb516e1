// Test support (year end): API Gateway v2 events with signed bearer tokens, app deps over a test table, a fixed clock.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type AppDeps, createAppDeps } from '../../functions/deps.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { signToken } from '../../shared/adapters/tokens.js';
import type { AppConfig } from '../../shared/config/env.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Clock } from '../../shared/ports/common.js';
import type { TestTable } from './dynamo.js';

export const TEST_JWT = {
  issuer: 'test-issuer',
  audience: 'test-api',
  secret: 'year-end-tests-secret-at-least-32-chars!',
};

export function testConfig(table: TestTable, overrides: Partial<AppConfig> = {}): AppConfig {
  return { tableName: table.tableName, jwt: TEST_JWT, region: 'ap-southeast-1', ...overrides };
}

/** A clock the test moves by hand. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now.getTime()),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

export interface TestApp {
  deps: AppDeps;
  repos: Repositories;
  clock: ReturnType<typeof fixedClock>;
  logs: string[];
}

export function testApp(table: TestTable, at: string, config: Partial<AppConfig> = {}): TestApp {
  const repos = createRepositories(table);
  const clock = fixedClock(at);
  const logs: string[] = [];
  const deps = createAppDeps(testConfig(table, config), {
    repos,
    clock,
    logger: createLogger((line) => logs.push(line)),
  });
  return { deps, repos, clock, logs };
}

export function tokenFor(principal: Principal): Promise<string> {
  return signToken(principal, TEST_JWT, '1h');
}

export interface EventSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's template, e.g. `/committees/{id}/reports/{year}`. */
  route: string;
  pathParameters: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  principal?: Principal;
}

/** An API Gateway HTTP API (payload 2.0) event, as the JWT-authorised route receives it. */
export async function httpEvent(spec: EventSpec): Promise<APIGatewayProxyEventV2> {
  const rawPath = spec.route.replace(/\{(\w+)\}/g, (_, name: string) => spec.pathParameters[name] ?? '');
  const token = spec.principal ? await tokenFor(spec.principal) : undefined;
  const rawQueryString = new URLSearchParams(spec.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${spec.method} ${spec.route}`,
    rawPath,
    rawQueryString,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(spec.query ? { queryStringParameters: spec.query } : {}),
    pathParameters: spec.pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: spec.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: `${spec.method} ${spec.route}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
    isBase64Encoded: false,
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON (undefined for a binary body). */
  json: Record<string, unknown> & { error?: { code: string; rule?: string; message: string } };
  bytes: Buffer;
}

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Invokes a handler built by `createHandler` with an event, and decodes its answer. */
export async function call(handler: Handler, spec: EventSpec): Promise<HttpAnswer> {
  const result = await handler(await httpEvent(spec), {} as Context);
  const raw = result.body ?? '';
  const bytes = result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const json = result.isBase64Encoded || raw === '' ? {} : (JSON.parse(raw) as HttpAnswer['json']);
  return { status: result.statusCode ?? 200, headers, json, bytes };
}
