// channel (Zalo): what the renderer and the messenger call — send text, buttons, a document — with the access token handled (one renewal and retry on -216).

import type { ZaloAccessTokens } from './access-tokens.js';
import type {
  ZaloApiClient,
  ZaloButton,
  ZaloFile,
  ZaloSentMessage,
  ZaloZnsRequest,
  ZaloZnsSent,
} from './api-client.js';
import { ZaloTokenExpiredError } from './errors.js';

export class ZaloOaApi {
  constructor(
    private readonly client: ZaloApiClient,
    private readonly tokens: ZaloAccessTokens,
  ) {}

  sendText(userId: string, text: string, options: { quote?: string } = {}): Promise<ZaloSentMessage> {
    return this.withToken((token) => this.client.sendText(token, userId, text, options));
  }

  sendButtons(
    userId: string,
    text: string,
    buttons: readonly ZaloButton[],
    options: { quote?: string } = {},
  ): Promise<ZaloSentMessage> {
    return this.withToken((token) => this.client.sendButtons(token, userId, text, buttons, options));
  }

  /** Uploads the document, then sends it by its token (two calls; each renews the token if Zalo refuses it). */
  async sendDocument(userId: string, file: ZaloFile): Promise<ZaloSentMessage> {
    const fileToken = await this.withToken((token) => this.client.uploadFile(token, file));
    return this.withToken((token) => this.client.sendFile(token, userId, fileToken));
  }

  /** An approved ZNS template to a phone, with the OA's token (renewed once if Zalo refuses it). */
  sendZns(request: ZaloZnsRequest): Promise<ZaloZnsSent> {
    return this.withToken((token) => this.client.sendZns(token, request));
  }

  /** Runs `call` with the current access token; on -216 renews it once and runs `call` again, once. */
  private async withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.current();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ZaloTokenExpiredError)) throw error;
      return call(await this.tokens.renew(token));
    }
  }
}
