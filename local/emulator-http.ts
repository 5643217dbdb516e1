// local: the HTTP pieces the Telegram and Zalo emulators share — listening on loopback and closing again, a JSON
// answer, the first look at a request (its URL, a browser's preflight answered, the control API's paths), a file
// download, and the control API's plumbing (its JSON body, its errors, its long poll's parameters).
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './telegram-emulator/body.js';

/** Longest long poll a control API holds open. */
const MAX_CONTROL_WAIT_MS = 60_000;

/** Where an emulator listens once started: its base URL and port. */
export interface EmulatorAddress {
  url: string;
  port: number;
}

/**
 * An emulator's HTTP server on loopback: started once (starting again answers the same address), and stopped in
 * two steps, so that the emulator can release what waits on it between forgetting the address and closing.
 */
export class LoopbackServer {
  private server: Server | undefined;
  private bound: EmulatorAddress | undefined;

  constructor(
    private readonly host: string,
    /** 0: a free port. */
    private readonly port: number,
  ) {}

  /** Listens with the listener `makeListener` gives; rejects when the port cannot be had. */
  async start(makeListener: () => RequestListener): Promise<EmulatorAddress> {
    if (this.bound) return this.bound;
    const server = createServer(makeListener());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.bound = { url: `http://${this.host}:${port}`, port };
    return this.bound;
  }

  /** Forgets the address (the emulator reads as stopped from here on) and hands back the server still to close. */
  detach(): Server | undefined {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    return server;
  }

  get running(): boolean {
    return this.bound !== undefined;
  }

  get address(): EmulatorAddress {
    if (!this.bound) throw new Error('The emulator is not started');
    return this.bound;
  }
}

/**
 * What `find` finds, looked for again after each change: a test's wait for the bot's next message. Fails with
 * `failure` once `timeoutMs` is over, or as soon as the emulator is stopped (nothing will change any more).
 */
export async function waitUntilFound<T>(
  find: () => T | undefined,
  options: {
    timeoutMs: number;
    running: () => boolean;
    /** Resolves on the next change, or after the given milliseconds. */
    waitForChange: (timeoutMs: number) => Promise<unknown>;
    failure: () => Error;
  },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  while (true) {
    const found = find();
    if (found) return found;
    const left = deadline - Date.now();
    if (left <= 0 || !options.running()) throw options.failure();
    await options.waitForChange(left);
  }
}

/** Closes the server and every connection still open (kept-alive ones too), so no handle stays behind. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** An error of the control API that becomes an HTTP answer with its status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON answer; nothing when the client is gone already. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/**
 * The request's URL, or undefined when it was a browser's preflight (OPTIONS), answered here with 204: the caller
 * has admitted it already, which set the CORS headers.
 */
export function requestUrl(req: IncomingMessage, res: ServerResponse): URL | undefined {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'OPTIONS') {
    res.writeHead(204);
    res.end();
    return undefined;
  }
  return url;
}

/** The emulator's control API: `/_emulator` and below. */
export function isControlPath(path: string): boolean {
  return path === '/_emulator' || path.startsWith('/_emulator/');
}

/** A stored file as a download (its own type, its name in UTF-8). */
export function sendFile(
  res: ServerResponse,
  file: { fileName: string; mimeType: string; bytes: Buffer | Uint8Array },
): void {
  res.writeHead(200, {
    'content-type': file.mimeType,
    'content-length': file.bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
  res.end(file.bytes);
}

/**
 * Serves one control-API request: a POST's JSON object body is read first (up to `maxBodyBytes`), what `answer`
 * returns goes back as 200; a ControlError answers its status, any other error 400, both as `{ error }`.
 */
export async function serveControl(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  answer: (method: string, body: Record<string, unknown>) => unknown,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    const body = method === 'POST' ? await controlBody(req, maxBodyBytes) : {};
    sendJson(res, 200, await answer(method, body));
  } catch (error) {
    const status = error instanceof ControlError ? error.status : 400;
    sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}

async function controlBody(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ControlError(400, 'Body must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlError(400, 'Body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** A control API's long poll of a conversation: `?since=<seq>&wait=<ms>`, the wait capped at a minute. */
export function pollParams(url: URL): { since: number; wait: number } {
  return {
    since: Number(url.searchParams.get('since') ?? 0) || 0,
    wait: Math.min(MAX_CONTROL_WAIT_MS, Number(url.searchParams.get('wait') ?? 0) || 0),
  };
}

/** What a control API answers when it has nothing else to say. */
export const OK = { ok: true } as const;
