// Lambda: the table's stream → SNS. New outbox items are published and marked sent; a failure stops the
// batch there (partial batch response), so events keep their order and none is lost.
import type { AttributeValue, Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionLog } from '../shared/adapters/logger.js';
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import type { EventPublisher } from '../shared/ports/messaging.js';
import type { OutboxRepository } from '../shared/ports/repositories.js';
import { domainEventSchema } from '../shared/schemas/events.js';
import { relayEvent } from '../shared/services/outbox-relay.js';
import { defaultDeps } from './deps.js';
import { observed } from './invocation.js';

/** The plain value of a stream image attribute (the outbox event holds strings, numbers, booleans, lists, maps). */
export function plainValue(value: AttributeValue | undefined): unknown {
  if (!value) return undefined;
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.L) return value.L.map(plainValue);
  if (value.M) return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, plainValue(v)]));
  return undefined;
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
