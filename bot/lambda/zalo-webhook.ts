// Lambda: POST /zalo/webhook — verify Zalo's signature and the event's age, then hand the event to the Zalo bot (claimed once by msg_id); thin, like telegram-webhook.ts.
import { type AppDeps, defaultDeps } from '../../functions/deps.js';
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { webhookBotDeps } from './bots.js';
import { createZaloWebhookHandler } from './zalo.js';

/** The handler pattern's factory: the same bot dependencies as the Telegram webhook (year end, reports, minutes). */
export function createHandler(deps: () => AppDeps) {
  const minutesPdf = createMinutesPdfRenderer();
  return createZaloWebhookHandler(() => webhookBotDeps(deps(), minutesPdf));
}

export const handler = createHandler(defaultDeps);
