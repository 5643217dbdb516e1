// channel (Zalo): handle each webhook event once — the bot chain's claim (a conditional put with TTL) keyed by the
// event's msg_id.
import type { UpdateClaim } from '../update-claim.js';
import type { ZaloEvent } from './events.js';

/** Idempotency scope of Zalo events (`IDEMP#zalo-event#<key>`). */
export const ZALO_EVENT_SCOPE = 'zalo-event';

/**
 * How long a claim is kept. Zalo retries a webhook that did not answer 200 for about an hour, and a signed event
 * older than MAX_EVENT_AGE_MS is refused before it gets here, so a day outlives every copy of an event that could
 * still be accepted, at one small item per event.
 */
export const ZALO_EVENT_TTL_SECONDS = 24 * 60 * 60;

/**
 * The key an event is known by: Zalo's `msg_id` for a message (a button press is a message too). A follow or
 * unfollow has no msg_id; the user, the kind and Zalo's timestamp name it, and a retry carries the same three.
 */
export function zaloEventKey(event: ZaloEvent): string | undefined {
  switch (event.kind) {
    case 'text':
    case 'file':
      return `msg:${event.msgId}`;
    case 'follow':
    case 'unfollow':
      return `${event.kind}:${event.userId}:${event.at}`;
    case 'ignored':
      return undefined;
  }
}

/**
 * The claim of an event in the bot's chain (bot/create-bot.ts: claimed in progress, completed once handled,
 * given back when handling failed), or undefined for an event without a key.
 */
export function zaloEventClaim(event: ZaloEvent): UpdateClaim | undefined {
  const key = zaloEventKey(event);
  return key === undefined ? undefined : { scope: ZALO_EVENT_SCOPE, key, ttlSeconds: ZALO_EVENT_TTL_SECONDS };
}
