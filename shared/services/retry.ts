// use-case helper: optimistic locking — re-read and try again when a concurrent change won the race.
import { ConflictError } from '../domain/errors.js';

export interface RetryOptions {
  attempts?: number;
  /** Upper bound of the random pause before attempt n is n × this (ms); spreads racing writers apart. */
  jitterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Only the stale-version conflict is retried; other conflicts (a rule, a duplicate) are answers. */
function isStaleWrite(error: unknown): boolean {
  return error instanceof ConflictError && error.code === 'conflict';
}

/**
 * Runs `attempt` (which must re-read what it changes) until its conditional write succeeds. Gives up
 * with the last ConflictError after `attempts` tries.
 */
export async function withOptimisticRetry<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 30;
  const jitter = options.jitterMs ?? 8;
  const sleep = options.sleep ?? defaultSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStaleWrite(error) || n >= attempts) throw error;
      await sleep(Math.random() * jitter * Math.min(n, 10));
    }
  }
}
