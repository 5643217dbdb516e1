// The Telegram emulator's side of a webhook: POSTing an update to the bot's URL as Telegram does (JSON, the
// secret header, a read timeout), and reading a method the bot answered with in the response's body.
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Update } from 'grammy/types';
import type { Params } from './body.js';
import type { WebhookConfig } from './state.js';

/** POSTs one update; resolves with the webhook's status and body, rejects on a network error or the timeout. */
export function postUpdate(
  hook: WebhookConfig,
  update: Update,
  options: { timeoutMs: number; outgoing: Set<ClientRequest> },
): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(update);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  };
  if (hook.secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = hook.secretToken;
  const send = hook.url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // No keep-alive agent: a socket left open would keep the test process alive.
    const req = send(hook.url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    // The emulator aborts what is still in flight when it stops.
    options.outgoing.add(req);
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error('Read timeout expired')));
    req.on('error', reject);
    req.on('close', () => options.outgoing.delete(req));
    req.end(payload);
  });
}

/**
 * The method a webhook response's body asks Telegram to run (grammY's webhook reply), or undefined for an
 * empty or non-JSON body: Telegram ignores those too.
 */
export function webhookReplyCall(body: string): { method: string; params: Params } | undefined {
  if (body.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { method, ...params } = parsed as Record<string, unknown>;
  return typeof method === 'string' ? { method, params } : undefined;
}
