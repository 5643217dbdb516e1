// local: who may call the local stack's development tools (the emulator, the control API) — the chat page
// and tools on this machine, never another web page the developer happens to have open.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Names a loopback server answers to; any other Host header is a DNS-rebinding page talking to us. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackName(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

/**
 * Why a request must be refused (403) before anything is read or done, or undefined when it may go on:
 * - a Host header that is not a loopback name, while we listen on loopback (a DNS-rebinding page);
 * - a browser's request (it carries Origin) from an origin not allowed. Requests without an Origin are
 *   the bot, tests and curl: not a browser, so no web page is behind them.
 */
export function refusalOf(
  req: Pick<IncomingMessage, 'headers'>,
  listenHost: string,
  allowedOrigins: ReadonlySet<string>,
): 'unknown host' | 'origin not allowed' | undefined {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (isLoopbackName(listenHost) && host !== '' && !isLoopbackName(host)) return 'unknown host';
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) return 'origin not allowed';
  return undefined;
}

/** The chat page's origins for a gateway on `port`: either loopback name a browser may have used. */
export function pageOrigins(port: number): string[] {
  return ['127.0.0.1', 'localhost'].map((name) => `http://${name}:${port}`);
}

/** What an allowed browser origin is told (never `*`): the methods and header the tools use. */
const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
  vary: 'origin',
};

/**
 * Admits a request: its refusal (answer 403 and do nothing), or undefined after naming an allowed browser
 * origin in the CORS headers. Chrome asks before a public page reaches a private address; only the
 * allowed origin gets a yes.
 */
export function admit(
  req: Pick<IncomingMessage, 'headers'>,
  res: Pick<ServerResponse, 'setHeader'>,
  listenHost: string,
  allowedOrigins: ReadonlySet<string>,
): ReturnType<typeof refusalOf> {
  const refusal = refusalOf(req, listenHost, allowedOrigins);
  const origin = req.headers.origin;
  if (refusal || origin === undefined) return refusal;
  res.setHeader('access-control-allow-origin', origin);
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
  if (req.headers['access-control-request-private-network'] === 'true')
    res.setHeader('access-control-allow-private-network', 'true');
  return undefined;
}
