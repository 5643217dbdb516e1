// channel (Zalo): the per-update ChatUi features talk to — every answer is a new message (Zalo cannot edit or show toasts).
import type { Role } from '../../../shared/domain/roles.js';
import type { Catalogue } from '../../i18n/index.js';
import type { ChatUi, View, ViewMessage } from '../../view.js';
import type { ZaloRenderer, ZaloSendOptions } from './renderer.js';

export class ZaloUi implements ChatUi {
  private answeredPress = false;

  constructor(
    private readonly renderer: ZaloRenderer,
    private readonly userId: string,
    private readonly t: Catalogue,
    /**
     * How the answer quotes the user's message this update answers (a free reply, not a paid proactive
     * message): a fixed quote, or the plan that counts the free replies (chat/channels/zalo/outbound.ts).
     */
    private readonly sendOptions: ZaloSendOptions,
    /** Whether this update is a button press (answer() does nothing otherwise, as on Telegram). */
    private readonly isPress: boolean,
  ) {}

  /** Zalo tells the OA nothing about which message a button was under. */
  readonly sourceMessageId: string | undefined = undefined;

  async reply(view: View): Promise<string | undefined> {
    const sent = await this.renderer.send(this.userId, view, this.t, this.sendOptions);
    return sent.messageId;
  }

  /** No edit on Zalo: the new state is a new message under the old one. */
  async replace(view: ViewMessage): Promise<void> {
    await this.reply(view);
  }

  async edit(_messageId: string, view: ViewMessage): Promise<void> {
    await this.reply(view);
  }

  /**
   * Zalo has no toast. A press answered with a text (an alert, or a toast such as "Đã ghi nhận") gets it as a
   * short message, so the user learns the press counted; a bare acknowledgement sends nothing (the feature's
   * own new message already shows the new state). Once per press, as on Telegram.
   */
  async answer(text?: string, _options: { alert?: boolean } = {}): Promise<void> {
    if (!this.isPress || this.answeredPress) return;
    this.answeredPress = true;
    if (text) await this.reply({ kind: 'message', text });
  }

  /** Zalo has no per-chat command menu; /help lists the commands. */
  async showCommands(_role: Role): Promise<void> {}
}
