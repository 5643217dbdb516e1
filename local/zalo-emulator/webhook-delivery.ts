// The Zalo emulator's webhook side: an event signed as Zalo signs it (`X-ZEvent-Signature`) and POSTed to the
// OA's webhook with a read timeout, every delivery recorded, the POSTs in flight aborted when the emulator stops.
import { createHash } from 'node:crypto';
import type { ZaloDelivery } from './types.js';

/** SHA-256 over app id + raw body + timestamp + OA secret key, as Zalo signs webhook events. */
export function zaloEventMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256').update(`${appId}${rawBody}${timestamp}${oaSecretKey}`, 'utf8').digest('hex');
}

export interface ZaloWebhookOptions {
  appId: string;
  /** The OA secret key that signs events (not the app secret). */
  oaSecretKey: string;
  timeoutMs: number;
  url: string | undefined;
}

export class ZaloWebhookDelivery {
  /** Where events are POSTed; none until set (events are then only recorded). */
  url: string | undefined;
  /** Every delivery, in order, answered or not. */
  readonly log: ZaloDelivery[] = [];
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: ZaloWebhookOptions) {
    this.url = options.url;
  }

  /** Signs a body as Zalo would, with the timestamp it carries: `mac=<hex>`. */
  sign(rawBody: string, timestamp: string): string {
    return `mac=${zaloEventMac(this.options.appId, rawBody, timestamp, this.options.oaSecretKey)}`;
  }

  /** Signs and POSTs an event to the webhook; recorded either way. */
  async deliver(event: Record<string, unknown>): Promise<ZaloDelivery> {
    const rawBody = JSON.stringify(event);
    return this.post(event, rawBody, this.sign(rawBody, String(event.timestamp)));
  }

  /** POSTs the same signed body again (Zalo retries a webhook that did not answer 200; an attacker may replay). */
  redeliver(delivery: ZaloDelivery): Promise<ZaloDelivery> {
    return this.post(delivery.event, delivery.rawBody, delivery.signature);
  }

  /** Ends the POSTs still waiting for the webhook (the emulator stops). */
  abortAll(): void {
    for (const controller of this.inFlight) controller.abort(new Error('emulator stopped'));
  }

  private async post(
    event: Record<string, unknown>,
    rawBody: string,
    signature: string,
  ): Promise<ZaloDelivery> {
    const delivery: ZaloDelivery = { event, rawBody, signature };
    this.log.push(delivery);
    if (!this.url) {
      delivery.error = 'no webhook set';
      return delivery;
    }
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('webhook timed out')), this.options.timeoutMs);
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zevent-signature': signature },
        body: rawBody,
        signal: controller.signal,
      });
      await res.arrayBuffer();
      delivery.status = res.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    return delivery;
  }
}
