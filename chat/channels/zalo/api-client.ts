// channel (Zalo): the Zalo OA OpenAPI and OAuth calls the channel makes (send text, buttons, file; upload; refresh), over fetch.
import { ZaloApiError, ZaloTokenRefreshError, ZaloTransportError, zaloErrorFor } from './errors.js';

export const ZALO_OPENAPI_URL = 'https://openapi.zalo.me';
export const ZALO_OAUTH_URL = 'https://oauth.zaloapp.com';
/** ZNS (Zalo Notification Service) is served from its own host. */
export const ZALO_ZNS_URL = 'https://business.openapi.zalo.me';

export interface ZaloApiClientOptions {
  /** OpenAPI root; the emulator's URL locally. */
  apiBaseUrl?: string;
  /** OAuth root; the emulator's URL locally. */
  oauthBaseUrl?: string;
  /** ZNS root; the emulator's URL locally. */
  znsBaseUrl?: string;
  fetch?: typeof fetch;
  /** Per call; a Lambda must not wait on Zalo past its own deadline. */
  timeoutMs?: number;
}

/**
 * A button that sends its payload back as the user's text (a `user_send_text` event): `oa.query.hide` keeps the
 * payload out of the user's chat, `oa.query.show` shows it as if typed.
 */
export interface ZaloQueryButton {
  title: string;
  payload: string;
  type?: 'oa.query.hide' | 'oa.query.show';
}

/** A button that opens a web page (`oa.open.url`): nothing comes back to the OA. */
export interface ZaloUrlButton {
  title: string;
  type: 'oa.open.url';
  url: string;
}

export type ZaloButton = ZaloQueryButton | ZaloUrlButton;

export interface ZaloSentMessage {
  messageId: string;
  userId: string;
}

export interface ZaloFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

export interface ZaloAppCredentials {
  appId: string;
  /** The app's secret key (the `secret_key` header of the token request). */
  appSecret: string;
}

export interface RefreshedZaloTokens {
  accessToken: string;
  refreshToken: string;
  /** Life of the new access token in seconds (Zalo: 90,000, i.e. 25 hours). */
  expiresInSeconds: number;
}

/** An approved ZNS template to a phone (docs/zalo.md: `POST /message/template`). */
export interface ZaloZnsRequest {
  /** 84xxxxxxxxx: Zalo's form of a Vietnamese number. */
  phone: string;
  templateId: string;
  /** The template's parameters by name, each within the length its type allows. */
  templateData: Readonly<Record<string, string>>;
  /** Ours, echoed in Zalo's delivery callbacks: lets a send be traced without the phone. */
  trackingId: string;
}

export interface ZaloZnsSent {
  msgId: string;
}

interface SendOptions {
  /** msg_id of the user's message this answers: quoting it is what makes the message a reply. */
  quote?: string;
}

type Json = Record<string, unknown>;

export class ZaloApiClient {
  private readonly apiBaseUrl: string;
  private readonly oauthBaseUrl: string;
  private readonly znsBaseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ZaloApiClientOptions = {}) {
    this.apiBaseUrl = (options.apiBaseUrl ?? ZALO_OPENAPI_URL).replace(/\/$/, '');
    this.oauthBaseUrl = (options.oauthBaseUrl ?? ZALO_OAUTH_URL).replace(/\/$/, '');
    this.znsBaseUrl = (options.znsBaseUrl ?? ZALO_ZNS_URL).replace(/\/$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  sendText(
    accessToken: string,
    userId: string,
    text: string,
    options: SendOptions = {},
  ): Promise<ZaloSentMessage> {
    return this.send(accessToken, userId, { text, ...quote(options) });
  }

  /** A text with buttons under it: Zalo's template attachment. There is no edit: a new state is a new message. */
  sendButtons(
    accessToken: string,
    userId: string,
    text: string,
    buttons: readonly ZaloButton[],
    options: SendOptions = {},
  ): Promise<ZaloSentMessage> {
    return this.send(accessToken, userId, {
      text,
      ...quote(options),
      attachment: {
        type: 'template',
        payload: {
          buttons: buttons.map((b) =>
            b.type === 'oa.open.url'
              ? { title: b.title, type: b.type, payload: { url: b.url } }
              : { title: b.title, type: b.type ?? 'oa.query.hide', payload: b.payload },
          ),
        },
      },
    });
  }

  /** Sends a file uploaded before (`uploadFile`): Zalo sends files by token, never inline. */
  sendFile(accessToken: string, userId: string, fileToken: string): Promise<ZaloSentMessage> {
    return this.send(accessToken, userId, { attachment: { type: 'file', payload: { token: fileToken } } });
  }

  /**
   * Sends an approved ZNS template to a phone, with the OA's access token (the same pair as the OpenAPI's).
   * Zalo's errors come back typed as for the OpenAPI; -124 (ZNS's "access token invalid") as an expired token.
   */
  async sendZns(accessToken: string, request: ZaloZnsRequest): Promise<ZaloZnsSent> {
    const data = await this.call('zns', `${this.znsBaseUrl}/message/template`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: request.phone,
        template_id: request.templateId,
        template_data: request.templateData,
        tracking_id: request.trackingId,
      }),
    });
    const msgId = data.msg_id;
    if (typeof msgId !== 'string') throw new ZaloApiError(0, 'zns', 'no msg_id in the answer');
    return { msgId };
  }

  /** Uploads a document (multipart field `file`) and answers the token to send it by. */
  async uploadFile(accessToken: string, file: ZaloFile): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.fileName);
    const data = await this.call('upload', `${this.apiBaseUrl}/v2.0/oa/upload/file`, {
      method: 'POST',
      headers: { access_token: accessToken },
      body: form,
    });
    const token = data.token;
    if (typeof token !== 'string') throw new ZaloApiError(0, 'upload', 'no token in the answer');
    return token;
  }

  /**
   * Spends `refreshToken` (it works once) for a new pair. Throws ZaloTokenRefreshError when Zalo refuses: the
   * caller must not try the same refresh token again.
   */
  async refreshTokens(app: ZaloAppCredentials, refreshToken: string): Promise<RefreshedZaloTokens> {
    const body = new URLSearchParams({
      app_id: app.appId,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    });
    const answer = await this.request('access_token', `${this.oauthBaseUrl}/v4/oa/access_token`, {
      method: 'POST',
      headers: { secret_key: app.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const accessToken = answer.access_token;
    const nextRefresh = answer.refresh_token;
    // Zalo gives expires_in as a string of seconds.
    const expiresIn = Number(answer.expires_in);
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof nextRefresh !== 'string' ||
      nextRefresh === ''
    ) {
      throw new ZaloTokenRefreshError(typeof answer.error === 'number' ? answer.error : undefined);
    }
    return {
      accessToken,
      refreshToken: nextRefresh,
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 90_000,
    };
  }

  private async send(accessToken: string, userId: string, message: Json): Promise<ZaloSentMessage> {
    const data = await this.call('message', `${this.apiBaseUrl}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { user_id: userId }, message }),
    });
    const messageId = data.message_id;
    if (typeof messageId !== 'string') throw new ZaloApiError(0, 'message', 'no message_id in the answer');
    return { messageId, userId: typeof data.user_id === 'string' ? data.user_id : userId };
  }

  /** An OpenAPI call: `error` 0 gives `data`, anything else becomes the typed error of its code. */
  private async call(endpoint: string, url: string, init: RequestInit): Promise<Json> {
    const answer = await this.request(endpoint, url, init);
    const code = answer.error;
    if (typeof code !== 'number') throw new ZaloTransportError(endpoint, 200);
    if (code !== 0) {
      throw zaloErrorFor(code, endpoint, typeof answer.message === 'string' ? answer.message : undefined);
    }
    return typeof answer.data === 'object' && answer.data !== null ? (answer.data as Json) : {};
  }

  private async request(endpoint: string, url: string, init: RequestInit): Promise<Json> {
    const res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await res.text();
    if (!res.ok) throw new ZaloTransportError(endpoint, res.status);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // fall through: not Zalo's JSON
    }
    throw new ZaloTransportError(endpoint, res.status);
  }
}

function quote(options: SendOptions): Json {
  return options.quote ? { react_message_id: options.quote } : {};
}
