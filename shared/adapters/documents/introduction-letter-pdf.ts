// adapter: lays the introduction letter (domain LetterContent) out as an A4 PDF in the party's document
// format (party-format.ts: header, title, body, signature, "Nơi nhận", page numbers) with the embedded Tinos
// faces, so every Vietnamese diacritic survives (and can be extracted again). Page 2 is the residence
// committee's receipt, with its own signature block.
import type { LetterContent } from '../../domain/introduction-letter.js';
import {
  drawBodyBlock,
  drawClosing,
  drawPageNumbers,
  drawPartyLetter,
  frameOf,
  newPartyDocument,
  type PartyFonts,
  type PartyRecipient,
} from './party-format.js';

export type LetterFonts = PartyFonts;

const RECIPIENTS: PartyRecipient[] = [{ name: 'Như trên' }, { name: 'Lưu hồ sơ đảng viên' }];

export function renderIntroductionLetterPdf(content: LetterContent, fonts: LetterFonts): Promise<Buffer> {
  const doc = newPartyDocument(fonts, {
    Title: `${content.title} ${content.header.number}`.trim(),
    Author: content.header.issuer,
  });
  drawPartyLetter(doc, {
    header: content.header,
    type: content.title,
    summary: content.subtitle,
    addressee: content.addressee,
    paragraphs: content.paragraphs,
    notes: content.notes,
    signature: content.signature,
    recipients: RECIPIENTS,
  });

  if (content.receipt) {
    doc.addPage();
    const frame = frameOf(doc);
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
