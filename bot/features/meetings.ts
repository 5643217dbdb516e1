// feature: /hop (/meeting) — residence staff plan the contact meeting step by step: round, date, time,
// place, chair, agenda, then confirm (R8: date warnings shown, never a refusal).
import { Composer } from 'grammy';
import type { MeetingText } from '../../chat/i18n/index.js';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate, isValidIsoDate, localDate, localYear } from '../../shared/domain/dates.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { ROUNDS, type Round } from '../../shared/domain/meeting.js';
import { DEFAULT_AGENDA, mayChair, meetingPlanWarnings } from '../../shared/domain/meeting-plan.js';
import { RESIDENCE_ROLES } from '../../shared/domain/roles.js';
import { textSchema } from '../../shared/schemas/common.js';
import { planMeeting } from '../../shared/services/meetings.js';
import { residenceStaffActor, type StaffActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import {
  looksLikeTimeOrDate,
  MEETING_DRAFT,
  type MeetingDraftData,
  meetingDraftSchema,
  nextStep,
  parseTypedDate,
  parseTypedTime,
  previousStep,
  roundsToOffer,
  TIME_CHOICES,
  weekendChoices,
} from '../flows/meeting-wizard.js';
import { BACK, CANCEL, WIZARD_PATTERN, type WizardStep, wizardData } from '../keyboards/meeting-wizard.js';

export const meetingsFeature = new Composer<BotContext>();

const action = (nonce: string, step: WizardStep, value: string) => wizardData.encode({ nonce, step, value });

function rows(buttons: ViewButton[], perRow: number): ViewButton[][] {
  const out: ViewButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

function draftText(data: MeetingDraftData): MeetingText {
  const date = data.date ?? '';
  return {
    date: date ? formatVietnameseDate(date) : '',
    weekday: date ? new Date(`${date}T00:00:00Z`).getUTCDay() : 0,
    time: data.time ?? '',
    place: data.place ?? '',
    chairName: data.chairName ?? '',
    agenda: data.agenda ?? DEFAULT_AGENDA,
    round: data.round ?? 'june',
    year: data.year ?? 0,
  };
}

/** The chairs to offer (R8): standing committee members, else every residence staff person. */
async function chairs(ctx: BotContext, orgId: string) {
  const staff = (await ctx.deps.ports.staff.ofCommittee(orgId)).filter((s) =>
    RESIDENCE_ROLES.includes(s.role),
  );
  const standing = staff.filter(mayChair);
  return standing.length > 0 ? standing : staff;
}

/** The prompt and buttons of a step; undefined when the step cannot be offered (no chair). */
async function prompt(
  ctx: BotContext,
  nonce: string,
  data: MeetingDraftData,
): Promise<ViewMessage | undefined> {
  const t = ctx.t;
  // Every step after the first has « Quay lại »: a value chosen or typed by mistake can be corrected.
  const back = previousStep(data.step) ? [button(t.meeting.back, action(nonce, data.step, BACK))] : [];
  const cancel = [...back, button(t.meeting.cancel, action(nonce, data.step, CANCEL))];
  const round = data.round ?? 'june';
  const year = data.year ?? 0;
  switch (data.step) {
    case 'round': {
      const offered = roundsToOffer(
        ctx.deps.clock.now(),
        await ctx.deps.ports.meetings.ofCommittee(data.orgId),
      );
      if (offered.length === 0) return undefined;
      return message(t.meeting.askRound, [
        offered.map((o) =>
          button(t.meeting.roundButton(o.round, o.year), action(nonce, 'round', `${o.year}-${o.round}`)),
        ),
        cancel,
      ]);
    }
    case 'date': {
      const dates = weekendChoices(round, year, ctx.deps.clock.now());
      const buttons = dates.map((d) =>
        button(
          t.meeting.dateButton(new Date(`${d}T00:00:00Z`).getUTCDay(), formatVietnameseDate(d)),
          action(nonce, 'date', d),
        ),
      );
      return message(t.meeting.askDate(round, year), [...rows(buttons, 2), cancel]);
    }
    case 'time':
      return message(t.meeting.askTime, [
        TIME_CHOICES.map((time) => button(time, action(nonce, 'time', time.replace(':', '')))),
        cancel,
      ]);
    case 'place': {
      const committee = await ctx.deps.ports.committees.get(data.orgId);
      const address = committee?.address;
      // A committee without an address (a ward the administrator created in the chat has none yet) offers
      // no address button, so the prompt must not offer one either.
      return address
        ? message(t.meeting.askPlace, [[button(address, action(nonce, 'place', 'addr'))], cancel])
        : message(t.meeting.askPlaceTyped, [cancel]);
    }
    case 'chair': {
      const options = await chairs(ctx, data.orgId);
      if (options.length === 0) return undefined;
      return message(t.meeting.askChair, [
        ...rows(
          options.map((s) => button(s.fullName, action(nonce, 'chair', s.id))),
          1,
        ),
        cancel,
      ]);
    }
    case 'agenda':
      return message(t.meeting.askAgenda, [
        [button(t.meeting.defaultAgenda, action(nonce, 'agenda', 'default'))],
        cancel,
      ]);
    case 'confirm': {
      const chair = data.chairStaffId ? await ctx.deps.ports.staff.get(data.chairStaffId) : undefined;
      const warnings =
        chair && data.date && data.round && data.year
          ? meetingPlanWarnings({ date: data.date, round: data.round, year: data.year }, chair)
          : [];
      const lines = [t.meeting.summary(draftText(data))];
      if (warnings.length > 0)
        lines.push('', t.meeting.warningsHeader, ...warnings.map((w) => `• ${t.meeting.warning(w)}`));
      return message(lines.join('\n'), [
        [
          button(t.meeting.confirm, action(nonce, 'confirm', 'ok')),
          button(t.meeting.cancel, action(nonce, 'confirm', CANCEL)),
        ],
        back,
      ]);
    }
  }
}

type StepResult = { data: MeetingDraftData } | { problem: string };

/** Applies a chosen or typed value to the current step. */
async function apply(
  ctx: BotContext,
  data: MeetingDraftData,
  value: string,
  typed: boolean,
): Promise<StepResult> {
  const t = ctx.t;
  const now = ctx.deps.clock.now();
  const next = (patch: Partial<MeetingDraftData>): StepResult => ({
    data: { ...data, ...patch, step: nextStep(data.step) },
  });
  switch (data.step) {
    case 'round': {
      const [year, round] = value.split('-');
      const r = ROUNDS.find((x) => x === round);
      return r && year ? next({ year: Number(year), round: r }) : { problem: t.errors.staleButton };
    }
    case 'date': {
      const date = typed
        ? parseTypedDate(value, data.year ?? 0, now)
        : isValidIsoDate(value) && value >= localDate(now)
          ? value
          : undefined;
      return date ? next({ date }) : { problem: t.meeting.badDate };
    }
    case 'time': {
      const time = parseTypedTime(typed ? value : `${value.slice(0, 2)}:${value.slice(2)}`);
      return time ? next({ time }) : { problem: t.meeting.badTime };
    }
    case 'place': {
      if (typed && looksLikeTimeOrDate(value)) return { problem: t.meeting.placeLooksLikeTime };
      const place = typed ? value : (await ctx.deps.ports.committees.get(data.orgId))?.address;
      const parsed = textSchema(300).safeParse(place ?? '');
      return parsed.success ? next({ place: parsed.data }) : { problem: t.meeting.badPlace };
    }
    case 'chair': {
      const chair = typed ? undefined : await ctx.deps.ports.staff.get(value);
      return chair && chair.orgId === data.orgId
        ? next({ chairStaffId: chair.id, chairName: chair.fullName })
        : { problem: t.errors.staleButton };
    }
    case 'agenda': {
      if (!typed) return next({});
      const parsed = textSchema(2000).safeParse(value);
      return parsed.success ? next({ agenda: parsed.data }) : { problem: t.meeting.badAgenda };
    }
    case 'confirm':
      return { data };
  }
}

async function finish(ctx: BotContext, actor: StaffActor, data: MeetingDraftData): Promise<ViewMessage> {
  const { date, time, place, chairStaffId, round, year } = data;
  if (!date || !time || !place || !chairStaffId || !round || !year) return message(ctx.t.meeting.expired);
  try {
    const planned = await planMeeting(
      actor.principal,
      data.orgId,
      {
        year,
        round: round as Round,
        date,
        time,
        place,
        chairStaffId,
        agenda: data.agenda || undefined,
      },
      { ...ctx.deps.ports, clock: ctx.deps.clock },
    );
    const m = draftText({ ...data, agenda: planned.meeting.agenda });
    const lines = [ctx.t.meeting.planned(m)];
    if (planned.warnings.length > 0) {
      lines.push(
        '',
        ctx.t.meeting.warningsHeader,
        ...planned.warnings.map((w) => `• ${ctx.t.meeting.warning(w)}`),
      );
    }
    return message(lines.join('\n'));
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'meeting_exists')
      return message(ctx.t.errors.meetingExists);
    throw error;
  }
}

/** Moves the wizard on with a value; `typed` answers get a new message, pressed ones edit the wizard's. */
async function advance(
  ctx: BotContext,
  actor: StaffActor,
  nonce: string,
  data: MeetingDraftData,
  value: string,
  typed: boolean,
): Promise<void> {
  const show = (view: ViewMessage) =>
    typed ? ctx.ui.reply(view).then(() => undefined) : ctx.ui.replace(view);
  if (data.step === 'confirm') {
    await clearDraft(ctx);
    await ctx.ui.answer();
    await show(await finish(ctx, actor, data));
    return;
  }
  const result = await apply(ctx, data, value, typed);
  if ('problem' in result) {
    // The step's buttons come with a typed answer's refusal, « Quay lại » among them.
    if (typed) await ctx.ui.reply(message(result.problem, (await prompt(ctx, nonce, data))?.keyboard));
    else await ctx.ui.answer(result.problem, { alert: true });
    return;
  }
  const view = await prompt(ctx, nonce, result.data);
  if (!view) {
    await clearDraft(ctx);
    await ctx.ui.answer();
    await show(message(ctx.t.meeting.noChair));
    return;
  }
  await saveDraft(ctx, { kind: MEETING_DRAFT, nonce, data: result.data });
  await ctx.ui.answer();
  await show(view);
}

meetingsFeature.command(['hop', 'meeting'], async (ctx) => {
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.meeting.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const nonce = newNonce();
  const data: MeetingDraftData = { orgId: actor.staff.orgId, step: 'round' };
  const view = await prompt(ctx, nonce, data);
  if (!view) {
    await ctx.ui.reply(message(ctx.t.meeting.noRoundLeft(localYear(ctx.deps.clock.now()))));
    return;
  }
  await saveDraft(ctx, { kind: MEETING_DRAFT, nonce, data });
  await ctx.ui.reply(view);
});

meetingsFeature.callbackQuery(WIZARD_PATTERN, async (ctx, next) => {
  const pressed = wizardData.decode(ctx.callbackQuery.data);
  if (!pressed) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(ctx.t.meeting.notResidenceStaff, { alert: true });
    return;
  }
  const draft = await ctx.draft();
  const parsed = draft?.kind === MEETING_DRAFT ? meetingDraftSchema.safeParse(draft.data) : undefined;
  if (!draft || !parsed?.success || draft.nonce !== pressed.nonce) {
    await ctx.ui.answer(ctx.t.meeting.expired, { alert: true });
    return;
  }
  if (pressed.value === CANCEL) {
    await clearDraft(ctx);
    await ctx.ui.answer();
    await ctx.ui.replace(message(ctx.t.meeting.cancelled));
    return;
  }
  // A button of a step already passed (an older wizard message): the wizard stays where it is.
  if (pressed.step !== parsed.data.step) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  const previous = pressed.value === BACK ? previousStep(parsed.data.step) : undefined;
  if (previous) {
    // What was chosen stays in the draft until it is chosen again, so the summary is never half empty.
    const data: MeetingDraftData = { ...parsed.data, step: previous };
    const view = await prompt(ctx, draft.nonce, data);
    await ctx.ui.answer();
    if (!view) return;
    await saveDraft(ctx, { kind: MEETING_DRAFT, nonce: draft.nonce, data });
    await ctx.ui.replace(view);
    return;
  }
  await advance(ctx, actor, draft.nonce, parsed.data, pressed.value, false);
});

meetingsFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind !== MEETING_DRAFT) return next();
  const parsed = meetingDraftSchema.safeParse(draft.data);
  const actor = await residenceStaffActor(ctx);
  if (!parsed.success || !actor) return next();
  const data = parsed.data;
  // Only these steps take typed answers; elsewhere the step's buttons are shown again.
  if (!['date', 'time', 'place', 'agenda'].includes(data.step)) {
    const view = await prompt(ctx, draft.nonce, data);
    if (view) await ctx.ui.reply(view);
    return;
  }
  await advance(ctx, actor, draft.nonce, data, ctx.message.text, true);
});
