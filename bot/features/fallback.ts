// feature: the catch-all, installed last — stale or unknown buttons, edited messages, anything not understood.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import type { BotContext } from '../context.js';

export const fallbackFeature = new Composer<BotContext>();

// A button no feature recognised: an old deployment's data, a dialogue that expired, a forged press.
fallbackFeature.on('callback_query', async (ctx) => {
  await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
});

// Edits are not taken as answers: what was recorded stays as it was.
fallbackFeature.on('edited_message', async (ctx) => {
  if (ctx.chat.type !== 'private') return;
  await ctx.ui.reply(message(ctx.t.misc.editedIgnored));
});

fallbackFeature.on('message', async (ctx) => {
  if (ctx.chat.type !== 'private') return;
  const actor = await ctx.actor();
  await ctx.ui.reply(message(actor ? ctx.t.misc.unknownCommand : ctx.t.start.notLinked));
});
