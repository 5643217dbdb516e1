// feature: /malienket <id> (/linkcode) — staff create a single-use link code for a member or a colleague.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import { formatVietnameseDate, localDateTime } from '../../shared/domain/dates.js';
import { issueMemberLinkCode, issueStaffLinkCode } from '../../shared/services/link-codes.js';
import type { BotContext } from '../context.js';

export const linkingFeature = new Composer<BotContext>();

export function deepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

linkingFeature.command(['malienket', 'linkcode'], async (ctx) => {
  const actor = await ctx.actor();
  if (!actor) {
    await ctx.ui.reply(message(ctx.t.errors.notLinked));
    return;
  }
  if (actor.kind !== 'staff') {
    await ctx.ui.reply(message(ctx.t.errors.forbidden));
    return;
  }
  const id = ctx.match.trim();
  if (!id) {
    await ctx.ui.reply(message(ctx.t.linkCode.usage));
    return;
  }
  const ports = { ...ctx.deps.ports, clock: ctx.deps.clock, newCode: ctx.deps.newCode };
  const member = await ctx.deps.ports.members.get(id);
  const staff = member ? undefined : await ctx.deps.ports.staff.get(id);
  if (!member && !staff) {
    await ctx.ui.reply(message(ctx.t.linkCode.unknownId));
    return;
  }
  const issued = member
    ? await issueMemberLinkCode(actor.principal, id, ports)
    : await issueStaffLinkCode(actor.principal, id, ports);
  const expires = localDateTime(new Date(issued.expiresAt));
  await ctx.ui.reply(
    message(
      ctx.t.linkCode.issued(
        member?.fullName ?? staff?.fullName ?? id,
        issued.code,
        deepLink(ctx.deps.botUsername, issued.code),
        `${expires.time} ${formatVietnameseDate(expires.date)}`,
      ),
    ),
  );
});
