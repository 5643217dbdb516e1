// Lambda: POST /telegram/webhook — grammY's webhook callback for Lambda; a wrong or missing secret header gets 401.
import { type AppDeps, defaultDeps } from '../../functions/deps.js';
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { webhookBotDeps } from './bots.js';
import { createWebhookHandler } from './telegram.js';

/** The handler pattern's factory: plain AppDeps, extended with the bot's configuration (bot/lambda/bots.ts). */
export function createHandler(deps: () => AppDeps) {
  const minutesPdf = createMinutesPdfRenderer();
  return createWebhookHandler(() => webhookBotDeps(deps(), minutesPdf));
}

export const handler = createHandler(defaultDeps);
