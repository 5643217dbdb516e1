// channel (Zalo): one webhook request → a verified, fresh, typed event, or the reason it is refused (the webhook function maps it to 401/400).
import { parseZaloEvent, type ZaloEvent } from './events.js';
import { eventAge, isZaloSignatureValid, type ZaloWebhookSecrets } from './signature.js';

export type ZaloInbound =
  | { ok: true; event: ZaloEvent }
  /**
   * `bad_signature`: not from Zalo (or altered) → 401, nothing read further. `stale` / `future`: signed, but
   * outside the accepted window (a replay, or a forged clock) → 401. `malformed`: signed by Zalo but not an
   * event we can read → 400 (Zalo would retry it in vain, so the function may answer 200 and log instead).
   */
  | { ok: false; reason: 'bad_signature' | 'stale' | 'future' | 'malformed' };

/**
 * Verifies before anything else: the only thing read from the body before the MAC is checked is the
 * `timestamp` it is computed over (Zalo signs the timestamp carried inside the body).
 */
export function readZaloWebhook(
  secrets: ZaloWebhookSecrets,
  rawBody: string,
  signatureHeader: string | undefined,
  nowMs: number,
): ZaloInbound {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  const stamp =
    typeof body === 'object' && body !== null ? (body as { timestamp?: unknown }).timestamp : undefined;
  if (typeof stamp !== 'string' && typeof stamp !== 'number') return { ok: false, reason: 'bad_signature' };
  if (!isZaloSignatureValid(secrets, rawBody, String(stamp), signatureHeader)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const age = eventAge(Number(stamp), nowMs);
  if (age !== 'fresh') return { ok: false, reason: age };
  const parsed = parseZaloEvent(body);
  if (!parsed.ok) return parsed;
  // Signed with our secret but naming another app: configuration drift, never to be acted on.
  if (parsed.event.appId !== secrets.appId) return { ok: false, reason: 'malformed' };
  return parsed;
}
