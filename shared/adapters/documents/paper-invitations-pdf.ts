// adapter: the paper invitations (giấy mời) of a meeting as one A4 PDF, a letter to a page, in the party's
// document format (party-format.ts). Each letter is a document of its own, so the pages carry no "Trang i/n":
// a one-page document has no page number, and a printed stack is cut into letters.
import type { PaperInvitationContent } from '../../domain/paper-invitation.js';
import type { PaperInvitationsPdfRenderer } from '../../ports/documents.js';
import { documentFonts } from './fonts.js';
import {
  closingHeight,
  drawBodyBlock,
  drawClosing,
  drawPartyHeader,
  drawPartyTitle,
  frameOf,
  newPartyDocument,
  PARTY_SIZES,
  type PartyFonts,
  type PartyRecipient,
  type PartySignature,
} from './party-format.js';

const RECIPIENTS: PartyRecipient[] = [{ name: 'Như trên' }, { name: 'Lưu VP' }];

export function renderPaperInvitationsPdf(
  letters: readonly PaperInvitationContent[],
  fonts: PartyFonts,
): Uint8Array {
  const doc = newPartyDocument(fonts, { Title: 'Giấy mời', Author: letters[0]?.header.issuer ?? '' });
  const frame = frameOf(doc);
  letters.forEach((letter, i) => {
    if (i > 0) doc.addPage();
    drawPartyHeader(doc, letter.header);
    drawPartyTitle(doc, { type: letter.title, summary: [letter.summary] });
    doc
      .font('bold')
      .fontSize(PARTY_SIZES.body)
      .text(letter.addressee, frame.left, doc.y, { width: frame.width, align: 'center' });
    doc.y += 10;
    for (const text of letter.paragraphs) drawBodyBlock(doc, { kind: 'paragraph', text, indent: 28 }, frame);
    const signature: PartySignature = {
      onBehalfOf: letter.signature.onBehalfOf,
      position: letter.signature.title,
      hint: letter.signature.hint,
      ...(letter.signature.name ? { name: letter.signature.name } : {}),
    };
    frame.ensureRoom(closingHeight(doc, [signature], RECIPIENTS));
    drawClosing(doc, [signature], RECIPIENTS);
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
