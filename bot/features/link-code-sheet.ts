// feature: /maketnoi (/linkcodes) — residence or workplace staff get their unlinked members' link codes as a
// printable PDF (a page per hamlet, or per residence committee for a workplace): name, QR code, code.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import { loadFont } from '../../shared/adapters/documents/fonts.js';
import { renderLinkCodeSheetPdf } from '../../shared/adapters/documents/link-codes-pdf.js';
import { isResidenceStaff, isWorkplaceStaff } from '../../shared/domain/roles.js';
import { linkCodeSheet } from '../../shared/services/link-code-sheet.js';
import type { BotContext } from '../context.js';

export const linkCodeSheetFeature = new Composer<BotContext>();

linkCodeSheetFeature.command(['maketnoi', 'linkcodes'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || !(isResidenceStaff(actor.principal) || isWorkplaceStaff(actor.principal))) {
    await ctx.ui.reply(message(actor ? ctx.t.linkSheet.notStaff : ctx.t.errors.notLinked));
    return;
  }
  const p = ctx.deps.ports;
  const sheet = await linkCodeSheet(
    {
      committees: p.committees,
      introductions: p.introductions,
      chatLinks: p.chatLinks,
      idempotency: p.idempotency,
      clock: ctx.deps.clock,
      newCode: ctx.deps.newCode,
    },
    actor.principal,
    actor.principal.orgId,
    ctx.deps.botUsername,
  );
  const count = sheet.sections.reduce((n, s) => n + s.members.length, 0);
  if (count === 0) {
    await ctx.ui.reply(message(ctx.t.linkSheet.none));
    return;
  }
  const pdf = renderLinkCodeSheetPdf(sheet, { regular: loadFont('regular'), bold: loadFont('bold') });
  await ctx.ui.reply({
    kind: 'document',
    fileName: `ma-lien-ket-${actor.principal.orgId}.pdf`,
    mimeType: 'application/pdf',
    bytes: pdf,
    caption: ctx.t.linkSheet.caption(count, sheet.sections.length),
  });
});
