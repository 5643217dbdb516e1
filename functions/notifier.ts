// Lambda: subscribed to the events topic — each event becomes chat notices for the staff and members concerned,
// and MinutesSigned the sealed minutes' PDF for their two signers.
import type { Context, SNSEvent } from 'aws-lambda';
import { createMinutesPdfRenderer } from '../shared/adapters/documents/minutes-pdf.js';
import { domainEventSchema } from '../shared/schemas/events.js';
import { notifyEvent } from '../shared/services/notifier.js';
import { asBotAppDeps, type BotAppDeps, notifierPorts } from './chat-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';
import { parseMessage } from './middleware/messages.js';

/** With the minutes' PDF renderer: on MinutesSigned the sealed minutes go to both signers (R16). */
export function createHandler(deps: () => AppDeps, minutesPdf = createMinutesPdfRenderer()) {
  return async (event: SNSEvent, context?: Context): Promise<void> => {
    const d = asBotAppDeps(deps(), { minutesPdf });
    await observed(d, context, event.Records[0]?.Sns.MessageId, () => notifyAll(d, event));
  };
}

async function notifyAll(d: BotAppDeps, event: SNSEvent): Promise<void> {
  const ports = notifierPorts(d, (await d.telegram()).messenger);
  for (const record of event.Records) {
    const domainEvent = parseMessage(domainEventSchema, record.Sns.Message);
    // The domain event's id: the relay logged the same id when it published the event.
    d.logger.correlate(domainEvent?.id ?? record.Sns.MessageId);
    if (!domainEvent) {
      d.logger.error('event malformed', { eventId: record.Sns.MessageId });
      continue;
    }
    // A failure throws: SNS retries, and recipients already served are skipped by their claims.
    await notifyEvent(domainEvent, ports);
  }
}

export const handler = createHandler(defaultDeps);
