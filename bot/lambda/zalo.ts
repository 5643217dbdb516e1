// bot-entry: the Zalo webhook's answer — verify Zalo's signature and the event's age, then hand the event to the
// Zalo bot (claimed once by msg_id): 401 for a forged or late event, 503 while the bot cannot be built, 500 on a
// failure so Zalo retries.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { readZaloWebhook } from '../../chat/channels/zalo/index.js';
import type { BotAppDeps } from '../../functions/chat-deps.js';
import { observed } from '../../functions/invocation.js';
import { type ZaloWebhookBot, zaloBotOf } from './bots.js';

function headerOf(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function createZaloWebhookHandler(deps: () => BotAppDeps) {
  const answer = async (
    event: APIGatewayProxyEventV2,
    body: string,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const d = deps();
    let runtime: ZaloWebhookBot | undefined;
    try {
      runtime = await zaloBotOf(d);
    } catch (error) {
      // Secrets unreadable (SSM down, not configured): Zalo keeps the event and retries.
      d.logger.error('zalo webhook not ready', { errorName: (error as Error)?.name }, error);
      return { statusCode: 503 };
    }
    if (!runtime) return { statusCode: 404 };
    const inbound = readZaloWebhook(
      runtime.webhook,
      body,
      headerOf(event, 'x-zevent-signature'),
      d.clock.now().getTime(),
    );
    if (!inbound.ok) {
      if (inbound.reason === 'malformed') {
        // Signed by Zalo but unreadable: a retry would be as unreadable, so acknowledge and keep a trace
        // (the reason only: the body may hold a person's message).
        d.logger.warn('zalo event malformed', { reason: inbound.reason });
        return { statusCode: 200 };
      }
      // Forged, altered or replayed late: nothing is read further and nothing changes.
      d.logger.warn('zalo event refused', { reason: inbound.reason });
      return { statusCode: 401 };
    }
    try {
      await runtime.bot.handle(inbound.event);
      return { statusCode: 200 };
    } catch (error) {
      // The claim could not be taken (storage down) or the chain failed before the features: Zalo retries.
      d.logger.error('zalo webhook failed', { errorName: (error as Error)?.name }, error);
      return { statusCode: 500 };
    }
  };
  return async (
    event: APIGatewayProxyEventV2,
    context?: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const body =
      event.isBase64Encoded && event.body
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : (event.body ?? '');
    return observed(deps(), context, undefined, () => answer(event, body));
  };
}
