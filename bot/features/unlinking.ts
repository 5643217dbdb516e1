// feature: /huylienket (/unlink) — a member or staff person unlinks the chat they write from, after a confirmation.
import { Composer } from 'grammy';
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { button, message } from '../../chat/view.js';
import { unlinkChat } from '../../shared/services/link-codes.js';
import type { BotContext } from '../context.js';

export const unlinkingFeature = new Composer<BotContext>();

const UNLINK = 'hl1';

unlinkingFeature.command(['huylienket', 'unlink'], async (ctx) => {
  if (!(await ctx.actor())) {
    await ctx.ui.reply(message(ctx.t.errors.notLinked));
    return;
  }
  await ctx.ui.reply(
    message(ctx.t.link.unlinkAsk, [
      [
        button(ctx.t.link.unlinkConfirm, encodeCallback(UNLINK, ['yes'])),
        button(ctx.t.link.unlinkKeep, encodeCallback(UNLINK, ['no'])),
      ],
    ]),
  );
});

unlinkingFeature.callbackQuery(prefixPattern(UNLINK), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, UNLINK, 1);
  const user = ctx.chatUser;
  if (!parts || !user) return next();
  if (parts[0] !== 'yes') {
    await ctx.ui.replace(message(ctx.t.link.unlinkKept));
    await ctx.ui.answer();
    return;
  }
  // Pressed twice (or redelivered): the chat is unlinked already, and the answer is the same.
  const unlinked = await unlinkChat(user, ctx.deps.ports);
  if (unlinked) ctx.deps.log.info('chat account unlinked', { updateType: 'self' });
  await ctx.ui.replace(message(ctx.t.link.unlinked));
  await ctx.ui.answer();
});
