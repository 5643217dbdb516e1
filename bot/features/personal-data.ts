// feature: /dulieu (/mydata) — a member sees everything the system holds about them (Law 91/2025, the right to
// see one's data): a short summary in the chat and the full record as a PDF (Vietnamese).
import { Composer } from 'grammy';
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { button, message } from '../../chat/view.js';
import { loadFont } from '../../shared/adapters/documents/fonts.js';
import { renderPersonalDataPdf } from '../../shared/adapters/documents/personal-data-pdf.js';
import { formatVietnameseDate, localDateTime } from '../../shared/domain/dates.js';
import { requestDeletion } from '../../shared/services/deletion-requests.js';
import { personalDataOf } from '../../shared/services/personal-data.js';
import type { BotContext } from '../context.js';

export const personalDataFeature = new Composer<BotContext>();

/** «Yêu cầu xoá dữ liệu» under the summary: `dl1|req`. */
const DELETION = 'dl1';

personalDataFeature.command(['dulieu', 'mydata'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'member') {
    await ctx.ui.reply(message(actor ? ctx.t.personalData.notMember : ctx.t.errors.notLinked));
    return;
  }
  const p = ctx.deps.ports;
  const data = await personalDataOf(
    {
      members: p.members,
      committees: p.committees,
      introductions: p.introductions,
      invitations: p.invitations,
      comments: p.comments,
      evaluations: p.evaluations,
      chatLinks: p.chatLinks,
    },
    actor.principal,
  );
  // The consent given at linking (Law 91/2025), with the notice's version: the latest one of the member's accounts.
  const consent = data.chatLinks
    .flatMap((l) => (l.consent ? [l.consent] : []))
    .sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  const consentAt = consent ? localDateTime(new Date(consent.at)) : undefined;
  const consentLine =
    consent && consentAt
      ? `\n${ctx.t.linkWatch.consentRecord(consent.version, `${consentAt.time} ${formatVietnameseDate(consentAt.date)}`)}`
      : '';
  await ctx.ui.reply(
    message(
      ctx.t.personalData.summary({
        name: data.member.fullName,
        hasPhone: data.member.phone !== undefined,
        introductions: data.introductions.length,
        invitations: data.invitations.length,
        comments: data.comments.length,
        evaluations: data.evaluations.length,
        chatLinks: data.chatLinks.length,
      }) + consentLine,
      [[button(ctx.t.linkWatch.deletionButton, encodeCallback(DELETION, ['req']))]],
    ),
  );
  const pdf = renderPersonalDataPdf(data, ctx.deps.clock.now().toISOString(), {
    regular: loadFont('regular'),
    bold: loadFont('bold'),
  });
  await ctx.ui.reply({
    kind: 'document',
    // A neutral file name: it shows in the chat list and on the phone's storage.
    fileName: 'du-lieu-ca-nhan.pdf',
    mimeType: 'application/pdf',
    bytes: pdf,
    caption: ctx.t.personalData.caption,
  });
});

personalDataFeature.callbackQuery(prefixPattern(DELETION), async (ctx, next) => {
  if (!decodeCallback(ctx.callbackQuery.data, DELETION, 1)) return next();
  const actor = await ctx.actor();
  if (actor?.kind !== 'member') {
    await ctx.ui.answer(ctx.t.errors.forbidden, { alert: true });
    return;
  }
  // Law 91/2025, Art. 14: recorded once (a second press records nothing new); the answer says when and why.
  const { possibility } = await requestDeletion(actor.principal, {
    deletionRequests: ctx.deps.ports.deletionRequests,
    introductions: ctx.deps.ports.introductions,
    clock: ctx.deps.clock,
  });
  ctx.deps.log.info('deletion requested', { memberId: actor.member.id });
  const w = ctx.t.linkWatch;
  await ctx.ui.reply(
    message(
      possibility.state === 'in_contact'
        ? w.deletionInContact
        : possibility.state === 'keeping_time'
          ? w.deletionLater(formatVietnameseDate(possibility.from))
          : w.deletionNow,
    ),
  );
  await ctx.ui.answer();
});
