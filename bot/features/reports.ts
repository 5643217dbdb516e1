// feature: /baocao (/report) — residence or board staff compile (viewers read) the October report (R22) of this year now and
// get the statistical form (XLSX) and the written report (PDF) as documents.
import { Composer } from 'grammy';
import { localYear } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import {
  octoberReportDocument,
  type ReportPorts,
  requestOctoberReport,
} from '../../shared/services/october-report.js';
import type { BotContext } from '../context.js';
import { message } from '../view.js';

export const reportsFeature = new Composer<BotContext>();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ports(ctx: BotContext): ReportPorts {
  const p = ctx.deps.ports;
  return {
    committees: p.committees,
    members: p.members,
    introductions: p.introductions,
    meetings: p.meetings,
    invitations: p.invitations,
    evaluations: p.evaluations,
    reports: p.reports,
    staff: p.staff,
    counters: p.counters,
    clock: ctx.deps.clock,
    ...(ctx.deps.metrics ? { metrics: ctx.deps.metrics } : {}),
  };
}

reportsFeature.command(['baocao', 'report'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.staff.role === 'workplace_staff') {
    await ctx.ui.reply(message(actor ? ctx.t.yearEnd.notReportStaff : ctx.t.errors.notLinked));
    return;
  }
  const principal = actor.principal;
  const year = localYear(ctx.deps.clock.now());
  const input = { orgId: principal.orgId, year };
  // R22: a viewer (a ward's, or a board's above the wards) reads the stored report; the committee's own
  // staff, and a board's staff (board_staff), compile it first. The use case checks who may do which.
  if (actor.staff.role === 'viewer') {
    const stored = await ctx.deps.ports.reports.get(principal.orgId, year);
    if (!stored) {
      await ctx.ui.reply(message(ctx.t.yearEnd.reportNotYet(year)));
      return;
    }
    await sendReportFiles(ctx, principal, input);
    await ctx.ui.reply(message(ctx.t.yearEnd.reportRead(year, stored.version)));
    return;
  }
  await ctx.ui.reply(message(ctx.t.yearEnd.reportCompiling(year)));
  // A board sums its wards' stored reports (compiling a ward that has none): quick however large the tree.
  const outcome = await requestOctoberReport(ports(ctx), principal, { ...input, children: 'stored' });
  await sendReportFiles(ctx, principal, input);
  await ctx.ui.reply(message(ctx.t.yearEnd.reportDone(year, outcome.report.version, outcome.changed)));
});

/** The stored report's XLSX form and PDF report, as two documents in this chat. */
async function sendReportFiles(
  ctx: BotContext,
  principal: Principal,
  input: { orgId: string; year: number },
): Promise<void> {
  // The webhook injects the renderer (the XLSX and PDF writers); other functions building the bot leave them out.
  const renderer = ctx.deps.reportRenderer;
  if (!renderer) return;
  const data = await octoberReportDocument(ports(ctx), principal, input);
  const name = `bao-cao-lien-he-noi-cu-tru-${input.orgId}-${input.year}`;
  const [xlsx, pdf] = await Promise.all([renderer.xlsx(data), renderer.pdf(data)]);
  await ctx.ui.reply({
    kind: 'document',
    fileName: `${name}.xlsx`,
    mimeType: XLSX,
    bytes: xlsx,
    caption: ctx.t.yearEnd.reportCaption('xlsx', input.year),
  });
  await ctx.ui.reply({
    kind: 'document',
    fileName: `${name}.pdf`,
    mimeType: 'application/pdf',
    bytes: pdf,
    caption: ctx.t.yearEnd.reportCaption('pdf', input.year),
  });
}
