// The Telegram Bot API emulator: an HTTP server on loopback speaking the Bot API and its state, with knobs for tests;
// the webhook client (webhook-client.ts) and the control API for tests and the chat page (control-api.ts) beside it.
import {
  type ClientRequest,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { BotCommand, Update, UserFromGetMe } from 'grammy/types';
import { sendJson } from '../emulator-http.js';
import { admit } from '../loopback-guard.js';
import { type Params, parseParams, readBody } from './body.js';
import { handleControl } from './control-api.js';
import {
  BotApiError,
  DESCRIPTIONS,
  forbidden,
  INTERNAL_SERVER_ERROR,
  METHOD_NOT_FOUND,
  NOT_FOUND,
  UNAUTHORIZED,
} from './errors.js';
import { FaultInjector, type FaultSpec, type InjectedFault, RateLimiter, type RateLimits } from './limits.js';
import {
  BLOCKABLE_METHODS,
  canonicalMethodName,
  chatIdOf,
  Described,
  METHODS,
  type MethodContext,
  RATE_LIMITED_METHODS,
} from './methods.js';
import {
  type ApiCall,
  type CallbackAnswer,
  type CallbackQueryRecord,
  type ChatActionRecord,
  type ConversationMessage,
  EmulatorState,
  type SimulatedUser,
  type StoredDocument,
  type WebhookConfig,
} from './state.js';
import {
  type EditUserMessageInput,
  isAllowed,
  type PressButtonInput,
  UpdateBuilder,
  UpdateQueue,
  type UserMessageInput,
} from './updates.js';
import { postUpdate, webhookReplyCall } from './webhook-client.js';

export interface TelegramEmulatorOptions {
  /** The one bot token the emulator accepts; others get 401. The bot id is the part before the colon. */
  token?: string;
  /** Overrides of what getMe answers. */
  bot?: Partial<
    Pick<UserFromGetMe, 'first_name' | 'username' | 'can_join_groups' | 'supports_inline_queries'>
  >;
  /** 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 (a free port) unless told otherwise. */
  port?: number;
  /** Flood limits; `false` starts with them off. */
  rateLimits?: Partial<RateLimits> | false;
  /** update_id of the first simulated update. */
  firstUpdateId?: number;
  /** The clock (epoch ms) for message dates and the flood limits; a test can pass a fake one. */
  now?: () => number;
  /** How long a webhook POST may take before it counts as failed. */
  webhookTimeoutMs?: number;
  /** Largest accepted request body (Telegram: 50 MB for bots). */
  maxUploadBytes?: number;
  /**
   * The network between the bot and Telegram: every Bot API call over HTTP takes this much longer, half
   * before Telegram handles it and half on the way back (0 by default; the bench uses a Lambda-to-Telegram
   * round trip). A method returned in a webhook's answer rides that answer and pays nothing more.
   */
  apiLatencyMs?: number;
  /**
   * Browser origins allowed to call (the chat page's own). A request from any other origin is refused:
   * every web page a developer opens could otherwise read the chats and act as any user. Requests
   * without an Origin (the bot, tests, curl) are not browsers' and pass.
   */
  allowedOrigins?: readonly string[];
}

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** What became of a simulated update: POSTed to the webhook (with the HTTP status) or queued for getUpdates. */
export interface Delivery {
  update: Update;
  via: 'webhook' | 'getUpdates';
  /** HTTP status the webhook answered with. */
  status?: number;
  /** Why the webhook POST failed (connection refused, timeout) or was skipped. */
  error?: string;
}

export interface ChatView {
  chatId: number;
  /** Pass it back as `since` to get only later changes. */
  seq: number;
  user?: SimulatedUser;
  messages: ConversationMessage[];
  callbackQueries: CallbackQueryRecord[];
  actions: ChatActionRecord[];
}

export const DEFAULT_TOKEN = '1234567890:AAEmulatorTokenForLoopbackTestsOnly_0';

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

export class TelegramEmulator {
  readonly token: string;
  /** What getMe answers; pass it as grammY's `botInfo` to skip the getMe round trip. */
  readonly botInfo: UserFromGetMe;
  /** Builders of updates that are not delivered yet (deliver them with `deliver`, as often as wanted). */
  readonly nextUpdate: UpdateBuilder;

  private readonly state = new EmulatorState();
  private readonly queue = new UpdateQueue();
  private readonly limiter: RateLimiter;
  private readonly faultInjector = new FaultInjector();
  private readonly now: () => number;
  private readonly host: string;
  private readonly requestedPort: number;
  private readonly webhookTimeoutMs: number;
  private readonly maxUploadBytes: number;
  private apiLatencyMs: number;
  private server: Server | undefined;
  private address: { url: string; port: number } | undefined;
  private readonly outgoing = new Set<ClientRequest>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly allowedOrigins: Set<string>;

  constructor(options: TelegramEmulatorOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    const id = Number(this.token.split(':')[0]);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new Error('A bot token looks like <numeric bot id>:<secret>');
    this.botInfo = {
      id,
      is_bot: true,
      first_name: options.bot?.first_name ?? 'Emulated Bot',
      username: options.bot?.username ?? 'emulated_bot',
      can_join_groups: options.bot?.can_join_groups ?? true,
      can_read_all_group_messages: false,
      supports_inline_queries: options.bot?.supports_inline_queries ?? false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.now = options.now ?? Date.now;
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
    this.apiLatencyMs = options.apiLatencyMs ?? 0;
    this.maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
    this.allowedOrigins = new Set(options.allowedOrigins ?? []);
    this.limiter = new RateLimiter(
      options.rateLimits === false ? { enabled: false } : (options.rateLimits ?? {}),
      this.now,
    );
    this.nextUpdate = new UpdateBuilder(this.state, this.botInfo, this.now, options.firstUpdateId ?? 1);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  async start(): Promise<{ url: string; port: number }> {
    if (this.address) return this.address;
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        console.error('telegram-emulator: unexpected error', error);
        sendJson(res, 500, INTERNAL_SERVER_ERROR.toBody());
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.address = { url: `http://${this.host}:${port}`, port };
    return this.address;
  }

  /** Closes the server, ends pending long polls and webhook POSTs, and leaves no handle behind. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.address = undefined;
    this.queue.close();
    this.state.releaseAll();
    for (const req of this.outgoing) req.destroy(new Error('emulator stopped'));
    await Promise.allSettled([...this.background]);
    if (!server) return;
    // Let the answers to the long polls just released reach their sockets before those are closed.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The base URL, `http://127.0.0.1:<port>`: grammY's `apiRoot`. */
  get url(): string {
    if (!this.address) throw new Error('The emulator is not started');
    return this.address.url;
  }

  get port(): number {
    if (!this.address) throw new Error('The emulator is not started');
    return this.address.port;
  }

  /** Forgets chats, files, calls, queued updates, webhook, blocks, faults and the flood windows. */
  reset(): void {
    this.state.reset();
    this.queue.clear();
    this.queue.allowedUpdates = undefined;
    this.limiter.reset();
    this.faultInjector.clear();
  }

  // ---- knobs -------------------------------------------------------------------------------------------------

  /** Changes the flood limits (and turns them on unless `enabled: false` is given). */
  setRateLimits(limits: Partial<RateLimits>): void {
    this.limiter.set({ enabled: true, ...limits });
  }

  /** Changes only the limits given (`enabled` included), as the control API's POST does. */
  changeRateLimits(limits: Partial<RateLimits>): void {
    this.limiter.set(limits);
  }

  /** Sets the Bot API's round-trip latency (see the option `apiLatencyMs`). */
  setApiLatency(ms: number): void {
    this.apiLatencyMs = Math.max(0, ms);
  }

  disableRateLimits(): void {
    this.limiter.set({ enabled: false });
  }

  get rateLimits(): RateLimits {
    return this.limiter.current;
  }

  /** Every send to this chat answers 403 `Forbidden: bot was blocked by the user` until unblocked. */
  blockUser(chatId: number): void {
    this.state.blocked.add(chatId);
  }

  unblockUser(chatId: number): void {
    this.state.blocked.delete(chatId);
  }

  isBlocked(chatId: number): boolean {
    return this.state.blocked.has(chatId);
  }

  /** The next `times` matching calls fail with `status` in the Bot API error shape. */
  injectFault(fault: FaultSpec): InjectedFault {
    return this.faultInjector.add(fault);
  }

  clearFaults(): void {
    this.faultInjector.clear();
  }

  get faults(): readonly InjectedFault[] {
    return this.faultInjector.pending;
  }

  // ---- what happened ------------------------------------------------------------------------------------------

  get calls(): readonly ApiCall[] {
    return this.state.calls;
  }

  callsOf(method: string): ApiCall[] {
    const name = method.toLowerCase();
    return this.state.calls.filter((c) => c.method.toLowerCase() === name);
  }

  clearCalls(): void {
    this.state.calls.length = 0;
  }

  /** Every message of the chat in order, the user's and the bot's, deleted ones flagged. */
  conversation(chatId: number): ConversationMessage[] {
    return [...(this.state.chats.get(chatId)?.messages.values() ?? [])];
  }

  /** The bot's messages in the chat as they are now (deleted ones left out). */
  botMessages(chatId: number): ConversationMessage[] {
    return this.conversation(chatId).filter((m) => m.from === 'bot' && !m.deleted);
  }

  lastBotMessage(chatId: number): ConversationMessage | undefined {
    return this.botMessages(chatId).at(-1);
  }

  message(chatId: number, messageId: number): ConversationMessage | undefined {
    return this.state.chats.get(chatId)?.messages.get(messageId);
  }

  callbackQueries(chatId: number): CallbackQueryRecord[] {
    return [...(this.state.chats.get(chatId)?.callbackQueries ?? [])];
  }

  /** How the bot answered a button press (the toast or alert), once it has. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.state.callbackQueries.get(callbackQueryId)?.answer;
  }

  chatActions(chatId: number): ChatActionRecord[] {
    return [...(this.state.chats.get(chatId)?.actions ?? [])];
  }

  /** A document the bot sent or a user uploaded: bytes, file name, MIME type. Also at GET /files/<fileId>. */
  document(fileId: string): StoredDocument | undefined {
    return this.state.files.get(fileId);
  }

  /** The commands set with setMyCommands for a scope (default scope) and language ('' = all languages). */
  commands(
    options: { scope?: { type: string; chat_id?: number }; languageCode?: string } = {},
  ): BotCommand[] {
    const result = METHODS.getMyCommands?.(this.methodContext(undefined), {
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.languageCode ? { language_code: options.languageCode } : {}),
    });
    return (result as BotCommand[] | undefined) ?? [];
  }

  get webhook(): Readonly<WebhookConfig> | undefined {
    return this.state.webhook;
  }

  /** A long poll (getUpdates with a timeout) is held open, waiting for an update. */
  get longPollWaiting(): boolean {
    return this.queue.polling;
  }

  /** Updates queued for getUpdates and not yet confirmed. */
  get pendingUpdates(): readonly Update[] {
    return this.queue.pending;
  }

  /** Change-feed number of the latest change in any chat. */
  get seq(): number {
    return this.state.seq;
  }

  chatView(chatId: number, since = 0): ChatView {
    const chat = this.state.chats.get(chatId);
    const view: ChatView = {
      chatId,
      seq: chat?.seq ?? 0,
      messages: this.conversation(chatId).filter((m) => m.seq > since),
      callbackQueries: this.callbackQueries(chatId).filter((q) => q.seq > since),
      actions: this.chatActions(chatId).filter((a) => a.seq > since),
    };
    if (chat?.user) view.user = chat.user;
    return view;
  }

  /** Every chat with its user, change number and message count (the chat page's list). */
  chatSummaries(): { chatId: number; user?: SimulatedUser; seq: number; messages: number }[] {
    return [...this.state.chats.values()].map((c) => ({
      chatId: c.id,
      ...(c.user ? { user: c.user } : {}),
      seq: c.seq,
      messages: c.messages.size,
    }));
  }

  /** Resolves with the chat's seq once something changed after `since`, or when `timeoutMs` is over. */
  waitForChange(chatId: number, since: number, timeoutMs: number): Promise<number> {
    return this.state.waitForChange(chatId, since, timeoutMs);
  }

  /** The first bot message sent or edited after `since` (a seq), waiting up to `timeoutMs` for it. */
  async waitForBotMessage(
    chatId: number,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ConversationMessage> {
    const since = options.since ?? 0;
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    while (true) {
      const found = this.conversation(chatId).find((m) => m.from === 'bot' && m.seq > since);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || !this.address) throw new Error(`No bot message in chat ${chatId} after seq ${since}`);
      await this.state.waitForChange(chatId, this.state.chats.get(chatId)?.seq ?? 0, left);
    }
  }

  // ---- simulated users ---------------------------------------------------------------------------------------

  /** The user writes to the bot (text, a /command, a document or a shared contact). */
  sendUserMessage(input: UserMessageInput): Promise<Delivery> {
    return this.deliver(this.nextUpdate.message(input));
  }

  /** The user edits a message they sent earlier. */
  editUserMessage(input: EditUserMessageInput): Promise<Delivery> {
    return this.deliver(this.nextUpdate.editedMessage(input));
  }

  /** The user presses an inline button (by callback_data or by label) under a bot message. */
  pressButton(input: PressButtonInput): Promise<Delivery> {
    return this.deliver(this.nextUpdate.callbackQuery(input));
  }

  /** The user blocks the bot: sends to them answer 403 and the bot gets my_chat_member (member → kicked). */
  userBlocksBot(user: SimulatedUser): Promise<Delivery> {
    this.blockUser(user.id);
    return this.deliver(this.nextUpdate.myChatMember({ user, oldStatus: 'member', newStatus: 'kicked' }));
  }

  /** The user unblocks the bot again (kicked → member). */
  userUnblocksBot(user: SimulatedUser): Promise<Delivery> {
    this.unblockUser(user.id);
    return this.deliver(this.nextUpdate.myChatMember({ user, oldStatus: 'kicked', newStatus: 'member' }));
  }

  /** Hands any update to the bot: POST to the webhook when one is set, else into the getUpdates queue. */
  async deliver(update: Update): Promise<Delivery> {
    const hook = this.state.webhook;
    if (!hook) {
      this.queue.push(update);
      return { update, via: 'getUpdates' };
    }
    if (!isAllowed(update, hook.allowedUpdates))
      return { update, via: 'webhook', error: 'not in allowed_updates' };
    try {
      const { status, body } = await postUpdate(hook, update, {
        timeoutMs: this.webhookTimeoutMs,
        outgoing: this.outgoing,
      });
      if (status < 200 || status > 299) {
        this.webhookFailed(
          hook,
          `Wrong response from the webhook: ${status} ${STATUS_CODES[status] ?? ''}`.trim(),
        );
      } else {
        const reply = webhookReplyCall(body);
        if (reply) await this.invoke(reply.method, reply.params, { viaWebhookReply: true });
      }
      return { update, via: 'webhook', status };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.webhookFailed(hook, message.includes('ECONNREFUSED') ? 'Connection refused' : message);
      return { update, via: 'webhook', error: message };
    }
  }

  /** Runs one Bot API method as if it came over HTTP (used for webhook replies; handy in tests too). */
  async invoke(
    name: string,
    params: Params,
    options: { signal?: AbortSignal; viaWebhookReply?: boolean } = {},
  ): Promise<ApiResponse> {
    const method = canonicalMethodName(name);
    const chatId = chatIdOf(params);
    const call: Omit<ApiCall, 'seq' | 'ok'> = {
      method: method ?? name,
      params: loggedParams(params),
      time: this.now(),
    };
    if (chatId !== undefined) call.chatId = chatId;
    if (options.viaWebhookReply) call.viaWebhookReply = true;
    try {
      const handler = method ? METHODS[method] : undefined;
      if (!method || !handler) throw METHOD_NOT_FOUND;
      const fault = this.faultInjector.take(method, chatId);
      if (fault) throw fault;
      if (BLOCKABLE_METHODS.has(method) && typeof chatId === 'number' && this.state.blocked.has(chatId)) {
        throw forbidden(DESCRIPTIONS.blocked);
      }
      const limited = RATE_LIMITED_METHODS.has(method);
      const chatKey = chatId === undefined ? undefined : String(chatId);
      if (limited) {
        const flood = this.limiter.check(chatKey);
        if (flood) throw flood;
      }
      let result = await handler(this.methodContext(options.signal), params);
      let description: string | undefined;
      if (result instanceof Described) {
        description = result.description;
        result = result.result;
      }
      if (limited) this.limiter.record(chatKey);
      this.state.recordCall({ ...call, ok: true, result });
      return description === undefined ? { ok: true, result } : { ok: true, result, description };
    } catch (error) {
      const apiError = error instanceof BotApiError ? error : INTERNAL_SERVER_ERROR;
      if (!(error instanceof BotApiError)) console.error(`telegram-emulator: ${name} failed`, error);
      this.state.recordCall({
        ...call,
        ok: false,
        errorCode: apiError.errorCode,
        description: apiError.description,
      });
      return apiError.toBody();
    }
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  private methodContext(signal: AbortSignal | undefined): MethodContext {
    return {
      state: this.state,
      queue: this.queue,
      bot: this.botInfo,
      now: this.now,
      signal,
      onWebhookSet: () => {
        for (const update of this.queue.drain()) this.track(this.deliver(update));
      },
    };
  }

  private track(promise: Promise<unknown>): void {
    this.background.add(promise);
    promise.finally(() => this.background.delete(promise)).catch(() => undefined);
  }

  private webhookFailed(hook: WebhookConfig, message: string): void {
    hook.lastErrorDate = Math.floor(this.now() / 1000);
    hook.lastErrorMessage = message;
  }

  /** Lets one more browser origin call (the chat page, once the gateway's port is known). */
  allowOrigin(origin: string): void {
    this.allowedOrigins.add(origin);
  }

  /**
   * Browsers only from an allowed origin, and only under a loopback name: a page elsewhere (or one that
   * rebinds its DNS name to 127.0.0.1) gets 403 before anything is read or done.
   */
  private refusesCaller(req: IncomingMessage, res: ServerResponse): boolean {
    const refusal = admit(req, res, this.host, this.allowedOrigins);
    if (refusal) sendJson(res, 403, { ok: false, error_code: 403, description: `Forbidden: ${refusal}` });
    return refusal !== undefined;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.refusesCaller(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === '/_emulator' || path.startsWith('/_emulator/')) return handleControl(this, req, res, url);

    const download = /^\/files\/([^/]+)$/.exec(path);
    if (download) return this.serveFile(res, this.state.files.get(decodeURIComponent(download[1] ?? '')));

    const fileApi = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (fileApi) {
      if (fileApi[1] !== this.token) return sendJson(res, 401, UNAUTHORIZED.toBody());
      const filePath = decodeURIComponent(fileApi[2] ?? '');
      return this.serveFile(
        res,
        [...this.state.files.values()].find((f) => f.filePath === filePath),
      );
    }

    const api = /^\/bot([^/]*)\/([^/]*)$/.exec(path);
    if (!api) return sendJson(res, 404, NOT_FOUND.toBody());
    if (api[1] !== this.token) return sendJson(res, 401, UNAUTHORIZED.toBody());
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) abort.abort();
    });
    let params: Params;
    try {
      params = parseParams(
        req.headers['content-type'],
        await readBody(req, this.maxUploadBytes),
        url.searchParams,
      );
    } catch (error) {
      const apiError = error instanceof BotApiError ? error : INTERNAL_SERVER_ERROR;
      return sendJson(res, apiError.errorCode, apiError.toBody());
    }
    // The way there: Telegram handles the call (and records it) only once it has arrived.
    const latency = this.apiLatencyMs;
    if (latency > 0) await delay(latency / 2);
    const response = await this.invoke(api[2] ?? '', params, { signal: abort.signal });
    // The way back.
    if (latency > 0) await delay(latency / 2);
    sendJson(res, response.ok ? 200 : response.error_code, response);
  }

  private serveFile(res: ServerResponse, file: StoredDocument | undefined): void {
    if (!file) {
      sendJson(res, 404, NOT_FOUND.toBody());
      return;
    }
    res.writeHead(200, {
      'content-type': file.mimeType,
      'content-length': file.bytes.length,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
    res.end(file.bytes);
  }
}
