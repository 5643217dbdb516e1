// Local runtime: fires the scheduled functions of the registry on the stack's clock, as EventBridge Scheduler does in AWS.
import type { LocalClock } from './clock.js';
import { parseSchedule, type Schedule } from './cron.js';

export interface ScheduledJob {
  name: string;
  expression: string;
  /** Runs the function with a scheduled event whose `time` is `time`. */
  fire(time: Date): Promise<void>;
}

export interface PlannedJob {
  name: string;
  expression: string;
  next?: string;
}

/** Timers re-check at least this often, so a long wait never overflows setTimeout and drift stays small. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * Keeps one timer per scheduled job. When the clock is moved, every timer is re-planned from the new
 * time; firings that were jumped over are not caught up (fire them with `npm run job`).
 */
export class LocalScheduler {
  private readonly entries: { job: ScheduledJob; schedule: Schedule; next?: Date; timer?: NodeJS.Timeout }[];
  private unsubscribe: (() => void) | undefined;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    jobs: readonly ScheduledJob[],
    private readonly clock: LocalClock,
    private readonly onError: (name: string, error: unknown) => void,
  ) {
    this.entries = jobs.map((job) => ({ job, schedule: parseSchedule(job.expression) }));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const entry of this.entries) this.plan(entry, this.clock.now());
    this.unsubscribe = this.clock.onChange(() => {
      for (const entry of this.entries) this.plan(entry, this.clock.now());
    });
  }

  /** Stops the timers and waits for firings already under way. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    for (const entry of this.entries) clearTimeout(entry.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  get planned(): PlannedJob[] {
    return this.entries.map(({ job, next }) => ({
      name: job.name,
      expression: job.expression,
      ...(next ? { next: next.toISOString() } : {}),
    }));
  }

  private plan(entry: (typeof this.entries)[number], after: Date): void {
    clearTimeout(entry.timer);
    entry.next = entry.schedule.next(after);
    if (!this.running || !entry.next) return;
    const due = entry.next;
    const wait = due.getTime() - this.clock.now().getTime();
    entry.timer = setTimeout(
      () => {
        if (this.clock.now().getTime() + 50 < due.getTime())
          return this.plan(entry, new Date(due.getTime() - 1));
        const run = entry.job
          .fire(due)
          .catch((error: unknown) => this.onError(entry.job.name, error))
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
        this.plan(entry, due);
      },
      Math.max(0, Math.min(wait, MAX_WAIT_MS)),
    );
    entry.timer.unref();
  }
}
