// feature: /baocao (/report) — residence or board staff compile (viewers read) the October report (R22) of this year now and
// get the statistical form (XLSX) and the written report (PDF) as documents. Before compiling, the committee's
// staff write the report's narrative (assessment, difficulties, proposals): a button per section, the next
// typed message becomes that section, then «Tổng hợp báo cáo» compiles. Compiling and drawing the files read
// the whole ward, so the webhook only queues them (issue 19); the worker replaces "Đang tổng hợp…" with the
// outcome and sends the files (shared/services/report-task.ts).
import { Composer } from 'grammy';
import * as z from 'zod';
import { button, message, type ViewKeyboard, type ViewMessage } from '../../chat/view.js';
import { localYear } from '../../shared/domain/dates.js';
import {
  NARRATIVE_SECTION_MAX,
  NARRATIVE_SECTIONS,
  type NarrativeSection,
  normaliseNarrativeSection,
} from '../../shared/domain/report-narrative.js';
import type { Principal } from '../../shared/domain/roles.js';
import { characterCount, normaliseText } from '../../shared/domain/text.js';
import { mayWriteNarrative, saveReportNarrative } from '../../shared/services/report-narrative.js';
import { queueReport } from '../../shared/services/report-task.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import { REPORT_PATTERN, reportData } from '../keyboards/reports.js';

export const reportsFeature = new Composer<BotContext>();

export const NARRATIVE_DRAFT_KIND = 'report_narrative';
/** A section shown in the menu is cut to this many characters (the whole text is shown when editing it). */
const PREVIEW = 300;

const draftSchema = z.object({
  orgId: z.string(),
  year: z.number().int(),
  section: z.enum(NARRATIVE_SECTIONS),
});

/** The staff who compile (not viewers, not workplace staff); the use case checks the committee. */
async function compiler(ctx: BotContext): Promise<Principal | undefined> {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.staff.role === 'workplace_staff' || actor.staff.role === 'viewer') {
    return undefined;
  }
  return actor.principal;
}

const preview = (text: string) =>
  characterCount(text) > PREVIEW ? `${[...text].slice(0, PREVIEW).join('')}…` : text;

/**
 * R22: the narrative as written so far, a button to write or edit each section (for those who may), and
 * «Tổng hợp báo cáo». Empty sections are said to be empty: compiling without them is allowed.
 */
async function narrativeMenu(ctx: BotContext, principal: Principal, year: number): Promise<ViewMessage> {
  const t = ctx.t.reportNarrative;
  const orgId = principal.orgId;
  const [committee, narrative, report] = await Promise.all([
    ctx.deps.ports.committees.get(orgId),
    ctx.deps.ports.reports.getNarrative(orgId, year),
    ctx.deps.ports.reports.get(orgId, year),
  ]);
  const lines = NARRATIVE_SECTIONS.map((s) => {
    const text = narrative?.[s];
    return t.line(t.section[s], text === undefined ? undefined : preview(text));
  });
  const written = NARRATIVE_SECTIONS.some((s) => narrative?.[s] !== undefined);
  const notes: string[] = [];
  if (!written) notes.push(t.allEmpty);
  // A narrative edited since the stored report was compiled reaches the documents only when compiled again.
  if (report && narrative && report.narrative?.version !== narrative.version) {
    notes.push(t.needsRecompile(report.version));
  }
  const may = committee !== undefined && mayWriteNarrative(principal, committee);
  const keyboard: ViewKeyboard = [
    ...(may
      ? NARRATIVE_SECTIONS.map((s) => [
          button(
            t.writeButton(t.section[s], narrative?.[s] !== undefined),
            reportData.encode({ year, op: 'write', section: s }),
          ),
        ])
      : []),
    [button(t.compileButton, reportData.encode({ year, op: 'compile', section: 'assessment' }))],
  ];
  return message([t.menu(year, lines), ...notes].join('\n\n'), keyboard);
}

reportsFeature.command(['baocao', 'report'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.staff.role === 'workplace_staff') {
    await ctx.ui.reply(message(actor ? ctx.t.yearEnd.notReportStaff : ctx.t.errors.notLinked));
    return;
  }
  const principal = actor.principal;
  const year = localYear(ctx.deps.clock.now());
  // R22: a viewer (a ward's, or a board's above the wards) reads the stored report; the committee's own
  // staff, and a board's staff (board_staff), write the narrative and compile it first. The use cases check
  // who may do which.
  if (actor.staff.role === 'viewer') {
    const stored = await ctx.deps.ports.reports.get(principal.orgId, year);
    if (!stored) {
      await ctx.ui.reply(message(ctx.t.yearEnd.reportNotYet(year)));
      return;
    }
    await queueReportFor(ctx, principal, { op: 'send', year }, ctx.t.yearEnd.reportPreparing(year));
    return;
  }
  await clearNarrativeDraft(ctx);
  await ctx.ui.reply(await narrativeMenu(ctx, principal, year));
});

reportsFeature.callbackQuery(REPORT_PATTERN, async (ctx, next) => {
  const action = reportData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await compiler(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.yearEnd.notReportStaff, { alert: true });
    return;
  }
  const input = { orgId: principal.orgId, year: action.year };
  if (action.op === 'compile') {
    await ctx.ui.answer();
    await clearNarrativeDraft(ctx);
    const year = action.year;
    await queueReportFor(ctx, principal, { op: 'compile', year }, ctx.t.yearEnd.reportCompiling(year));
    return;
  }
  const committee = await ctx.deps.ports.committees.get(principal.orgId);
  if (!committee || !mayWriteNarrative(principal, committee)) {
    await ctx.ui.answer(ctx.t.reportNarrative.notAllowed, { alert: true });
    return;
  }
  const narrative = await ctx.deps.ports.reports.getNarrative(principal.orgId, action.year);
  await saveDraft(ctx, {
    kind: NARRATIVE_DRAFT_KIND,
    nonce: newNonce(),
    data: { ...input, section: action.section },
  });
  await ctx.ui.answer();
  const t = ctx.t.reportNarrative;
  await ctx.ui.reply(
    message(t.ask(t.section[action.section], NARRATIVE_SECTION_MAX, narrative?.[action.section])),
  );
});

/** The typed message after «Viết: …» becomes that section (replacing what it said). */
reportsFeature.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (isCommandText(text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind !== NARRATIVE_DRAFT_KIND) return next();
  const parsed = draftSchema.safeParse(draft.data);
  const principal = await compiler(ctx);
  if (!parsed.success || !principal || principal.orgId !== parsed.data.orgId) return next();
  const { year, section } = parsed.data;
  const t = ctx.t.reportNarrative;
  // Told before the use case refuses it: what to do, in words (the use case checks again).
  const typed = normaliseText(text).trim();
  if (typed.length === 0) {
    await ctx.ui.reply(message(t.empty));
    return;
  }
  if (characterCount(typed) > NARRATIVE_SECTION_MAX) {
    await ctx.ui.reply(message(t.tooLong(NARRATIVE_SECTION_MAX)));
    return;
  }
  const sections: Partial<Record<NarrativeSection, string>> = {
    [section]: normaliseNarrativeSection(section, text),
  };
  const outcome = await saveReportNarrative(
    { committees: ctx.deps.ports.committees, reports: ctx.deps.ports.reports, clock: ctx.deps.clock },
    principal,
    { orgId: principal.orgId, year, sections },
  );
  await clearDraft(ctx);
  await ctx.ui.reply(
    message(outcome.changed ? t.saved(t.section[section]) : t.unchanged(t.section[section])),
  );
  await ctx.ui.reply(await narrativeMenu(ctx, principal, year));
});

/** Leaves a section being typed (a new /baocao, or compiling): the next message is not taken as it. */
async function clearNarrativeDraft(ctx: BotContext): Promise<void> {
  const draft = await ctx.draft();
  if (draft?.kind === NARRATIVE_DRAFT_KIND) await clearDraft(ctx);
}

/** "Đang tổng hợp…" in this chat, then the task that replaces it with the outcome and sends the files. */
async function queueReportFor(
  ctx: BotContext,
  principal: Principal,
  input: { op: 'compile' | 'send'; year: number },
  progress: string,
): Promise<void> {
  const user = ctx.chatUser;
  if (!user) return;
  const messageId = await ctx.ui.reply(message(progress));
  await queueReport({ queue: ctx.deps.queue }, principal, input, {
    channel: user.channel,
    chatId: user.chatId,
    messageId: messageId || undefined,
    languageCode: user.languageCode || undefined,
  });
}
