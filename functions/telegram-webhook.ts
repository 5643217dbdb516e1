// Lambda: POST /telegram/webhook — grammY's webhook callback for Lambda; a wrong or missing secret header gets 401.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { webhookCallback } from 'grammy';
import { yearEndFeatures } from '../bot/year-end.js';
import { createMinutesPdfRenderer } from '../shared/adapters/documents/minutes-pdf.js';
import { reportRenderer } from '../shared/adapters/documents/report-renderer.js';
import { asBotAppDeps, type BotAppDeps } from './bot-deps.js';
import { type AppDeps, defaultDeps } from './deps.js';
import { observed } from './invocation.js';

type LambdaWebhook = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The update's id, to correlate the invocation's log lines (grammY parses the body itself). */
function updateIdOf(body: string | undefined): number | undefined {
  if (!body) return undefined;
  try {
    const id = (JSON.parse(body) as { update_id?: unknown }).update_id;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Answer Telegram before API Gateway's 30 s limit; the update is claimed, so a redelivery is skipped. */
const WEBHOOK_TIMEOUT_MS = 25_000;

export function createWebhookHandler(deps: () => BotAppDeps) {
  let callback: Promise<LambdaWebhook> | undefined;
  const build = async (): Promise<LambdaWebhook> => {
    const runtime = await deps().telegram();
    return webhookCallback(runtime.bot, 'aws-lambda-async', {
      secretToken: runtime.secretToken,
      onTimeout: 'return',
      timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
    }) as unknown as LambdaWebhook;
  };
  const answer = async (
    event: APIGatewayProxyEventV2,
    context: Context,
    body: string | undefined,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    callback ??= build().catch((error: unknown) => {
      callback = undefined;
      throw error;
    });
    let handle: LambdaWebhook;
    try {
      handle = await callback;
    } catch (error) {
      // No token or secret (SSM unreachable, not configured): Telegram keeps the update and retries.
      deps().logger.error('telegram webhook not ready', { errorName: (error as Error)?.name }, error);
      return { statusCode: 503 };
    }
    try {
      return await handle({ ...event, headers: event.headers ?? {}, body, isBase64Encoded: false }, context);
    } catch (error) {
      if (error instanceof SyntaxError) return { statusCode: 400 };
      // Telegram retries a failed delivery; the update is applied once (its id is claimed first).
      deps().logger.error('telegram webhook failed', { errorName: (error as Error)?.name }, error);
      return { statusCode: 500 };
    }
  };
  return async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const body =
      event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    return observed(deps(), context, updateIdOf(body), () => answer(event, context, body));
  };
}

/**
 * The dependencies of the bot that answers updates. Only it has the year-end features and the report's
 * renderer; it shares the minutes' PDF renderer with the notifier (/ky sends the sealed minutes at once).
 * The other bot functions do without them. The local stack long-polls real Telegram with this same bot.
 */
export function webhookBotDeps(deps: AppDeps, minutesPdf = createMinutesPdfRenderer()): BotAppDeps {
  return asBotAppDeps(deps, { reportRenderer, extraFeatures: yearEndFeatures, minutesPdf });
}

/** The handler pattern's factory: plain AppDeps, extended with the bot's configuration. */
export function createHandler(deps: () => AppDeps) {
  const minutesPdf = createMinutesPdfRenderer();
  return createWebhookHandler(() => webhookBotDeps(deps(), minutesPdf));
}

export const handler = createHandler(defaultDeps);
