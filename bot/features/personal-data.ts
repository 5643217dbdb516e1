// feature: /dulieu (/mydata) — a member sees everything the system holds about them (Law 91/2025, the right to
// see one's data): a short summary in the chat and the full record as a PDF (Vietnamese).
import { Composer } from 'grammy';
import { loadFont } from '../../shared/adapters/documents/fonts.js';
import { renderPersonalDataPdf } from '../../shared/adapters/documents/personal-data-pdf.js';
import { formatVietnameseDate, localDateTime } from '../../shared/domain/dates.js';
import { personalDataOf } from '../../shared/services/personal-data.js';
import type { BotContext } from '../context.js';
import { message } from '../view.js';

export const personalDataFeature = new Composer<BotContext>();

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
