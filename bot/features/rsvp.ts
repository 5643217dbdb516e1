// feature: the member answers an invitation — "Tham dự", or "Vắng mặt" with a reason category and an optional text (R9).
import { Composer, type MiddlewareFn } from 'grammy';
import * as z from 'zod';
import { RSVP_PATTERN, type RsvpAction, rsvpData } from '../../chat/keyboards/rsvp.js';
import { answerOf, type InvitationMode, invitationView, letterMeeting } from '../../chat/notices.js';
import { message, type ViewMessage } from '../../chat/view.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { ABSENCE_TEXT_MAX } from '../../shared/domain/invitation.js';
import { hasStarted, type Meeting } from '../../shared/domain/meeting.js';
import { absenceTextProblem, assertMayAnswer } from '../../shared/domain/rsvp.js';
import {
  pressAttend,
  type RsvpPorts,
  recordAnswer,
  submitAbsenceReason,
} from '../../shared/services/rsvp.js';
import { answeringLast } from '../answer-in-response.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';

export const rsvpFeature = new Composer<BotContext>();

/** The dialogue after a category is chosen: the next text message is the reason's explanation. */
export const ABSENCE_TEXT_DRAFT = 'absence_text';
const absenceDraftSchema = z.object({ meetingId: z.string(), messageId: z.string().optional() });

function rsvpPorts(ctx: BotContext): RsvpPorts {
  return {
    meetings: ctx.deps.ports.meetings,
    invitations: ctx.deps.ports.invitations,
    clock: ctx.deps.clock,
    metrics: ctx.deps.metrics,
  };
}

async function view(ctx: BotContext, meeting: Meeting, invitation: Invitation, mode: InvitationMode) {
  const committee = await ctx.deps.ports.committees.get(meeting.residenceOrgId);
  return invitationView(ctx.t, {
    meeting,
    committeeName: committee?.name ?? meeting.residenceOrgId,
    memberName: invitation.memberName,
    memberId: invitation.memberId,
    answer: answerOf(invitation),
    mode: hasStarted(meeting, ctx.deps.clock.now()) ? 'started' : mode,
    optional: invitation.optional || undefined,
  });
}

async function absenceDraftFor(ctx: BotContext, meetingId: string) {
  const draft = await ctx.draft();
  if (draft?.kind !== ABSENCE_TEXT_DRAFT) return undefined;
  const data = absenceDraftSchema.safeParse(draft.data);
  return data.success && data.data.meetingId === meetingId ? data.data : undefined;
}

/**
 * The press's toast and the invitation's new state, sent side by side: Telegram needs neither first, and
 * each is a round trip to the Bot API (the longest part of a press in AWS).
 */
async function answerAndShow(ctx: BotContext, toast: string, updated: ViewMessage): Promise<void> {
  await Promise.all([ctx.ui.answer(toast), ctx.ui.replace(updated)]);
}

/** Shows the invitation as it stands (the meeting started, the member not invited) after a refused press. */
async function refuse(ctx: BotContext, action: RsvpAction, text: string): Promise<void> {
  await ctx.ui.answer(text, { alert: true });
  const actor = await ctx.actor();
  if (actor?.kind !== 'member') return;
  const meeting = await ctx.deps.ports.meetings.get(action.meetingId);
  const invitation = await ctx.deps.ports.invitations.get(action.meetingId, actor.member.id);
  if (meeting && invitation) await ctx.ui.replace(await view(ctx, meeting, invitation, 'answer'));
}

async function handle(ctx: BotContext, action: RsvpAction, memberId: string): Promise<void> {
  const ports = rsvpPorts(ctx);
  const { meetingId } = action;
  switch (action.kind) {
    case 'attend': {
      // The most pressed button: the reads that do not depend on the answer go alongside it.
      const [result, draft] = await Promise.all([
        recordAnswer(memberId, meetingId, { kind: 'attending' }, ports),
        absenceDraftFor(ctx, meetingId),
      ]);
      const [, updated] = await Promise.all([
        draft ? clearDraft(ctx) : undefined,
        view(ctx, result.meeting, result.invitation, 'answer'),
      ]);
      await answerAndShow(ctx, result.changed ? ctx.t.rsvp.recordedAttending : ctx.t.rsvp.unchanged, updated);
      return;
    }
    case 'absent':
    case 'back': {
      const meeting = await ctx.deps.ports.meetings.get(meetingId);
      const invitation = await ctx.deps.ports.invitations.get(meetingId, memberId);
      if (!meeting || !invitation) {
        await ctx.ui.answer(ctx.t.invitation.notInvited, { alert: true });
        return;
      }
      assertMayAnswer(meeting, ctx.deps.clock.now());
      await ctx.ui.answer();
      await ctx.ui.replace(
        await view(ctx, meeting, invitation, action.kind === 'absent' ? 'choose_category' : 'answer'),
      );
      return;
    }
    case 'category': {
      const result = await recordAnswer(
        memberId,
        meetingId,
        { kind: 'absent', category: action.category },
        ports,
      );
      const source = ctx.ui.sourceMessageId;
      await saveDraft(ctx, {
        kind: ABSENCE_TEXT_DRAFT,
        nonce: newNonce(),
        data: { meetingId, messageId: source || undefined },
      });
      await answerAndShow(
        ctx,
        ctx.t.rsvp.recordedAbsent(action.category),
        await view(ctx, result.meeting, result.invitation, 'ask_text'),
      );
      return;
    }
    case 'skip': {
      if (!(await absenceDraftFor(ctx, meetingId))) {
        await refuse(ctx, action, ctx.t.rsvp.alreadySubmitted);
        return;
      }
      const result = await submitAbsenceReason(memberId, meetingId, undefined, ports);
      await clearDraft(ctx);
      await answerAndShow(
        ctx,
        ctx.t.rsvp.submitted,
        await view(ctx, result.meeting, result.invitation, 'answer'),
      );
      return;
    }
  }
}

/**
 * Issue 19: "Tham dự" under a letter whose button names its member costs one read and one transaction
 * (pressAttend), installed before the chain's own claim and actor look-up, whose work it does in that
 * transaction. The toast goes back in the webhook's response (grammY's webhook reply, bot/create-bot.ts) and
 * the letter is edited with one call, rendered from the invitation's copy of it. Anything else — an older
 * button, a letter without the copy, a started, moved or cancelled meeting, a race, a redelivery — goes on
 * to the chain and the feature below, which read what they need.
 */
export function attendPressShortcut(
  claimOf: (ctx: BotContext) => { scope: string; key: string; ttlSeconds: number } | undefined,
): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const data = ctx.callbackQuery?.data;
    const user = ctx.chatUser;
    const presses = ctx.deps.ports.rsvpPresses;
    // Private chats only, as the chain drops the rest.
    if (!data || !user || !presses || (ctx.chat && ctx.chat.type !== 'private')) return next();
    const action = rsvpData.decode(data);
    if (action?.kind !== 'attend' || !action.memberId) return next();
    const claim = claimOf(ctx);
    if (!claim) return next();
    const { meetingId, memberId } = action;
    const result = await pressAttend(
      {
        channel: user.channel,
        userId: user.userId,
        meetingId,
        memberId,
        claim,
        endsDraft: (draft) =>
          draft.kind === ABSENCE_TEXT_DRAFT &&
          absenceDraftSchema.safeParse(draft.data).data?.meetingId === meetingId,
      },
      { presses, clock: ctx.deps.clock, metrics: ctx.deps.metrics },
    );
    if (result.kind === 'fallback') return next();
    const { invitation, changed } = result;
    const meeting = letterMeeting(meetingId, invitation.letter);
    try {
      const toast = changed ? ctx.t.rsvp.recordedAttending : ctx.t.rsvp.unchanged;
      if (!meeting) {
        await answeringLast(() => ctx.ui.answer(toast));
        return;
      }
      const letter = invitationView(ctx.t, {
        meeting,
        committeeName: invitation.letter.committeeName,
        memberName: invitation.memberName,
        memberId,
        answer: answerOf(invitation),
        mode: 'answer',
        optional: invitation.optional || undefined,
      });
      await answeringLast(() => answerAndShow(ctx, toast, letter));
    } catch (error) {
      // The answer is stored and the update claimed: a failed edit is not worth Telegram's retry (skipped anyway).
      ctx.deps.log.warn('rsvp press not shown', { errorName: (error as Error)?.name }, error);
    }
  };
}

rsvpFeature.callbackQuery(RSVP_PATTERN, async (ctx, next) => {
  const action = rsvpData.decode(ctx.callbackQuery.data);
  if (!action) return next(); // unknown shape: the catch-all answers it as stale
  const actor = await ctx.actor();
  // Every RSVP step, refusals included, answers its press after its reads and writes, beside at most one edit:
  // the answer may ride in the webhook's response (issue 19).
  await answeringLast(async () => {
    if (actor?.kind !== 'member') {
      await ctx.ui.answer(actor ? ctx.t.invitation.notInvited : ctx.t.errors.notLinked, { alert: true });
      return;
    }
    try {
      await handle(ctx, action, actor.member.id);
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'meeting_started') {
        await refuse(ctx, action, ctx.t.errors.meetingStarted);
        return;
      }
      if (error instanceof ConflictError && error.code === 'no_absence') {
        await refuse(ctx, action, ctx.t.rsvp.alreadySubmitted);
        return;
      }
      // A press on the letter of a meeting called off: the letter shows the cancellation instead (issue 16).
      if (error instanceof ConflictError && error.code === 'meeting_cancelled') {
        await refuse(ctx, action, ctx.t.meetingChange.refusedCancelled);
        return;
      }
      throw error;
    }
  });
});

// The explanation of an absence, typed after choosing the category.
rsvpFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind !== ABSENCE_TEXT_DRAFT) return next();
  const data = absenceDraftSchema.safeParse(draft.data);
  const actor = await ctx.actor();
  if (!data.success || actor?.kind !== 'member') {
    await clearDraft(ctx);
    return next();
  }
  const text = ctx.message.text;
  const problem = absenceTextProblem(text);
  if (problem === 'too_long') {
    await ctx.ui.reply(
      message(ctx.t.rsvp.textTooLong(ABSENCE_TEXT_MAX, [...text.normalize('NFC').trim()].length)),
    );
    return;
  }
  if (problem === 'empty') {
    await ctx.ui.reply(message(ctx.t.rsvp.textEmpty));
    return;
  }
  try {
    const result = await submitAbsenceReason(actor.member.id, data.data.meetingId, text, rsvpPorts(ctx));
    await clearDraft(ctx);
    await ctx.ui.reply(message(ctx.t.rsvp.submitted));
    // The invitation above no longer needs its "Bỏ qua" button.
    if (data.data.messageId) {
      await ctx.ui.edit(data.data.messageId, await view(ctx, result.meeting, result.invitation, 'answer'));
    }
  } catch (error) {
    if (error instanceof ConflictError && (error.code === 'meeting_started' || error.code === 'no_absence')) {
      await clearDraft(ctx);
      await ctx.ui.reply(
        message(error.code === 'meeting_started' ? ctx.t.errors.meetingStarted : ctx.t.rsvp.alreadySubmitted),
      );
      return;
    }
    throw error;
  }
});
