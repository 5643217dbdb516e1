// Lambda (AWS only, every 5 minutes): publishes outbox events still pending minutes after they occurred — those
// whose stream batch the relay gave up on — so no event stays pending (locally the relay polls instead).
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import { type RelayResult, sweepPending } from '../shared/services/outbox-relay.js';
import { type AppDeps, defaultDeps } from './deps.js';

export function createHandler(deps: () => AppDeps) {
  let publisher: SnsEventPublisher | undefined;
  return async (): Promise<RelayResult> => {
    const d = deps();
    if (!d.config.topicArn) throw new Error('EVENTS_TOPIC_ARN is not set');
    publisher ??= new SnsEventPublisher(d.config.topicArn);
    return sweepPending(d.repos.outbox, publisher, d.clock.now(), { log: d.logger });
  };
}

export const handler = createHandler(defaultDeps);
