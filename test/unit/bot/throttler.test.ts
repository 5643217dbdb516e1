// Unit: the Telegram throttler — spacing under the global and per-chat limits, retrying 429 after retry_after.
import type { Transformer } from 'grammy';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottler } from '../../../chat/channels/telegram/throttler.js';

/** Fake timers: the throttler's sleeps run in virtual time, in order. */
function virtualTime() {
  const start = Date.now();
  return {
    now: () => Date.now() - start,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
}

/** Runs `work` while advancing the fake clock through every pending timer. */
async function inVirtualTime<T>(work: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return work;
}

type Prev = Parameters<Transformer>[0];

function recordingApi(
  answers: Record<number, { error_code: number; retry_after?: number }[]> = {},
  clock = virtualTime(),
) {
  const calls: { method: string; chat: unknown; at: number }[] = [];
  const prev = (async (method: string, payload: { chat_id?: number }) => {
    calls.push({ method, chat: payload?.chat_id, at: clock.now() });
    const queued = answers[payload?.chat_id ?? -1];
    const next = queued?.shift();
    if (next) {
      return {
        ok: false,
        error_code: next.error_code,
        description: 'Too Many Requests',
        ...(next.retry_after !== undefined ? { parameters: { retry_after: next.retry_after } } : {}),
      };
    }
    return { ok: true, result: true };
  }) as unknown as Prev;
  return { calls, prev, clock };
}

const send = (t: Transformer, prev: Prev, chat: number, method = 'sendMessage') =>
  t(prev, method as 'sendMessage', { chat_id: chat, text: 'x' } as never);

describe('Function: createThrottler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const gap = (times: number[], i: number, j: number) => (times[j] ?? Number.NaN) - (times[i] ?? Number.NaN);
  it('spaces messages to stay under the global limit (30 chats in ~1 s, never more than 30 in a window)', async () => {
    // Prepare
    const clock = virtualTime();
    const api = recordingApi({}, clock);
    const { transformer, stats } = createThrottler({ globalPerSecond: 30, perChatPerSecond: 1, ...clock });

    // Act
    await inVirtualTime(
      Promise.all(Array.from({ length: 90 }, (_, i) => send(transformer, api.prev, 1000 + i))),
    );

    // Assess
    const times = api.calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 30; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 30] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(times.at(-1)).toBeGreaterThanOrEqual(2900);
    expect(stats.delayed).toBe(89);
  });

  it('sends at most one message per second into one chat, and does not hold back other chats or other methods', async () => {
    // Prepare
    const clock = virtualTime();
    const api = recordingApi({}, clock);
    const { transformer } = createThrottler({
      globalPerSecond: 30,
      perChatPerSecond: 1,
      perChatBurst: 1,
      ...clock,
    });

    // Act
    await inVirtualTime(
      Promise.all([
        send(transformer, api.prev, 7),
        send(transformer, api.prev, 7, 'editMessageText'),
        send(transformer, api.prev, 7),
        send(transformer, api.prev, 8),
        transformer(api.prev, 'answerCallbackQuery', { callback_query_id: 'q' } as never),
      ]),
    );

    // Assess
    const to7 = api.calls.filter((c) => c.chat === 7).map((c) => c.at);
    expect(gap(to7, 0, 1)).toBeGreaterThanOrEqual(1000);
    expect(gap(to7, 1, 2)).toBeGreaterThanOrEqual(1000);
    expect(api.calls.find((c) => c.chat === 8)?.at).toBeLessThan(100);
    expect(api.calls.find((c) => c.method === 'answerCallbackQuery')?.at).toBe(0);
  });

  it('lets a short burst into one chat at once (a tap: edit, reply, keyboard), then spaces the rest 1 s apart', async () => {
    // Prepare
    const clock = virtualTime();
    const api = recordingApi({}, clock);
    const { transformer } = createThrottler({ globalPerSecond: 30, perChatPerSecond: 1, ...clock });

    // Act: five messages to one chat at once, then one more after a quiet 5 s (the burst has refilled).
    await inVirtualTime(Promise.all(Array.from({ length: 5 }, () => send(transformer, api.prev, 7))));
    const quietFrom = clock.now();
    await inVirtualTime(new Promise((resolve) => setTimeout(resolve, 5000)));
    await inVirtualTime(Promise.all([send(transformer, api.prev, 7), send(transformer, api.prev, 7)]));

    // Assess
    const to7 = api.calls.map((c) => c.at);
    expect(to7.slice(0, 3).every((at) => at < 100)).toBe(true);
    // Then the steady rate: each message at least 1 s after the one a burst before it, and 1 s after the last.
    expect(gap(to7, 0, 3)).toBeGreaterThanOrEqual(1000);
    expect(gap(to7, 1, 4)).toBeGreaterThanOrEqual(2000);
    expect(gap(to7, 3, 4)).toBeGreaterThanOrEqual(1000);
    // After a quiet spell the chat may take a burst again.
    expect((to7[5] ?? 0) - quietFrom).toBeGreaterThanOrEqual(5000);
    expect(gap(to7, 5, 6)).toBeLessThan(100);
  });

  it('after a 429 in one chat, its next message waits the whole retry_after: no burst right after it', async () => {
    // Prepare
    const clock = virtualTime();
    const api = recordingApi({ 7: [{ error_code: 429, retry_after: 2 }] }, clock);
    const { transformer } = createThrottler({ globalPerSecond: 30, perChatPerSecond: 1, ...clock });

    // Act: a second message just after the first one was refused.
    const later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
      send(transformer, api.prev, 7),
    );
    await inVirtualTime(Promise.all([send(transformer, api.prev, 7), later]));

    // Assess: the refused first call, then (from 2 s on) its retry and the second message, 1 s apart.
    const at = api.calls.map((c) => c.at);
    expect(at).toHaveLength(3);
    expect(at[1]).toBeGreaterThanOrEqual(2000);
    expect(at[2]).toBeGreaterThanOrEqual(2000);
    expect(Math.abs((at[2] ?? 0) - (at[1] ?? 0))).toBeGreaterThanOrEqual(1000);
  });

  it('retries a 429 after its retry_after, and gives up after the last attempt or a too long wait', async () => {
    // Prepare
    const clock = virtualTime();
    const api = recordingApi(
      {
        1: [{ error_code: 429, retry_after: 3 }],
        2: Array.from({ length: 10 }, () => ({ error_code: 429, retry_after: 1 })),
        3: [{ error_code: 429, retry_after: 600 }],
        4: [{ error_code: 403 }],
      },
      clock,
    );
    const { transformer, stats } = createThrottler({ maxAttempts: 4, maxRetryAfterSeconds: 60, ...clock });

    // Act
    const retried = await inVirtualTime(send(transformer, api.prev, 1));
    const exhausted = await inVirtualTime(send(transformer, api.prev, 2));
    const tooLong = await inVirtualTime(send(transformer, api.prev, 3));
    const blocked = await inVirtualTime(send(transformer, api.prev, 4));

    // Assess
    expect(retried.ok).toBe(true);
    const to1 = api.calls.filter((c) => c.chat === 1).map((c) => c.at);
    expect(to1).toHaveLength(2);
    expect(gap(to1, 0, 1)).toBeGreaterThanOrEqual(3000);
    expect(exhausted).toMatchObject({ ok: false, error_code: 429 });
    expect(api.calls.filter((c) => c.chat === 2)).toHaveLength(4);
    expect(tooLong).toMatchObject({ ok: false, error_code: 429 });
    expect(api.calls.filter((c) => c.chat === 3)).toHaveLength(1);
    expect(blocked).toMatchObject({ ok: false, error_code: 403 });
    expect(stats).toMatchObject({ retried: 4, gaveUp: 2 });
  });
});
