// feature: /baocaocuoinam (/selfreport) — a member's year-end self-report (R19): the meetings the sheets record
// (prefilled), then one typed message about their activities at the residence.
import { Composer } from 'grammy';
import * as z from 'zod';
import { message } from '../../chat/view.js';
import { localYear } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import { prepareSelfReport, submitSelfReport, type YearEndPorts } from '../../shared/services/year-end.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';

export const selfReportFeature = new Composer<BotContext>();

export const SELF_REPORT_DRAFT_KIND = 'self_report';
export const MAX_ACTIVITIES = 2000;

const draftSchema = z.object({ year: z.number().int() });

function ports(ctx: BotContext): YearEndPorts {
  const p = ctx.deps.ports;
  return {
    members: p.members,
    introductions: p.introductions,
    invitations: p.invitations,
    evaluations: p.evaluations,
    yearEnd: p.yearEnd,
    clock: ctx.deps.clock,
  };
}

async function member(ctx: BotContext): Promise<Principal | undefined> {
  const actor = await ctx.actor();
  return actor?.kind === 'member' ? actor.principal : undefined;
}

selfReportFeature.command(['baocaocuoinam', 'selfreport'], async (ctx) => {
  const principal = await member(ctx);
  if (!principal) {
    await ctx.ui.reply(message((await ctx.actor()) ? ctx.t.yearEnd.notMember : ctx.t.errors.notLinked));
    return;
  }
  const year = localYear(ctx.deps.clock.now());
  const draft = await prepareSelfReport(ports(ctx), principal, { memberId: principal.sub, year });
  const lines = [ctx.t.yearEnd.selfReportIntro(year, draft.meetingsInvited, draft.meetingsAttendedRecorded)];
  if (draft.existing) lines.push('', ctx.t.yearEnd.selfReportPrevious(draft.existing.activities));
  await saveDraft(ctx, { kind: SELF_REPORT_DRAFT_KIND, nonce: newNonce(), data: { year } });
  await ctx.ui.reply(message(lines.join('\n')));
});

selfReportFeature.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (isCommandText(text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind !== SELF_REPORT_DRAFT_KIND) return next();
  const parsed = draftSchema.safeParse(draft.data);
  const principal = await member(ctx);
  if (!parsed.success || !principal) return next();
  const activities = text.normalize('NFC').trim();
  if (activities.length > MAX_ACTIVITIES) {
    await ctx.ui.reply(message(ctx.t.yearEnd.tooLong(MAX_ACTIVITIES)));
    return;
  }
  if (!activities) return;
  const report = await submitSelfReport(ports(ctx), principal, { year: parsed.data.year, activities });
  await clearDraft(ctx);
  await ctx.ui.reply(message(ctx.t.yearEnd.selfReportSaved(report.year, report.meetingsAttended)));
});
