// feature: qd213-2020's comment procedure in the bot (213-QĐ/TW, 33-HD/BTCTW). On a saved draft,
// «Ghi ý kiến Ban công tác Mặt trận» asks for the hamlet Front work committee's opinion (who, in what position,
// what, when) and «Ghi chữ ký chi bộ» for the cell committee's signature (who, bí thư or phó bí thư, when), one
// message each (a draft in the table); each ends by offering the next step. The order of the steps and who may
// take them stay in the use cases (recordFrontConsultation, signForCell).
import { Composer } from 'grammy';
import * as z from 'zod';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate, localDate } from '../../shared/domain/dates.js';
import { PARTY_TITLES, type PartyTitle, type Principal } from '../../shared/domain/roles.js';
import { RULE_SETS } from '../../shared/domain/rule-set.js';
import { characterCount, normaliseText } from '../../shared/domain/text.js';
import { cellSignatureInputSchema, frontConsultationInputSchema } from '../../shared/schemas/year-end.js';
import {
  type EvaluationView,
  getEvaluation,
  recordFrontConsultation,
  signForCell,
} from '../../shared/services/evaluations.js';
import { residenceStaff } from '../actors.js';
import { type BotContext, evaluationPorts } from '../context.js';
import { clearDraft, newNonce, readDraft, saveDraft } from '../drafts.js';
import { STEP_PATTERN, type StepOp, stepData, submitData } from '../keyboards/year-end.js';
import { pressOnDraft, typedAnswer, typedDate } from './year-end-dialogue.js';

export const qd213StepsFeature = new Composer<BotContext>();

export const QD213_STEP_DRAFT_KIND = 'qd213-step';

/** What each use case takes, asked in this order; the last of each is a date («Hôm nay» or typed). */
const FRONT_STEPS = ['name', 'position', 'opinion', 'consultedOn'] as const;
const CELL_STEPS = ['signerName', 'signerTitle', 'signedOn'] as const;
type FrontStep = (typeof FRONT_STEPS)[number];
type CellStep = (typeof CELL_STEPS)[number];

const draftSchema = z.object({
  year: z.number().int(),
  memberId: z.string().min(1),
  memberName: z.string(),
  flow: z.enum(['front', 'cell']),
  step: z.enum([...FRONT_STEPS, ...CELL_STEPS]),
  answers: z.record(z.string(), z.string()),
});
type StepDraft = z.infer<typeof draftSchema>;

/** Typed answers are checked against the use cases' own input schemas before the next question. */
const TYPED: Partial<Record<FrontStep | CellStep, { schema: z.ZodType<string>; max: number }>> = {
  name: { schema: frontConsultationInputSchema.shape.name, max: 120 },
  position: { schema: frontConsultationInputSchema.shape.position, max: 200 },
  opinion: { schema: frontConsultationInputSchema.shape.opinion, max: 1000 },
  signerName: { schema: cellSignatureInputSchema.shape.signerName, max: 120 },
};

const TITLE_OPS: Record<PartyTitle, StepOp> = { bi_thu: 'bt', pho_bi_thu: 'pbt' };

/** The two steps' buttons, shown under a saved qd213-2020 draft and under the chair's refused «Gửi». */
export function qd213StepRows(ctx: BotContext, year: number, memberId: string): ViewButton[][] {
  return [
    [button(ctx.t.qd213Steps.frontButton, stepData.encode({ year, memberId, op: 'front' }))],
    [button(ctx.t.qd213Steps.cellButton, stepData.encode({ year, memberId, op: 'cell' }))],
  ];
}

function submitRows(ctx: BotContext, principal: Principal, d: Pick<StepDraft, 'year' | 'memberId'>) {
  return principal.role === 'chair'
    ? [[button(ctx.t.yearEnd.submit, submitData.encode({ year: d.year, memberId: d.memberId }))]]
    : undefined;
}

function askView(ctx: BotContext, d: StepDraft): ViewMessage {
  const t = ctx.t.qd213Steps;
  const at = (op: StepOp) => stepData.encode({ year: d.year, memberId: d.memberId, op });
  const cancel = [button(ctx.t.yearEnd.cancel, at('cancel'))];
  const today = [
    button(ctx.t.yearEnd.consultToday(formatVietnameseDate(localDate(ctx.deps.clock.now()))), at('today')),
  ];
  switch (d.step) {
    case 'consultedOn':
      return message(t.frontAsk.consultedOn, [today, cancel]);
    case 'signedOn':
      return message(t.cellAsk.signedOn, [today, cancel]);
    case 'signerTitle':
      return message(t.cellAsk.signerTitle, [
        ...PARTY_TITLES.map((title) => [button(t.titles[title], at(TITLE_OPS[title]))]),
        cancel,
      ]);
    case 'signerName':
      return message(t.cellAsk.signerName, [cancel]);
    default:
      return message(t.frontAsk[d.step], [cancel]);
  }
}

const currentDraft = (ctx: BotContext) => readDraft(ctx, QD213_STEP_DRAFT_KIND, draftSchema);

/** Why this step cannot start on this evaluation, in words (undefined: it can). */
function refusal(ctx: BotContext, view: EvaluationView, flow: StepDraft['flow']): ViewMessage | undefined {
  const t = ctx.t.qd213Steps;
  if (!view.steps.includes('cell_signed')) return message(t.notThisRuleSet);
  const evaluation = view.evaluation;
  if (!evaluation) return message(t.saveFirst);
  if (evaluation.status === 'submitted') return message(ctx.t.yearEnd.alreadySubmitted);
  if (flow === 'cell' && evaluation.status === 'cell_signed')
    return message(t.alreadySigned(view.memberName));
  const frontNeeded = RULE_SETS[view.ruleSet].commentProcedure.frontConsultation;
  if (flow === 'cell' && frontNeeded && !evaluation.frontConsultation) {
    return message(t.frontFirst(view.memberName), [qd213StepRows(ctx, view.year, view.memberId)[0] ?? []]);
  }
  return undefined;
}

async function start(
  ctx: BotContext,
  principal: Principal,
  year: number,
  memberId: string,
  flow: 'front' | 'cell',
) {
  // Reading checks the member is this committee's, and tells where the evaluation stands.
  const view = await getEvaluation(evaluationPorts(ctx.deps), principal, {
    orgId: principal.orgId,
    year,
    memberId,
  });
  await ctx.ui.answer();
  const refused = refusal(ctx, view, flow);
  if (refused) {
    await ctx.ui.reply(refused);
    return;
  }
  const d: StepDraft = {
    year,
    memberId,
    memberName: view.memberName,
    flow,
    step: flow === 'front' ? 'name' : 'signerName',
    answers: {},
  };
  await saveDraft(ctx, { kind: QD213_STEP_DRAFT_KIND, nonce: newNonce(), data: d });
  const t = ctx.t.qd213Steps;
  await ctx.ui.reply(
    message(flow === 'front' ? t.frontIntro(view.memberName) : t.cellIntro(view.memberName)),
  );
  await ctx.ui.reply(askView(ctx, d));
}

/** The last answer, a date, is in: record it through the use case and offer the next step. */
async function finish(ctx: BotContext, principal: Principal, d: StepDraft, date: string) {
  await clearDraft(ctx);
  const input = { orgId: principal.orgId, year: d.year, memberId: d.memberId };
  const ports = evaluationPorts(ctx.deps);
  const t = ctx.t.qd213Steps;
  if (d.flow === 'front') {
    const consultation = frontConsultationInputSchema
      .omit({ version: true })
      .parse({ ...d.answers, consultedOn: date });
    const view = await recordFrontConsultation(ports, principal, { ...input, consultation });
    await ctx.ui.reply(
      message(t.frontRecorded(view.memberName, formatVietnameseDate(date)), [
        qd213StepRows(ctx, d.year, d.memberId)[1] ?? [],
      ]),
    );
    return;
  }
  const signature = cellSignatureInputSchema.omit({ version: true }).parse({ ...d.answers, signedOn: date });
  const view = await signForCell(ports, principal, { ...input, signature });
  await ctx.ui.reply(
    message(
      t.cellSigned(
        view.memberName,
        signature.signerName,
        t.titles[signature.signerTitle],
        formatVietnameseDate(date),
        principal.role === 'chair',
      ),
      submitRows(ctx, principal, d),
    ),
  );
}

function nextStep(d: StepDraft): StepDraft['step'] {
  const steps: readonly StepDraft['step'][] = d.flow === 'front' ? FRONT_STEPS : CELL_STEPS;
  return steps[steps.indexOf(d.step) + 1] ?? d.step;
}

qd213StepsFeature.callbackQuery(STEP_PATTERN, async (ctx, next) => {
  const action = stepData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
    return;
  }
  if (action.op === 'front' || action.op === 'cell') {
    await start(ctx, principal, action.year, action.memberId, action.op);
    return;
  }
  const current = await pressOnDraft(ctx, await currentDraft(ctx), action);
  if (!current) return;
  const d = current.data;
  const title = PARTY_TITLES.find((t) => TITLE_OPS[t] === action.op);
  if (title && d.step === 'signerTitle') {
    const following: StepDraft = { ...d, answers: { ...d.answers, signerTitle: title }, step: nextStep(d) };
    await saveDraft(ctx, { kind: QD213_STEP_DRAFT_KIND, nonce: current.nonce, data: following });
    await ctx.ui.answer();
    await ctx.ui.replace(askView(ctx, following));
    return;
  }
  if (action.op === 'today' && (d.step === 'consultedOn' || d.step === 'signedOn')) {
    await ctx.ui.answer();
    await finish(ctx, principal, d, localDate(ctx.deps.clock.now()));
    return;
  }
  // A button of a step already passed.
  await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
});

qd213StepsFeature.on('message:text', async (ctx, next) => {
  const answer = await typedAnswer(ctx, ctx.message.text, currentDraft);
  if (!answer) return next();
  const { current, principal } = answer;
  const d = current.data;
  const value = ctx.message.text;
  if (d.step === 'consultedOn' || d.step === 'signedOn') {
    const date = await typedDate(ctx, value, () => askView(ctx, d));
    if (date) await finish(ctx, principal, d, date);
    return;
  }
  const typed = TYPED[d.step];
  // The title is a button: a typed title is answered by asking again.
  if (!typed) {
    await ctx.ui.reply(askView(ctx, d));
    return;
  }
  const checked = typed.schema.safeParse(value);
  if (!checked.success) {
    // Nothing left once cleaned: ask again; too long or unreadable: say which.
    const cleaned = normaliseText(value).trim();
    if (!cleaned) await ctx.ui.reply(askView(ctx, d));
    else if (characterCount(cleaned) > typed.max)
      await ctx.ui.reply(message(ctx.t.yearEnd.tooLong(typed.max)));
    else await ctx.ui.reply(message(ctx.t.qd213Steps.unreadable));
    return;
  }
  const following: StepDraft = { ...d, answers: { ...d.answers, [d.step]: checked.data }, step: nextStep(d) };
  await saveDraft(ctx, { kind: QD213_STEP_DRAFT_KIND, nonce: current.nonce, data: following });
  await ctx.ui.reply(askView(ctx, following));
});
