// feature: /cuoinam (/yearend) — workplace staff see, per member they introduced, whether the residence committee's
// year-end comment arrived (R17, R21), with the meetings attended, the self-report (R19) and the direct collection (R20).
import { Composer } from 'grammy';
import type { Catalogue } from '../../chat/i18n/index.js';
import { message, type ViewMessage } from '../../chat/view.js';
import { hamletName } from '../../shared/domain/committee.js';
import { formatVietnameseDate, localDate, localYear } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import { type CommitteeWithHamlets, committeeWithHamlets } from '../../shared/services/hamlets.js';
import { type WorkplaceYearEndRow, workplaceYearEnd } from '../../shared/services/year-end.js';
import type { BotContext } from '../context.js';

export const workplaceYearEndFeature = new Composer<BotContext>();

/** Rows read per page of the use case; the whole list is one message (split by the channel when long). */
const PAGE = 100;

async function workplaceStaff(ctx: BotContext): Promise<Principal | undefined> {
  const actor = await ctx.actor();
  return actor?.kind === 'staff' && actor.staff.role === 'workplace_staff' ? actor.principal : undefined;
}

/** "/cuoinam" is this year; "/cuoinam 2025" another one. */
export function yearOf(arg: string, now: Date): number | undefined {
  const text = arg.trim();
  if (!text) return localYear(now);
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
}

function line(t: Catalogue, n: number, row: WorkplaceYearEndRow, place: string): string {
  const parts = [`${n}. ${row.memberName}${place ? ` — ${place}` : ''}`];
  if (row.evaluation.received && row.evaluation.submittedAt)
    parts.push(
      t.workplaceYearEnd.receivedOn(formatVietnameseDate(localDate(new Date(row.evaluation.submittedAt)))),
    );
  // R11: the residence committee wrote the two missed meetings into the comment.
  if (row.evaluation.flaggedR11) parts.push(t.workplaceYearEnd.missedBoth);
  parts.push(t.workplaceYearEnd.meetings(row.meetings.attended, row.meetings.invited));
  // R17, R19: past the deadline and still not there.
  if (row.missing.evaluation) parts.push(t.deadlines.evaluationMissing);
  parts.push(
    row.missing.selfReport
      ? t.deadlines.selfReportMissing
      : t.workplaceYearEnd.selfReport(row.selfReport !== undefined),
  );
  if (row.directCollection) parts.push(t.workplaceYearEnd.collected(row.directCollection.collected));
  return parts.join(' — ');
}

export async function workplaceYearEndView(
  ctx: BotContext,
  principal: Principal,
  year: number,
): Promise<ViewMessage> {
  const t = ctx.t;
  const ports = { ...ctx.deps.ports, clock: ctx.deps.clock };
  const rows: WorkplaceYearEndRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await workplaceYearEnd(ports, principal, {
      workplaceOrgId: principal.orgId,
      year,
      limit: PAGE,
      cursor: cursor || undefined,
    });
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  if (rows.length === 0) return message(t.workplaceYearEnd.empty(year));

  // Residence committees and hamlets by name, never by id; each committee read once.
  const wards = new Map<string, CommitteeWithHamlets | undefined>();
  const placeOf = async (row: WorkplaceYearEndRow) => {
    if (!wards.has(row.residenceOrgId))
      wards.set(
        row.residenceOrgId,
        await committeeWithHamlets(ctx.deps.ports.committees, row.residenceOrgId),
      );
    const ward = wards.get(row.residenceOrgId);
    const hamlet = row.hamletId ? hamletName(ward, row.hamletId) : '';
    return [ward?.name ?? '', hamlet].filter(Boolean).join(', ');
  };
  // The rows come in Vietnamese order; the missing ones first, as they are what staff act on.
  const missing = rows.filter((r) => !r.evaluation.received);
  const received = rows.filter((r) => r.evaluation.received);
  const lines = [t.workplaceYearEnd.header(year, received.length, rows.length)];
  for (const [title, group] of [
    [t.workplaceYearEnd.missingHeader(missing.length), missing],
    [t.workplaceYearEnd.receivedHeader(received.length), received],
  ] as const) {
    if (group.length === 0) continue;
    lines.push('', title);
    let n = 0;
    for (const row of group) lines.push(line(t, ++n, row, await placeOf(row)));
  }
  return message(lines.join('\n'));
}

workplaceYearEndFeature.command(['cuoinam', 'yearend'], async (ctx) => {
  const principal = await workplaceStaff(ctx);
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.workplaceYearEnd.notWorkplaceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const year = yearOf(ctx.match, ctx.deps.clock.now());
  if (!year) {
    await ctx.ui.reply(message(ctx.t.workplaceYearEnd.badYear));
    return;
  }
  await ctx.ui.reply(await workplaceYearEndView(ctx, principal, year));
});
