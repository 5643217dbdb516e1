// adapter: the comment sheet (phiếu nhận xét) as an A4 PDF in the party's document format (party-format.ts:
// header, title, signature blocks, page numbers): the member's identity lines, each criterion or duty with its
// levels (or marks) as boxes, the chosen one ticked "X" and set in bold, the comments (dotted lines to write on
// when the sheet is blank), the signatures. Several sheets (a hamlet's members) go in one PDF, each from a new
// page. The wording comes from domain/comment-sheet.ts; nothing here decides what a sheet says.
import type { CommentSheetContent, SheetItem } from '../../domain/comment-sheet.js';
import type { CommentSheetRenderer } from '../../ports/comment-sheet-pdf.js';
import { documentFonts } from './fonts.js';
import {
  closingHeight,
  drawBodyBlock,
  drawClosing,
  drawPageNumbers,
  drawPartyHeader,
  drawPartyTitle,
  frameOf,
  newPartyDocument,
  PARTY_MARGINS,
  type PartyFonts,
  type PartyFrame,
  type PartySignature,
} from './party-format.js';
import type { PdfDocument } from './pdf/document.js';

const OPTION_SIZE = 12.5;
const BOX = 9;

/** `fontDir` names the folder of the fonts; otherwise fonts.ts finds them (REPORT_FONT_DIR, the package). */
export function createCommentSheetRenderer(options: { fontDir?: string } = {}): CommentSheetRenderer {
  return {
    render(sheets) {
      return Promise.resolve(renderCommentSheets(sheets, documentFonts(options.fontDir)));
    },
  };
}

function dottedLine(doc: PdfDocument, width: number): string {
  const dot = doc.widthOfString('…') || 1;
  return '…'.repeat(Math.max(1, Math.floor(width / dot)));
}

/** The boxes of one criterion or duty in columns of equal width (three for the levels). */
function drawOptions(
  doc: PdfDocument,
  frame: PartyFrame,
  options: Extract<SheetItem, { kind: 'choice' }>['options'],
): void {
  const columns = Math.max(3, options.length);
  const column = (frame.width - 20) / columns;
  doc.fontSize(OPTION_SIZE);
  const line = doc.currentLineHeight();
  frame.ensureRoom(line + 6);
  const y = doc.y + 2;
  options.forEach((option, i) => {
    const x = frame.left + 20 + i * column;
    doc
      .save()
      .rect(x, y + (line - BOX) / 2 - 1, BOX, BOX)
      .lineWidth(0.7)
      .strokeColor('black')
      .stroke()
      .restore();
    if (option.chosen) {
      doc
        .font('bold')
        .fontSize(BOX)
        .text('X', x + 1.6, y + (line - BOX) / 2 - 1, { width: BOX, lineBreak: false });
    }
    doc
      .font(option.chosen ? 'bold' : 'regular')
      .fontSize(OPTION_SIZE)
      .text(option.label, x + BOX + 5, y, { width: column - BOX - 8, lineBreak: false });
  });
  doc.x = frame.left;
  doc.y = y + line + 4;
}

function drawItem(doc: PdfDocument, frame: PartyFrame, item: SheetItem): void {
  doc.font('bold').fontSize(frame.bodySize);
  // A criterion keeps its boxes (or its first lines to write on) with it.
  frame.ensureRoom(doc.heightOfString(item.heading, { width: frame.width }) + 2 * doc.currentLineHeight());
  drawBodyBlock(doc, { kind: 'paragraph', text: item.heading, bold: true, align: 'left' }, frame);
  if (item.kind === 'choice') {
    drawOptions(doc, frame, item.options);
    if (item.comment) {
      const text = item.comment.text?.trim();
      if (text) {
        drawBodyBlock(
          doc,
          { kind: 'paragraph', text: `${item.comment.label}: ${text}`, indent: 20, align: 'left' },
          frame,
        );
      } else {
        doc.font('regular').fontSize(frame.bodySize);
        const label = `${item.comment.label}: `;
        const rest = dottedLine(doc, frame.width - 20 - doc.widthOfString(label));
        drawBodyBlock(doc, { kind: 'paragraph', text: `${label}${rest}`, indent: 20, align: 'left' }, frame);
        drawBodyBlock(doc, { kind: 'paragraph', text: dottedLine(doc, frame.width), align: 'left' }, frame);
      }
    }
    return;
  }
  if (item.text !== undefined) {
    drawBodyBlock(doc, { kind: 'paragraph', text: item.text, indent: 20 }, frame);
    return;
  }
  doc.font('regular').fontSize(frame.bodySize);
  for (let i = 0; i < 3; i++) {
    drawBodyBlock(doc, { kind: 'paragraph', text: dottedLine(doc, frame.width), align: 'left' }, frame);
  }
}

function drawSheet(doc: PdfDocument, sheet: CommentSheetContent): void {
  const frame = frameOf(doc);
  if (sheet.formLabel) {
    // The form's name in the top corner, above the header, as printed forms carry it.
    doc
      .font('italic')
      .fontSize(11)
      .text(sheet.formLabel, frame.left, PARTY_MARGINS.top - 22, {
        width: frame.width + 20,
        align: 'right',
        lineBreak: false,
      });
    doc.y = PARTY_MARGINS.top;
  }
  drawPartyHeader(doc, { ...sheet.header });
  if (sheet.banner) {
    doc
      .font('bold')
      .fontSize(14)
      .fillColor('#b00000')
      .text(sheet.banner, frame.left, doc.y, { width: frame.width, align: 'center' });
    doc.fillColor('black');
    doc.y += 4;
  }
  drawPartyTitle(doc, sheet.title);
  for (const line of sheet.identity) {
    drawBodyBlock(doc, { kind: 'paragraph', text: line, align: 'left' }, frame);
  }
  drawBodyBlock(doc, { kind: 'space', lines: 0.3 }, frame);
  for (const item of sheet.items) drawItem(doc, frame, item);
  const signatures: PartySignature[] = sheet.signatures.map((s) => ({
    heading: s.heading,
    onBehalfOf: s.onBehalfOf,
    position: s.position,
    hint: s.hint,
    name: s.name || undefined,
  }));
  frame.ensureRoom(closingHeight(doc, signatures));
  drawClosing(doc, signatures);
}

/** Every sheet from a new page, then "Trang i/n" on every page. */
export function renderCommentSheets(sheets: readonly CommentSheetContent[], fonts: PartyFonts): Uint8Array {
  const first = sheets[0];
  const doc = newPartyDocument(fonts, {
    Title: first ? `${first.title.type} ${first.title.summary[0] ?? ''}`.trim() : 'PHIẾU NHẬN XÉT',
    Author: first?.header.issuer,
  });
  sheets.forEach((sheet, i) => {
    if (i > 0) doc.addPage();
    drawSheet(doc, sheet);
  });
  drawPageNumbers(doc);
  return doc.end();
}
