// adapter: lays the introduction letter (domain LetterContent) out as an A4 PDF with our PDF writer and an
// embedded Unicode TrueType font, so every Vietnamese diacritic survives (and can be extracted again).
import type { LetterContent } from '../../domain/introduction-letter.js';
import { PdfDocument } from './pdf/document.js';

export interface LetterFonts {
  regular: Buffer;
  bold?: Buffer;
}

const MARGIN = 56; // 2 cm
const GAP = 16;

export function renderIntroductionLetterPdf(content: LetterContent, fonts: LetterFonts): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PdfDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      fonts: { regular: fonts.regular, bold: fonts.bold ?? fonts.regular },
      info: {
        Title: `${content.title} ${content.headerLeft.at(-1) ?? ''}`.trim(),
        Creator: 'Liên hệ nơi cư trú',
      },
    });
    const width = doc.page.width - 2 * MARGIN;
    const column = (width - GAP) / 2;

    // Header: the committee on the left, the party and the place and date on the right.
    const top = doc.y;
    doc.font('bold').fontSize(11);
    content.headerLeft.forEach((line, i) => {
      const isNumber = i === content.headerLeft.length - 1;
      doc
        .font(isNumber ? 'regular' : 'bold')
        .text(line, MARGIN, undefined, { width: column, align: 'center' });
    });
    const leftBottom = doc.y;
    doc.y = top;
    content.headerRight.forEach((line, i) => {
      doc
        .font(i === 0 ? 'bold' : 'regular')
        .fontSize(i === 0 ? 12 : 11)
        .text(line, MARGIN + column + GAP, undefined, { width: column, align: 'center' });
    });
    doc.y = Math.max(leftBottom, doc.y) + 24;

    doc.font('bold').fontSize(15).text(content.title, MARGIN, undefined, { width, align: 'center' });
    doc.font('regular').fontSize(11).text(content.subtitle, { width, align: 'center' });
    doc.moveDown(1);
    doc.font('bold').fontSize(12).text(content.addressee, { width, align: 'center' });
    doc.moveDown(1);

    doc.font('regular').fontSize(12);
    for (const paragraph of content.paragraphs) {
      doc.text(paragraph, MARGIN, undefined, { width, align: 'justify' });
      doc.moveDown(0.4);
    }
    if (content.notes.length > 0) {
      doc.moveDown(0.4).fontSize(11);
      for (const note of content.notes) doc.text(`- ${note}`, { width, align: 'justify' });
    }

    // Signature: T/M …, BÍ THƯ, (ký tên, đóng dấu), the secretary's name below the space for the seal.
    doc.moveDown(1.5);
    const signX = MARGIN + column + GAP;
    doc.font('bold').fontSize(12).text(content.signature.onBehalfOf, signX, undefined, {
      width: column,
      align: 'center',
    });
    doc.text(content.signature.title, signX, undefined, { width: column, align: 'center' });
    doc
      .font('regular')
      .fontSize(10)
      .text(content.signature.hint, signX, undefined, { width: column, align: 'center' });
    doc.moveDown(4);
    if (content.signature.name) {
      doc
        .font('bold')
        .fontSize(12)
        .text(content.signature.name, signX, undefined, { width: column, align: 'center' });
    }

    if (content.receipt) {
      doc.addPage();
      const [heading, ...lines] = content.receipt;
      doc
        .font('bold')
        .fontSize(13)
        .text(heading ?? '', MARGIN, undefined, { width, align: 'center' });
      doc.moveDown(1).font('regular').fontSize(12);
      for (const line of lines) doc.text(line, { width });
    }
    resolve(Buffer.from(doc.end()));
  });
}
