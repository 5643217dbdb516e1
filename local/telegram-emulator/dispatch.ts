// The Telegram emulator's Bot API call, however it arrives (HTTP, a webhook's reply, a test): the method looked
// up, injected faults, a blocked user's 403, the flood limits, then the method itself, each call logged.
import type { Params } from './body.js';
import { BotApiError, DESCRIPTIONS, forbidden, INTERNAL_SERVER_ERROR, METHOD_NOT_FOUND } from './errors.js';
import type { FaultInjector, RateLimiter } from './limits.js';
import {
  BLOCKABLE_METHODS,
  canonicalMethodName,
  chatIdOf,
  Described,
  METHODS,
  type MethodContext,
  RATE_LIMITED_METHODS,
} from './methods.js';
import type { ApiCall, EmulatorState } from './state.js';
import type { ApiResponse } from './types.js';

/** What a call is checked against and run with: the emulator's state, faults, limits and clock. */
export interface DispatchContext {
  state: EmulatorState;
  faults: FaultInjector;
  limiter: RateLimiter;
  now: () => number;
  methodContext(signal: AbortSignal | undefined): MethodContext;
}

const JSON_PARAMS = [
  'reply_markup',
  'entities',
  'caption_entities',
  'reply_parameters',
  'link_preview_options',
  'commands',
  'scope',
  'allowed_updates',
];

/** Params as the call log shows them: JSON-valued fields parsed whichever encoding the client used. */
function loggedParams(params: Params): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
  for (const name of JSON_PARAMS) {
    const value = out[name];
    if (typeof value !== 'string') continue;
    try {
      out[name] = JSON.parse(value);
    } catch {
      // Left as sent: the method itself reports the parse error.
    }
  }
  return out;
}

/** Runs one Bot API method and logs the call with its outcome; a failure answers in the Bot API's error shape. */
export async function dispatch(
  ctx: DispatchContext,
  name: string,
  params: Params,
  options: { signal?: AbortSignal; viaWebhookReply?: boolean } = {},
): Promise<ApiResponse> {
  const method = canonicalMethodName(name);
  const chatId = chatIdOf(params);
  const call: Omit<ApiCall, 'seq' | 'ok'> = {
    method: method ?? name,
    params: loggedParams(params),
    time: ctx.now(),
  };
  if (chatId !== undefined) call.chatId = chatId;
  if (options.viaWebhookReply) call.viaWebhookReply = true;
  try {
    const { result, description } = await run(ctx, method, chatId, params, options.signal);
    ctx.state.recordCall({ ...call, ok: true, result });
    return description === undefined ? { ok: true, result } : { ok: true, result, description };
  } catch (error) {
    const apiError = error instanceof BotApiError ? error : INTERNAL_SERVER_ERROR;
    if (!(error instanceof BotApiError)) console.error(`telegram-emulator: ${name} failed`, error);
    ctx.state.recordCall({
      ...call,
      ok: false,
      errorCode: apiError.errorCode,
      description: apiError.description,
    });
    return apiError.toBody();
  }
}

/** The checks Telegram makes before a method runs, then the method; throws a BotApiError for a refusal. */
async function run(
  ctx: DispatchContext,
  method: string | undefined,
  chatId: number | string | undefined,
  params: Params,
  signal: AbortSignal | undefined,
): Promise<{ result: unknown; description?: string }> {
  const handler = method ? METHODS[method] : undefined;
  if (!method || !handler) throw METHOD_NOT_FOUND;
  const fault = ctx.faults.take(method, chatId);
  if (fault) throw fault;
  if (BLOCKABLE_METHODS.has(method) && typeof chatId === 'number' && ctx.state.blocked.has(chatId)) {
    throw forbidden(DESCRIPTIONS.blocked);
  }
  const limited = RATE_LIMITED_METHODS.has(method);
  const chatKey = chatId === undefined ? undefined : String(chatId);
  if (limited) {
    const flood = ctx.limiter.check(chatKey);
    if (flood) throw flood;
  }
  const result = await handler(ctx.methodContext(signal), params);
  if (limited) ctx.limiter.record(chatKey);
  return result instanceof Described
    ? { result: result.result, description: result.description }
    : { result };
}
