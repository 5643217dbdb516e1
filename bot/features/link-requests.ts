// feature: a link that waits (issue 18) — the old account's «Xác nhận» / «Không phải tôi», a committee head's
// «Duyệt» / «Từ chối», and /huylienketnguoi (/unlinkperson), the administrator unlinking a person's accounts.
import { randomBytes } from 'node:crypto';
import { Composer } from 'grammy';
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { OWNER_DECISION, STAFF_DECISION } from '../../chat/keyboards/link-requests.js';
import { button, message } from '../../chat/view.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { ChatSubject } from '../../shared/ports/repositories.js';
import {
  decideLinkReplacement,
  type LinkDecision,
  type LinkWatchPorts,
  unlinkByAdmin,
} from '../../shared/services/link-replacement.js';
import { adminActor } from '../actors.js';
import type { BotContext } from '../context.js';

export const linkRequestsFeature = new Composer<BotContext>();

const ADMIN_UNLINK = 'ha1';

/** The use case's ports from the bot's; pending links get a short random id (it rides on buttons). */
export function linkWatchPorts(ctx: BotContext): LinkWatchPorts {
  return {
    ...ctx.deps.ports,
    messenger: ctx.deps.messenger,
    clock: ctx.deps.clock,
    newId: () => randomBytes(9).toString('base64url'),
  };
}

function decisionText(ctx: BotContext, decision: LinkDecision, owner: boolean): string {
  const w = ctx.t.linkWatch;
  switch (decision.outcome) {
    case 'linked':
      return owner ? w.confirmedOwner : w.approvedStaff;
    case 'refused':
      return owner ? w.refusedOwner : w.refusedStaff;
    case 'already_decided':
      return w.alreadyDecided;
    case 'expired':
      return w.expired;
    case 'chat_taken':
      return w.chatTaken;
  }
}

async function decide(ctx: BotContext, prefix: string, owner: boolean): Promise<boolean> {
  const data = ctx.callbackQuery?.data;
  const parts = data ? decodeCallback(data, prefix, 2) : undefined;
  const user = ctx.chatUser;
  if (!parts || !user) return false;
  const [requestId = '', answer] = parts;
  const actor = await ctx.actor();
  if (!owner && actor?.kind !== 'staff') {
    await ctx.ui.answer(ctx.t.errors.forbidden, { alert: true });
    return true;
  }
  try {
    const decision = await decideLinkReplacement(
      requestId,
      owner || actor?.kind !== 'staff'
        ? { kind: 'owner', channel: user.channel, userId: user.userId }
        : { kind: 'staff', principal: actor.principal },
      answer === 'y',
      linkWatchPorts(ctx),
    );
    // Ids and outcomes only: who the person is stays out of the log.
    ctx.deps.log.info(`link request ${decision.outcome} by ${owner ? 'owner' : 'staff'}`);
    await ctx.ui.replace(message(decisionText(ctx, decision, owner)));
    await ctx.ui.answer();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await ctx.ui.answer(ctx.t.errors.forbidden, { alert: true });
  }
  return true;
}

linkRequestsFeature.callbackQuery(prefixPattern(OWNER_DECISION), async (ctx, next) => {
  if (!(await decide(ctx, OWNER_DECISION, true))) return next();
});

linkRequestsFeature.callbackQuery(prefixPattern(STAFF_DECISION), async (ctx, next) => {
  if (!(await decide(ctx, STAFF_DECISION, false))) return next();
});

async function subjectOf(
  ctx: BotContext,
  id: string,
): Promise<{ subject: ChatSubject; name: string } | undefined> {
  const member = await ctx.deps.ports.members.get(id);
  if (member) return { subject: { kind: 'member', id }, name: member.fullName };
  const staff = await ctx.deps.ports.staff.get(id);
  return staff ? { subject: { kind: 'staff', id }, name: staff.fullName } : undefined;
}

linkRequestsFeature.command(['huylienketnguoi', 'unlinkperson'], async (ctx) => {
  const actor = await adminActor(ctx);
  if (!actor) return;
  const id = ctx.match.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    await ctx.ui.reply(message(ctx.t.linkWatch.adminUsage));
    return;
  }
  const found = await subjectOf(ctx, id);
  if (!found) {
    await ctx.ui.reply(message(ctx.t.linkWatch.adminUnknown));
    return;
  }
  const links = await ctx.deps.ports.chatLinks.ofSubject(found.subject);
  await ctx.ui.reply(
    message(ctx.t.linkWatch.adminAsk(found.name, links.length), [
      [
        button(ctx.t.linkWatch.adminConfirm, encodeCallback(ADMIN_UNLINK, ['y', found.subject.kind, id])),
        button(ctx.t.linkWatch.adminKeep, encodeCallback(ADMIN_UNLINK, ['n', found.subject.kind, id])),
      ],
    ]),
  );
});

linkRequestsFeature.callbackQuery(prefixPattern(ADMIN_UNLINK), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, ADMIN_UNLINK, 3);
  if (!parts) return next();
  const [answer, kind, id = ''] = parts;
  if (answer !== 'y' || (kind !== 'member' && kind !== 'staff')) {
    await ctx.ui.replace(message(ctx.t.linkWatch.adminKept));
    await ctx.ui.answer();
    return;
  }
  const actor = await adminActor(ctx);
  if (!actor) return;
  const found = await subjectOf(ctx, id);
  try {
    // Pressed twice: the second finds nothing left to unlink and says 0.
    const { unlinked } = await unlinkByAdmin(actor.principal, { kind, id }, undefined, linkWatchPorts(ctx));
    ctx.deps.log.info('chat accounts unlinked by the administrator', { count: unlinked });
    await ctx.ui.replace(message(ctx.t.linkWatch.adminDone(found?.name ?? id, unlinked)));
    await ctx.ui.answer();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await ctx.ui.reply(message(error.message.replace(/\s*\([^)]*\)\s*$/, '')));
  }
});
