// Knobs of the emulator that make calls fail: Telegram's flood limits (sliding window) and injected faults.
import { FaultQueue, type Injected } from '../emulator-faults.js';
import { BotApiError, INTERNAL_SERVER_ERROR, tooManyRequests } from './errors.js';

export interface RateLimits {
  /** Messages over all chats per window (Telegram: about 30 per second). */
  globalPerSecond: number;
  /** Messages to one chat per window (Telegram: about 1 per second in a private chat). */
  perChatPerSecond: number;
  /** Length of the sliding window in milliseconds; 1000 unless a test wants it otherwise. */
  windowMs: number;
  enabled: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  globalPerSecond: 30,
  perChatPerSecond: 1,
  windowMs: 1000,
  enabled: true,
};

/** Sliding-window log: keeps the times of accepted sends still inside the window, globally and per chat. */
export class RateLimiter {
  private limits: RateLimits;
  private global: number[] = [];
  private readonly perChat = new Map<string, number[]>();

  constructor(
    limits: Partial<RateLimits>,
    private readonly now: () => number,
  ) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...limits };
  }

  get current(): RateLimits {
    return { ...this.limits };
  }

  set(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  reset(): void {
    this.global = [];
    this.perChat.clear();
  }

  /** The 429 this send would get, or undefined when it may go now. Does not count the send. */
  check(chatKey: string | undefined): BotApiError | undefined {
    if (!this.limits.enabled) return undefined;
    const now = this.now();
    this.prune(now);
    let waitMs = this.waitFor(this.global, this.limits.globalPerSecond, now);
    if (chatKey !== undefined) {
      waitMs = Math.max(
        waitMs,
        this.waitFor(this.perChat.get(chatKey) ?? [], this.limits.perChatPerSecond, now),
      );
    }
    if (waitMs <= 0) return undefined;
    return tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** Counts an accepted send. */
  record(chatKey: string | undefined): void {
    const now = this.now();
    this.global.push(now);
    if (chatKey === undefined) return;
    const log = this.perChat.get(chatKey) ?? [];
    log.push(now);
    this.perChat.set(chatKey, log);
  }

  private waitFor(log: number[], limit: number, now: number): number {
    if (log.length < limit) return 0;
    // The send may go once the entry that makes the window full has slid out of it.
    const blocking = log[log.length - Math.max(1, limit)] ?? now;
    return blocking + this.limits.windowMs - now;
  }

  private prune(now: number): void {
    const from = now - this.limits.windowMs;
    this.global = this.global.filter((t) => t > from);
    for (const [key, log] of this.perChat) {
      const kept = log.filter((t) => t > from);
      if (kept.length === 0) this.perChat.delete(key);
      else this.perChat.set(key, kept);
    }
  }
}

export type FaultStatus = 400 | 403 | 429 | 500;

export interface FaultSpec {
  /** Bot API method the fault applies to (any method when absent). */
  method?: string;
  /** Only calls for this chat_id (any chat when absent). */
  chatId?: number | string;
  status: FaultStatus;
  /** How many matching calls fail; 1 by default. */
  times?: number;
  /** Seconds in `parameters.retry_after` of a 429; 1 by default. */
  retryAfter?: number;
  /** Overrides the usual description of the status. */
  description?: string;
}

export type InjectedFault = Injected<FaultSpec>;

const DEFAULT_FAULT_DESCRIPTIONS: Record<FaultStatus, string> = {
  400: 'Bad Request: injected fault',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after 1',
  500: INTERNAL_SERVER_ERROR.description,
};

export class FaultInjector extends FaultQueue<FaultSpec> {
  /** Uses up one matching fault and returns the error it makes, oldest fault first. */
  take(method: string, chatId: number | string | undefined): BotApiError | undefined {
    const fault = this.use(
      (f) =>
        (f.method === undefined || f.method.toLowerCase() === method.toLowerCase()) &&
        (f.chatId === undefined || String(f.chatId) === String(chatId)),
    );
    if (!fault) return undefined;
    if (fault.status === 429) {
      const retryAfter = Math.max(1, Math.ceil(fault.retryAfter ?? 1));
      const error = tooManyRequests(retryAfter);
      return fault.description ? new BotApiError(429, fault.description, retryAfter) : error;
    }
    return new BotApiError(fault.status, fault.description ?? DEFAULT_FAULT_DESCRIPTIONS[fault.status]);
  }
}
