// router: the telegram-webhook group function (HTTP_GROUPS): one Lambda for these routes, each served by its own handler.

import { routeHandler } from '../../../functions/middleware/router.js';
import { handler as telegramWebhook } from '../telegram-webhook.js';

export const handler = routeHandler('telegram-webhook', {
  'telegram-webhook': telegramWebhook,
});
