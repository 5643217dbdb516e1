// Lambda: the table's stream → SNS. New outbox items are published and marked sent; a failure stops the
// batch there (partial batch response), so events keep their order and none is lost.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxRecordsOf } from '../shared/adapters/dynamodb/outbox-stream.js';
import { relayInOrder } from '../shared/services/outbox-relay.js';
import { observed } from './invocation.js';
import { type OutboxRelayDeps, outboxRelayDeps } from './outbox-relay-deps.js';

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

export const handler = createHandler(outboxRelayDeps);
