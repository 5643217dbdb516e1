// channel (Zalo): checks that a webhook request comes from Zalo — `X-ZEvent-Signature` in constant time, then the event's age.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * How old an event may be when it reaches us. Zalo stamps each event with the moment it happened and signs that
 * stamp, so a captured request replayed later carries its old stamp and is refused. Zalo retries a webhook that
 * did not answer 200 for up to about an hour (docs/zalo.md), but a retry is only useful to us within minutes:
 * past that, the member has moved on and a late "Tham dự" would surprise them. Five minutes also covers clock
 * skew between Zalo and Lambda. Replays inside the window are caught by the `msg_id` claim (dedup.ts).
 */
export const MAX_EVENT_AGE_MS = 5 * 60 * 1000;

/** An event stamped this far in the future is refused too: only a forger (or a broken clock) stamps ahead. */
export const MAX_CLOCK_SKEW_MS = 60 * 1000;

export interface ZaloWebhookSecrets {
  appId: string;
  /** The OA secret key (Zalo console, webhook settings): not the app secret used to refresh tokens. */
  oaSecretKey: string;
}

/** Lower-case hex SHA-256 of app id + raw body + timestamp + OA secret key: what Zalo puts after `mac=`. */
export function zaloMac(secrets: ZaloWebhookSecrets, rawBody: string, timestamp: string): string {
  return createHash('sha256')
    .update(`${secrets.appId}${rawBody}${timestamp}${secrets.oaSecretKey}`, 'utf8')
    .digest('hex');
}

/**
 * True when `header` is `mac=<hex>` of this body and timestamp. Compared with timingSafeEqual over the two
 * digests' bytes, so the time taken says nothing about how much of a forged MAC was right.
 */
export function isZaloSignatureValid(
  secrets: ZaloWebhookSecrets,
  rawBody: string,
  timestamp: string,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  const expected = Buffer.from(zaloMac(secrets, rawBody, timestamp), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  // Lengths differ only for malformed headers; timingSafeEqual needs equal lengths, so compare against itself.
  if (actual.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(actual, expected);
}

export type EventAge = 'fresh' | 'stale' | 'future';

/** Whether an event stamped `timestampMs` may still be handled at `nowMs`. */
export function eventAge(timestampMs: number, nowMs: number): EventAge {
  if (!Number.isFinite(timestampMs)) return 'stale';
  if (timestampMs > nowMs + MAX_CLOCK_SKEW_MS) return 'future';
  return nowMs - timestampMs > MAX_EVENT_AGE_MS ? 'stale' : 'fresh';
}
