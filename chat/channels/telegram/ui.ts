// channel (Telegram): the per-update ChatUi features talk to (reply, replace the pressed message, answer the press).
import type { Context } from 'grammy';
import type { Role } from '../../../shared/domain/roles.js';
import { installChatCommands } from '../../commands.js';
import type { ChatUi, View, ViewMessage } from '../../view.js';
import type { TelegramRenderer } from './renderer.js';

export class TelegramUi implements ChatUi {
  private answeredPress = false;

  constructor(
    private readonly ctx: Context,
    private readonly renderer: TelegramRenderer,
  ) {}

  get sourceMessageId(): string | undefined {
    const id = this.ctx.callbackQuery?.message?.message_id;
    return id === undefined ? undefined : String(id);
  }

  get answered(): boolean {
    return this.answeredPress;
  }

  private get chatId(): number {
    const id = this.ctx.chat?.id ?? this.ctx.callbackQuery?.message?.chat.id ?? this.ctx.from?.id;
    if (id === undefined) throw new Error('This update has no chat to write to');
    return id;
  }

  async reply(view: View): Promise<string | undefined> {
    const sent = await this.renderer.send(this.chatId, view);
    return String(sent.message_id);
  }

  async replace(view: ViewMessage): Promise<void> {
    const source = this.sourceMessageId;
    if (source === undefined) {
      await this.reply(view);
      return;
    }
    await this.renderer.edit(this.chatId, Number(source), view);
  }

  async edit(messageId: string, view: ViewMessage): Promise<void> {
    await this.renderer.edit(this.chatId, Number(messageId), view);
  }

  async showCommands(role: Role): Promise<void> {
    await installChatCommands(this.ctx.api, this.chatId, role);
  }

  async answer(text?: string, options: { alert?: boolean } = {}): Promise<void> {
    if (!this.ctx.callbackQuery || this.answeredPress) return;
    this.answeredPress = true;
    await this.ctx.answerCallbackQuery({
      text: text || undefined,
      show_alert: options.alert || undefined,
    });
  }
}
