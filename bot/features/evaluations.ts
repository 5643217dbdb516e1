// feature: /nhanxet (/evaluate) — residence staff evaluate the members still due, one question per criterion or
// duty (R17, R11 pre-set); the chair sends the saved evaluation (R18 refusal shown politely); "In phiếu" sends
// the printed comment sheet of a member, or of every member of a hamlet, as a PDF. No rule lives here.
import { Composer } from 'grammy';
import * as z from 'zod';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { createCommentSheetRenderer } from '../../shared/adapters/documents/comment-sheet-pdf.js';
import { hamletName } from '../../shared/domain/committee.js';
import { localYear } from '../../shared/domain/dates.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
} from '../../shared/domain/errors.js';
import type { EvaluationForm } from '../../shared/domain/evaluation.js';
import {
  answersOf,
  DUTY_MARKS,
  type EvaluationAnswers,
  type EvaluationQuestion,
} from '../../shared/domain/evaluation-questions.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { CommentSheetRenderer } from '../../shared/ports/comment-sheet-pdf.js';
import {
  type CommentSheetFile,
  type CommentSheetPorts,
  printHamletSheets,
  printMemberSheet,
} from '../../shared/services/comment-sheets.js';
import {
  evaluationQuestions,
  formFromAnswers,
  getEvaluation,
  listDueEvaluations,
  saveEvaluationDraft,
  submitEvaluation,
} from '../../shared/services/evaluations.js';
import { committeeWithHamlets } from '../../shared/services/hamlets.js';
import { residenceStaff } from '../actors.js';
import { type BotContext, evaluationPorts } from '../context.js';
import { clearDraft, isCommandText, newNonce, readDraft, saveDraft } from '../drafts.js';
import {
  EVAL_PATTERN,
  type EvalOp,
  evalData,
  PRINT_PATTERN,
  printData,
  SUBMIT_PATTERN,
  submitData,
} from '../keyboards/year-end.js';
import { consultButton } from './consultation.js';
import { qd213StepRows } from './qd213-steps.js';

export const evaluationsFeature = new Composer<BotContext>();

export const EVAL_DRAFT_KIND = 'evaluation';
const PAGE = 8;
/** A typed comment or reason longer than this is refused politely (it can be sent again shorter). */
export const MAX_TEXT = 1000;

const draftSchema = z.object({
  step: z.enum(['pick', 'question', 'reason', 'confirm']),
  orgId: z.string(),
  year: z.number().int(),
  cursor: z.string().optional(),
  memberId: z.string().optional(),
  memberName: z.string().optional(),
  ruleSet: z.enum(['hd02-2011', 'qd213-2020']).optional(),
  /** qd213-2020: the rule set has the cell's signature between the draft and the ward's confirmation. */
  cellSteps: z.boolean().optional(),
  formKind: z.enum(['hd02-4duties', 'qd213-full', 'qd213-short']).optional(),
  flagged: z.boolean().optional(),
  preset: z.string().optional(),
  version: z.number().int().optional(),
  index: z.number().int(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])),
  reason: z.string().optional(),
});
type EvalDraft = z.infer<typeof draftSchema>;

interface Wizard {
  nonce: string;
  data: EvalDraft;
}

const currentWizard = (ctx: BotContext): Promise<Wizard | undefined> =>
  readDraft(ctx, EVAL_DRAFT_KIND, draftSchema);

async function store(ctx: BotContext, wizard: Wizard): Promise<void> {
  await saveDraft(ctx, { kind: EVAL_DRAFT_KIND, nonce: wizard.nonce, data: wizard.data });
}

const act = (w: Wizard, op: EvalOp, step: number, arg = '') =>
  evalData.encode({ nonce: w.nonce, op, step, arg });

function cancelRow(ctx: BotContext, w: Wizard): ViewButton[] {
  return [button(ctx.t.yearEnd.cancel, act(w, 'cancel', -1))];
}

/** "In phiếu" for one member: works outside the wizard too (the chair's "Gửi" message, a later press). */
function printMemberRow(ctx: BotContext, year: number, memberId: string): ViewButton[] {
  return [button(ctx.t.yearEnd.printSheet, printData.encode({ year, of: 'm', id: memberId }))];
}

function questionsOf(d: EvalDraft): EvaluationQuestion[] {
  if (!d.ruleSet || !d.formKind) return [];
  return evaluationQuestions(d.ruleSet, d.formKind).questions;
}

const label = (ctx: BotContext, o: { vi: string; en: string }) => (ctx.t.language === 'en' ? o.en : o.vi);

async function listView(ctx: BotContext, principal: Principal, w: Wizard): Promise<ViewMessage> {
  const page = await listDueEvaluations(evaluationPorts(ctx.deps), principal, {
    orgId: w.data.orgId,
    year: w.data.year,
    limit: PAGE,
    cursor: w.data.cursor || undefined,
  });
  if (page.items.length === 0 && !page.cursor) return message(ctx.t.yearEnd.noneDue(w.data.year));
  // Buttons are read by people: hamlets by name, never by id.
  const ward = await committeeWithHamlets(ctx.deps.ports.committees, w.data.orgId);
  const rows: ViewButton[][] = page.items.map((row) => [
    button(
      ctx.t.yearEnd.memberButton(
        row.memberName,
        row.hamletId && hamletName(ward, row.hamletId),
        row.state === 'draft',
        row.flaggedR11,
      ),
      act(w, 'pick', -1, row.memberId),
    ),
  ]);
  // The next page's cursor is kept in the wizard (cursors do not belong on buttons).
  w.data.cursor = page.cursor;
  if (page.cursor) rows.push([button(ctx.t.yearEnd.more, act(w, 'more', -1))]);
  // One "In phiếu cả …" per hamlet on this page: every member of it on one PDF (blank sheets where nothing
  // is saved yet), for the cell's meeting.
  const hamlets = [...new Set(page.items.flatMap((row) => (row.hamletId ? [row.hamletId] : [])))];
  for (const hamletId of hamlets) {
    rows.push([
      button(
        ctx.t.yearEnd.printHamletSheets(hamletName(ward, hamletId)),
        printData.encode({ year: w.data.year, of: 'h', id: hamletId }),
      ),
    ]);
  }
  rows.push(cancelRow(ctx, w));
  return message(ctx.t.yearEnd.dueHeader(w.data.year, page.cursor !== undefined), rows);
}

function questionView(ctx: BotContext, w: Wizard): ViewMessage {
  const d = w.data;
  const qs = questionsOf(d);
  const q = qs[d.index];
  if (!q || !d.ruleSet || !d.formKind) return message(ctx.t.errors.staleButton);
  const questionnaire = evaluationQuestions(d.ruleSet, d.formKind);
  const lines = [
    ctx.t.yearEnd.formTitle(
      label(ctx, { vi: questionnaire.titleVi, en: questionnaire.titleEn }),
      d.memberName ?? '',
      d.year,
    ),
    '',
  ];
  if (q.kind === 'proposal' && d.flagged) lines.push(ctx.t.yearEnd.flagged, '');
  lines.push(ctx.t.yearEnd.question(d.index + 1, qs.length, label(ctx, q)));
  const rows: ViewButton[][] = [];
  if (q.kind === 'text') {
    lines.push(ctx.t.yearEnd.askTextOptional);
    rows.push([button(ctx.t.yearEnd.skip, act(w, 'skip', d.index))]);
  } else {
    rows.push(
      ...q.options.map((o) => [
        button(
          `${label(ctx, o)}${q.kind === 'proposal' && o.value === d.preset ? ` ${ctx.t.yearEnd.preset}` : ''}`,
          act(w, 'ans', d.index, String(o.value)),
        ),
      ]),
    );
  }
  // The member's sheet as it stands (blank before anything is saved), from the first question.
  if (d.index === 0 && d.memberId) rows.push(printMemberRow(ctx, d.year, d.memberId));
  rows.push(cancelRow(ctx, w));
  return message(lines.join('\n'), rows);
}

function answerLabel(ctx: BotContext, q: EvaluationQuestion, value: string | number | undefined): string {
  if (value === undefined || value === '') return ctx.t.yearEnd.emptyAnswer;
  const option = q.options.find((o) => String(o.value) === String(value));
  return option ? label(ctx, option) : String(value);
}

function summaryView(ctx: BotContext, w: Wizard, principal: Principal, saved: boolean): ViewMessage {
  const d = w.data;
  const lines = [ctx.t.yearEnd.summaryHeader, `${d.memberName ?? ''} — ${d.year}`, ''];
  for (const q of questionsOf(d)) lines.push(`• ${label(ctx, q)}: ${answerLabel(ctx, q, d.answers[q.key])}`);
  if (d.reason) lines.push(ctx.t.yearEnd.reasonLine(d.reason));
  const rows: ViewButton[][] = [
    [button(ctx.t.yearEnd.save, act(w, 'save', -1)), button(ctx.t.yearEnd.restart, act(w, 'redo', -1))],
  ];
  // A draft already saved as shown: the chair may send it right away.
  if (saved && principal.role === 'chair' && d.memberId) {
    rows.push([button(ctx.t.yearEnd.submit, submitData.encode({ year: d.year, memberId: d.memberId }))]);
  }
  if (saved && d.cellSteps && d.memberId) rows.push(...qd213StepRows(ctx, d.year, d.memberId));
  if (saved && d.memberId) rows.push(printMemberRow(ctx, d.year, d.memberId));
  rows.push(cancelRow(ctx, w));
  return message(lines.join('\n'), rows);
}

function advance(w: Wizard): void {
  const d = w.data;
  d.index += 1;
  d.step = d.index >= questionsOf(d).length ? 'confirm' : 'question';
}

/** The wizard's next screen after an answer (button or typed). */
function nextView(ctx: BotContext, w: Wizard, principal: Principal): ViewMessage {
  if (w.data.step === 'reason') return message(ctx.t.yearEnd.askReason, [cancelRow(ctx, w)]);
  if (w.data.step === 'confirm') return summaryView(ctx, w, principal, false);
  return questionView(ctx, w);
}

function record(w: Wizard, q: EvaluationQuestion, value: string | number): void {
  w.data.answers[q.key] = value;
  if (q.kind === 'proposal') {
    delete w.data.reason;
    // R11 is the domain's: a flagged member's proposal other than criticism needs a reason.
    if (w.data.flagged && value !== 'criticise') {
      w.data.step = 'reason';
      return;
    }
  }
  advance(w);
}

evaluationsFeature.command(['nhanxet', 'evaluate'], async (ctx) => {
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.yearEnd.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const w: Wizard = {
    nonce: newNonce(),
    data: {
      step: 'pick',
      orgId: principal.orgId,
      year: localYear(ctx.deps.clock.now()),
      index: 0,
      answers: {},
    },
  };
  const view = await listView(ctx, principal, w);
  await store(ctx, w);
  await ctx.ui.reply(view);
});

async function startMember(ctx: BotContext, principal: Principal, w: Wizard, memberId: string) {
  const view = await getEvaluation(evaluationPorts(ctx.deps), principal, {
    orgId: w.data.orgId,
    year: w.data.year,
    memberId,
  });
  const d = w.data;
  d.memberId = view.memberId;
  d.memberName = view.memberName;
  d.ruleSet = view.ruleSet;
  d.formKind = view.formKind;
  d.cellSteps = view.steps.includes('cell_signed');
  d.flagged = view.flaggedR11;
  d.preset = view.presetProposal;
  d.version = view.version;
  d.index = 0;
  d.answers = {};
  delete d.reason;
  if (view.evaluation) {
    // A saved draft: show it, to save again, start over, or (the chair) send it.
    d.answers = cleanAnswers(answersOf(view.evaluation.form));
    if (view.evaluation.proposalChangeReason) d.reason = view.evaluation.proposalChangeReason;
    d.step = 'confirm';
    d.index = questionsOf(d).length;
    await store(ctx, w);
    await ctx.ui.replace(summaryView(ctx, w, principal, true));
    return;
  }
  d.step = 'question';
  await store(ctx, w);
  await ctx.ui.replace(questionView(ctx, w));
}

function cleanAnswers(answers: EvaluationAnswers): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(answers)) if (v !== undefined) out[k] = v;
  return out;
}

/** "Bỏ qua" on a duty's comment keeps the mark's own words (the form needs a comment per duty). */
function skippedText(q: EvaluationQuestion, d: EvalDraft): string {
  if (!q.key.endsWith('.comment')) return '';
  const mark = d.answers[q.key.replace('.comment', '.mark')];
  return DUTY_MARKS.find((m) => m.value === mark)?.vi ?? '';
}

async function save(ctx: BotContext, principal: Principal, w: Wizard): Promise<void> {
  const d = w.data;
  if (!d.formKind || !d.memberId) return;
  const form: EvaluationForm = formFromAnswers(d.formKind, d.answers);
  try {
    await saveEvaluationDraft(evaluationPorts(ctx.deps), principal, {
      orgId: d.orgId,
      year: d.year,
      memberId: d.memberId,
      form,
      proposalChangeReason: d.reason || undefined,
      version: d.version,
    });
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'evaluation_submitted') {
      await clearDraft(ctx);
      await ctx.ui.replace(message(ctx.t.yearEnd.alreadySubmitted));
      return;
    }
    if (error instanceof ConflictError && error.code === 'stale_version') {
      await clearDraft(ctx);
      await ctx.ui.replace(message(ctx.t.yearEnd.stale));
      return;
    }
    throw error;
  }
  await clearDraft(ctx);
  const keyboard = [
    ...(principal.role === 'chair'
      ? [[button(ctx.t.yearEnd.submit, submitData.encode({ year: d.year, memberId: d.memberId }))]]
      : []),
    // qd213-2020: the Front's opinion and the cell's signature come next.
    ...(d.cellSteps ? qd213StepRows(ctx, d.year, d.memberId) : []),
    printMemberRow(ctx, d.year, d.memberId),
  ];
  await ctx.ui.replace(message(ctx.t.yearEnd.saved(d.memberName ?? '', d.year), keyboard));
  await ctx.ui.answer();
}

evaluationsFeature.callbackQuery(EVAL_PATTERN, async (ctx, next) => {
  const action = evalData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  const w = await currentWizard(ctx);
  if (!principal || !w || w.nonce !== action.nonce) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  const d = w.data;
  switch (action.op) {
    case 'cancel':
      await clearDraft(ctx);
      await ctx.ui.replace(message(ctx.t.yearEnd.cancelled));
      return;
    case 'more': {
      if (d.step !== 'pick') break;
      const view = await listView(ctx, principal, w);
      await store(ctx, w);
      await ctx.ui.replace(view);
      return;
    }
    case 'pick':
      if (d.step !== 'pick' || !action.arg) break;
      await startMember(ctx, principal, w, action.arg);
      return;
    case 'ans':
    case 'skip': {
      const q = questionsOf(d)[d.index];
      if (d.step !== 'question' || action.step !== d.index || !q) break;
      if (action.op === 'skip') {
        if (q.kind !== 'text') break;
        record(w, q, skippedText(q, d));
      } else {
        if (!q.options.some((o) => String(o.value) === action.arg)) break;
        record(w, q, q.kind === 'level' ? Number(action.arg) : action.arg);
      }
      await store(ctx, w);
      await ctx.ui.replace(nextView(ctx, w, principal));
      return;
    }
    case 'redo':
      if (d.step !== 'confirm') break;
      d.step = 'question';
      d.index = 0;
      d.answers = {};
      delete d.reason;
      await store(ctx, w);
      await ctx.ui.replace(questionView(ctx, w));
      return;
    case 'save':
      if (d.step !== 'confirm') break;
      await save(ctx, principal, w);
      return;
  }
  // A button of a step already passed.
  await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
});

evaluationsFeature.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (isCommandText(text)) return next();
  const w = await currentWizard(ctx);
  if (!w) return next();
  const d = w.data;
  const q = questionsOf(d)[d.index];
  const askingText = (d.step === 'question' && q?.kind === 'text') || d.step === 'reason';
  if (!askingText) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) return next();
  const value = text.normalize('NFC').trim();
  if (value.length > MAX_TEXT) {
    await ctx.ui.reply(message(ctx.t.yearEnd.tooLong(MAX_TEXT)));
    return;
  }
  if (!value) return;
  if (d.step === 'reason') {
    d.reason = value;
    advance(w);
  } else if (q) {
    record(w, q, value);
  }
  await store(ctx, w);
  await ctx.ui.reply(nextView(ctx, w, principal));
});

evaluationsFeature.callbackQuery(SUBMIT_PATTERN, async (ctx, next) => {
  const action = submitData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff') {
    await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
    return;
  }
  const principal = actor.principal;
  try {
    const view = await submitEvaluation(evaluationPorts(ctx.deps), principal, {
      orgId: principal.orgId,
      year: action.year,
      memberId: action.memberId,
    });
    await ctx.ui.answer();
    await ctx.ui.replace(
      message(ctx.t.yearEnd.submitted(view.memberName, action.year), [
        printMemberRow(ctx, action.year, action.memberId),
      ]),
    );
  } catch (error) {
    // Refusals the chair can act on are told in words, not as a rule number.
    const text =
      error instanceof RuleViolationError && error.rule === 'R18'
        ? ctx.t.yearEnd.needsConsultation
        : error instanceof RuleViolationError && error.rule === 'R11'
          ? ctx.t.yearEnd.needsReason
          : error instanceof ForbiddenError
            ? ctx.t.yearEnd.onlyChairSubmits
            : error instanceof ConflictError && error.code === 'stale_version'
              ? ctx.t.yearEnd.stale
              : // qd213-2020: the ward confirms only what the hamlet cell signed (R17's steps per rule set).
                error instanceof RuleViolationError && error.rule === 'R17'
                ? ctx.t.commentRequest.notSignedYet
                : undefined;
    if (!text) throw error;
    await ctx.ui.answer();
    // R18: the opinions can be given right here (bot/features/consultation.ts), then «Gửi» again; qd213-2020's
    // steps likewise (bot/features/qd213-steps.ts).
    const rule = error instanceof RuleViolationError ? error.rule : undefined;
    const rows =
      rule === 'R18'
        ? [[consultButton(ctx, action.year, action.memberId)]]
        : rule === 'R17'
          ? qd213StepRows(ctx, action.year, action.memberId)
          : undefined;
    await ctx.ui.reply(message(text, rows));
  }
});

/** The renderer of the printed sheets: one per process, made at the first press. */
let sheetRenderer: CommentSheetRenderer | undefined;

function commentSheetPorts(ctx: BotContext): CommentSheetPorts {
  const p = ctx.deps.ports;
  sheetRenderer ??= createCommentSheetRenderer();
  return {
    committees: p.committees,
    members: p.members,
    introductions: p.introductions,
    evaluations: p.evaluations,
    staff: p.staff,
    clock: ctx.deps.clock,
    sheets: sheetRenderer,
  };
}

// "In phiếu": the sheet (or a hamlet's sheets) as a PDF document in this chat — the same view on Telegram and
// Zalo (each channel's renderer sends the file). Who may print is the use case's to say.
evaluationsFeature.callbackQuery(PRINT_PATTERN, async (ctx, next) => {
  const action = printData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
    return;
  }
  let file: CommentSheetFile;
  try {
    const ports = commentSheetPorts(ctx);
    const input = { orgId: principal.orgId, year: action.year };
    file =
      action.of === 'm'
        ? await printMemberSheet(ports, principal, { ...input, memberId: action.id })
        : await printHamletSheets(ports, principal, { ...input, hamletId: action.id });
  } catch (error) {
    if (error instanceof NotFoundError) {
      await ctx.ui.answer(ctx.t.yearEnd.sheetNotFound, { alert: true });
      return;
    }
    if (error instanceof ForbiddenError) {
      await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
      return;
    }
    throw error;
  }
  await ctx.ui.answer();
  await ctx.ui.reply({
    kind: 'document',
    fileName: file.fileName,
    mimeType: 'application/pdf',
    bytes: file.bytes,
    caption:
      action.of === 'm'
        ? ctx.t.yearEnd.sheetCaption(file.subject, action.year)
        : ctx.t.yearEnd.hamletSheetsCaption(file.subject, action.year, file.count),
  });
});
