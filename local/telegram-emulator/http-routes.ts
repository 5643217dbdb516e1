// The Telegram emulator's HTTP side: who may call (loopback names, allowed browser origins), and where a request
// goes — the control API, file downloads, the Bot API's `/bot<token>/<method>` with its simulated latency.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { isControlPath, requestUrl, sendFile, sendJson } from '../emulator-http.js';
import { admit } from '../loopback-guard.js';
import { type Params, parseParams, readBody } from './body.js';
import { BotApiError, INTERNAL_SERVER_ERROR, NOT_FOUND, UNAUTHORIZED } from './errors.js';
import type { StoredDocument } from './state.js';
import type { Invoke } from './types.js';

export interface HttpContext {
  token: string;
  host: string;
  /** Browser origins allowed to call; the emulator adds to it (allowOrigin), so it is read at each request. */
  allowedOrigins: ReadonlySet<string>;
  maxUploadBytes: number;
  /** The Bot API's simulated round trip (it can change while running: setApiLatency). */
  apiLatencyMs: () => number;
  files: ReadonlyMap<string, StoredDocument>;
  invoke: Invoke;
  /** Serves `/_emulator/…` (control-api.ts). */
  control: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

/** The server's request listener: an unexpected error answers 500 in the Bot API's shape. */
export function requestListener(ctx: HttpContext): RequestListener {
  return (req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      console.error('telegram-emulator: unexpected error', error);
      sendJson(res, 500, INTERNAL_SERVER_ERROR.toBody());
    });
  };
}

/**
 * Browsers only from an allowed origin, and only under a loopback name: a page elsewhere (or one that
 * rebinds its DNS name to 127.0.0.1) gets 403 before anything is read or done.
 */
function refusesCaller(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = admit(req, res, ctx.host, ctx.allowedOrigins);
  if (refusal) sendJson(res, 403, { ok: false, error_code: 403, description: `Forbidden: ${refusal}` });
  return refusal !== undefined;
}

async function route(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (refusesCaller(ctx, req, res)) return;
  const url = requestUrl(req, res);
  if (!url) return;
  const path = url.pathname;
  if (isControlPath(path)) return ctx.control(req, res, url);

  const download = /^\/files\/([^/]+)$/.exec(path);
  if (download) return serveFile(res, ctx.files.get(decodeURIComponent(download[1] ?? '')));

  const fileApi = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
  if (fileApi) {
    if (fileApi[1] !== ctx.token) return sendJson(res, 401, UNAUTHORIZED.toBody());
    const filePath = decodeURIComponent(fileApi[2] ?? '');
    return serveFile(
      res,
      [...ctx.files.values()].find((f) => f.filePath === filePath),
    );
  }

  const api = /^\/bot([^/]*)\/([^/]*)$/.exec(path);
  if (!api) return sendJson(res, 404, NOT_FOUND.toBody());
  if (api[1] !== ctx.token) return sendJson(res, 401, UNAUTHORIZED.toBody());
  return botApiCall(ctx, req, res, url, api[2] ?? '');
}

/** `/bot<token>/<method>`: the params in any of the Bot API's encodings, the call, half the latency each way. */
async function botApiCall(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) abort.abort();
  });
  let params: Params;
  try {
    params = parseParams(
      req.headers['content-type'],
      await readBody(req, ctx.maxUploadBytes),
      url.searchParams,
    );
  } catch (error) {
    const apiError = error instanceof BotApiError ? error : INTERNAL_SERVER_ERROR;
    return sendJson(res, apiError.errorCode, apiError.toBody());
  }
  // The way there: Telegram handles the call (and records it) only once it has arrived.
  const latency = ctx.apiLatencyMs();
  if (latency > 0) await delay(latency / 2);
  const response = await ctx.invoke(method, params, { signal: abort.signal });
  // The way back.
  if (latency > 0) await delay(latency / 2);
  sendJson(res, response.ok ? 200 : response.error_code, response);
}

function serveFile(res: ServerResponse, file: StoredDocument | undefined): void {
  if (!file) {
    sendJson(res, 404, NOT_FOUND.toBody());
    return;
  }
  sendFile(res, file);
}
