// middleware: the HTTP route chain — "middleware first, handler last": logs and metrics, errors, auth, zod input, then one use case.
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { FunctionLog } from '../../shared/adapters/logger.js';
import type { FlushableMetrics } from '../../shared/adapters/metrics.js';
import type { TokenVerifier } from '../../shared/adapters/tokens.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../shared/domain/errors.js';
import type { Principal, StaffAssignment } from '../../shared/domain/roles.js';
import { normaliseStrings, REPLACEMENT_CHARACTER } from '../../shared/domain/text.js';
import '../../shared/schemas/locale.js';
import { httpErrors, jsonResponse } from './errors.js';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface RouteInput<B, P, Q> {
  principal: Principal;
  body: B;
  path: P;
  query: Q;
  event: HttpEvent;
  /** The Lambda context (e.g. getRemainingTimeInMillis for work that must stop before the timeout). */
  context: Context;
}

interface RouteContext extends Context {
  principal?: Principal;
  input?: { body: unknown; path: unknown; query: unknown };
}

export interface RouteSpec<B, P, Q> {
  /** Default true: a bearer JWT with sub, orgId and role is required. */
  auth?: boolean;
  body?: z.ZodType<B>;
  path?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** Raw bodies (CSV) skip JSON parsing. */
  rawBody?: boolean;
}

/** Reads `Authorization: Bearer <jwt>` and verifies it (jose); the principal goes on the context. */
export function authenticate(
  verifier: () => TokenVerifier,
): MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext> {
  const before: MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext>['before'] = async (request) => {
    const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
    const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
    if (!match?.[1])
      throw new UnauthorizedError({
        vi: 'Cần đăng nhập (thiếu mã xác thực)',
        en: 'A bearer token is required',
      });
    request.context.principal = await verifier().verify(match[1]);
  };
  return { before };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, refused when it is not UTF-8: a binary body is decoded strictly; a text body reached
 * us already decoded, so a replacement character in it marks the bytes that were not UTF-8.
 */
function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  const notUtf8 = () =>
    new ValidationError(
      { vi: 'Nội dung yêu cầu không phải văn bản UTF-8', en: 'The request body is not UTF-8 text' },
      [{ code: 'custom', path: ['body'], message: 'nội dung không phải văn bản UTF-8 hợp lệ' }],
    );
  if (!event.isBase64Encoded) {
    if (event.body.includes(REPLACEMENT_CHARACTER)) throw notUtf8();
    return event.body;
  }
  try {
    return utf8.decode(Buffer.from(event.body, 'base64'));
  } catch {
    throw notUtf8();
  }
}

/** Each part of a request as the 400's message names it. */
const PART_VI = { body: 'Nội dung yêu cầu', path: 'Đường dẫn yêu cầu', query: 'Tham số truy vấn' } as const;

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: keyof typeof PART_VI): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      { vi: `${PART_VI[where]} không hợp lệ`, en: `The request ${where} is not valid` },
      result.error.issues,
    );
  }
  return result.data;
}

/** Parses the JSON body, path and query with zod; a failure is a 400 carrying the zod issues. */
export function validateInput<B, P, Q>(
  spec: RouteSpec<B, P, Q>,
): MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext> {
  const before: MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext>['before'] = (request) => {
    const event = request.event;
    let body: unknown = bodyText(event);
    if (!spec.rawBody && spec.body) {
      try {
        // Every string of the body normalised once, here at the edge (NFC, no invisible bidi characters).
        body = body === '' ? undefined : normaliseStrings(JSON.parse(body as string));
      } catch {
        throw new ValidationError(
          { vi: 'Nội dung yêu cầu không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
          [{ code: 'custom', path: ['body'], message: 'nội dung không phải JSON hợp lệ' }],
        );
      }
    }
    request.context.input = {
      body: spec.rawBody ? body : parseWith(spec.body, body, 'body'),
      path: parseWith(spec.path, event.pathParameters ?? {}, 'path'),
      query: parseWith(spec.query, event.queryStringParameters ?? {}, 'query'),
    };
  };
  return { before };
}

export interface RouteDeps {
  tokens: TokenVerifier;
  logger: FunctionLog;
  metrics: FlushableMetrics;
  /**
   * The staff person's current assignments, read on every call: a token naming a committee or role its
   * holder does not (or no longer) hold is refused. Absent only where a test turns the check off.
   */
  assignments?: (staffId: string) => Promise<readonly Pick<StaffAssignment, 'orgId' | 'role'>[]>;
}

type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext>;
const lambdaContextOf = new WeakMap<Logger, HttpMiddleware>();

/**
 * Outermost in the chain: Powertools' `injectLambdaContext` puts the request id, function name and cold
 * start on every line (and clears the invocation's keys after it), the API request id is the correlation
 * id, and the invocation's metrics are flushed once, after the answer or the error is settled.
 */
export function observeInvocation(deps: () => Pick<RouteDeps, 'logger' | 'metrics'>): HttpMiddleware {
  // A composition root that cannot be built (a setting missing) must not fail here: it fails where it is
  // used, and the errors middleware answers and logs that 500.
  const built = () => {
    try {
      return deps();
    } catch {
      return undefined;
    }
  };
  const inject = (logger: Logger) => {
    let middleware = lambdaContextOf.get(logger);
    if (!middleware) {
      middleware = injectLambdaContext(logger, { resetKeys: true }) as HttpMiddleware;
      lambdaContextOf.set(logger, middleware);
    }
    return middleware;
  };
  return {
    before: async (request) => {
      const d = built();
      if (!d) return;
      await inject(d.logger.powertools).before?.(request);
      d.logger.correlate(request.event.requestContext?.requestId);
    },
    after: async (request) => {
      const d = built();
      if (!d) return;
      d.metrics.flush();
      await inject(d.logger.powertools).after?.(request);
    },
    onError: async (request) => {
      const d = built();
      if (!d) return;
      d.metrics.flush();
      await inject(d.logger.powertools).onError?.(request);
    },
  };
}

/** A staff token's orgId and role must be an assignment the person holds now (issue 14: no stale or forged claims). */
export function checkAssignment(
  deps: () => RouteDeps,
): MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext> {
  const before: MiddlewareObj<HttpEvent, HttpResult, Error, RouteContext>['before'] = async (request) => {
    const principal = request.context.principal;
    const assignments = deps().assignments;
    if (!principal || principal.role === 'member' || !assignments) return;
    const held = await assignments(principal.sub);
    if (!held.some((a) => a.orgId === principal.orgId && a.role === principal.role)) {
      throw new ForbiddenError({
        vi: 'Đồng chí không (hoặc không còn) giữ vai trò này tại đơn vị này; hãy đăng nhập lại',
        en: 'The assignment is not held',
      });
    }
  };
  return { before };
}

/**
 * Builds a Lambda handler for one route: errors → auth → input → `fn` (which calls one use case).
 * `deps` is a thunk so the composition root is built at the first request, not at import.
 */
export function httpRoute<B = undefined, P = undefined, Q = undefined>(
  spec: RouteSpec<B, P, Q>,
  deps: () => RouteDeps,
  fn: (input: RouteInput<B, P, Q>) => Promise<HttpResult>,
) {
  const chain = middy<HttpEvent, HttpResult, Error, RouteContext>()
    .use(observeInvocation(deps))
    .use(httpErrors({ logger: () => deps().logger }));
  if (spec.auth !== false) chain.use(authenticate(() => deps().tokens)).use(checkAssignment(deps));
  const handler = chain.use(validateInput(spec)).handler(async (event, context) => {
    const input = context.input ?? { body: undefined, path: undefined, query: undefined };
    return fn({
      principal: context.principal as Principal,
      body: input.body as B,
      path: input.path as P,
      query: input.query as Q,
      event,
      context,
    });
  });
  // The spec rides on the handler: the API's OpenAPI document is generated from what the routes parse.
  return Object.assign(handler, { spec: spec as RouteSpec<unknown, unknown, unknown> });
}

export const ok = (body: unknown) => jsonResponse(200, body);

const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * A document as the answer: base64 body, its type, its name (RFC 6266/5987, so a Vietnamese name survives)
 * and `no-store`: a letter, minutes or a report holds members' personal data, which no browser or proxy
 * cache may keep (docs/privacy.md).
 */
export function fileResponse(
  bytes: Uint8Array,
  file: { format: keyof typeof FILE_TYPES; name: string; disposition?: 'inline' | 'attachment' },
): HttpResult {
  const fileName = `${file.name}.${file.format}`;
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '');
  return {
    statusCode: 200,
    headers: {
      'content-type': FILE_TYPES[file.format],
      'content-disposition': `${file.disposition ?? 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
export const created = (body: unknown) => jsonResponse(201, body);
export { jsonResponse };
