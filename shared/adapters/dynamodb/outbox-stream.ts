// adapter: the table's stream → the outbox's new items. A stream image carries DynamoDB's wire format: the
// SDK's `unmarshall` (the Lambda runtime ships `@aws-sdk/util-dynamodb`) reads the event, and the events'
// schema checks it; other items and other changes are not the outbox's.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxStreamRecord } from '../../ports/messaging.js';
import { domainEventSchema } from '../../schemas/events.js';

export function outboxRecordsOf(event: DynamoDBStreamEvent): OutboxStreamRecord[] {
  const records: OutboxStreamRecord[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || image.type?.S !== 'OutboxEvent') continue;
    const carried = image.event ? unmarshall({ value: image.event as AttributeValue }).value : undefined;
    const parsed = domainEventSchema.safeParse(carried);
    records.push({
      position: record.dynamodb?.SequenceNumber ?? '',
      itemKey: image.pk?.S,
      event: parsed.success ? parsed.data : undefined,
    });
  }
  return records;
}
