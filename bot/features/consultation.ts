// feature: R18 in the bot — when the chair's «Gửi» of a student's evaluation is refused for want of the
// hamlet head's and the hamlet police head's opinions, a button asks for what recordConsultation takes, one
// message each (a draft in the table), records it, and offers «Gửi» again. The rule stays in the service.
import { Composer } from 'grammy';
import * as z from 'zod';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate, localDate } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import { studentConsultationInputSchema } from '../../shared/schemas/entities.js';
import { getEvaluation, recordConsultation } from '../../shared/services/evaluations.js';
import { residenceStaff } from '../actors.js';
import { type BotContext, evaluationPorts } from '../context.js';
import { clearDraft, newNonce, readDraft, saveDraft } from '../drafts.js';
import { CONSULT_PATTERN, consultData, submitData } from '../keyboards/year-end.js';
import { pressOnDraft, typedAnswer, typedDate } from './year-end-dialogue.js';

export const consultationFeature = new Composer<BotContext>();

export const CONSULT_DRAFT_KIND = 'consultation';

/** What recordConsultation needs, asked in this order. */
const STEPS = [
  'hamletHeadName',
  'hamletHeadOpinion',
  'policeHeadName',
  'policeHeadOpinion',
  'consultedOn',
] as const;

const draftSchema = z.object({
  year: z.number().int(),
  memberId: z.string().min(1),
  memberName: z.string(),
  step: z.enum(STEPS),
  answers: z.record(z.string(), z.string()),
});
type ConsultDraft = z.infer<typeof draftSchema>;

/** The button under an R18 refusal (evaluations.ts shows it; only a refusal for R18 offers it). */
export function consultButton(ctx: BotContext, year: number, memberId: string): ViewButton {
  return button(ctx.t.yearEnd.consultButton, consultData.encode({ year, memberId, op: 'start' }));
}

function askView(ctx: BotContext, d: ConsultDraft): ViewMessage {
  const t = ctx.t.yearEnd;
  const cancel = [button(t.cancel, consultData.encode({ year: d.year, memberId: d.memberId, op: 'cancel' }))];
  if (d.step !== 'consultedOn') return message(t.consultAsk[d.step], [cancel]);
  const today = formatVietnameseDate(localDate(ctx.deps.clock.now()));
  return message(t.consultAsk.consultedOn, [
    [button(t.consultToday(today), consultData.encode({ year: d.year, memberId: d.memberId, op: 'today' }))],
    cancel,
  ]);
}

const currentDraft = (ctx: BotContext) => readDraft(ctx, CONSULT_DRAFT_KIND, draftSchema);

/** The last answer is in: record it through the use case and offer «Gửi» (the chair) again. */
async function finish(ctx: BotContext, principal: Principal, d: ConsultDraft, consultedOn: string) {
  const consultation = studentConsultationInputSchema.parse({ ...d.answers, consultedOn });
  await clearDraft(ctx);
  const view = await recordConsultation(evaluationPorts(ctx.deps), principal, {
    orgId: principal.orgId,
    year: d.year,
    memberId: d.memberId,
    consultation,
  });
  const chair = principal.role === 'chair';
  await ctx.ui.reply(
    message(
      ctx.t.yearEnd.consultRecorded(view.memberName, formatVietnameseDate(consultedOn), chair),
      chair
        ? [[button(ctx.t.yearEnd.submit, submitData.encode({ year: d.year, memberId: d.memberId }))]]
        : undefined,
    ),
  );
}

consultationFeature.callbackQuery(CONSULT_PATTERN, async (ctx, next) => {
  const action = consultData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
    return;
  }
  if (action.op === 'start') {
    // Reading checks the member is this committee's and whether R18 asks for the opinions at all.
    const view = await getEvaluation(evaluationPorts(ctx.deps), principal, {
      orgId: principal.orgId,
      year: action.year,
      memberId: action.memberId,
    });
    await ctx.ui.answer();
    if (!view.needsConsultation) {
      await ctx.ui.reply(message(ctx.t.yearEnd.consultNotNeeded(view.memberName)));
      return;
    }
    const d: ConsultDraft = {
      year: action.year,
      memberId: action.memberId,
      memberName: view.memberName,
      step: 'hamletHeadName',
      answers: {},
    };
    await saveDraft(ctx, { kind: CONSULT_DRAFT_KIND, nonce: newNonce(), data: d });
    await ctx.ui.reply(message(ctx.t.yearEnd.consultIntro(view.memberName)));
    await ctx.ui.reply(askView(ctx, d));
    return;
  }
  const current = await pressOnDraft(ctx, await currentDraft(ctx), action);
  if (!current) return;
  if (current.data.step !== 'consultedOn') {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  await ctx.ui.answer();
  await finish(ctx, principal, current.data, localDate(ctx.deps.clock.now()));
});

consultationFeature.on('message:text', async (ctx, next) => {
  const answer = await typedAnswer(ctx, ctx.message.text, currentDraft);
  if (!answer) return next();
  const { current, principal } = answer;
  const d = current.data;
  const value = ctx.message.text.normalize('NFC').trim();
  if (d.step === 'consultedOn') {
    const date = await typedDate(ctx, value, () => askView(ctx, d));
    if (date) await finish(ctx, principal, d, date);
    return;
  }
  // Each answer is checked against the use case's own schema before the next question.
  const checked = studentConsultationInputSchema.shape[d.step].safeParse(value);
  if (!checked.success) {
    const max = d.step === 'hamletHeadName' || d.step === 'policeHeadName' ? 120 : 1000;
    if (value) await ctx.ui.reply(message(ctx.t.yearEnd.tooLong(max)));
    return;
  }
  const following: ConsultDraft = {
    ...d,
    answers: { ...d.answers, [d.step]: checked.data },
    step: STEPS[STEPS.indexOf(d.step) + 1] ?? 'consultedOn',
  };
  await saveDraft(ctx, { kind: CONSULT_DRAFT_KIND, nonce: current.nonce, data: following });
  await ctx.ui.reply(askView(ctx, following));
});
