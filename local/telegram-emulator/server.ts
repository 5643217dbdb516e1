// The Telegram Bot API emulator: an HTTP server on loopback speaking the Bot API and its state, with knobs for tests.
// Beside it: the HTTP routing (http-routes.ts), the Bot API call (dispatch.ts), webhook delivery
// (webhook-delivery.ts, over webhook-client.ts) and the control API for tests and the chat page (control-api.ts).
import type { BotCommand, Update, UserFromGetMe } from 'grammy/types';
import { closeServer, type EmulatorAddress, LoopbackServer, waitUntilFound } from '../emulator-http.js';
import type { Params } from './body.js';
import { handleControl } from './control-api.js';
import { type DispatchContext, dispatch } from './dispatch.js';
import { requestListener } from './http-routes.js';
import { FaultInjector, type FaultSpec, type InjectedFault, RateLimiter, type RateLimits } from './limits.js';
import { METHODS, type MethodContext } from './methods.js';
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
import type { ApiResponse, ChatView, Delivery } from './types.js';
import {
  type EditUserMessageInput,
  type PressButtonInput,
  UpdateBuilder,
  UpdateQueue,
  type UserMessageInput,
} from './updates.js';
import { WebhookDelivery } from './webhook-delivery.js';

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

export const DEFAULT_TOKEN = '1234567890:AAEmulatorTokenForLoopbackTestsOnly_0';

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
  private readonly http: LoopbackServer;
  private readonly maxUploadBytes: number;
  private apiLatencyMs: number;
  private readonly webhooks: WebhookDelivery;
  private readonly dispatchContext: DispatchContext;
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
    this.http = new LoopbackServer(this.host, options.port ?? 0);
    this.apiLatencyMs = options.apiLatencyMs ?? 0;
    this.maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
    this.allowedOrigins = new Set(options.allowedOrigins ?? []);
    this.limiter = new RateLimiter(
      options.rateLimits === false ? { enabled: false } : (options.rateLimits ?? {}),
      this.now,
    );
    this.nextUpdate = new UpdateBuilder(this.state, this.botInfo, this.now, options.firstUpdateId ?? 1);
    this.dispatchContext = {
      state: this.state,
      faults: this.faultInjector,
      limiter: this.limiter,
      now: this.now,
      methodContext: (signal) => this.methodContext(signal),
    };
    this.webhooks = new WebhookDelivery({
      state: this.state,
      queue: this.queue,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      now: this.now,
      invoke: (name, params, invokeOptions) => this.invoke(name, params, invokeOptions),
    });
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  start(): Promise<EmulatorAddress> {
    return this.http.start(() =>
      requestListener({
        token: this.token,
        host: this.host,
        allowedOrigins: this.allowedOrigins,
        maxUploadBytes: this.maxUploadBytes,
        apiLatencyMs: () => this.apiLatencyMs,
        files: this.state.files,
        invoke: (name, params, options) => this.invoke(name, params, options),
        control: (req, res, url) => handleControl(this, req, res, url),
      }),
    );
  }

  /** Closes the server, ends pending long polls and webhook POSTs, and leaves no handle behind. */
  async stop(): Promise<void> {
    const server = this.http.detach();
    this.queue.close();
    this.state.releaseAll();
    await this.webhooks.stop();
    if (!server) return;
    // Let the answers to the long polls just released reach their sockets before those are closed.
    await new Promise((resolve) => setImmediate(resolve));
    await closeServer(server);
  }

  /** The base URL, `http://127.0.0.1:<port>`: grammY's `apiRoot`. */
  get url(): string {
    return this.http.address.url;
  }

  get port(): number {
    return this.http.address.port;
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
      scope: options.scope,
      language_code: options.languageCode || undefined,
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
      user: c.user,
      seq: c.seq,
      messages: c.messages.size,
    }));
  }

  /** Resolves with the chat's seq once something changed after `since`, or when `timeoutMs` is over. */
  waitForChange(chatId: number, since: number, timeoutMs: number): Promise<number> {
    return this.state.waitForChange(chatId, since, timeoutMs);
  }

  /** The first bot message sent or edited after `since` (a seq), waiting up to `timeoutMs` for it. */
  waitForBotMessage(
    chatId: number,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ConversationMessage> {
    const since = options.since ?? 0;
    return waitUntilFound(() => this.conversation(chatId).find((m) => m.from === 'bot' && m.seq > since), {
      timeoutMs: options.timeoutMs ?? 5000,
      running: () => this.http.running,
      waitForChange: (left) => this.state.waitForChange(chatId, this.state.chats.get(chatId)?.seq ?? 0, left),
      failure: () => new Error(`No bot message in chat ${chatId} after seq ${since}`),
    });
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
  deliver(update: Update): Promise<Delivery> {
    return this.webhooks.deliver(update);
  }

  /** Runs one Bot API method as if it came over HTTP (used for webhook replies; handy in tests too). */
  invoke(
    name: string,
    params: Params,
    options: { signal?: AbortSignal; viaWebhookReply?: boolean } = {},
  ): Promise<ApiResponse> {
    return dispatch(this.dispatchContext, name, params, options);
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
        this.webhooks.deliverQueued();
      },
    };
  }

  /** Lets one more browser origin call (the chat page, once the gateway's port is known). */
  allowOrigin(origin: string): void {
    this.allowedOrigins.add(origin);
  }
}
