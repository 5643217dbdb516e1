// Lambda: the table's stream → SNS. New outbox items are published and marked sent; a failure stops the
// batch there (partial batch response), so events keep their order and none is lost.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxRecordsOf } from '../shared/adapters/dynamodb/outbox-stream.js';
import type { FunctionLog } from '../shared/adapters/logger.js';
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import type { EventPublisher } from '../shared/ports/messaging.js';
import type { OutboxRepository } from '../shared/ports/repositories.js';
import { relayInOrder } from '../shared/services/outbox-relay.js';
import { defaultDeps } from './deps.js';
import { observed } from './invocation.js';

export interface OutboxRelayDeps {
  outbox: Pick<OutboxRepository, 'markSent'>;
  publisher: EventPublisher;
  logger: FunctionLog;
}

export function createHandler(deps: () => OutboxRelayDeps) {
  return async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
    const d = deps();
    return observed(d, context, undefined, async () => {
      const records = outboxRecordsOf(event);
      const failed = await relayInOrder(records, d.outbox, d.publisher, d.logger, (id) =>
        d.logger.correlate(id),
      );
      return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }] };
    });
  };
}

let relayDeps: OutboxRelayDeps | undefined;
export const handler = createHandler(() => {
  if (!relayDeps) {
    const app = defaultDeps();
    if (!app.config.topicArn) throw new Error('EVENTS_TOPIC_ARN is not set');
    relayDeps = {
      outbox: app.repos.outbox,
      publisher: new SnsEventPublisher(app.config.topicArn),
      logger: app.logger,
    };
  }
  return relayDeps;
});
