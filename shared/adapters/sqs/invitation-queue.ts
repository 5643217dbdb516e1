// adapter: the invitation job's queue on SQS (ten tasks per SendMessageBatch; the worker Lambda reads it in batches).
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { InvitationQueue, InvitationTask } from '../../ports/invitations.js';

export class SqsInvitationQueue implements InvitationQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: Pick<SQSClient, 'send'> = new SQSClient({}),
  ) {}

  async enqueue(tasks: readonly InvitationTask[]): Promise<void> {
    for (let i = 0; i < tasks.length; i += 10) {
      const batch = tasks.slice(i, i + 10);
      let entries = batch.map((task, n) => ({ Id: String(n), MessageBody: JSON.stringify(task) }));
      // SQS may accept part of a batch: send the failed entries again (a duplicate task is harmless).
      for (let attempt = 1; entries.length > 0; attempt++) {
        const out = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        if (failed.size > 0 && attempt >= 3) throw new Error(`SQS refused ${failed.size} invitation tasks`);
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}
