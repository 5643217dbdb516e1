// service support: re-read and retry a version-guarded write that lost a race (optimistic locking).
import { ConflictError } from '../domain/errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included: bounded, so a hot item cannot spin forever. */
  attempts?: number;
  /** Upper bound of the first back-off; doubles each time, with full jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (which must re-read what it writes) until it stores, retrying only lost races
 * (ConflictError 'conflict': a stale version or a concurrent transaction). Other errors pass through;
 * after the last attempt the conflict itself is thrown (HTTP 409).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 25, baseDelayMs = 4, maxDelayMs = 80 } = options;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConflictError) || error.code !== 'conflict' || i >= attempts) throw error;
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (i - 1));
      await sleep(Math.random() * cap);
    }
  }
}
