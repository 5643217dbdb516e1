// Unit: feature Composers run on a hand-built Context (as grammY tests itself), with our own ports faked.
import { Api, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { type BotContext, type BotDeps, telegramChatUser } from '../../../bot/context.js';
import { chatMemberFeature } from '../../../bot/features/chat-member.js';
import { fallbackFeature } from '../../../bot/features/fallback.js';
import { catalogue } from '../../../chat/i18n/index.js';
import type { ChatUi, View, ViewMessage } from '../../../chat/view.js';
import { silentLog } from '../../../shared/ports/log.js';
import type { Channel, ChatLinkRepository } from '../../../shared/ports/repositories.js';

const me = { id: 1, is_bot: true, first_name: 'Bot', username: 'bot' } as UserFromGetMe;
const user = { id: 42, is_bot: false, first_name: 'An', language_code: 'vi' };
const chat = { id: 42, type: 'private' as const, first_name: 'An' };

class RecordingUi implements ChatUi {
  readonly replies: View[] = [];
  readonly answers: { text?: string; alert?: boolean }[] = [];
  readonly sourceMessageId = undefined;
  async reply(view: View) {
    this.replies.push(view);
    return '1';
  }
  async replace(view: ViewMessage) {
    this.replies.push(view);
  }
  async edit(_id: string, view: ViewMessage) {
    this.replies.push(view);
  }
  async answer(text?: string, options: { alert?: boolean } = {}) {
    this.answers.push({ ...(text ? { text } : {}), ...(options.alert ? { alert: true } : {}) });
  }
  async showCommands() {}
}

function contextFor(update: Update, chatLinks: Partial<ChatLinkRepository> = {}) {
  const ctx = new Context(update, new Api('1:x', { apiRoot: 'http://127.0.0.1:9' }), me) as BotContext;
  const ui = new RecordingUi();
  ctx.deps = { ports: { chatLinks }, log: silentLog } as unknown as BotDeps & BotContext['deps'];
  ctx.t = catalogue(update.message?.from?.language_code);
  ctx.ui = ui;
  ctx.chatUser = telegramChatUser(ctx);
  ctx.actor = async () => undefined;
  ctx.draft = async () => undefined;
  return { ctx, ui };
}

describe('Composer: chatMemberFeature', () => {
  it('marks the chat blocked when the user blocks the bot, and unblocked when they come back', async () => {
    // Prepare
    const calls: [Channel, string, boolean][] = [];
    const setBlocked = async (channel: Channel, userId: string, blocked: boolean) => {
      calls.push([channel, userId, blocked]);
    };
    const update = (status: 'kicked' | 'member'): Update => ({
      update_id: 1,
      my_chat_member: {
        chat,
        from: user,
        date: 0,
        old_chat_member: { status: 'member', user: me },
        new_chat_member: status === 'kicked' ? { status, user: me, until_date: 0 } : { status, user: me },
      },
    });

    // Act
    for (const status of ['kicked', 'member'] as const) {
      const { ctx } = contextFor(update(status), { setBlocked });
      await chatMemberFeature.middleware()(ctx, async () => undefined);
    }

    // Assess
    expect(calls).toEqual([
      ['telegram', '42', true],
      ['telegram', '42', false],
    ]);
  });
});

describe('Composer: fallbackFeature', () => {
  it('answers an unknown button as stale, replies to edits and to unknown text', async () => {
    // Prepare
    const press: Update = {
      update_id: 2,
      callback_query: { id: 'q', from: user, chat_instance: 'c', data: 'nope1|x' },
    };
    const edited: Update = {
      update_id: 3,
      edited_message: { message_id: 5, date: 0, edit_date: 1, chat, from: user, text: 'x' },
    };
    const text: Update = {
      update_id: 4,
      message: { message_id: 6, date: 0, chat, from: user, text: 'xin chào' },
    };

    // Act
    const results = [];
    for (const update of [press, edited, text]) {
      const { ctx, ui } = contextFor(update);
      await fallbackFeature.middleware()(ctx, async () => undefined);
      results.push(ui);
    }

    // Assess
    expect(results[0]?.answers).toEqual([
      {
        text: 'Nút này đã cũ hoặc không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất.',
        alert: true,
      },
    ]);
    const textOf = (ui: RecordingUi | undefined) => (ui?.replies[0] as ViewMessage | undefined)?.text;
    expect(textOf(results[1])).toContain('Tin nhắn đã sửa không được ghi nhận');
    expect(textOf(results[2])).toContain('chưa được liên kết');
  });
});
