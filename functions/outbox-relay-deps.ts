// composition of the outbox relay: the outbox, the SNS publisher and the logger, built once per container.
import type { FunctionLog } from '../shared/adapters/logger.js';
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import type { EventPublisher } from '../shared/ports/messaging.js';
import type { OutboxRepository } from '../shared/ports/repositories.js';
import { defaultDeps } from './deps.js';

export interface OutboxRelayDeps {
  outbox: Pick<OutboxRepository, 'markSent'>;
  publisher: EventPublisher;
  logger: FunctionLog;
}

let relayDeps: OutboxRelayDeps | undefined;

export function outboxRelayDeps(): OutboxRelayDeps {
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
