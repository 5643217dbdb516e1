// Local runtime: bundles the chat page (local/chat-page/) with esbuild in memory at start, and serves it under /chat/.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface ChatPageAssets {
  html: Buffer;
  script: Buffer;
  style: Buffer;
}

export async function bundleChatPage(root: string): Promise<ChatPageAssets> {
  const dir = join(root, 'local', 'chat-page');
  const result = await build({
    entryPoints: [join(dir, 'app.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no chat page bundle');
  const [html, style] = await Promise.all([
    readFile(join(dir, 'index.html')),
    readFile(join(dir, 'style.css')),
  ]);
  return { html, script: Buffer.from(script.contents), style };
}

const TYPES = {
  html: 'text/html; charset=utf-8',
  script: 'text/javascript; charset=utf-8',
  style: 'text/css; charset=utf-8',
} as const;

/** Answers GET /chat/, /chat/app.js and /chat/style.css; false for anything else. */
export function serveChatPage(assets: ChatPageAssets, path: string, res: ServerResponse): boolean {
  const which: keyof ChatPageAssets | undefined =
    path === '/chat' || path === '/chat/' || path === '/chat/index.html'
      ? 'html'
      : path === '/chat/app.js'
        ? 'script'
        : path === '/chat/style.css'
          ? 'style'
          : undefined;
  if (!which) return false;
  const body = assets[which];
  res.writeHead(200, {
    'content-type': TYPES[which],
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(body);
  return true;
}
