// Lambda (AWS only, every 5 minutes): publishes outbox events still pending minutes after they occurred — those
// whose stream batch the relay gave up on — so no event stays pending (locally the relay polls instead).

import type { Context } from 'aws-lambda';
import { SnsEventPublisher } from '../shared/adapters/sns/event-publisher.js';
import { type RelayResult, sweepPending } from '../shared/services/outbox-relay.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';

export function createHandler(deps: () => AppDeps) {
  let publisher: SnsEventPublisher | undefined;
  return async (_event?: unknown, context?: Context): Promise<RelayResult> => {
    const d = deps();
    return observed(d, context, `outbox-sweep:${d.clock.now().toISOString()}`, () => {
      if (!d.config.topicArn) throw new Error('EVENTS_TOPIC_ARN is not set');
      publisher ??= new SnsEventPublisher(d.config.topicArn);
      return sweepPending(d.repos.outbox, publisher, d.clock.now(), { log: d.logger });
    });
  };
}

export const handler = createHandler(defaultDeps);
