// bot-entry: the Telegram webhook's answer — grammY's webhook callback for Lambda over the webhook's bot, with
// Telegram's secret header checked (401), a not-ready bot answered 503 and a failure 500 so Telegram retries.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { webhookCallback } from 'grammy';
import type { BotAppDeps } from '../../functions/chat-deps.js';
import { observed } from '../../functions/invocation.js';
import { telegramBotOf } from './bots.js';

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

/**
 * `timeoutMs`: how long grammY waits for the update's handling before answering 200 without it. Lambda keeps
 * the default; a test world on a busy machine raises it to its emulator's patience, so a slow press fails as a
 * slow test rather than as an answer that never came.
 */
export function createWebhookHandler(deps: () => BotAppDeps, { timeoutMs = WEBHOOK_TIMEOUT_MS } = {}) {
  let callback: Promise<LambdaWebhook> | undefined;
  const build = async (): Promise<LambdaWebhook> => {
    const [bot, runtime] = await Promise.all([telegramBotOf(deps()), deps().telegram()]);
    return webhookCallback(bot, 'aws-lambda-async', {
      secretToken: runtime.secretToken,
      onTimeout: 'return',
      timeoutMilliseconds: timeoutMs,
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
