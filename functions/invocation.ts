// Lambda: what every entry that is not a middy chain does around an invocation — the request id, cold start
// and correlation id on its log lines, and its metrics flushed once at the end, however it ends.
import type { Context } from 'aws-lambda';
import type { FunctionLog } from '../shared/adapters/logger.js';
import type { FlushableMetrics } from '../shared/adapters/metrics.js';
import type { Clock } from '../shared/ports/common.js';

export interface Observed {
  logger: FunctionLog;
  /** Absent where a function counts nothing (the outbox relay). */
  metrics?: FlushableMetrics;
}

/**
 * Runs one invocation of a handler that is not a middy chain (webhook, workers, jobs). `context` is
 * absent when a test or the local stack calls the handler bare.
 */
export async function observed<T>(
  deps: Observed,
  context: Context | undefined,
  correlationId: string | number | undefined,
  run: () => Promise<T>,
): Promise<T> {
  deps.logger.startInvocation(context, correlationId);
  try {
    return await run();
  } finally {
    deps.metrics?.flush();
    deps.logger.endInvocation();
  }
}

/** A scheduled job's run, `<job>:<slot>` (the schedule's time, or now for a manual run): its correlation id. */
export function jobRunId(job: string, scheduledTime: string | undefined, clock: Clock): string {
  return `${job}:${scheduledTime ?? clock.now().toISOString()}`;
}
