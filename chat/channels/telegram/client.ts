// channel (Telegram): how grammY reaches the Bot API — through Node's own fetch.
//
// grammY falls back to node-fetch on Node, which drags whatwg-url and tr46's Unicode tables (≈300 KiB
// minified) into every bot bundle. Node 24 and the nodejs24.x runtime ship fetch and AbortController;
// grammY already sends `duplex: 'half'` for its streamed multipart uploads, as Node's fetch requires.
// The bundles alias node-fetch to the global, and package.json overrides abort-controller with the globals
// (infra/bundling/abort-controller): Node 24's fetch refuses the polyfill's signals.
import type { ApiClientOptions } from 'grammy';

type GrammyFetch = NonNullable<ApiClientOptions['fetch']>;

/** Client options for every Bot and Api we create: Node's fetch, and the emulator's root when given. */
export function telegramClientOptions(apiRoot?: string): ApiClientOptions {
  // grammY types `fetch` as node-fetch's; Node's fetch takes the same calls grammY makes.
  const fetch = globalThis.fetch as unknown as GrammyFetch;
  return apiRoot ? { apiRoot, fetch } : { fetch };
}
