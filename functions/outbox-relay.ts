// Lambda: the table's stream → SNS. New outbox items are published and marked sent; a failure stops the
// batch there (partial batch response), so events keep their order and none is lost.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  AttributeValue as StreamAttributeValue,
} from 'aws-lambda';
import type { FunctionLog } from '../shared/adapters/logger.js';
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import type { EventPublisher } from '../shared/ports/messaging.js';
import type { OutboxRepository } from '../shared/ports/repositories.js';
import { domainEventSchema } from '../shared/schemas/events.js';
import { relayEvent } from '../shared/services/outbox-relay.js';
import { defaultDeps } from './deps.js';
import { observed } from './invocation.js';

/**
 * The plain value of a stream image's attribute. The stream's AttributeValue (aws-lambda's type) has the
 * wire shape the SDK's `unmarshall` reads; the Lambda runtime ships `@aws-sdk/util-dynamodb`.
 */
function plainValue(value: StreamAttributeValue | undefined): unknown {
  if (!value) return undefined;
  return unmarshall({ value: value as AttributeValue }).value;
}

export interface OutboxRelayDeps {
  outbox: Pick<OutboxRepository, 'markSent'>;
  publisher: EventPublisher;
  logger: FunctionLog;
}

export function createHandler(deps: () => OutboxRelayDeps) {
  return async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
    const d = deps();
    return observed(d, context, undefined, () => relayBatch(d, event));
  };
}

async function relayBatch(d: OutboxRelayDeps, event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || image.type?.S !== 'OutboxEvent') continue;
    const parsed = domainEventSchema.safeParse(plainValue(image.event));
    // The event id ties the relay's lines to the notifier's for the same event.
    d.logger.correlate(parsed.success ? parsed.data.id : image.pk?.S);
    if (!parsed.success) {
      d.logger.error('outbox item malformed', { eventId: image.pk?.S });
      continue;
    }
    try {
      await relayEvent(parsed.data, d.outbox, d.publisher);
    } catch (error) {
      d.logger.warn(
        'outbox event not published',
        { eventId: parsed.data.id, errorName: (error as Error)?.name },
        error,
      );
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

let relayDeps: OutboxRelayDeps | undefined;
function defaultRelayDeps(): OutboxRelayDeps {
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
}

export const handler = createHandler(defaultRelayDeps);
