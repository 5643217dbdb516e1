// feature: /bienban (/minutes) — residence staff write the minutes part by part (R15): the parts in the
// protocol's order with their state and the auto-filled sections; a picked part takes the staff member's
// next plain message (kept as a draft in the table). /ky (/sign): the chair and the secretary sign (R16);
// the second signature seals the minutes and the PDF goes to both of them. Sealed minutes are corrected by an
// addendum only: one signer writes and signs it, the other countersigns it (R16).
import { Composer } from 'grammy';
import {
  ADDENDUM_PATTERN,
  addendumData,
  MINUTES_PATTERN,
  minutesData,
} from '../../chat/keyboards/minutes.js';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate } from '../../shared/domain/dates.js';
import { awaitedSigner, MINUTES_PART_LABELS } from '../../shared/domain/meeting-protocol.js';
import { MINUTES_PARTS, type MinutesPart } from '../../shared/domain/minutes.js';
import type { Principal } from '../../shared/domain/roles.js';
import { checkSignatureNow, getMinutes, writeMinutesPart } from '../../shared/services/minutes.js';
import { countersignMinutesAddendum, proposeMinutesAddendum } from '../../shared/services/minutes-addenda.js';
import { queueMinutesSignature } from '../../shared/services/minutes-sign-task.js';
import { residenceStaffActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import { currentMeeting } from './attendance.js';

export const minutesFeature = new Composer<BotContext>();

export const MINUTES_DRAFT = 'minutes_part';
export const ADDENDUM_DRAFT = 'minutes_addendum';

function recordPorts(ctx: BotContext) {
  const p = ctx.deps.ports;
  return {
    committees: p.committees,
    invitations: p.invitations,
    comments: p.comments,
    evaluations: p.evaluations,
    members: p.members,
    meetings: p.meetings,
    minutes: p.minutes,
    staff: p.staff,
    absenceNotices: p.absenceNotices,
    counters: p.counters,
    clock: ctx.deps.clock,
  };
}

function partTitle(ctx: BotContext, part: MinutesPart): { number: string; title: string } {
  const label = MINUTES_PART_LABELS[part];
  return { number: label.number, title: ctx.t.language === 'en' ? label.en : label.vi };
}

async function minutesView(ctx: BotContext, principal: Principal, meetingId: string): Promise<ViewMessage> {
  const view = await getMinutes(recordPorts(ctx), principal, meetingId);
  const t = ctx.t.minutes;
  const lines = [t.header(formatVietnameseDate(view.meeting.date), view.state), ''];
  for (const part of view.parts) {
    const { number, title } = partTitle(ctx, part.part);
    lines.push(t.part(number, title, Boolean(part.text?.trim())));
    if (part.filledIn) lines.push(t.filledIn(part.filledIn));
  }
  lines.push('', t.signatures(view.signatures.chair?.name, view.signatures.secretary?.name));
  if (view.state === 'sealed') return sealedView(ctx, principal, view, lines);
  lines.push(t.pick);
  const rows: ViewButton[][] = [];
  for (let i = 0; i < view.parts.length; i += 2) {
    rows.push(
      view.parts.slice(i, i + 2).map((part) => {
        const { number, title } = partTitle(ctx, part.part);
        return button(t.partButton(number, title), minutesData.encode(meetingId, part.part));
      }),
    );
  }
  return message(lines.join('\n'), rows);
}

/**
 * R16: sealed minutes are never edited. Their addenda are listed; the two signers may write one (when none
 * waits) or countersign the one that waits for them.
 */
function sealedView(
  ctx: BotContext,
  principal: Principal,
  view: Awaited<ReturnType<typeof getMinutes>>,
  lines: string[],
): ViewMessage {
  const t = ctx.t.minutes;
  for (const addendum of view.addenda)
    lines.push(t.addendumLine(addendum.seq, addendum.text, awaitedSigner(addendum)));
  const capacity =
    view.signatures.chair?.staffId === principal.sub
      ? 'chair'
      : view.signatures.secretary?.staffId === principal.sub
        ? 'secretary'
        : undefined;
  if (!capacity) return message(lines.join('\n'));
  lines.push('', t.sealedHint);
  const pending = view.addenda.find((a) => awaitedSigner(a) !== undefined);
  const buttons: ViewButton[] = [];
  if (!pending)
    buttons.push(button(t.addendumNew, addendumData.encode({ meetingId: view.meetingId, action: 'new' })));
  else if (awaitedSigner(pending) === capacity) {
    buttons.push(
      button(
        t.addendumSign(pending.seq),
        addendumData.encode({ meetingId: view.meetingId, action: 'sign', seq: pending.seq }),
      ),
    );
  }
  return message(lines.join('\n'), buttons.length > 0 ? [buttons] : undefined);
}

async function meetingOf(ctx: BotContext, orgId: string) {
  return currentMeeting(await ctx.deps.ports.meetings.ofCommittee(orgId), ctx.deps.clock.now());
}

minutesFeature.command(['bienban', 'minutes'], async (ctx) => {
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.minutes.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const meeting = await meetingOf(ctx, actor.staff.orgId);
  if (!meeting) {
    await ctx.ui.reply(message(ctx.t.minutes.noMeeting));
    return;
  }
  await ctx.ui.reply(await minutesView(ctx, actor.principal, meeting.id));
});

minutesFeature.callbackQuery(MINUTES_PATTERN, async (ctx, next) => {
  const action = minutesData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(ctx.t.minutes.notResidenceStaff, { alert: true });
    return;
  }
  // Reading checks the staff may see this meeting's minutes before the choice is kept.
  const view = await getMinutes(recordPorts(ctx), actor.principal, action.meetingId);
  await saveDraft(ctx, {
    kind: MINUTES_DRAFT,
    nonce: newNonce(),
    data: { meetingId: action.meetingId, part: action.part },
  });
  await ctx.ui.answer();
  const { number, title } = partTitle(ctx, action.part);
  const current = view.parts.find((p) => p.part === action.part)?.text;
  await ctx.ui.reply(message(ctx.t.minutes.prompt(number, title, current)));
});

// R16: "write an addendum" keeps a draft for the next message; "countersign" signs the one that waits.
minutesFeature.callbackQuery(ADDENDUM_PATTERN, async (ctx, next) => {
  const action = addendumData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(ctx.t.minutes.notResidenceStaff, { alert: true });
    return;
  }
  if (action.action === 'new') {
    // Reading checks the staff may see this meeting's minutes before the draft is kept.
    await getMinutes(recordPorts(ctx), actor.principal, action.meetingId);
    await saveDraft(ctx, { kind: ADDENDUM_DRAFT, nonce: newNonce(), data: { meetingId: action.meetingId } });
    await ctx.ui.answer();
    await ctx.ui.reply(message(ctx.t.minutes.addendumPrompt));
    return;
  }
  const signed = await countersignMinutesAddendum(
    recordPorts(ctx),
    actor.principal,
    action.meetingId,
    action.seq,
  );
  await ctx.ui.answer();
  await ctx.ui.reply(message(ctx.t.minutes.addendumCountersigned(signed.addendum.seq)));
});

minutesFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind === ADDENDUM_DRAFT) {
    const meetingId = typeof draft.data.meetingId === 'string' ? draft.data.meetingId : '';
    const actor = await residenceStaffActor(ctx);
    await clearDraft(ctx);
    if (!actor || !meetingId) return next();
    const proposed = await proposeMinutesAddendum(
      recordPorts(ctx),
      actor.principal,
      meetingId,
      ctx.message.text,
    );
    await ctx.ui.reply(message(ctx.t.minutes.addendumProposed(proposed.addendum.seq, proposed.awaiting)));
    return;
  }
  if (draft?.kind !== MINUTES_DRAFT) return next();
  const meetingId = typeof draft.data.meetingId === 'string' ? draft.data.meetingId : '';
  const part = MINUTES_PARTS.find((p) => p === draft.data.part);
  const actor = await residenceStaffActor(ctx);
  await clearDraft(ctx);
  if (!actor || !meetingId || !part) return next();
  const written = await writeMinutesPart(
    { meetings: ctx.deps.ports.meetings, minutes: ctx.deps.ports.minutes },
    actor.principal,
    meetingId,
    part,
    ctx.message.text,
  );
  const { number, title } = partTitle(ctx, part);
  await ctx.ui.reply(message(ctx.t.minutes.written(number, title, written.signaturesWithdrawn)));
  await ctx.ui.reply(await minutesView(ctx, actor.principal, meetingId));
});

minutesFeature.command(['ky', 'sign'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || (actor.staff.role !== 'chair' && actor.staff.role !== 'secretary')) {
    await ctx.ui.reply(message(actor ? ctx.t.minutes.notSigner : ctx.t.errors.notLinked));
    return;
  }
  const as = actor.staff.role;
  const meeting = await meetingOf(ctx, actor.staff.orgId);
  const user = ctx.chatUser;
  if (!meeting || !user) {
    await ctx.ui.reply(message(ctx.t.minutes.noMeeting));
    return;
  }
  // Refused here at once when it cannot be signed now; freezing every member's row, sealing, the R10 notices
  // and the PDF are the worker's (issue 19), which edits this message into the outcome.
  await checkSignatureNow(
    { minutes: ctx.deps.ports.minutes, clock: ctx.deps.clock },
    actor.principal,
    meeting,
    as,
  );
  const messageId = await ctx.ui.reply(message(ctx.t.minutes.signing));
  await queueMinutesSignature({ queue: ctx.deps.queue }, actor.principal, meeting, as, {
    channel: user.channel,
    chatId: user.chatId,
    messageId: messageId || undefined,
    languageCode: user.languageCode || undefined,
  });
});
