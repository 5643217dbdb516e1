// channel (Zalo): draws view models as Zalo OA messages — texts split at Zalo's limit, buttons as templates, documents uploaded then sent by token.
import type { CallbackDataStore } from '../../../shared/ports/conversation.js';
import type { Catalogue } from '../../i18n/index.js';
import type { View, ViewButton, ViewKeyboard } from '../../view.js';
import { packCallbackData } from '../telegram/callback-data.js';
import { splitText } from '../telegram/renderer.js';
import type { ZaloButton, ZaloSentMessage } from './api-client.js';
import { ZaloApiError, ZaloRateLimitedError, ZaloUserNotFollowingError } from './errors.js';
import type { ZaloOaApi } from './oa.js';

/** Zalo takes up to 2,000 characters a message (docs/zalo.md, unverified); a little less leaves room. */
export const ZALO_MAX_TEXT = 1900;
/** Most buttons under one Zalo message (docs/zalo.md, unverified): a larger keyboard goes out in several messages. */
export const ZALO_MAX_BUTTONS = 5;
/**
 * What marks a user's text as a press of one of our buttons: `oa.query.hide` sends the payload back as the
 * user's text, so the payload must not look like anything a person types. A press is `#` + the packed
 * action with no whitespace; a typed reason that happens to start with `#` has spaces in it (or is a
 * single word, which then answers as a stale button: harmless).
 */
export const ZALO_PRESS_PREFIX = '#';

/** The logical (still packed) action of a text that is a press of one of our buttons, else undefined. */
export function pressedAction(text: string): string | undefined {
  return text.length > 1 && text.startsWith(ZALO_PRESS_PREFIX) && !/\s/.test(text)
    ? text.slice(ZALO_PRESS_PREFIX.length)
    : undefined;
}

/** Rendering failed because the user does not follow the OA (-213): like a Telegram user who blocked the bot. */
export function isZaloUnreachable(error: unknown): boolean {
  return error instanceof ZaloUserNotFollowingError;
}

export interface ZaloSendOptions {
  /** The user's msg_id being answered: quoting it makes the message a free reply (docs/zalo.md). */
  quote?: string;
  /** Or decided message by message (the reply window's free replies, the proactive quota): wins over `quote`. */
  plan?: ZaloQuotePlan;
}

/**
 * How each message of a view is counted by Zalo (chat/channels/zalo/outbound.ts): a reply quoting a user's
 * message, or proactive. A view may take several messages (a long text, many buttons): each is asked for.
 */
export interface ZaloQuotePlan {
  /** Before each message: the user message to quote (a free reply taken), or undefined: it goes proactive. */
  next(): Promise<string | undefined>;
  /** After each message Zalo accepted, with the quote it carried (undefined: a proactive message). */
  sent(quoted: string | undefined): Promise<void>;
}

export class ZaloRenderer {
  constructor(
    readonly oa: ZaloOaApi,
    private readonly callbacks: CallbackDataStore,
  ) {}

  async button(b: ViewButton): Promise<ZaloButton> {
    if ('url' in b) return { title: b.label, type: 'oa.open.url', url: b.url };
    const packed = await packCallbackData(b.action, this.callbacks);
    return { title: b.label, type: 'oa.query.hide', payload: `${ZALO_PRESS_PREFIX}${packed}` };
  }

  /** Rows are flattened (Zalo draws one button per line) and cut into messages of at most ZALO_MAX_BUTTONS. */
  async buttonGroups(keyboard: ViewKeyboard | undefined): Promise<ZaloButton[][]> {
    const all: ZaloButton[] = [];
    for (const row of keyboard ?? []) for (const b of row) all.push(await this.button(b));
    const groups: ZaloButton[][] = [];
    for (let i = 0; i < all.length; i += ZALO_MAX_BUTTONS) groups.push(all.slice(i, i + ZALO_MAX_BUTTONS));
    return groups;
  }

  /**
   * Sends the view as new messages (Zalo cannot edit): a long text in parts with the first buttons under the
   * last part, further buttons in messages of their own. Returns the last message sent.
   */
  async send(
    userId: string,
    view: View,
    t: Catalogue,
    options: ZaloSendOptions = {},
  ): Promise<ZaloSentMessage> {
    const quoted = (send: (quote: { quote?: string }) => Promise<ZaloSentMessage>) =>
      this.counted(options, send);
    if (view.kind === 'document') {
      const caption = view.caption;
      if (caption) await quoted((q) => this.oa.sendText(userId, caption, q));
      try {
        // A file is sent by its token, without a quote: Zalo counts it as proactive.
        const sent = await this.oa.sendDocument(userId, {
          bytes: view.bytes,
          fileName: view.fileName,
          mimeType: view.mimeType,
        });
        await options.plan?.sent(undefined);
        return sent;
      } catch (error) {
        // Zalo takes PDF and Word only (docs/zalo.md): an XLSX is refused at upload. Say where to get it
        // rather than fail the whole answer; a rate limit or a user who left is not a refusal of the file.
        if (!isRefusedUpload(error)) throw error;
        return quoted((q) => this.oa.sendText(userId, t.zalo.fileRefused(view.fileName), q));
      }
    }
    const pieces = splitText(view.text, ZALO_MAX_TEXT);
    const [first = [], ...more] = await this.buttonGroups(view.keyboard);
    let last: ZaloSentMessage | undefined;
    for (const [i, piece] of pieces.entries()) {
      const isLast = i === pieces.length - 1;
      last =
        isLast && first.length > 0
          ? await quoted((q) => this.oa.sendButtons(userId, piece, first, q))
          : await quoted((q) => this.oa.sendText(userId, piece, q));
    }
    for (const group of more) {
      last = await quoted((q) => this.oa.sendButtons(userId, t.zalo.moreButtons, group, q));
    }
    return last as ZaloSentMessage;
  }

  /** One message, quoted as the plan (or the fixed quote) says, and told to the plan once Zalo took it. */
  private async counted(
    options: ZaloSendOptions,
    send: (quote: { quote?: string }) => Promise<ZaloSentMessage>,
  ): Promise<ZaloSentMessage> {
    const quote = options.plan ? await options.plan.next() : options.quote;
    const sent = await send(quote ? { quote } : {});
    await options.plan?.sent(quote);
    return sent;
  }
}

function isRefusedUpload(error: unknown): boolean {
  return (
    error instanceof ZaloApiError &&
    error.endpoint === 'upload' &&
    !(error instanceof ZaloRateLimitedError) &&
    error.code !== 0
  );
}
