// adapter: a task queue on SQS (ten tasks per SendMessageBatch; the worker Lambda reads it in batches): the
// invitation job's queue and the scheduled jobs' queue.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { InvitationQueue, QueueTask } from '../../ports/invitations.js';
import type { JobQueue, JobTask } from '../../ports/jobs.js';

// Loaded on the first /moi, not at cold start: the webhook holds this queue for one command only, and the
// SQS client is ~25 ms of every start (the runtime provides the SDK; importing it is the cost).
let sdk: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-sqs');
  return sdk;
};

export class SqsQueue<T> {
  /** What the tasks are, for the error when SQS keeps refusing some (e.g. `invitation`). */
  protected readonly what: string = 'queued';
  private client: Promise<Pick<SQSClient, 'send'>> | undefined;

  constructor(
    private readonly queueUrl: string,
    client?: Pick<SQSClient, 'send'>,
  ) {
    if (client) this.client = Promise.resolve(client);
  }

  async enqueue(tasks: readonly T[]): Promise<void> {
    const { SendMessageBatchCommand, SQSClient } = await loadSdk();
    this.client ??= Promise.resolve(new SQSClient({}));
    const client = await this.client;
    for (let i = 0; i < tasks.length; i += 10) {
      const batch = tasks.slice(i, i + 10);
      let entries = batch.map((task, n) => ({ Id: String(n), MessageBody: JSON.stringify(task) }));
      // SQS may accept part of a batch: send the failed entries again (a duplicate task is harmless).
      for (let attempt = 1; entries.length > 0; attempt++) {
        const out = await client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        if (failed.size > 0 && attempt >= 3) throw new Error(`SQS refused ${failed.size} ${this.what} tasks`);
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}

export class SqsInvitationQueue extends SqsQueue<QueueTask> implements InvitationQueue {
  protected override readonly what = 'invitation';
}

/** The dispatcher enqueues a whole run at once (10,000 committees: 1,000 SendMessageBatch calls). */
export class SqsJobQueue extends SqsQueue<JobTask> implements JobQueue {
  protected override readonly what = 'job';
}
