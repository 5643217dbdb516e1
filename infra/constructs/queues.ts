// infra: the stack's SQS queues — the work queues (invitations, jobs) each with its dead-letter queue, and every
// other dead-letter queue (schedules, asynchronous invocations, the outbox stream), kept by name for their alarms.
// Created in the stack's own scope, not a child construct, so their logical ids are those the stack always had.
import { Duration, type Stack } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { QueueName } from '../../shared/config/functions.js';
import type { StageConfig } from '../config.js';
import { acknowledge } from '../nag.js';
import { FUNCTION_SIZING } from './app-function.js';
import { pascal } from './names.js';

/** Telegram's broadcast limit: about 30 messages a second per bot. */
export const TELEGRAM_MESSAGES_PER_SECOND = 30;
/** Invitation workers running at once (the SQS event source's maximum concurrency). */
export const INVITATION_WORKER_CONCURRENCY = 2;
/**
 * Job workers running at once: one committee a task, so a country's October report (10,000 communes of ~500
 * members, ~1.25 s each) takes about 11 minutes (docs/architecture.md, "Jobs") at ~20,000 RRU/s.
 */
export const JOB_WORKER_CONCURRENCY = 20;

/** How each work queue feeds its one consumer (SQS event source settings). */
export const QUEUE_CONSUMERS: Record<QueueName, { batchSize: number; maxConcurrency: number }> = {
  invitations: { batchSize: 10, maxConcurrency: INVITATION_WORKER_CONCURRENCY },
  // A task compiles one committee (a few seconds for the largest): five keep a batch well inside the timeout.
  jobs: { batchSize: 5, maxConcurrency: JOB_WORKER_CONCURRENCY },
};

const secureQueueProps = {
  // SSE-SQS: encrypted at rest with SQS-owned keys, so Lambda, Scheduler and senders need no key grants.
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies QueueProps;

/** The stack's queues: work queues by name, and every dead-letter queue by its queue name (each gets an alarm). */
export class StackQueues {
  /** Every dead-letter queue by a readable name; each has a depth alarm. */
  readonly deadLetterQueues = new Map<string, Queue>();
  /** The work queues by name (each with its DLQ). */
  readonly work = new Map<QueueName, Queue>();

  constructor(
    private readonly scope: Stack,
    private readonly stage: StageConfig,
  ) {}

  named(name: QueueName): Queue {
    const queue = this.work.get(name);
    if (!queue) throw new Error(`unreachable: every work queue is created (${name})`);
    return queue;
  }

  /** A work queue (`InvitationQueue`, `JobQueue`) that redrives to its DLQ after 5 receives. */
  addWorkQueue(name: QueueName): Queue {
    const id = name === 'invitations' ? 'InvitationQueue' : `${pascal(name.replace(/s$/, ''))}Queue`;
    const dlq = this.deadLetterQueue(
      `${id}Dlq`,
      `${this.stage.prefix}-${name}-dlq`,
      `the ${name} queue (messages received 5 times without success)`,
      false,
    );
    const timeout = FUNCTION_SIZING.queue.timeout.toSeconds();
    const queue = new Queue(this.scope, id, {
      queueName: `${this.stage.prefix}-${name}`,
      ...secureQueueProps,
      // AWS's advice for Lambda consumers: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(timeout * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    this.work.set(name, queue);
    return queue;
  }

  /**
   * A dead-letter queue (SSE-SQS, TLS only, kept 14 days) registered for its depth alarm.
   * `standalone`: no queue names it in a redrive policy (Lambda and Scheduler write to it directly), which
   * cdk-nag's SQS3 cannot see, so that finding is acknowledged.
   */
  deadLetterQueue(id: string, queueName: string, of: string, standalone = true): Queue {
    const queue = new Queue(this.scope, id, {
      queueName,
      ...secureQueueProps,
      retentionPeriod: Duration.days(14),
    });
    if (standalone) {
      acknowledge(queue, 'AwsSolutions-SQS3', `This queue is itself the dead-letter queue of ${of}.`);
    }
    this.deadLetterQueues.set(queueName, queue);
    return queue;
  }
}
