// feature: my_chat_member — a user who blocks the bot is marked so nothing is sent until they come back.
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const chatMemberFeature = new Composer<BotContext>();

chatMemberFeature.on('my_chat_member', async (ctx) => {
  const update = ctx.myChatMember;
  if (update.chat.type !== 'private') return;
  const status = update.new_chat_member.status;
  const blocked = status === 'kicked' || status === 'left';
  const user = ctx.chatUser;
  if (!user) return;
  await ctx.deps.ports.chatLinks.setBlocked(user.channel, user.userId, blocked);
  ctx.deps.log.info('chat member status', { updateType: blocked ? 'blocked' : 'unblocked' });
});
