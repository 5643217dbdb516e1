// The Telegram emulator's control API (`/_emulator/…`): what tests over HTTP and the chat page use to read
// chats and calls, act as users, inject faults and set limits. It drives the emulator through its public
// methods only, as a test in the same process would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError, OK, pollParams, serveControl } from '../emulator-http.js';
import type { FaultSpec, RateLimits } from './limits.js';
import type { TelegramEmulator } from './server.js';
import type { SimulatedUser } from './state.js';
import type { Delivery } from './types.js';
import type { PressButtonInput } from './updates.js';

function asUser(value: unknown, chatId: number): SimulatedUser | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || typeof (value as SimulatedUser).id !== 'number') {
    throw new ControlError(400, 'user must be an object with a numeric id and a first_name');
  }
  const user = value as SimulatedUser;
  if (user.id !== chatId) throw new ControlError(400, `user.id ${user.id} is not the private chat ${chatId}`);
  return { ...user, first_name: user.first_name ?? `User ${chatId}` };
}

/** Serves `/_emulator/…`: chats, calls, faults, rate limits, the webhook's state, reset. */
export function handleControl(
  emu: TelegramEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [resource, idText, action] = url.pathname.split('/').filter(Boolean).slice(1);
  return serveControl(req, res, 1024 * 1024, (method, body) => {
    if (resource === 'chats' && idText === undefined && method === 'GET') return emu.chatSummaries();
    if (resource === 'chats' && idText !== undefined) {
      const chatId = Number(idText);
      if (!Number.isSafeInteger(chatId)) throw new ControlError(400, `Bad chat id ${idText}`);
      return chatControl(emu, chatId, action, method, body, url);
    }
    if (resource === 'calls' && method === 'GET') {
      const only = url.searchParams.get('method');
      return only ? emu.callsOf(only) : emu.calls;
    }
    if (resource === 'calls' && method === 'DELETE') {
      emu.clearCalls();
      return OK;
    }
    if (resource === 'faults' && method === 'GET') return emu.faults;
    if (resource === 'faults' && method === 'POST') {
      if (![400, 403, 429, 500].includes(Number(body.status))) {
        throw new ControlError(400, 'status must be 400, 403, 429 or 500');
      }
      return emu.injectFault(body as unknown as FaultSpec);
    }
    if (resource === 'faults' && method === 'DELETE') {
      emu.clearFaults();
      return OK;
    }
    if (resource === 'rate-limits' && method === 'GET') return emu.rateLimits;
    if (resource === 'rate-limits' && method === 'POST') {
      emu.changeRateLimits(body as Partial<RateLimits>);
      return emu.rateLimits;
    }
    if (resource === 'webhook' && method === 'GET') return emu.webhook ?? null;
    if (resource === 'reset' && method === 'POST') {
      emu.reset();
      return OK;
    }
    throw new ControlError(404, 'Not Found');
  });
}

/** `/_emulator/chats/<id>/<action>`: read a chat (long poll), or act as its user. */
async function chatControl(
  emu: TelegramEmulator,
  chatId: number,
  action: string | undefined,
  method: string,
  body: Record<string, unknown>,
  url: URL,
): Promise<unknown> {
  const knownUser = emu.chatView(chatId).user;
  const user = () => asUser(body.user, chatId) ?? knownUser ?? { id: chatId, first_name: `User ${chatId}` };
  const summary = (delivery: Delivery) => ({
    update_id: delivery.update.update_id,
    via: delivery.via,
    status: delivery.status,
    error: delivery.error,
    update: delivery.update,
  });
  if (action === 'messages' && method === 'GET') {
    const { since, wait } = pollParams(url);
    if (wait > 0) await emu.waitForChange(chatId, since, wait);
    return emu.chatView(chatId, since);
  }
  if (action === 'send' && method === 'POST') {
    if (typeof body.text !== 'string') throw new ControlError(400, 'text must be a string');
    return summary(await emu.sendUserMessage({ user: user(), text: body.text }));
  }
  if (action === 'edit' && method === 'POST') {
    if (typeof body.text !== 'string') throw new ControlError(400, 'text must be a string');
    return summary(
      await emu.editUserMessage({ user: user(), messageId: Number(body.messageId), text: body.text }),
    );
  }
  if (action === 'press' && method === 'POST') {
    const input: PressButtonInput = { user: user(), messageId: Number(body.messageId) };
    if (typeof body.data === 'string') input.data = body.data;
    if (typeof body.text === 'string') input.text = body.text;
    return summary(await emu.pressButton(input));
  }
  if (action === 'block' && method === 'POST') return summary(await emu.userBlocksBot(user()));
  if (action === 'unblock' && method === 'POST') return summary(await emu.userUnblocksBot(user()));
  throw new ControlError(404, 'Not Found');
}
