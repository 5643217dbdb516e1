// channel (Telegram): keeps outgoing messages within Telegram's limits — about 30 per second overall and
// 1 per second in one chat — and retries a 429 after its `retry_after`, a bounded number of times.
// Telegram allows short bursts into one chat ("we may allow short bursts that go over this limit"), and a
// tap on a button answers with an edit and a new message: a chat may take a few messages at once, then 1/s.
//
// Installed with `api.config.use(throttler)` it sees every call. Sends are spaced (each reserves the
// earliest free slot, globally and in its chat) instead of burst-and-wait, so a 450-member job streams
// steadily, and a second message to one chat waits without holding back the other chats.
// The limits hold per process: give the invitation worker a concurrency of one (or divide the rate).
import type { Transformer } from 'grammy';

export interface ThrottleOptions {
  /** Messages per second over all chats (Telegram: about 30). */
  globalPerSecond: number;
  /** Messages per second into one chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** Messages one chat may get at once before `perChatPerSecond` spaces them (1: always spaced). */
  perChatBurst: number;
  /** Tries of one call in all, the first included, when Telegram answers 429. */
  maxAttempts: number;
  /** A 429 asking to wait longer than this (seconds) is returned to the caller instead. */
  maxRetryAfterSeconds: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  globalPerSecond: 30,
  perChatPerSecond: 1,
  // An edit, a reply and a keyboard: what one tap in a conversation sends. Spacing them a second apart made
  // every second message of a conversation wait ~1 s (measured on the local stack: 1,020 ms per reply).
  perChatBurst: 3,
  maxAttempts: 4,
  maxRetryAfterSeconds: 60,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The methods Telegram counts as messages (edits included). */
export const THROTTLED_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'editMessageCaption',
]);

/** A little slack under each limit: clocks and networks are not exact. */
const SAFETY = 1.05;

export interface ThrottleStats {
  /** Calls that waited for a free slot. */
  delayed: number;
  /** Calls tried again after a 429. */
  retried: number;
  /** 429 answers handed back after the last attempt. */
  gaveUp: number;
  waitedMs: number;
}

export interface Throttler {
  transformer: Transformer;
  stats: ThrottleStats;
}

export function createThrottler(options: Partial<ThrottleOptions> = {}): Throttler {
  const o: ThrottleOptions = { ...DEFAULT_THROTTLE, ...options };
  const globalInterval = (1000 / o.globalPerSecond) * SAFETY;
  const chatInterval = (1000 / o.perChatPerSecond) * SAFETY;
  // Per chat, a virtual scheduling clock (GCRA): a chat's next time may run ahead of now by this much
  // before a send has to wait, which lets `perChatBurst` messages through at once and then 1 per interval.
  const burstTolerance = (Math.max(1, o.perChatBurst) - 1) * chatInterval;
  const stats: ThrottleStats = { delayed: 0, retried: 0, gaveUp: 0, waitedMs: 0 };
  /** Future global send times already promised, ascending; each keeps `globalInterval` from the others. */
  const taken: number[] = [];
  let pausedUntil = 0;
  /** Per chat, when its next message would be due at the steady rate (GCRA's theoretical arrival time). */
  const chatNext = new Map<string, number>();

  const wait = async (ms: number) => {
    if (ms <= 0) return;
    stats.waitedMs += ms;
    await o.sleep(ms);
  };

  /**
   * The earliest global slot at or after `earliest`. A message waiting for its chat's turn takes a later
   * slot but does not hold back the messages to other chats behind it.
   */
  const globalSlot = (earliest: number, now: number): number => {
    while (taken.length > 0 && (taken[0] ?? 0) + globalInterval <= now) taken.shift();
    let t = earliest;
    let at = 0;
    for (; at < taken.length; at++) {
      const s = taken[at] ?? 0;
      if (s + globalInterval <= t) continue;
      if (s >= t + globalInterval) break;
      t = s + globalInterval;
    }
    taken.splice(at, 0, t);
    return t;
  };

  /** Takes a slot (synchronously, so concurrent callers never share one), then waits for it. */
  const reserve = async (chat: string | undefined) => {
    const now = o.now();
    let earliest = Math.max(now, pausedUntil);
    const due = chat === undefined ? undefined : chatNext.get(chat);
    if (due !== undefined) earliest = Math.max(earliest, due - burstTolerance);
    const at = globalSlot(earliest, now);
    if (chat !== undefined) chatNext.set(chat, Math.max(due ?? at, at) + chatInterval);
    if (chatNext.size > 10_000) {
      for (const [key, next] of chatNext) if (next < now) chatNext.delete(key);
    }
    if (at > now) {
      stats.delayed += 1;
      await wait(at - now);
    }
  };

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const limited = THROTTLED_METHODS.has(method);
    const rawChat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const chat = rawChat === undefined ? undefined : String(rawChat);
    for (let attempt = 1; ; attempt++) {
      if (limited) await reserve(chat);
      const response = await prev(method, payload, signal);
      if (response.ok || response.error_code !== 429) return response;
      const retryAfter = response.parameters?.retry_after ?? 1;
      if (attempt >= o.maxAttempts || retryAfter > o.maxRetryAfterSeconds) {
        stats.gaveUp += 1;
        return response;
      }
      // Everyone sending to this chat (or anywhere, when Telegram names no chat) waits as asked.
      const until = o.now() + retryAfter * 1000;
      // The chat's next send waits the whole retry_after: no burst allowance right after a 429.
      if (chat !== undefined) chatNext.set(chat, Math.max(chatNext.get(chat) ?? 0, until + burstTolerance));
      else pausedUntil = Math.max(pausedUntil, until);
      stats.retried += 1;
      await wait(retryAfter * 1000);
    }
  };
  return { transformer, stats };
}
