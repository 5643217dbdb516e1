// feature: /cuochop (/meetings) — the residence staff's meeting menu (issue 16, item 8): « Đổi lịch » (new date →
// time → place → confirm, R8 warnings shown as on planning), « Huỷ cuộc họp » (reason → confirm), and answers
// recorded for a member who phoned or came in (member → answer → how they told). The session is a draft in
// the table, so a new Lambda container carries on; every invitee is told by the queued task (issue 19), not here.
import { Composer } from 'grammy';
import * as z from 'zod';
import { type Catalogue, meetingText } from '../../chat/i18n/index.js';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate } from '../../shared/domain/dates.js';
import { ConflictError } from '../../shared/domain/errors.js';
import {
  ABSENCE_CATEGORIES,
  type AbsenceCategory,
  type AnswerChannel,
} from '../../shared/domain/invitation.js';
import { hasStarted, type Meeting, meetingDateWarnings } from '../../shared/domain/meeting.js';
import { CANCEL_REASON_MAX } from '../../shared/domain/meeting-change.js';
import type { RsvpAnswer } from '../../shared/domain/rsvp.js';
import { textSchema } from '../../shared/schemas/common.js';
import { type OnBehalfPorts, recordAnswerOnBehalf } from '../../shared/services/answers-on-behalf.js';
import {
  cancelMeeting,
  type MeetingChangeRequestPorts,
  type MeetingChangeResult,
  rescheduleMeeting,
} from '../../shared/services/meeting-changes.js';
import { meetingTakingLateReasons, upcomingMeetings } from '../../shared/services/meetings.js';
import { residenceStaffActor, type StaffActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import {
  looksLikeTimeOrDate,
  parseTypedDate,
  parseTypedTime,
  TIME_CHOICES,
} from '../flows/meeting-wizard.js';
import { CHANGE_PATTERN, type ChangeOp, changeData, KEEP } from '../keyboards/meeting-changes.js';

export const meetingChangesFeature = new Composer<BotContext>();

export const MEETING_CHANGE_DRAFT = 'meeting_change';
const STEPS = [
  'menu',
  'date',
  'time',
  'place',
  'confirm_move',
  'reason',
  'confirm_cancel',
  'member',
  'answer',
  'via',
] as const;
type Step = (typeof STEPS)[number];
const draftSchema = z.object({
  step: z.enum(STEPS),
  meetingIds: z.array(z.string()),
  meetingId: z.string().optional(),
  date: z.string().optional(),
  time: z.string().optional(),
  place: z.string().optional(),
  reason: z.string().optional(),
  memberId: z.string().optional(),
  answer: z.string().optional(),
});
type Draft = z.infer<typeof draftSchema>;

export const MEMBERS_PAGE_SIZE = 8;
const CATEGORY_CODE: Record<AbsenceCategory, string> = { work: 'w', illness: 'i', family: 'f', other: 'o' };
const VIA_CODE: Record<AnswerChannel, string> = { phone: 'p', in_person: 'i', through_other: 'o' };

function changePorts(ctx: BotContext): MeetingChangeRequestPorts & OnBehalfPorts {
  const d = ctx.deps;
  return {
    ...d.ports,
    queue: d.queue,
    messenger: d.messenger,
    clock: d.clock,
    log: d.log,
  };
}

const labelled = (label: string, nonce: string, op: ChangeOp, value: string): ViewButton =>
  button(label, changeData.encode({ nonce, op, value }));

function answerOf(code: string | undefined): RsvpAnswer | undefined {
  if (code === 'a') return { kind: 'attending' };
  const category = ABSENCE_CATEGORIES.find((c) => CATEGORY_CODE[c] === code);
  return category ? { kind: 'absent', category } : undefined;
}

function answerLabel(t: Catalogue, answer: RsvpAnswer): string {
  return answer.kind === 'attending'
    ? t.invitation.attend
    : `${t.invitation.absent} — ${t.category(answer.category)}`;
}

async function meetingOf(ctx: BotContext, draft: Draft): Promise<Meeting | undefined> {
  return draft.meetingId ? ctx.deps.ports.meetings.get(draft.meetingId) : undefined;
}

/** The prompt of a step, with its buttons. */
async function prompt(ctx: BotContext, nonce: string, draft: Draft, page = 0): Promise<ViewMessage> {
  const t = ctx.t.meetingChange;
  const abort = [labelled(t.abort, nonce, 'x', '')];
  const meeting = await meetingOf(ctx, draft);
  switch (draft.step) {
    case 'menu': {
      const meetings = (
        await Promise.all(draft.meetingIds.map((id) => ctx.deps.ports.meetings.get(id)))
      ).filter((m): m is Meeting => m !== undefined);
      const several = meetings.length > 1;
      const suffix = (m: Meeting) => (several ? ` (${formatVietnameseDate(m.date)})` : '');
      const now = ctx.deps.clock.now();
      return message(
        meetings
          .map((m) => (hasStarted(m, now) ? t.menuStarted(meetingText(m)) : t.menu(meetingText(m))))
          .join('\n\n'),
        [
          ...meetings.flatMap((m, i) =>
            // R9: a meeting under way (minutes not signed) takes only an absentee's reason.
            hasStarted(m, now)
              ? [[labelled(`${t.lateReasonButton}${suffix(m)}`, nonce, 'behalf', String(i))]]
              : [
                  [
                    labelled(`${t.moveButton}${suffix(m)}`, nonce, 'move', String(i)),
                    labelled(`${t.cancelButton}${suffix(m)}`, nonce, 'cancel', String(i)),
                  ],
                  [labelled(`${t.onBehalfButton}${suffix(m)}`, nonce, 'behalf', String(i))],
                ],
          ),
          abort,
        ],
      );
    }
    case 'date':
      return message(t.askDate(formatVietnameseDate(meeting?.date ?? '')), [
        [labelled(t.keep, nonce, 'date', KEEP)],
        abort,
      ]);
    case 'time':
      return message(t.askTime(meeting?.time ?? ''), [
        TIME_CHOICES.map((time) => labelled(time, nonce, 'time', time.replace(':', ''))),
        [labelled(t.keep, nonce, 'time', KEEP)],
        abort,
      ]);
    case 'place':
      return message(t.askPlace(meeting?.place ?? ''), [[labelled(t.keep, nonce, 'place', KEEP)], abort]);
    case 'confirm_move': {
      if (!meeting) return message(t.expired);
      const after = {
        ...meeting,
        date: draft.date ?? meeting.date,
        time: draft.time ?? meeting.time,
        place: draft.place ?? meeting.place,
      };
      const lines = [t.summary(meetingText(meeting), meetingText(after))];
      // R8: the new date is checked as a planned one is.
      const warnings = meetingDateWarnings(after.date, meeting.round, meeting.year);
      if (warnings.length > 0)
        lines.push('', t.warningsHeader, ...warnings.map((w) => `• ${ctx.t.meeting.warning(w)}`));
      return message(lines.join('\n'), [[labelled(t.confirm, nonce, 'ok', ''), ...abort]]);
    }
    case 'reason':
      return message(t.askReason, [abort]);
    case 'confirm_cancel':
      if (!meeting) return message(t.expired);
      return message(t.confirmCancel(meetingText(meeting), draft.reason ?? ''), [
        [labelled(t.confirm, nonce, 'ok', ''), ...abort],
      ]);
    case 'member': {
      const id = draft.meetingId ?? '';
      const total = (await countSheet(ctx, id)) || 0;
      if (total === 0) return message(t.noInvitees);
      const pages = Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE));
      const at = Math.min(Math.max(0, page), pages - 1);
      const before =
        at > 0
          ? (await ctx.deps.ports.invitations.sheet(id, { limit: at * MEMBERS_PAGE_SIZE })).cursor
          : undefined;
      const rows = await ctx.deps.ports.invitations.sheet(id, {
        limit: MEMBERS_PAGE_SIZE,
        cursor: before || undefined,
      });
      const mark = (rsvp: string) => (rsvp === 'attending' ? ' ✓' : rsvp === 'absent' ? ' ✗' : '');
      const nav: ViewButton[] = [];
      if (at > 0) nav.push(labelled(t.previous, nonce, 'page', String(at - 1)));
      if (at < pages - 1) nav.push(labelled(t.next, nonce, 'page', String(at + 1)));
      return message(t.pickMember(at + 1, pages), [
        ...rows.items.map((i) => [labelled(`${i.memberName}${mark(i.rsvp)}`, nonce, 'm', i.memberId)]),
        ...(nav.length > 0 ? [nav] : []),
        abort,
      ]);
    }
    case 'answer': {
      const invitation = await ctx.deps.ports.invitations.get(draft.meetingId ?? '', draft.memberId ?? '');
      // Once the meeting has started, whether the member came is the sheet's: only a reason is offered.
      const started = meeting ? hasStarted(meeting, ctx.deps.clock.now()) : false;
      return message(t.pickAnswer(invitation?.memberName ?? ''), [
        ...(started ? [] : [[labelled(ctx.t.invitation.attend, nonce, 'ans', 'a')]]),
        ...ABSENCE_CATEGORIES.map((c) => [
          labelled(answerLabel(ctx.t, { kind: 'absent', category: c }), nonce, 'ans', CATEGORY_CODE[c]),
        ]),
        abort,
      ]);
    }
    case 'via': {
      const invitation = await ctx.deps.ports.invitations.get(draft.meetingId ?? '', draft.memberId ?? '');
      return message(t.pickVia(invitation?.memberName ?? ''), [
        (['phone', 'in_person', 'through_other'] as const).map((v) =>
          labelled(t.via(v), nonce, 'via', VIA_CODE[v]),
        ),
        abort,
      ]);
    }
  }
}

async function countSheet(ctx: BotContext, meetingId: string): Promise<number> {
  let n = 0;
  for await (const _ of ctx.deps.ports.invitations.streamSheet(meetingId)) n += 1;
  return n;
}

/**
 * The answer at once (issue 19): the change is saved and its telling queued; R8's warnings on the new date
 * show now, the numbers and the paper list come as a notice when the worker has told everyone.
 */
function answerView(t: Catalogue, result: MeetingChangeResult): ViewMessage {
  const m = meetingText(result.meeting);
  const c = t.meetingChange;
  const cancelled = result.meeting.status === 'cancelled';
  const lines = [cancelled ? c.cancelQueued(m) : result.queued ? c.moveQueued(m) : c.nothingChanged];
  if (result.warnings.length > 0)
    lines.push('', c.warningsHeader, ...result.warnings.map((w) => `• ${t.meeting.warning(w)}`));
  return message(lines.join('\n'));
}

function refusal(t: Catalogue, error: unknown): string | undefined {
  if (!(error instanceof ConflictError)) return undefined;
  if (error.code === 'meeting_held') return t.meetingChange.refusedHeld;
  if (error.code === 'meeting_cancelled') return t.meetingChange.refusedCancelled;
  if (error.code === 'meeting_started') return t.meetingChange.refusedStarted;
  if (error.code === 'minutes_signed') return t.meetingChange.refusedSigned;
  if (error.code === 'recorded_present') return t.meetingChange.refusedPresent;
  return undefined;
}

async function save(ctx: BotContext, nonce: string, data: Draft): Promise<void> {
  await saveDraft(ctx, { kind: MEETING_CHANGE_DRAFT, nonce, data });
}

/** Moves the session on: the next step's prompt, in place of the pressed message or as a reply to typed text. */
async function show(ctx: BotContext, typed: boolean, view: ViewMessage): Promise<void> {
  if (typed) {
    await ctx.ui.reply(view);
    return;
  }
  await ctx.ui.answer();
  await ctx.ui.replace(view);
}

async function step(
  ctx: BotContext,
  actor: StaffActor,
  nonce: string,
  draft: Draft,
  op: ChangeOp,
  value: string,
  typed: boolean,
): Promise<void> {
  const t = ctx.t.meetingChange;
  const now = ctx.deps.clock.now();
  const go = async (data: Draft, page = 0) => {
    await save(ctx, nonce, data);
    await show(ctx, typed, await prompt(ctx, nonce, data, page));
  };
  const problem = async (text: string) => {
    if (typed) await ctx.ui.reply(message(text, (await prompt(ctx, nonce, draft)).keyboard));
    else await ctx.ui.answer(text, { alert: true });
  };
  const finish = async (view: ViewMessage) => {
    await clearDraft(ctx);
    await show(ctx, typed, view);
  };
  try {
    if (draft.step === 'menu' && (op === 'move' || op === 'cancel' || op === 'behalf')) {
      const meetingId = draft.meetingIds[Number(value)];
      if (!meetingId) return problem(ctx.t.errors.staleButton);
      const next: Step = op === 'move' ? 'date' : op === 'cancel' ? 'reason' : 'member';
      return go({ ...draft, meetingId, step: next });
    }
    if (draft.step === 'date' && op === 'date') {
      const meeting = await meetingOf(ctx, draft);
      const date = value === KEEP ? meeting?.date : parseTypedDate(value, meeting?.year ?? 0, now);
      if (!date) return problem(t.badDate);
      return go({ ...draft, date, step: 'time' });
    }
    if (draft.step === 'time' && op === 'time') {
      const meeting = await meetingOf(ctx, draft);
      const time =
        value === KEEP
          ? meeting?.time
          : parseTypedTime(typed ? value : `${value.slice(0, 2)}:${value.slice(2)}`);
      if (!time) return problem(t.badTime);
      return go({ ...draft, time, step: 'place' });
    }
    if (draft.step === 'place' && op === 'place') {
      const meeting = await meetingOf(ctx, draft);
      if (typed && looksLikeTimeOrDate(value)) return problem(t.badPlace);
      const parsed = textSchema(300).safeParse(value === KEEP && !typed ? (meeting?.place ?? '') : value);
      if (!parsed.success) return problem(t.badPlace);
      const next = { ...draft, place: parsed.data, step: 'confirm_move' as const };
      if (meeting && next.date === meeting.date && next.time === meeting.time && next.place === meeting.place)
        return finish(message(t.nothingChanged));
      return go(next);
    }
    if (draft.step === 'confirm_move' && op === 'ok') {
      const result = await rescheduleMeeting(
        actor.principal,
        draft.meetingId ?? '',
        {
          date: draft.date || undefined,
          time: draft.time || undefined,
          place: draft.place || undefined,
        },
        changePorts(ctx),
      );
      return finish(answerView(ctx.t, result));
    }
    if (draft.step === 'reason' && op === 'place' && typed) {
      const parsed = textSchema(CANCEL_REASON_MAX).safeParse(value);
      if (!parsed.success) return problem(t.badReason);
      return go({ ...draft, reason: parsed.data, step: 'confirm_cancel' });
    }
    if (draft.step === 'confirm_cancel' && op === 'ok') {
      const result = await cancelMeeting(
        actor.principal,
        draft.meetingId ?? '',
        draft.reason ?? '',
        changePorts(ctx),
      );
      return finish(answerView(ctx.t, result));
    }
    if (draft.step === 'member' && op === 'page') return go(draft, Number(value) || 0);
    if (draft.step === 'member' && op === 'm') return go({ ...draft, memberId: value, step: 'answer' });
    if (draft.step === 'answer' && op === 'ans' && answerOf(value))
      return go({ ...draft, answer: value, step: 'via' });
    if (draft.step === 'via' && op === 'via') {
      const answer = answerOf(draft.answer);
      const via = (Object.keys(VIA_CODE) as AnswerChannel[]).find((v) => VIA_CODE[v] === value);
      if (!answer || !via) return problem(ctx.t.errors.staleButton);
      const result = await recordAnswerOnBehalf(
        actor.principal,
        draft.meetingId ?? '',
        draft.memberId ?? '',
        { answer, via },
        changePorts(ctx),
      );
      return finish(
        message(
          result.changed
            ? t.recorded(result.invitation.memberName, answerLabel(ctx.t, answer), result.memberTold)
            : t.unchanged,
        ),
      );
    }
    // A button of a step already passed, or text where a button is expected: the step is shown again.
    if (typed) await ctx.ui.reply(await prompt(ctx, nonce, draft));
    else await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
  } catch (error) {
    const text = refusal(ctx.t, error);
    if (!text) throw error;
    await finish(message(text));
  }
}

meetingChangesFeature.command(['cuochop', 'meetings'], async (ctx) => {
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.meetingChange.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const ports = { meetings: ctx.deps.ports.meetings, minutes: ctx.deps.ports.minutes, clock: ctx.deps.clock };
  const [underWay, upcoming] = await Promise.all([
    meetingTakingLateReasons(actor.staff.orgId, ports),
    upcomingMeetings(actor.staff.orgId, ports),
  ]);
  const meetings = [...(underWay ? [underWay] : []), ...upcoming];
  if (meetings.length === 0) {
    await ctx.ui.reply(message(ctx.t.meetingChange.noMeetings));
    return;
  }
  const nonce = newNonce();
  const draft: Draft = { step: 'menu', meetingIds: meetings.map((m) => m.id) };
  await save(ctx, nonce, draft);
  await ctx.ui.reply(await prompt(ctx, nonce, draft));
});

async function sessionOf(ctx: BotContext) {
  const stored = await ctx.draft();
  if (stored?.kind !== MEETING_CHANGE_DRAFT) return undefined;
  const parsed = draftSchema.safeParse(stored.data);
  return parsed.success ? { nonce: stored.nonce, draft: parsed.data } : undefined;
}

meetingChangesFeature.callbackQuery(CHANGE_PATTERN, async (ctx, next) => {
  const pressed = changeData.decode(ctx.callbackQuery.data);
  if (!pressed) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(ctx.t.meetingChange.notResidenceStaff, { alert: true });
    return;
  }
  const session = await sessionOf(ctx);
  if (!session || session.nonce !== pressed.nonce) {
    await ctx.ui.answer(ctx.t.meetingChange.expired, { alert: true });
    return;
  }
  if (pressed.op === 'x') {
    await clearDraft(ctx);
    await ctx.ui.answer();
    await ctx.ui.replace(message(ctx.t.meetingChange.aborted));
    return;
  }
  await step(ctx, actor, session.nonce, session.draft, pressed.op, pressed.value, false);
});

/** Typed answers: the new date, time or place, and the reason of a cancellation. */
const TYPED: Partial<Record<Step, ChangeOp>> = {
  date: 'date',
  time: 'time',
  place: 'place',
  reason: 'place',
};

meetingChangesFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const session = await sessionOf(ctx);
  if (!session) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) return next();
  const op = TYPED[session.draft.step];
  if (!op) {
    await ctx.ui.reply(await prompt(ctx, session.nonce, session.draft));
    return;
  }
  await step(ctx, actor, session.nonce, session.draft, op, ctx.message.text, true);
});
