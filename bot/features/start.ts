// feature: /start (and the deep link /start <code> that links the account) and /help, per role.
import { Composer } from 'grammy';
import type { Catalogue } from '../../chat/i18n/index.js';
import { decodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { CONSENT, consentData } from '../../chat/keyboards/link-requests.js';
import { button, message } from '../../chat/view.js';
import { formatVietnameseDate, localDateTime } from '../../shared/domain/dates.js';
import { CONSENT_NOTICE_VERSION } from '../../shared/domain/linking.js';
import { RESIDENCE_ROLES } from '../../shared/domain/roles.js';
import type { LinkConsent } from '../../shared/ports/repositories.js';
import { type ChatActor, chatActor } from '../../shared/services/chat-actors.js';
import { invitationPorts } from '../../shared/services/invitation-wiring.js';
import { deliverPendingInvitations } from '../../shared/services/invitations.js';
import {
  normaliseLinkCode,
  type RedeemOutcome,
  redeemLinkCode,
  settleNewLink,
} from '../../shared/services/link-codes.js';
import { announceNewLink, requestLinkReplacement } from '../../shared/services/link-replacement.js';
import type { BotContext } from '../context.js';
import { linkWatchPorts } from './link-requests.js';

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
  const checked = await redeemLinkCode(
    code,
    user,
    { ...ctx.deps.ports, clock: ctx.deps.clock },
    { checkOnly: true },
  );
  if (!checked.ok) {
    await refuseCode(ctx, checked);
    return;
  }
  if (checked.subject.kind === 'member' && !checked.already) {
    // Law 91/2025: a member's account is linked only after they agree to the purpose notice; nothing is stored
    // before. Staff are linked for their duties (their assignment is the legal basis): docs/privacy.md.
    const normalised = normaliseLinkCode(code);
    await ctx.ui.reply(
      message(ctx.t.linkWatch.consentNotice, [
        [
          button(ctx.t.linkWatch.agree, consentData(true, normalised)),
          button(ctx.t.linkWatch.disagree, consentData(false, normalised)),
        ],
      ]),
    );
    return;
  }
  await completeLink(ctx, code, undefined);
});

startFeature.callbackQuery(prefixPattern(CONSENT), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, CONSENT, 2);
  if (!parts || !ctx.chatUser) return next();
  const [answer, code = ''] = parts;
  if (answer !== 'y') {
    await ctx.ui.replace(message(`${ctx.t.linkWatch.consentNotice}\n\n${ctx.t.linkWatch.consentRefused}`));
    await ctx.ui.answer();
    return;
  }
  const now = ctx.deps.clock.now();
  const at = localDateTime(now);
  // The notice keeps its text, with the time of the answer instead of the buttons (before the greeting: on
  // Zalo, which cannot edit, it is a new message). Cosmetic: a failed edit does not stop the link.
  await ctx.ui
    .replace(
      message(
        `${ctx.t.linkWatch.consentNotice}\n\n${ctx.t.linkWatch.consentGiven(`${at.time} ${formatVietnameseDate(at.date)}`)}`,
      ),
    )
    .catch(() => undefined);
  // A second press finds the code used by this very chat: "already linked", nothing twice.
  await completeLink(ctx, code, { version: CONSENT_NOTICE_VERSION, at: now.toISOString() });
  await ctx.ui.answer();
});

async function refuseCode(ctx: BotContext, outcome: Extract<RedeemOutcome, { ok: false }>): Promise<void> {
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
}

/** Uses the code: links the chat, or (a second account on the same app) makes the link wait for a decision. */
async function completeLink(ctx: BotContext, code: string, consent: LinkConsent | undefined): Promise<void> {
  const user = ctx.chatUser;
  if (!user) return;
  const outcome = await redeemLinkCode(
    code,
    user,
    { ...ctx.deps.ports, clock: ctx.deps.clock },
    consent ? { consent } : {},
  );
  if (!outcome.ok) {
    await refuseCode(ctx, outcome);
    return;
  }
  if (outcome.replaces) {
    // Issue 18: a code in someone else's hands must not take the person's notices (or, for staff, their
    // signature) from their own account: it waits for that account's «Xác nhận» or the committee's decision.
    const account = {
      channel: user.channel,
      userId: user.userId,
      chatId: user.chatId,
      linkedAt: ctx.deps.clock.now().toISOString(),
      languageCode: user.languageCode || undefined,
      consent,
    };
    await requestLinkReplacement(outcome.subject, account, outcome.replaces, linkWatchPorts(ctx));
    ctx.deps.log.info('chat link waits for a confirmation', { updateType: outcome.subject.kind });
    await ctx.ui.reply(message(ctx.t.linkWatch.waiting(user.channel === 'telegram' ? 'Telegram' : 'Zalo')));
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
    // One account per person and app (a race past the check is settled here); the person's other chats are told.
    await settleNewLink(outcome.subject, user, {
      chatLinks: ctx.deps.ports.chatLinks,
      messenger: ctx.deps.messenger,
    });
    // The committee's heads are told of every new link: a link the person did not make is noticed.
    await announceNewLink(outcome.subject, user.channel, linkWatchPorts(ctx));
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
}

startFeature.command(['help', 'trogiup'], async (ctx) => {
  await ctx.ui.reply(message(helpText(ctx.t, await ctx.actor())));
});
