// The Zalo emulator's control API (`/_emulator/…`): what tests over HTTP and the chat page use to read
// conversations, calls and ZNS messages, act as users, inject faults, set limits and the webhook, and expire
// tokens. It drives the emulator through its public methods only, as a test in the same process would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError, OK, pollParams, serveControl } from '../emulator-http.js';
import type { ZaloEndpoint, ZaloFaultSpec, ZaloRateLimits } from './limits.js';
import type { ZaloEmulator } from './server.js';
import type { ZaloDelivery, ZaloUserFile } from './types.js';

/** A file sent from the chat page comes base64 in JSON: room for the members' import limit (5 MB). */
const MAX_CONTROL_BODY_BYTES = 8 * 1024 * 1024;

/** Serves `/_emulator/…`: users, calls, faults, rate limits, the webhook, ZNS, tokens, reset. */
export function handleControl(
  emu: ZaloEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const [resource, id, action] = url.pathname.split('/').filter(Boolean).slice(1);
  return serveControl(req, res, MAX_CONTROL_BODY_BYTES, (method, body) => {
    if (resource === 'users' && id === undefined && method === 'GET') return emu.listUsers();
    if (resource === 'users' && id === undefined && method === 'POST') {
      return emu.addUser({
        ...(typeof body.id === 'string' ? { id: body.id } : {}),
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
      });
    }
    if (resource === 'users' && id !== undefined) return userControl(emu, id, action, method, body, url);
    if (resource === 'calls' && method === 'GET') {
      const only = url.searchParams.get('endpoint');
      return only ? emu.callsOf(only as ZaloEndpoint) : emu.calls;
    }
    if (resource === 'calls' && method === 'DELETE') {
      emu.clearCalls();
      return OK;
    }
    if (resource === 'faults' && method === 'GET') return emu.faults;
    if (resource === 'faults' && method === 'POST') return emu.injectFault(body as ZaloFaultSpec);
    if (resource === 'faults' && method === 'DELETE') {
      emu.clearFaults();
      return OK;
    }
    if (resource === 'rate-limits' && method === 'GET') return emu.rateLimits;
    if (resource === 'rate-limits' && method === 'POST') {
      emu.changeRateLimits(body as Partial<ZaloRateLimits>);
      return emu.rateLimits;
    }
    if (resource === 'webhook' && method === 'GET') return { url: emu.webhookUrl ?? null };
    if (resource === 'webhook' && method === 'POST') {
      if (typeof body.url !== 'string') throw new ControlError(400, 'url must be a string');
      emu.webhookUrl = body.url;
      return { url: emu.webhookUrl };
    }
    if (resource === 'zns' && id === undefined && method === 'GET') return emu.znsMessages();
    if (resource === 'zns' && id === 'unreachable' && method === 'POST') {
      if (typeof body.phone !== 'string') throw new ControlError(400, 'phone must be a string');
      emu.setZnsUnreachable(body.phone, body.unreachable !== false);
      return OK;
    }
    if (resource === 'tokens' && id === 'expire' && method === 'POST') {
      emu.expireAccessTokens();
      return OK;
    }
    if (resource === 'reset' && method === 'POST') {
      emu.reset();
      return OK;
    }
    throw new ControlError(404, 'Not Found');
  });
}

/** `/_emulator/users/<id>/<action>`: read a conversation (long poll), or act as the user. */
async function userControl(
  emu: ZaloEmulator,
  userId: string,
  action: string | undefined,
  method: string,
  body: Record<string, unknown>,
  url: URL,
): Promise<unknown> {
  if (action === 'messages' && method === 'GET') {
    const { since, wait } = pollParams(url);
    const fresh = () => emu.conversation(userId).filter((m) => m.seq > since);
    if (wait > 0 && fresh().length === 0) await emu.waitForChange(wait);
    return { userId, seq: emu.seq, user: emu.user(userId) ?? null, messages: fresh() };
  }
  if (action === 'send' && method === 'POST') {
    if (typeof body.text !== 'string') throw new ControlError(400, 'text must be a string');
    return summary(await emu.sendText(userId, body.text));
  }
  if (action === 'press' && method === 'POST') {
    if (typeof body.messageId !== 'string') throw new ControlError(400, 'messageId must be a string');
    return summary(
      await emu.pressButton(userId, body.messageId, {
        ...(typeof body.index === 'number' ? { index: body.index } : {}),
        ...(typeof body.title === 'string' ? { title: body.title } : {}),
        ...(typeof body.payload === 'string' ? { payload: body.payload } : {}),
      }),
    );
  }
  if (action === 'follow' && method === 'POST') return summary(await emu.follow(userId));
  if (action === 'unfollow' && method === 'POST') return summary(await emu.unfollow(userId));
  if (action === 'file' && method === 'POST') return summary(await emu.sendFile(userId, userFileOf(body)));
  throw new ControlError(404, 'Not Found');
}

/** The body of `POST /_emulator/users/<id>/file`: `{ fileName, base64, mimeType? }`. */
function userFileOf(body: Record<string, unknown>): ZaloUserFile {
  if (typeof body.fileName !== 'string' || body.fileName.length === 0) {
    throw new ControlError(400, 'fileName must be a string');
  }
  if (typeof body.base64 !== 'string') throw new ControlError(400, 'base64 must be a string');
  return {
    fileName: body.fileName,
    bytes: Buffer.from(body.base64, 'base64'),
    ...(typeof body.mimeType === 'string' ? { mimeType: body.mimeType } : {}),
  };
}

function summary(delivery: ZaloDelivery): Record<string, unknown> {
  return {
    event: delivery.event,
    status: delivery.status,
    error: delivery.error,
  };
}
