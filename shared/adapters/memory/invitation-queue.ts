// adapter: a task queue inside one process (the local stack and tests), running the same worker code as the
// SQS consumer in AWS: the invitation job's queue, and the scheduled jobs' queue.
import type { InvitationQueue, QueueTask } from '../../ports/invitations.js';
import type { JobQueue, JobTask } from '../../ports/jobs.js';

export interface InMemoryQueueOptions {
  /** Tasks handled at once (the Telegram throttler spaces the sends anyway). */
  concurrency?: number;
  /** Tries per task before it is dropped (a dead-letter list keeps it for inspection). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** False: tasks wait until `runNext` / `drain` (tests that stop a job halfway). */
  autoStart?: boolean;
}

export class InMemoryQueue<T> {
  private readonly waiting: { task: T; attempts: number }[] = [];
  private readonly deadLetters: T[] = [];
  private running = 0;
  private idle: (() => void)[] = [];
  private handler: ((task: T) => Promise<unknown>) | undefined;
  private readonly options: Required<InMemoryQueueOptions>;

  constructor(options: InMemoryQueueOptions = {}) {
    this.options = { concurrency: 4, maxAttempts: 3, retryDelayMs: 1000, autoStart: true, ...options };
  }

  /** The worker (e.g. deliverInvitation with its ports); set once the ports exist, or again to replace it. */
  setHandler(handler: (task: T) => Promise<unknown>): void {
    this.handler = handler;
    if (this.options.autoStart) this.pump();
  }

  async enqueue(tasks: readonly T[]): Promise<void> {
    for (const task of tasks) this.waiting.push({ task, attempts: 0 });
    if (this.options.autoStart) this.pump();
  }

  get pending(): readonly T[] {
    return this.waiting.map((w) => w.task);
  }

  get failed(): readonly T[] {
    return this.deadLetters;
  }

  /** Forgets the waiting tasks, as a crashed process would. */
  discard(): T[] {
    return this.waiting.splice(0).map((w) => w.task);
  }

  /** Runs the next `count` waiting tasks, one at a time. */
  async runNext(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const next = this.waiting.shift();
      if (!next) return;
      await this.run(next);
    }
  }

  /** Resolves when nothing waits and nothing runs (with autoStart, or after starting the pump). */
  async drain(): Promise<void> {
    this.pump();
    if (this.running === 0 && this.waiting.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    if (!this.handler) return;
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) break;
      this.running += 1;
      void this.run(next).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.running === 0 && this.waiting.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async run(entry: { task: T; attempts: number }): Promise<void> {
    if (!this.handler) throw new Error('The in-process queue has no handler');
    entry.attempts += 1;
    try {
      await this.handler(entry.task);
    } catch {
      if (entry.attempts >= this.options.maxAttempts) {
        this.deadLetters.push(entry.task);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      this.waiting.push(entry);
    }
  }
}

export class InMemoryInvitationQueue extends InMemoryQueue<QueueTask> implements InvitationQueue {}

export class InMemoryJobQueue extends InMemoryQueue<JobTask> implements JobQueue {}
