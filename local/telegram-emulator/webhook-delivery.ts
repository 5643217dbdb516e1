// The Telegram emulator's delivery of updates: to the webhook when one is set (POSTed, its reply run, a failure
// kept as Telegram's last_error_*), else into the getUpdates queue; and the POSTs in flight, ended on stop.
import { type ClientRequest, STATUS_CODES } from 'node:http';
import type { Update } from 'grammy/types';
import type { EmulatorState, WebhookConfig } from './state.js';
import type { Delivery, Invoke } from './types.js';
import { isAllowed, type UpdateQueue } from './updates.js';
import { postUpdate, webhookReplyCall } from './webhook-client.js';

export interface DeliveryContext {
  state: EmulatorState;
  queue: UpdateQueue;
  /** How long a webhook POST may take before it counts as failed. */
  timeoutMs: number;
  now: () => number;
  /** Runs the method a webhook answered with. */
  invoke: Invoke;
}

export class WebhookDelivery {
  private readonly outgoing = new Set<ClientRequest>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly ctx: DeliveryContext) {}

  /** Hands any update to the bot: POST to the webhook when one is set, else into the getUpdates queue. */
  async deliver(update: Update): Promise<Delivery> {
    const hook = this.ctx.state.webhook;
    if (!hook) {
      this.ctx.queue.push(update);
      return { update, via: 'getUpdates' };
    }
    if (!isAllowed(update, hook.allowedUpdates))
      return { update, via: 'webhook', error: 'not in allowed_updates' };
    try {
      const { status, body } = await postUpdate(hook, update, {
        timeoutMs: this.ctx.timeoutMs,
        outgoing: this.outgoing,
      });
      if (status < 200 || status > 299) {
        this.failed(hook, `Wrong response from the webhook: ${status} ${STATUS_CODES[status] ?? ''}`.trim());
      } else {
        const reply = webhookReplyCall(body);
        if (reply) await this.ctx.invoke(reply.method, reply.params, { viaWebhookReply: true });
      }
      return { update, via: 'webhook', status };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failed(hook, message.includes('ECONNREFUSED') ? 'Connection refused' : message);
      return { update, via: 'webhook', error: message };
    }
  }

  /** After setWebhook: the updates already queued for getUpdates go to the webhook, in the background. */
  deliverQueued(): void {
    for (const update of this.ctx.queue.drain()) this.track(this.deliver(update));
  }

  /** Ends the POSTs in flight and waits for the background deliveries to settle. */
  async stop(): Promise<void> {
    for (const req of this.outgoing) req.destroy(new Error('emulator stopped'));
    await Promise.allSettled([...this.background]);
  }

  private track(promise: Promise<unknown>): void {
    this.background.add(promise);
    promise.finally(() => this.background.delete(promise)).catch(() => undefined);
  }

  private failed(hook: WebhookConfig, message: string): void {
    hook.lastErrorDate = Math.floor(this.ctx.now() / 1000);
    hook.lastErrorMessage = message;
  }
}
