// channel (Zalo): what the renderer and the messenger call — send text, buttons, a document — with the access token handled (one renewal and retry on -216) and a bounded back-off on -32.

import type { ZaloAccessTokens } from './access-tokens.js';
import type {
  ZaloApiClient,
  ZaloButton,
  ZaloFile,
  ZaloSentMessage,
  ZaloZnsRequest,
  ZaloZnsSent,
} from './api-client.js';
import { ZaloRateLimitedError, ZaloTokenExpiredError } from './errors.js';

/**
 * How long a call waits out Zalo's call limit (-32) before it gives up. Zalo counts 4,000 calls a minute per
 * app and says nothing of when a slot frees (docs/zalo.md), so the wait doubles from `firstDelayMs` up to
 * `maxDelayMs`, with jitter (a fan-out's many waiting sends must not all come back at once), and stops before
 * `maxWaitMs` in all would pass; the error then goes up to the caller's own retry (the queue's redelivery).
 */
export interface ZaloRateLimitBackOff {
  firstDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
}

/**
 * Notices and invitations (the messenger): up to 50 s, inside the shortest timeout of a function that sends
 * them (the notifier's 60 s). Measured with `npm run bench -- fan-out-zalo` (docs/benchmarks.md): without a
 * wait, a limit of 300 calls a minute met by 200 invitations killed and resumed within the minute lost 100
 * of them: each -32 failed its task, and the queue's three tries were spent within milliseconds.
 */
export const DEFAULT_ZALO_RATE_LIMIT_BACK_OFF: ZaloRateLimitBackOff = {
  firstDelayMs: 500,
  maxDelayMs: 5000,
  maxWaitMs: 50_000,
};

/**
 * The webhook's answers (the bot's replies): a few seconds only, as the webhook function stops after 10 s and
 * an answer is two or three sends. Past that the answer is lost, not the press: the feature stored it first.
 */
export const ZALO_WEBHOOK_RATE_LIMIT_BACK_OFF: ZaloRateLimitBackOff = {
  firstDelayMs: 250,
  maxDelayMs: 1000,
  maxWaitMs: 2500,
};

export interface ZaloOaApiOptions {
  backOff?: ZaloRateLimitBackOff;
  /** Waits `ms` (a test moves a fake clock instead). */
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ r < 1, for the jitter. */
  random?: () => number;
}

export class ZaloOaApi {
  /** What the back-off did in this process (the bench reports it). */
  readonly stats = { rateLimited: 0, gaveUp: 0 };
  private readonly backOff: ZaloRateLimitBackOff;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly client: ZaloApiClient,
    private readonly tokens: ZaloAccessTokens,
    options: ZaloOaApiOptions = {},
  ) {
    this.backOff = options.backOff ?? DEFAULT_ZALO_RATE_LIMIT_BACK_OFF;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  sendText(userId: string, text: string, options: { quote?: string } = {}): Promise<ZaloSentMessage> {
    return this.withToken((token) => this.client.sendText(token, userId, text, options));
  }

  sendButtons(
    userId: string,
    text: string,
    buttons: readonly ZaloButton[],
    options: { quote?: string } = {},
  ): Promise<ZaloSentMessage> {
    return this.withToken((token) => this.client.sendButtons(token, userId, text, buttons, options));
  }

  /** Uploads the document, then sends it by its token (two calls; each renews the token if Zalo refuses it). */
  async sendDocument(userId: string, file: ZaloFile): Promise<ZaloSentMessage> {
    const fileToken = await this.withToken((token) => this.client.uploadFile(token, file));
    return this.withToken((token) => this.client.sendFile(token, userId, fileToken));
  }

  /** An approved ZNS template to a phone, with the OA's token (renewed once if Zalo refuses it). */
  sendZns(request: ZaloZnsRequest): Promise<ZaloZnsSent> {
    return this.withToken((token) => this.client.sendZns(token, request));
  }

  /**
   * Runs `call` with the current access token; on -216 renews it once and runs `call` again, once; on -32
   * waits and tries again within the back-off's bound. A call refused with -32 was not carried out, so trying
   * it again cannot send a message twice.
   */
  private async withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    let waited = 0;
    let delay = this.backOff.firstDelayMs;
    while (true) {
      try {
        return await this.withRenewal(call);
      } catch (error) {
        if (!(error instanceof ZaloRateLimitedError)) throw error;
        this.stats.rateLimited += 1;
        const wait = Math.round(delay * (0.5 + this.random() * 0.5));
        if (waited + wait > this.backOff.maxWaitMs) {
          this.stats.gaveUp += 1;
          throw error;
        }
        await this.sleep(wait);
        waited += wait;
        delay = Math.min(delay * 2, this.backOff.maxDelayMs);
      }
    }
  }

  private async withRenewal<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.current();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ZaloTokenExpiredError)) throw error;
      return call(await this.tokens.renew(token));
    }
  }
}
