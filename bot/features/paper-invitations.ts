// feature: «In giấy mời» under the paper list (R9, issue 16 item 8) — the letters of the members no message
// reached, one PDF, a letter to a page. The list is the members on paper at the press: one who linked a chat
// since is not printed. A PDF feature: only the webhook installs it (bot/year-end.ts).
import { Composer } from 'grammy';
import { meetingText } from '../../chat/i18n/index.js';
import { PAPER_PATTERN, paperData } from '../../chat/keyboards/invitations.js';
import { message } from '../../chat/view.js';
import { createPaperInvitationsPdfRenderer } from '../../shared/adapters/documents/paper-invitations-pdf.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { printPaperInvitations } from '../../shared/services/paper-invitations.js';
import { residenceStaffActor } from '../actors.js';
import type { BotContext } from '../context.js';

export const paperInvitationsFeature = new Composer<BotContext>();

paperInvitationsFeature.callbackQuery(PAPER_PATTERN, async (ctx, next) => {
  const meetingId = paperData.decode(ctx.callbackQuery.data);
  if (!meetingId) return next();
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(ctx.t.invite.notResidenceStaff, { alert: true });
    return;
  }
  await ctx.ui.answer();
  const p = ctx.deps.ports;
  const file = await printPaperInvitations(actor.principal, meetingId, 'paper', {
    meetings: p.meetings,
    invitations: p.invitations,
    committees: p.committees,
    staff: p.staff,
    counters: p.counters,
    clock: ctx.deps.clock,
    pdf: createPaperInvitationsPdfRenderer(),
  }).catch((error: unknown) => {
    if (error instanceof ConflictError && error.code === 'meeting_cancelled') return undefined;
    throw error;
  });
  if (!file || file.letters === 0) {
    await ctx.ui.reply(message(file ? ctx.t.paperInvitations.nobody : ctx.t.paperInvitations.cancelled));
    return;
  }
  const meeting = await p.meetings.get(meetingId);
  await ctx.ui.reply({
    kind: 'document',
    fileName: file.fileName,
    mimeType: 'application/pdf',
    bytes: file.bytes,
    ...(meeting ? { caption: ctx.t.paperInvitations.caption(meetingText(meeting), file.letters) } : {}),
  });
});
