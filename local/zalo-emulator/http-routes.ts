// The Zalo emulator's HTTP side: who may call (loopback names, allowed browser origins), where a request goes — the
// control API, file downloads, the OpenAPI, ZNS and OAuth endpoints — and the checks every call passes in Zalo's
// order (access token, rate limit, injected fault), each call logged.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isControlPath, requestUrl, sendFile, sendJson } from '../emulator-http.js';
import { admit } from '../loopback-guard.js';
import { type Params, parseParams, readBody, UploadedFile } from '../telegram-emulator/body.js';
import { ZALO_ERRORS, type ZaloApiAnswer, ZNS_ERRORS } from './errors.js';
import type { FaultOutcome, ZaloEndpoint, ZaloFaultInjector, ZaloRateLimiter } from './limits.js';
import type { ZaloApiCall, ZaloUploadedFile } from './types.js';

export interface ZaloHttpContext {
  host: string;
  /** Browser origins allowed to call; the emulator adds to it (allowOrigin), so it is read at each request. */
  allowedOrigins: ReadonlySet<string>;
  maxUploadBytes: number;
  now: () => number;
  /** Where each call is logged (the emulator's `calls`). */
  callLog: ZaloApiCall[];
  limiter: ZaloRateLimiter;
  faults: ZaloFaultInjector;
  isAccessTokenValid: (token: string) => boolean;
  /** A file uploaded by the OA or sent by a user, by its token. */
  upload: (token: string) => ZaloUploadedFile | undefined;
  /** What each endpoint does once the call passed the checks. */
  endpoints: {
    message: (params: Params) => ZaloApiAnswer;
    zns: (params: Params) => ZaloApiAnswer;
    upload: (params: Params) => ZaloApiAnswer;
    refresh: (params: Params, secretKey: string | undefined) => unknown;
  };
  /** Serves `/_emulator/…` (control-api.ts). */
  control: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The user a message goes to (`recipient.user_id`). */
export function recipientOf(params: Params): string | undefined {
  const id = record(params.recipient)?.user_id;
  return typeof id === 'string' ? id : undefined;
}

/** The server's request listener: an unexpected error answers 500 in Zalo's shape. */
export function zaloRequestListener(ctx: ZaloHttpContext): RequestListener {
  return (req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      console.error('zalo-emulator: unexpected error', error);
      sendJson(res, 500, { error: -200, message: 'Internal error' });
    });
  };
}

async function route(ctx: ZaloHttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refusal = admit(req, res, ctx.host, ctx.allowedOrigins);
  if (refusal) return sendJson(res, 403, { error: 403, message: `Forbidden: ${refusal}` });
  const url = requestUrl(req, res);
  if (!url) return;
  const path = url.pathname;
  if (isControlPath(path)) return ctx.control(req, res, url);
  const download = /^\/files\/([^/]+)$/.exec(path);
  if (download && req.method === 'GET') return serveFile(ctx, res, decodeURIComponent(download[1] ?? ''));
  if (req.method !== 'POST') return sendJson(res, 404, { error: 404, message: 'Not found' });
  if (path === '/v3.0/oa/message/cs') return api(ctx, req, res, 'message');
  if (path === '/v2.0/oa/upload/file') return api(ctx, req, res, 'upload');
  if (path === '/v4/oa/access_token') return api(ctx, req, res, 'access_token');
  // ZNS lives on its own host (business.openapi.zalo.me); the emulator serves it beside the OpenAPI.
  if (path === '/message/template') return api(ctx, req, res, 'zns');
  return sendJson(res, 404, { error: 404, message: 'Not found' });
}

async function api(
  ctx: ZaloHttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: ZaloEndpoint,
): Promise<void> {
  const answer = (request: Record<string, unknown>, userId: string | undefined, body: unknown) =>
    answerCall(ctx, res, endpoint, request, userId, body);
  const answerFault = (request: Record<string, unknown>, userId: string | undefined, fault: FaultOutcome) =>
    answerInjectedFault(ctx, res, endpoint, request, userId, fault);
  let params: Params;
  try {
    params = parseParams(
      req.headers['content-type'],
      await readBody(req, ctx.maxUploadBytes + 64 * 1024),
      new URLSearchParams(),
    );
  } catch {
    return answer({}, undefined, ZALO_ERRORS.parameterExceedsLimit);
  }
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  // A ZNS message's recipient is its phone: faults and per-recipient limits can aim at one.
  const userId =
    endpoint === 'message'
      ? recipientOf(params)
      : endpoint === 'zns' && typeof params.phone === 'string'
        ? params.phone
        : undefined;
  const logged = loggedRequest(endpoint, params);

  if (endpoint === 'access_token') {
    const fault = ctx.faults.take(endpoint, undefined);
    if (fault) return answerFault(logged, undefined, fault);
    return answer(logged, undefined, ctx.endpoints.refresh(params, header('secret_key')));
  }
  // OpenAPI: the access token is checked first, then the rate limit, then what was asked.
  const accessToken = header('access_token');
  if (!accessToken || !ctx.isAccessTokenValid(accessToken)) {
    // ZNS answers a bad token with its own code.
    const invalid = endpoint === 'zns' ? ZNS_ERRORS.accessTokenInvalid : ZALO_ERRORS.accessTokenInvalid;
    return answer(logged, userId, invalid);
  }
  const limited = ctx.limiter.take(userId);
  if (limited) return answer(logged, userId, limited);
  const fault = ctx.faults.take(endpoint, userId);
  if (fault) return answerFault(logged, userId, fault);
  return answer(logged, userId, ctx.endpoints[endpoint](params));
}

function answerCall(
  ctx: ZaloHttpContext,
  res: ServerResponse,
  endpoint: ZaloEndpoint,
  request: Record<string, unknown>,
  userId: string | undefined,
  answer: unknown,
): void {
  logCall(ctx, endpoint, request, userId, answer, 200);
  // Zalo answers its errors with HTTP 200 and the code in the body.
  sendJson(res, 200, answer);
}

function answerInjectedFault(
  ctx: ZaloHttpContext,
  res: ServerResponse,
  endpoint: ZaloEndpoint,
  request: Record<string, unknown>,
  userId: string | undefined,
  fault: FaultOutcome,
): void {
  if (fault.kind === 'answer') {
    answerCall(ctx, res, endpoint, request, userId, fault.answer);
    return;
  }
  logCall(ctx, endpoint, request, userId, null, fault.status);
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(fault.status, { 'content-type': 'text/html' });
  res.end('<html><body>Service unavailable (injected)</body></html>');
}

function logCall(
  ctx: ZaloHttpContext,
  endpoint: ZaloEndpoint,
  request: Record<string, unknown>,
  userId: string | undefined,
  answer: unknown,
  httpStatus: number,
): void {
  ctx.callLog.push({
    seq: ctx.callLog.length + 1,
    at: ctx.now(),
    endpoint,
    userId,
    request,
    answer,
    httpStatus,
  });
}

/** The request as the call log keeps it: no token, no secret, no file bytes. */
function loggedRequest(endpoint: ZaloEndpoint, params: Params): Record<string, unknown> {
  if (endpoint === 'access_token') {
    return { app_id: params.app_id, grant_type: params.grant_type };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = value instanceof UploadedFile ? value.toJSON() : value;
  }
  return out;
}

function serveFile(ctx: ZaloHttpContext, res: ServerResponse, token: string): void {
  const file = ctx.upload(token);
  if (!file) {
    sendJson(res, 404, { error: 404, message: 'Not found' });
    return;
  }
  sendFile(res, file);
}
