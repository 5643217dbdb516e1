// adapter: the paper invitations (giấy mời) of a meeting as one A4 PDF, a letter to a page, in the party's
// document format (party-format.ts). Each letter is a document of its own, so the pages carry no "Trang i/n":
// a one-page document has no page number, and a printed stack is cut into letters.
import type { PaperInvitationContent } from '../../domain/paper-invitation.js';
import type { PaperInvitationsPdfRenderer } from '../../ports/documents.js';
import { documentFonts } from './fonts.js';
import { drawPartyLetter, newPartyDocument, type PartyFonts, type PartyRecipient } from './party-format.js';

const RECIPIENTS: PartyRecipient[] = [{ name: 'Như trên' }, { name: 'Lưu VP' }];

export function renderPaperInvitationsPdf(
  letters: readonly PaperInvitationContent[],
  fonts: PartyFonts,
): Uint8Array {
  const doc = newPartyDocument(fonts, { Title: 'Giấy mời', Author: letters[0]?.header.issuer ?? '' });
  letters.forEach((letter, i) => {
    if (i > 0) doc.addPage();
    drawPartyLetter(doc, { ...letter, type: letter.title, recipients: RECIPIENTS });
  });
  return doc.end();
}

export function createPaperInvitationsPdfRenderer(
  options: { fontDir?: string } = {},
): PaperInvitationsPdfRenderer {
  return {
    async render(letters) {
      return renderPaperInvitationsPdf(letters, documentFonts(options.fontDir));
    },
  };
}
