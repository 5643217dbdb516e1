// The Zalo OA API emulator: send, upload and token endpoints on loopback, signed webhook delivery of simulated users, knobs and a control API.
// Beside it: the HTTP routing and the checks of every call (http-routes.ts), the control API for tests and the
// chat page (control-api.ts), signed webhook delivery (webhook-delivery.ts), ZNS template messages (zns.ts) and
// the records it keeps (types.ts).
import { createHash, randomBytes } from 'node:crypto';
import { closeServer, type EmulatorAddress, LoopbackServer, waitUntilFound } from '../emulator-http.js';
import { type Params, UploadedFile } from '../telegram-emulator/body.js';
import { handleControl } from './control-api.js';
import {
  INVALID_APP_CREDENTIALS,
  INVALID_REFRESH_TOKEN,
  invalidParameter,
  success,
  ZALO_ERRORS,
  type ZaloApiAnswer,
} from './errors.js';
import { recipientOf, record, zaloRequestListener } from './http-routes.js';
import {
  type InjectedZaloFault,
  type ZaloEndpoint,
  ZaloFaultInjector,
  type ZaloFaultSpec,
  ZaloRateLimiter,
  type ZaloRateLimits,
} from './limits.js';
import type {
  SimulatedZaloUser,
  ZaloApiCall,
  ZaloButton,
  ZaloConversationMessage,
  ZaloDelivery,
  ZaloTokenPair,
  ZaloUploadedFile,
  ZaloUserFile,
  ZaloZnsMessage,
} from './types.js';
import { ZaloWebhookDelivery } from './webhook-delivery.js';
import { ZaloZns } from './zns.js';

export interface ZaloEmulatorOptions {
  /** The app id (`app_id` of events and of the token request). */
  appId?: string;
  /** The app's secret key: the `secret_key` header of the token request. */
  appSecret?: string;
  /** The OA secret key that signs webhook events (not the app secret: Zalo keeps them apart). */
  oaSecretKey?: string;
  oaId?: string;
  host?: string;
  port?: number;
  /** The clock (epoch ms) for token expiry, event timestamps and the rate limit; a test can pass a fake one. */
  now?: () => number;
  /** Life of an access token; Zalo's is 25 hours. */
  accessTokenTtlSeconds?: number;
  /** Life of a refresh token; Zalo's is 3 months. */
  refreshTokenTtlSeconds?: number;
  /** Where simulated events are POSTed; none until set (events are then only recorded). */
  webhookUrl?: string;
  webhookTimeoutMs?: number;
  rateLimits?: Partial<ZaloRateLimits> | false;
  /** Longest text of one message (Zalo: 2,000 characters). */
  maxTextLength?: number;
  /** Most buttons under one message. */
  maxButtons?: number;
  /** Largest uploaded file (Zalo: 5 MB). */
  maxUploadBytes?: number;
  /** How long after a user's last message the OA may reply to it for free (issue 15: 48 hours). */
  replyWindowMs?: number;
  /** Free replies to one user message (issue 15: 8; one source says unlimited since 2026: docs/zalo.md). */
  freeRepliesPerUserMessage?: number;
  /**
   * Answer -230 to a send when the user's last interaction (message, press, follow) is older than this; off
   * unless given (Zalo: 7 days), so flows that jump the clock by months keep working until the channel plans
   * its proactive path.
   */
  interactionWindowMs?: number;
  /** MIME types the file upload accepts (Zalo: PDF, DOC, DOCX). */
  uploadTypes?: readonly string[];
  /**
   * ZNS templates Zalo approved for the OA: template id → the names of its parameters. A send with another id
   * answers -109; one missing a parameter -112.
   */
  znsTemplates?: Readonly<Record<string, readonly string[]>>;
  /** Phones (84xxxxxxxxx) with no Zalo account: a ZNS to them answers -118 "Zalo account not existed". */
  znsUnreachablePhones?: readonly string[];
  /**
   * Browser origins allowed to call (the chat page's own; see local/loopback-guard.ts). Any other origin gets
   * 403 before anything is done; requests without an Origin (the functions, tests, curl) pass.
   */
  allowedOrigins?: readonly string[];
}

export const DEFAULT_ZALO_APP = {
  appId: '1440000000000000001',
  appSecret: 'EmulatorAppSecretKey0',
  oaSecretKey: 'EmulatorOaSecretKey00',
  oaId: '3560000000000000001',
} as const;

const DEFAULT_UPLOAD_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
const BUTTON_TYPES = new Set([
  'oa.query.hide',
  'oa.query.show',
  'oa.open.url',
  'oa.open.phone',
  'oa.open.sms',
]);

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export class ZaloEmulator {
  readonly appId: string;
  readonly appSecret: string;
  readonly oaSecretKey: string;
  readonly oaId: string;
  /** The pair issued when the emulator was made: what an operator copies from the Zalo console. */
  readonly initialTokens: ZaloTokenPair;

  private readonly now: () => number;
  private readonly host: string;
  private readonly allowedOrigins: Set<string>;
  private readonly http: LoopbackServer;
  private readonly accessTtlMs: number;
  private readonly refreshTtlMs: number;
  private readonly maxTextLength: number;
  private readonly maxButtons: number;
  private readonly replyWindowMs: number;
  private readonly freeReplies: number;
  private readonly interactionWindowMs: number | undefined;
  private readonly maxUploadBytes: number;
  private readonly uploadTypes: ReadonlySet<string>;
  private readonly limiter: ZaloRateLimiter;
  private readonly faultInjector = new ZaloFaultInjector();

  private readonly accessTokens = new Map<string, { expiresAt: number }>();
  private readonly refreshTokens = new Map<string, { expiresAt: number; spent: boolean }>();
  private readonly users = new Map<string, SimulatedZaloUser>();
  private readonly conversations = new Map<string, ZaloConversationMessage[]>();
  private readonly uploads = new Map<string, ZaloUploadedFile>();
  private readonly zns: ZaloZns;
  private readonly callLog: ZaloApiCall[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly webhook: ZaloWebhookDelivery;
  private seqCounter = 0;

  constructor(options: ZaloEmulatorOptions = {}) {
    this.appId = options.appId ?? DEFAULT_ZALO_APP.appId;
    this.appSecret = options.appSecret ?? DEFAULT_ZALO_APP.appSecret;
    this.oaSecretKey = options.oaSecretKey ?? DEFAULT_ZALO_APP.oaSecretKey;
    this.oaId = options.oaId ?? DEFAULT_ZALO_APP.oaId;
    this.now = options.now ?? Date.now;
    this.host = options.host ?? '127.0.0.1';
    this.allowedOrigins = new Set(options.allowedOrigins ?? []);
    this.http = new LoopbackServer(this.host, options.port ?? 0);
    this.accessTtlMs = (options.accessTokenTtlSeconds ?? 25 * 3600) * 1000;
    this.refreshTtlMs = (options.refreshTokenTtlSeconds ?? 90 * 24 * 3600) * 1000;
    this.webhook = new ZaloWebhookDelivery({
      appId: this.appId,
      oaSecretKey: this.oaSecretKey,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      url: options.webhookUrl,
    });
    this.maxTextLength = options.maxTextLength ?? 2000;
    this.maxButtons = options.maxButtons ?? 5;
    this.replyWindowMs = options.replyWindowMs ?? 48 * 3600 * 1000;
    this.freeReplies = options.freeRepliesPerUserMessage ?? 8;
    this.interactionWindowMs = options.interactionWindowMs;
    this.maxUploadBytes = options.maxUploadBytes ?? 5 * 1024 * 1024;
    this.uploadTypes = new Set(options.uploadTypes ?? DEFAULT_UPLOAD_TYPES);
    this.limiter = new ZaloRateLimiter(
      options.rateLimits === false ? { enabled: false } : (options.rateLimits ?? {}),
      this.now,
    );
    this.zns = new ZaloZns({
      templates: options.znsTemplates ?? {},
      unreachablePhones: options.znsUnreachablePhones ?? [],
      now: this.now,
      nextSeq: () => ++this.seqCounter,
      changed: () => this.wake(),
    });
    this.initialTokens = this.issueTokens();
  }

  /** Where simulated events are POSTed; none until set (events are then only recorded). */
  get webhookUrl(): string | undefined {
    return this.webhook.url;
  }

  set webhookUrl(url: string | undefined) {
    this.webhook.url = url;
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  start(): Promise<EmulatorAddress> {
    return this.http.start(() =>
      zaloRequestListener({
        host: this.host,
        allowedOrigins: this.allowedOrigins,
        maxUploadBytes: this.maxUploadBytes,
        now: this.now,
        callLog: this.callLog,
        limiter: this.limiter,
        faults: this.faultInjector,
        isAccessTokenValid: (token) => this.isAccessTokenValid(token),
        upload: (token) => this.upload(token),
        endpoints: {
          message: (params) => this.sendMessage(params),
          zns: (params) => this.zns.send(params),
          upload: (params) => this.storeUpload(params),
          refresh: (params, secretKey) => this.refresh(params, secretKey),
        },
        control: (req, res, url) => handleControl(this, req, res, url),
      }),
    );
  }

  async stop(): Promise<void> {
    const server = this.http.detach();
    this.webhook.abortAll();
    this.wake();
    if (server) await closeServer(server);
  }

  /** Base URL of both the OpenAPI (`/v3.0/...`, `/v2.0/...`) and the OAuth server (`/v4/oa/access_token`). */
  get url(): string {
    return this.http.address.url;
  }

  /**
   * Forgets users, conversations, uploads, ZNS messages and phones marked unreachable since the start, calls,
   * deliveries, faults and rate windows; tokens and approved ZNS templates stay.
   */
  reset(): void {
    this.users.clear();
    this.conversations.clear();
    this.uploads.clear();
    this.zns.reset();
    this.callLog.length = 0;
    this.webhook.log.length = 0;
    this.faultInjector.clear();
    this.limiter.reset();
  }

  // ---- knobs -------------------------------------------------------------------------------------------------

  /** Every access token issued so far answers -216 from now on (as if 25 hours had passed). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = Number.NEGATIVE_INFINITY;
  }

  /** A fresh pair, as the OA's authorisation in the Zalo console gives one. */
  issueTokens(): ZaloTokenPair {
    const now = this.now();
    const accessToken = `zat-${hex(24)}`;
    const refreshToken = `zrt-${hex(24)}`;
    this.accessTokens.set(accessToken, { expiresAt: now + this.accessTtlMs });
    this.refreshTokens.set(refreshToken, { expiresAt: now + this.refreshTtlMs, spent: false });
    return { accessToken, refreshToken, expiresIn: Math.round(this.accessTtlMs / 1000) };
  }

  isAccessTokenValid(token: string): boolean {
    const entry = this.accessTokens.get(token);
    return entry !== undefined && this.now() < entry.expiresAt;
  }

  setRateLimits(limits: Partial<ZaloRateLimits>): void {
    this.limiter.set({ enabled: true, ...limits });
  }

  /** Changes only the limits given (`enabled` included), as the control API's POST does. */
  changeRateLimits(limits: Partial<ZaloRateLimits>): void {
    this.limiter.set(limits);
  }

  disableRateLimits(): void {
    this.limiter.set({ enabled: false });
  }

  get rateLimits(): ZaloRateLimits {
    return this.limiter.current;
  }

  injectFault(fault: ZaloFaultSpec): InjectedZaloFault {
    return this.faultInjector.add(fault);
  }

  clearFaults(): void {
    this.faultInjector.clear();
  }

  get faults(): readonly InjectedZaloFault[] {
    return this.faultInjector.pending;
  }

  /** Zalo approves a ZNS template (its parameter names): sends with its id are accepted from now on. */
  approveZnsTemplate(templateId: string, params: readonly string[]): void {
    this.zns.approve(templateId, params);
  }

  /** The phone (84xxxxxxxxx or 0xxxxxxxxx) has no Zalo account from now on (or again has one: `false`). */
  setZnsUnreachable(phone: string, unreachable = true): void {
    this.zns.setUnreachable(phone, unreachable);
  }

  // ---- simulated users -----------------------------------------------------------------------------------------

  /** A Zalo user known to the OA (a numeric id as a string, as Zalo's user ids are), not following it yet. */
  addUser(input: { id?: string; name?: string } = {}): SimulatedZaloUser {
    const id = input.id ?? String(BigInt(`0x${hex(7)}`));
    const existing = this.users.get(id);
    if (existing) return existing;
    const user: SimulatedZaloUser = { id, name: input.name ?? `Zalo user ${id}`, following: false };
    this.users.set(id, user);
    return user;
  }

  user(userId: string): SimulatedZaloUser | undefined {
    return this.users.get(userId);
  }

  listUsers(): SimulatedZaloUser[] {
    return [...this.users.values()];
  }

  /** The user follows the OA ("quan tâm") and Zalo POSTs a `follow` event. */
  async follow(userId: string): Promise<ZaloDelivery> {
    const user = this.addUser({ id: userId });
    user.following = true;
    user.lastInteractionAt = this.now();
    return this.deliver(this.buildEvent('follow', user.id));
  }

  async unfollow(userId: string): Promise<ZaloDelivery> {
    const user = this.addUser({ id: userId });
    user.following = false;
    return this.deliver(this.buildEvent('unfollow', user.id));
  }

  /** The user types a text to the OA: a `user_send_text` event with a fresh `msg_id`. */
  async sendText(userId: string, text: string, options: { hidden?: boolean } = {}): Promise<ZaloDelivery> {
    const user = this.addUser({ id: userId });
    user.lastInteractionAt = this.now();
    const msgId = hex(16);
    this.append(user.id, {
      from: 'user',
      messageId: msgId,
      text,
      hidden: options.hidden || undefined,
    });
    return this.deliver(this.buildEvent('user_send_text', user.id, { text, msg_id: msgId }));
  }

  /**
   * The user presses a button under an OA message. An `oa.query.*` button sends its payload as the user's text
   * (hidden from the chat for `oa.query.hide`); that is all Zalo tells the OA about a press.
   */
  async pressButton(
    userId: string,
    messageId: string,
    which: { index?: number; title?: string; payload?: string },
  ): Promise<ZaloDelivery> {
    const message = this.conversation(userId).find((m) => m.from === 'oa' && m.messageId === messageId);
    if (!message?.buttons?.length)
      throw new Error(`No OA message ${messageId} with buttons for user ${userId}`);
    const button =
      which.index !== undefined
        ? message.buttons[which.index]
        : message.buttons.find(
            (b) =>
              (which.title !== undefined && b.title === which.title) ||
              (which.payload !== undefined && b.payload === which.payload),
          );
    if (!button) throw new Error(`No such button under message ${messageId}`);
    if (!button.type.startsWith('oa.query.') || typeof button.payload !== 'string') {
      throw new Error(`Button "${button.title}" (${button.type}) does not send a text to the OA`);
    }
    return this.sendText(userId, button.payload, { hidden: button.type === 'oa.query.hide' });
  }

  // ---- a simulated user sends a file (user_send_file) ------------------------------------------------------

  /**
   * The user sends a file to the OA: it is kept like an upload, served at `GET /files/<token>`, and Zalo
   * POSTs a `user_send_file` event whose attachment URL points there (Zalo's is on its file hosts: the
   * functions trust the emulator's root locally, never in AWS).
   */
  async sendFile(userId: string, file: ZaloUserFile): Promise<ZaloDelivery> {
    const user = this.addUser({ id: userId });
    user.lastInteractionAt = this.now();
    const bytes = Buffer.from(file.bytes);
    const token = `zuf-${hex(20)}`;
    const mimeType = file.mimeType ?? 'application/octet-stream';
    this.uploads.set(token, { token, fileName: file.fileName, mimeType, bytes });
    const msgId = hex(16);
    this.append(user.id, {
      from: 'user',
      messageId: msgId,
      file: { token, fileName: file.fileName, mimeType, size: bytes.length },
    });
    const url = file.url ?? `${this.url.replace(/\/+$/, '')}/files/${token}`;
    return this.deliver(
      this.buildFileEvent(user.id, msgId, {
        url,
        name: file.fileName,
        size: bytes.length,
        checksum: md5(bytes),
      }),
    );
  }

  /** A `user_send_file` event as Zalo shapes it: one attachment of type `file` (without delivering it). */
  buildFileEvent(
    userId: string,
    msgId: string,
    payload: { url: string; name: string; size: number; checksum?: string },
  ): Record<string, unknown> {
    return {
      app_id: this.appId,
      sender: { id: userId },
      user_id_by_app: userId,
      recipient: { id: this.oaId },
      event_name: 'user_send_file',
      message: {
        msg_id: msgId,
        attachments: [
          {
            type: 'file',
            payload: {
              url: payload.url,
              name: payload.name,
              // Zalo sends the size as a string of bytes in the examples seen (docs/zalo.md).
              size: String(payload.size),
              checksum: payload.checksum || undefined,
              type: payload.name.split('.').pop() ?? '',
            },
          },
        ],
      },
      timestamp: String(this.now()),
    };
  }

  /** POSTs the same signed body again (Zalo retries a webhook that did not answer 200; an attacker may replay). */
  redeliver(delivery: ZaloDelivery): Promise<ZaloDelivery> {
    return this.webhook.redeliver(delivery);
  }

  /** Signs a body as Zalo would, with the timestamp it carries: `mac=<hex>`. */
  sign(rawBody: string, timestamp: string): string {
    return this.webhook.sign(rawBody, timestamp);
  }

  /** Builds an event as Zalo shapes it (without delivering it). */
  buildEvent(
    eventName: 'follow' | 'unfollow' | 'user_send_text',
    userId: string,
    message?: { text: string; msg_id: string },
  ): Record<string, unknown> {
    const timestamp = String(this.now());
    if (eventName === 'user_send_text') {
      return {
        app_id: this.appId,
        sender: { id: userId },
        user_id_by_app: userId,
        recipient: { id: this.oaId },
        event_name: eventName,
        message,
        timestamp,
      };
    }
    return {
      oa_id: this.oaId,
      follower: { id: userId },
      user_id_by_app: userId,
      event_name: eventName,
      app_id: this.appId,
      timestamp,
      source: 'oa_profile',
    };
  }

  /** Signs and POSTs an event to the webhook; recorded either way. */
  deliver(event: Record<string, unknown>): Promise<ZaloDelivery> {
    return this.webhook.deliver(event);
  }

  // ---- what happened ------------------------------------------------------------------------------------------

  get calls(): readonly ZaloApiCall[] {
    return this.callLog;
  }

  callsOf(endpoint: ZaloEndpoint): ZaloApiCall[] {
    return this.callLog.filter((c) => c.endpoint === endpoint);
  }

  clearCalls(): void {
    this.callLog.length = 0;
  }

  get deliveries(): readonly ZaloDelivery[] {
    return this.webhook.log;
  }

  /** The user's conversation with the OA, in order. */
  conversation(userId: string): ZaloConversationMessage[] {
    return [...(this.conversations.get(userId) ?? [])];
  }

  /** What the OA sent to the user, in order. */
  oaMessages(userId: string): ZaloConversationMessage[] {
    return this.conversation(userId).filter((m) => m.from === 'oa');
  }

  /** The ZNS template messages Zalo accepted, in order. */
  znsMessages(): ZaloZnsMessage[] {
    return this.zns.messages();
  }

  upload(token: string): ZaloUploadedFile | undefined {
    return this.uploads.get(token);
  }

  get seq(): number {
    return this.seqCounter;
  }

  /** The first OA message to the user after `since` (a seq), waiting up to `timeoutMs` for it. */
  waitForOaMessage(
    userId: string,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ZaloConversationMessage> {
    const since = options.since ?? 0;
    return waitUntilFound(() => this.oaMessages(userId).find((m) => m.seq > since), {
      timeoutMs: options.timeoutMs ?? 5000,
      running: () => this.http.running,
      waitForChange: (left) => this.waitForChange(left),
      failure: () => new Error(`No OA message to ${userId} after seq ${since}`),
    });
  }

  /** Resolves once anything changed (a message, a ZNS message), or when `timeoutMs` is over. */
  waitForChange(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private append(
    userId: string,
    message: Omit<ZaloConversationMessage, 'seq' | 'at'>,
  ): ZaloConversationMessage {
    const stored: ZaloConversationMessage = { ...message, seq: ++this.seqCounter, at: this.now() };
    const list = this.conversations.get(userId) ?? [];
    list.push(stored);
    this.conversations.set(userId, list);
    this.wake();
    return stored;
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  /** Lets one more browser origin call (the chat page, once the gateway's port is known). */
  allowOrigin(origin: string): void {
    this.allowedOrigins.add(origin);
  }

  // ---- the endpoints, once a call passed the checks (http-routes.ts) -----------------------------------------

  private refresh(params: Params, secretKey: string | undefined): unknown {
    if (params.app_id !== this.appId || secretKey !== this.appSecret) return INVALID_APP_CREDENTIALS;
    if (params.grant_type !== 'refresh_token' || typeof params.refresh_token !== 'string') {
      return INVALID_REFRESH_TOKEN;
    }
    const entry = this.refreshTokens.get(params.refresh_token);
    // The pair rotates: a refresh token works once, and not after its 3 months.
    if (!entry || entry.spent || this.now() >= entry.expiresAt) return INVALID_REFRESH_TOKEN;
    entry.spent = true;
    const pair = this.issueTokens();
    // Zalo gives `expires_in` as a string of seconds.
    return {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(pair.expiresIn),
    };
  }

  private sendMessage(params: Params): ZaloApiAnswer {
    const recipient = record(params.recipient);
    const userId = recipientOf(params);
    if (!recipient || userId === undefined) return invalidParameter('recipient');
    const message = record(params.message);
    if (!message) return invalidParameter('message');
    const user = this.users.get(userId);
    if (!user?.following) return { ...ZALO_ERRORS.userNotFollowing };
    if (
      this.interactionWindowMs !== undefined &&
      this.now() - (user.lastInteractionAt ?? Number.NEGATIVE_INFINITY) > this.interactionWindowMs
    ) {
      return { ...ZALO_ERRORS.noRecentInteraction };
    }

    const attachment = record(message.attachment);
    const payload = record(attachment?.payload);
    let text = typeof message.text === 'string' ? message.text : undefined;
    let buttons: ZaloButton[] | undefined;
    let file: ZaloConversationMessage['file'];
    if (attachment) {
      if (attachment.type === 'template') {
        if (!payload) return invalidParameter('attachment.payload');
        if (text === undefined && typeof payload.text === 'string') text = payload.text;
        const raw = payload.buttons;
        if (!Array.isArray(raw) || raw.length === 0) return invalidParameter('payload.buttons');
        if (raw.length > this.maxButtons) return { ...ZALO_ERRORS.parameterExceedsLimit };
        buttons = [];
        for (const entry of raw) {
          const button = record(entry);
          if (
            !button ||
            typeof button.title !== 'string' ||
            button.title.length === 0 ||
            typeof button.type !== 'string' ||
            !BUTTON_TYPES.has(button.type)
          ) {
            return invalidParameter('buttons');
          }
          if (button.type.startsWith('oa.query.') && typeof button.payload !== 'string') {
            return invalidParameter('buttons.payload');
          }
          buttons.push({ title: button.title, type: button.type, payload: button.payload });
        }
      } else if (attachment.type === 'file') {
        const token = payload?.token;
        if (typeof token !== 'string') return invalidParameter('payload.token');
        const uploaded = this.uploads.get(token);
        if (!uploaded) return { ...ZALO_ERRORS.attachmentExpired };
        file = {
          token,
          fileName: uploaded.fileName,
          mimeType: uploaded.mimeType,
          size: uploaded.bytes.length,
        };
      } else {
        return invalidParameter('attachment.type');
      }
    }
    if (!file && (text === undefined || text.length === 0)) return invalidParameter('message.text');
    if (text !== undefined && text.length > this.maxTextLength)
      return { ...ZALO_ERRORS.parameterExceedsLimit };
    const quoted = typeof message.react_message_id === 'string' ? message.react_message_id : undefined;
    const stored = this.append(userId, {
      from: 'oa',
      messageId: hex(16),
      text,
      buttons,
      file,
      quotes: quoted || undefined,
      kind: this.kindOf(userId, quoted),
    });
    return success({ message_id: stored.messageId, user_id: userId });
  }

  /** Reply or proactive, as Zalo counts an OA message about to be sent (issue 15's model: docs/zalo.md). */
  private kindOf(userId: string, quoted: string | undefined): 'reply' | 'proactive' {
    const conversation = this.conversations.get(userId) ?? [];
    const lastUser = conversation.findLast((m) => m.from === 'user');
    if (!lastUser || quoted !== lastUser.messageId) return 'proactive';
    if (this.now() - lastUser.at > this.replyWindowMs) return 'proactive';
    const repliesSince = conversation.filter((m) => m.seq > lastUser.seq && m.kind === 'reply').length;
    return repliesSince < this.freeReplies ? 'reply' : 'proactive';
  }

  private storeUpload(params: Params): ZaloApiAnswer {
    const file = params.file;
    if (!(file instanceof UploadedFile)) return invalidParameter('file');
    if (file.bytes.length > this.maxUploadBytes) return { ...ZALO_ERRORS.parameterExceedsLimit };
    if (!this.uploadTypes.has(file.mimeType)) return invalidParameter('file');
    const token = `zft-${hex(20)}`;
    this.uploads.set(token, { token, fileName: file.fileName, mimeType: file.mimeType, bytes: file.bytes });
    return success({ token });
  }
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
