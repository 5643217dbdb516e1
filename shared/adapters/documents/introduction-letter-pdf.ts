// adapter: lays the introduction letter (domain LetterContent) out as an A4 PDF in the party's document
// format (party-format.ts: header, title, body, signature, "Nơi nhận", page numbers) with the embedded Tinos
// faces, so every Vietnamese diacritic survives (and can be extracted again). Page 2 is the residence
// committee's receipt, with its own signature block.
import type { LetterContent } from '../../domain/introduction-letter.js';
import {
  closingHeight,
  drawBodyBlock,
  drawClosing,
  drawPageNumbers,
  drawPartyHeader,
  drawPartyTitle,
  frameOf,
  newPartyDocument,
  PARTY_SIZES,
  type PartyFonts,
  type PartyRecipient,
  type PartySignature,
} from './party-format.js';

export type LetterFonts = PartyFonts;

const RECIPIENTS: PartyRecipient[] = [{ name: 'Như trên' }, { name: 'Lưu hồ sơ đảng viên' }];

export function renderIntroductionLetterPdf(content: LetterContent, fonts: LetterFonts): Promise<Buffer> {
  const doc = newPartyDocument(fonts, {
    Title: `${content.title} ${content.header.number}`.trim(),
    Author: content.header.issuer,
  });
  const frame = frameOf(doc);
  drawPartyHeader(doc, content.header);
  drawPartyTitle(doc, { type: content.title, summary: [content.subtitle] });
  doc
    .font('bold')
    .fontSize(PARTY_SIZES.body)
    .text(content.addressee, frame.left, doc.y, { width: frame.width, align: 'center' });
  doc.y += 10;

  for (const paragraph of content.paragraphs) {
    drawBodyBlock(doc, { kind: 'paragraph', text: paragraph, indent: 28 }, frame);
  }
  for (const note of content.notes) {
    drawBodyBlock(doc, { kind: 'paragraph', text: `- ${note}`, italic: true, size: 13 }, frame);
  }

  const signature: PartySignature = {
    onBehalfOf: content.signature.onBehalfOf,
    position: content.signature.title,
    hint: content.signature.hint,
    name: content.signature.name,
  };
  frame.ensureRoom(closingHeight(doc, [signature], RECIPIENTS));
  drawClosing(doc, [signature], RECIPIENTS);

  if (content.receipt) {
    doc.addPage();
    const [heading, ...lines] = content.receipt;
    drawBodyBlock(doc, { kind: 'heading', text: heading ?? '', align: 'center' }, frame);
    doc.y += 6;
    for (const line of lines) drawBodyBlock(doc, { kind: 'paragraph', text: line, align: 'left' }, frame);
    if (content.receiptSignature) {
      const s = content.receiptSignature;
      drawClosing(doc, [{ onBehalfOf: s.onBehalfOf, position: s.title, hint: s.hint, name: s.name }]);
    }
  }
  drawPageNumbers(doc);
  return Promise.resolve(Buffer.from(doc.end()));
}
