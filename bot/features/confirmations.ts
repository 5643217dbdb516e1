// feature: /xacnhan (/confirm) — workplace staff confirm or reject members' absence reasons (R9).
import { Composer } from 'grammy';
import { CONFIRM_PATTERN, confirmData } from '../../chat/keyboards/confirmations.js';
import { absenceCardView } from '../../chat/notices.js';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate } from '../../shared/domain/dates.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/roles.js';
import { decideAbsenceReason, pendingAbsenceReasons } from '../../shared/services/absence-confirmations.js';
import { recordReads } from '../../shared/services/audit.js';
import type { BotContext } from '../context.js';

export const confirmationsFeature = new Composer<BotContext>();

const PAGE = 10;

async function committeeName(ctx: BotContext, orgId: string, cache: Map<string, string>): Promise<string> {
  const known = cache.get(orgId);
  if (known) return known;
  const name = (await ctx.deps.ports.committees.get(orgId))?.name ?? orgId;
  cache.set(orgId, name);
  return name;
}

/** The pending reasons of the staff's workplace, each with its two numbered buttons. */
async function pendingListView(ctx: BotContext, principal: Principal): Promise<ViewMessage> {
  const page = await pendingAbsenceReasons(
    principal,
    { limit: PAGE },
    { invitations: ctx.deps.ports.invitations },
  );
  if (page.items.length === 0) return message(ctx.t.confirmations.none);
  const names = new Map<string, string>();
  const lines = [ctx.t.confirmations.header(page.items.length, page.cursor !== undefined)];
  const rows: ViewButton[][] = [];
  for (const [i, invitation] of page.items.entries()) {
    const n = i + 1;
    lines.push(
      ctx.t.confirmations.item(
        n,
        invitation.memberName,
        formatVietnameseDate(invitation.meetingDate),
        await committeeName(ctx, invitation.residenceOrgId, names),
        invitation.absence?.category ?? 'other',
        invitation.absence?.text,
      ),
    );
    const action = (decision: 'confirmed' | 'rejected') =>
      confirmData.encode({
        decision,
        meetingId: invitation.meetingId,
        memberId: invitation.memberId,
        from: 'list',
      });
    rows.push([
      button(ctx.t.confirmations.confirmButton(n), action('confirmed')),
      button(ctx.t.confirmations.rejectButton(n), action('rejected')),
    ]);
  }
  // Issue 18: the list shows absence reasons' text: one audit entry per member shown.
  await recordReads(
    principal,
    page.items
      .filter((i) => i.absence?.text !== undefined)
      .map((i) => ({ action: 'absence_reason.read' as const, memberId: i.memberId, meetingId: i.meetingId })),
    'bot',
    { audit: ctx.deps.ports.audit, clock: ctx.deps.clock },
  );
  if (page.cursor) lines.push('', ctx.t.confirmations.more);
  return message(lines.join('\n'), rows);
}

async function workplaceStaff(ctx: BotContext): Promise<Principal | undefined> {
  const actor = await ctx.actor();
  if (actor?.kind === 'staff' && actor.staff.role === 'workplace_staff') return actor.principal;
  return undefined;
}

confirmationsFeature.command(['xacnhan', 'confirm'], async (ctx) => {
  const principal = await workplaceStaff(ctx);
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.confirmations.notWorkplaceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  await ctx.ui.reply(await pendingListView(ctx, principal));
});

confirmationsFeature.callbackQuery(CONFIRM_PATTERN, async (ctx, next) => {
  const action = confirmData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await workplaceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.confirmations.notWorkplaceStaff, { alert: true });
    return;
  }
  const ports = {
    meetings: ctx.deps.ports.meetings,
    invitations: ctx.deps.ports.invitations,
    absenceNotices: ctx.deps.ports.absenceNotices,
    clock: ctx.deps.clock,
    metrics: ctx.deps.metrics,
  };
  try {
    await decideAbsenceReason(principal, action.meetingId, action.memberId, action.decision, ports);
    await ctx.ui.answer(ctx.t.confirmations.decided(action.decision));
  } catch (error) {
    // A second press, or a member who changed the answer: tell, then show the current state.
    if (
      !(error instanceof ConflictError) ||
      (error.code !== 'absence_decided' && error.code !== 'no_absence')
    ) {
      throw error;
    }
    await ctx.ui.answer(
      error.code === 'absence_decided'
        ? ctx.t.confirmations.alreadyDecided
        : ctx.t.confirmations.noLongerAbsent,
      { alert: true },
    );
  }
  if (action.from === 'list') {
    await ctx.ui.replace(await pendingListView(ctx, principal));
    return;
  }
  const invitation = await ctx.deps.ports.invitations.get(action.meetingId, action.memberId);
  const meeting = await ctx.deps.ports.meetings.get(action.meetingId);
  if (!invitation || !meeting) return;
  const residence = await ctx.deps.ports.committees.get(meeting.residenceOrgId);
  await ctx.ui.replace(
    absenceCardView(ctx.t, { meeting, residenceName: residence?.name ?? meeting.residenceOrgId, invitation }),
  );
});
