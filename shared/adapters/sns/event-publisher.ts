// adapter: publishes domain events to the SNS topic (JSON body; the type as a message attribute for filters).
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DomainEvent } from '../../domain/events.js';
import type { EventPublisher } from '../../ports/messaging.js';

export class SnsEventPublisher implements EventPublisher {
  constructor(
    private readonly topicArn: string,
    private readonly client: Pick<SNSClient, 'send'> = new SNSClient({}),
  ) {}

  async publish(event: DomainEvent): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(event),
        MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
      }),
    );
  }
}
