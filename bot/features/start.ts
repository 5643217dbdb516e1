// feature: /start (and the deep link /start <code> that links the account) and /help, per role.
import { Composer } from 'grammy';
import { RESIDENCE_ROLES } from '../../shared/domain/roles.js';
import { type ChatActor, chatActor } from '../../shared/services/chat-actors.js';
import { deliverPendingInvitations } from '../../shared/services/invitations.js';
import { redeemLinkCode, settleNewLink } from '../../shared/services/link-codes.js';
import { type BotContext, invitationPorts } from '../context.js';
import type { Catalogue } from '../i18n/index.js';
import { message } from '../view.js';

export const startFeature = new Composer<BotContext>();

export function helpText(t: Catalogue, actor: ChatActor | undefined): string {
  if (!actor) return t.start.notLinked;
  if (actor.kind === 'member') return t.help.member;
  if (RESIDENCE_ROLES.includes(actor.staff.role)) return t.help.residence;
  if (actor.staff.role === 'workplace_staff') return t.help.workplace;
  if (actor.staff.role === 'board_staff') return t.help.board;
  return t.help.viewer;
}

function greeting(t: Catalogue, actor: ChatActor): string {
  return actor.kind === 'member'
    ? t.start.welcomeMember(actor.member.fullName)
    : t.start.welcomeStaff(actor.staff.fullName, actor.staff.role);
}

startFeature.command('start', async (ctx) => {
  const code = ctx.match.trim();
  if (!code) {
    const actor = await ctx.actor();
    await ctx.ui.reply(
      message(actor ? `${greeting(ctx.t, actor)}\n\n${helpText(ctx.t, actor)}` : ctx.t.start.notLinked),
    );
    return;
  }
  const user = ctx.chatUser;
  if (!user || ctx.chat.type !== 'private') return;
  const outcome = await redeemLinkCode(code, user, { ...ctx.deps.ports, clock: ctx.deps.clock });
  if (!outcome.ok) {
    if (outcome.suspicious) {
      // No code and no chat id in the log: the alarm counts, the operator looks at the table.
      ctx.deps.log.warn('link code attempts over the limit', { reason: outcome.reason });
      ctx.deps.metrics?.count('LinkCodeAttemptsSuspicious');
    }
    const text = {
      unknown: ctx.t.link.unknown,
      used: ctx.t.link.used,
      expired: ctx.t.link.expired,
      chat_already_linked: ctx.t.link.chatAlreadyLinked,
      too_many_attempts: ctx.t.link.tooManyAttempts,
    }[outcome.reason];
    await ctx.ui.reply(message(text));
    return;
  }
  if (outcome.role) await ctx.ui.showCommands(outcome.role);
  const linked = outcome.already
    ? ctx.t.link.already(outcome.name)
    : outcome.role
      ? ctx.t.link.okStaff(outcome.name, outcome.role)
      : ctx.t.link.okMember(outcome.name);
  ctx.deps.log.info('chat account linked', { updateType: outcome.subject.kind });
  if (!outcome.already) {
    // One account per person and app: an earlier one on this app is unlinked; the person's other chats are told.
    await settleNewLink(outcome.subject, user, {
      chatLinks: ctx.deps.ports.chatLinks,
      messenger: ctx.deps.messenger,
    });
  }
  // Read afresh: ctx.actor() is who the chat was when the update arrived (read beside the update's claim),
  // and this update just linked it.
  const actor = await chatActor(user.channel, user.userId, ctx.deps.ports);
  await ctx.ui.reply(message(`${linked}\n\n${helpText(ctx.t, actor)}`));
  // R9: a member who was on the paper list gets the letters of the coming meetings here, after the greeting.
  if (outcome.subject.kind === 'member') {
    const sent = await deliverPendingInvitations(outcome.subject.id, invitationPorts(ctx.deps));
    if (sent > 0) ctx.deps.log.info('pending invitations delivered on linking', { count: sent });
  }
});

startFeature.command(['help', 'trogiup'], async (ctx) => {
  await ctx.ui.reply(message(helpText(ctx.t, await ctx.actor())));
});
