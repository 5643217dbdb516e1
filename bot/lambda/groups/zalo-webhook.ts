// router: the zalo-webhook group function (HTTP_GROUPS): deployed only on a stage with a Zalo OA; one route.

import { routeHandler } from '../../../functions/middleware/router.js';
import { handler as zaloWebhook } from '../zalo-webhook.js';

export const handler = routeHandler('zalo-webhook', {
  'zalo-webhook': zaloWebhook,
});
