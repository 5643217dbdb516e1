// Local runtime: what the gateway serves besides the API — the chat page, the OpenAPI document and its page, and
// the local control API (`/_local/…`: config, demo users, new people, bot commands, the clock, jobs, SMS, the
// outbox), the control API only to the chat page's own origin under a loopback name.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BACKGROUND_FUNCTIONS } from '../../shared/config/functions.js';
import type { LocalSmsSender } from '../bot-runtime.js';
import { type ChatPageAssets, serveChatPage } from '../chat-page-server.js';
import { type LocalClock, parseLocalInstant } from '../clock.js';
import type {
  BotCommandView,
  ClockView,
  DemoUser,
  JobRun,
  JobView,
  LocalConfig,
} from '../control-protocol.js';
import { sendJson } from '../gateway.js';
import { pageOrigins, refusalOf } from '../loopback-guard.js';
import { isZaloPerson, type NewPeople, newPersonInputSchema } from '../new-people.js';
import { type OpenApiDocument, openApiPage } from '../openapi.js';
import type { OutboxRelay } from '../outbox-relay.js';
import type { LocalScheduler } from '../scheduler.js';
import type { TelegramEmulator } from '../telegram-emulator/index.js';
import type { ZaloEmulator } from '../zalo-emulator/index.js';
import { UnknownJobError } from './jobs.js';

export interface ControlContext {
  chatPage: ChatPageAssets;
  /** The API's OpenAPI document, generated once at the first request for it. */
  openApi: () => Promise<OpenApiDocument>;
  clock: LocalClock;
  demoUsers: () => Promise<DemoUser[]>;
  people: NewPeople;
  zalo: ZaloEmulator;
  scheduler: LocalScheduler;
  fireJob: (name: string, now?: Date) => Promise<JobRun>;
  relay: OutboxRelay;
  emulator: TelegramEmulator | undefined;
  sms: LocalSmsSender;
  config: () => LocalConfig;
}

/** One request to the local control API, its body read. */
interface ControlRequest {
  method: string;
  path: string;
  url: URL;
  body: Buffer;
  res: ServerResponse;
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** The chat page and `/_local/…`: config, demo users, bot commands, the clock, jobs, the outbox. Loopback only. */
export async function localControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  c: ControlContext,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (method === 'GET' && (await servePage(res, path, c))) return true;
  if (!path.startsWith('/_local/')) return false;
  // The control API moves the clock and fires jobs: only the chat page's own origin, and loopback names.
  const port = Number(req.socket.localPort);
  const refusal = refusalOf(req, '127.0.0.1', new Set(pageOrigins(port)));
  if (refusal) return sendJson(res, 403, { error: `Forbidden: ${refusal}` });
  try {
    return await controlApi({ method, path, url, body, res }, c);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return sendJson(res, error instanceof SyntaxError ? 400 : 500, { error: message });
  }
}

/** `/` (to the chat page), the chat page's files, `/openapi.json` and `/api-docs`; false for anything else. */
async function servePage(res: ServerResponse, path: string, c: ControlContext): Promise<boolean> {
  if (path === '/') {
    res.writeHead(302, { location: '/chat/' });
    res.end();
    return true;
  }
  if (serveChatPage(c.chatPage, path, res)) return true;
  if (path === '/openapi.json') return sendJson(res, 200, await c.openApi());
  if (path === '/api-docs') {
    const page = openApiPage(await c.openApi());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
    return true;
  }
  return false;
}

async function controlApi(r: ControlRequest, c: ControlContext): Promise<boolean> {
  const { method, path, res } = r;
  if (method === 'GET' && path === '/_local/health') return sendJson(res, 200, { ok: true });
  if (method === 'GET' && path === '/_local/config') return sendJson(res, 200, c.config());
  if (method === 'GET' && path === '/_local/demo-users') return sendJson(res, 200, await c.demoUsers());
  if (method === 'POST' && path === '/_local/people') return addPerson(r, c);
  if (method === 'GET' && path === '/_local/commands') return botCommands(r, c);
  if (path === '/_local/clock') return clock(r, c);
  if (method === 'GET' && path === '/_local/jobs') return sendJson(res, 200, jobViews(c.scheduler));
  const job = /^\/_local\/jobs\/([^/]+)$/.exec(path);
  if (method === 'POST' && job) return fireJob(r, job[1] ?? '', c);
  if (method === 'GET' && path === '/_local/sms') return sendJson(res, 200, c.sms.sent);
  if (method === 'POST' && path === '/_local/outbox/drain') {
    return sendJson(res, 200, { sent: await c.relay.drain() });
  }
  return sendJson(res, 404, { error: 'Not Found' });
}

async function addPerson({ body, res }: ControlRequest, c: ControlContext): Promise<boolean> {
  const input = newPersonInputSchema.safeParse(jsonBody(body));
  if (!input.success) return sendJson(res, 400, { error: 'Họ tên không hợp lệ (1–120 ký tự).' });
  const person = await c.people.add(input.data.name, input.data.channel);
  // A Zalo user the OA has never seen: not following yet (the chat page's "Quan tâm" does that).
  if (isZaloPerson(person)) c.zalo.addUser({ id: person.zaloUserId, name: person.name });
  const key = isZaloPerson(person) ? `zalo:${person.zaloUserId}` : `telegram:${person.telegramId}`;
  const view = (await c.demoUsers()).find((u) => u.key === key);
  return sendJson(res, 201, view);
}

/** The menu a chat sees: its own scope's commands if the bot set some, else the default ones. */
function botCommands({ url, res }: ControlRequest, c: ControlContext): boolean {
  const chat = Number(url.searchParams.get('chat'));
  const scoped = c.emulator && chat ? c.emulator.commands({ scope: { type: 'chat', chat_id: chat } }) : [];
  const commands: BotCommandView[] = scoped.length > 0 ? scoped : (c.emulator?.commands() ?? []);
  return sendJson(res, 200, commands);
}

function clock({ method, body, res }: ControlRequest, c: ControlContext): boolean {
  if (method === 'POST') {
    const input = jsonBody(body);
    if (input.reset === true) c.clock.reset();
    else if (typeof input.now === 'string') c.clock.set(parseLocalInstant(input.now));
    else return sendJson(res, 400, { error: 'give { "now": "2027-06-01T08:00" } or { "reset": true }' });
  }
  const view: ClockView = { now: c.clock.now().toISOString(), real: c.clock.isReal };
  return sendJson(res, 200, view);
}

/** The scheduled functions the stack runs, each with its next run on the local clock. */
function jobViews(scheduler: LocalScheduler): JobView[] {
  const planned = new Map(scheduler.planned.map((p) => [p.name, p]));
  return BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule' && !f.awsOnly).map((f) => {
    const next = planned.get(f.name)?.next;
    return {
      name: f.name,
      description: f.description,
      expression: (f.trigger as { expression: string }).expression,
      next: next || undefined,
    };
  });
}

/** Runs a scheduled function now (or as of the body's `now`); `encodedName` as the path has it. */
async function fireJob(
  { body, res }: ControlRequest,
  encodedName: string,
  c: ControlContext,
): Promise<boolean> {
  const input = jsonBody(body);
  const now = typeof input.now === 'string' ? parseLocalInstant(input.now) : undefined;
  try {
    return sendJson(res, 200, await c.fireJob(decodeURIComponent(encodedName), now));
  } catch (error) {
    if (error instanceof UnknownJobError) return sendJson(res, 404, { error: error.message });
    throw error;
  }
}
