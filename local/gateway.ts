// Local runtime: the HTTP gateway — a node:http server that serves every HTTP_ROUTES entry the way API Gateway (HTTP API, payload 2.0) does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { TokenVerifier } from '../shared/adapters/tokens.js';
import type { HttpRouteDef } from '../shared/config/functions.js';
import type { LambdaHandler } from './functions.js';
import { httpApiEvent, lambdaContext } from './lambda-events.js';

export class PortInUseError extends Error {
  constructor(
    readonly what: string,
    readonly port: number,
  ) {
    super(`${what}: port ${port} is already in use; stop whatever holds it or choose another port.`);
    this.name = 'PortInUseError';
  }
}

/** Listens on loopback; a busy port becomes a PortInUseError (one clear line for the user). */
export async function listen(
  server: Server,
  port: number,
  what: string,
  host = '127.0.0.1',
): Promise<number> {
  await new Promise<void>((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolvePromise) => {
    server.close(() => resolvePromise());
    server.closeAllConnections();
  });
}

/** A compiled route: its template as a regular expression, and how specific it is (for choosing between matches). */
interface CompiledRoute {
  def: HttpRouteDef;
  routeKey: string;
  pattern: RegExp;
  params: string[];
  /** Static segments count first, as API Gateway prefers the most specific route. */
  specificity: number;
}

function compile(def: HttpRouteDef): CompiledRoute {
  const params: string[] = [];
  let specificity = 0;
  const segments = def.path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) {
        params.push(greedy[1] ?? 'proxy');
        return '(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        params.push(param[1] ?? 'param');
        specificity += 1;
        return '([^/]+)';
      }
      specificity += 100;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return {
    def,
    routeKey: `${def.method} ${def.path}`,
    pattern: new RegExp(`^/${segments.join('/')}/?$`),
    params,
    specificity,
  };
}

export interface RouteMatch {
  route: CompiledRoute;
  pathParameters: Record<string, string>;
}

/** API Gateway's route selection: the most specific route whose method and path match. */
export function matchRoute(
  routes: readonly CompiledRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  let best: RouteMatch | undefined;
  for (const route of routes) {
    if (route.def.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (best && best.route.specificity >= route.specificity) continue;
    const pathParameters: Record<string, string> = {};
    route.params.forEach((name, i) => {
      pathParameters[name] = decodeSegment(m[i + 1] ?? '');
    });
    best = { route, pathParameters };
  }
  return best;
}

/** A parameter whose percent-encoding is broken stays as sent (the request is refused before it gets here). */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A path whose percent-encoding does not decode to UTF-8 (`%E0%A4%A`): API Gateway answers 400. */
function isMalformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

export function compileRoutes(defs: readonly HttpRouteDef[]): CompiledRoute[] {
  return defs.map(compile);
}

export type GatewayLog = (fields: {
  route: string;
  method: string;
  status: number;
  durationMs: number;
  /** An uncaught error of the function (API Gateway answered 500). */
  error?: unknown;
}) => void;

export interface GatewayOptions {
  routes: readonly HttpRouteDef[];
  /** The handler of a route (loaded once by the caller). */
  handlerOf: (def: HttpRouteDef) => Promise<LambdaHandler>;
  /** Verifies bearer tokens for routes with `auth: true`, as API Gateway's JWT authorizer does. */
  verifier: () => TokenVerifier;
  /** Local extras (chat page, control API): return true when the request was answered. */
  local?: (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => Promise<boolean>;
  log?: GatewayLog;
  port: number;
  host?: string;
  /** Largest request body accepted (API Gateway: 10 MB). */
  maxBodyBytes?: number;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A JSON answer (never cached); true, so a local route can `return sendJson(...)` as "answered". */
export function sendJson(res: ServerResponse, status: number, body: unknown): true {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
  return true;
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a Lambda proxy result back as HTTP; a base64 body (PDF, XLSX) is decoded to its bytes. */
export function writeLambdaResult(res: ServerResponse, result: unknown): void {
  if (result === undefined || result === null) {
    res.writeHead(200, { 'content-length': 0 });
    res.end();
    return;
  }
  // Payload 2.0 without a statusCode: API Gateway answers 200 with the value as JSON.
  if (typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const body = structured.body
    ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(body);
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const routes = compileRoutes(options.routes);
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const server = createServer((req, res) => {
    const started = Date.now();
    handle(req, res).catch((error: unknown) => {
      // What Lambda does with an uncaught error: API Gateway answers 500, the error goes to the function's log.
      // Nothing in here may throw again: an error escaping this handler would stop the whole local stack.
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
      options.log?.({
        route: routeKeyOf(req),
        method: req.method ?? '',
        status: 500,
        durationMs: Date.now() - started,
        error,
      });
    });
  });
  const routeKeyOf = (req: IncomingMessage): string => {
    try {
      const path = new URL(req.url ?? '/', 'http://local').pathname;
      return matchRoute(routes, req.method ?? '', path)?.route.routeKey ?? 'gateway';
    } catch {
      return 'gateway';
    }
  };
  // Keep-alive sockets would hold Ctrl-C up; the browser reconnects cheaply on loopback.
  server.keepAliveTimeout = 1000;
  const port = await listen(server, options.port, 'HTTP gateway', options.host);
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const domainName = `${options.host ?? '127.0.0.1'}:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://local');
    } catch {
      sendJson(res, 400, { message: 'Bad Request' });
      return;
    }
    if (isMalformedPath(url.pathname)) {
      sendJson(res, 400, { message: 'Bad Request' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { message: 'Request Entity Too Large' });
      return;
    }
    if (options.local && (await options.local(req, res, url, body))) return;

    const match = matchRoute(routes, method, url.pathname);
    if (!match) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    const { route, pathParameters } = match;
    const event = httpApiEvent({
      method,
      url: req.url ?? '/',
      headers: req.headers,
      body,
      routeKey: route.routeKey,
      pathParameters,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      domainName,
    });
    if (route.def.auth) {
      // API Gateway's JWT authorizer: no valid bearer token, no call to the function.
      const token = /^Bearer\s+(.+)$/i.exec(event.headers.authorization ?? '')?.[1];
      try {
        if (!token) throw new Error('missing');
        const principal = await options.verifier().verify(token);
        const withAuth = event.requestContext as typeof event.requestContext & { authorizer?: unknown };
        withAuth.authorizer = { jwt: { claims: { ...principal }, scopes: [] } };
      } catch {
        sendJson(res, 401, { message: 'Unauthorized' });
        options.log?.({ route: route.routeKey, method, status: 401, durationMs: Date.now() - started });
        return;
      }
    }
    const handler = await options.handlerOf(route.def);
    const result = await handler(event, lambdaContext(route.def.name));
    writeLambdaResult(res, result);
    options.log?.({
      route: route.routeKey,
      method,
      status: res.statusCode,
      durationMs: Date.now() - started,
    });
  }

  return {
    url,
    port,
    close: () => closeServer(server),
  };
}
