// adapter: the printable sheet of link codes as an A4 PDF — a page per hamlet (or residence committee), each
// member's name, the QR code of the deep link (drawn as filled squares: our writer has no images) and the code.
import QRCode from 'qrcode';
import type { LinkCodeSheet } from '../../services/link-code-sheet.js';
import { PdfDocument } from './pdf/document.js';

export interface SheetFonts {
  regular: Buffer;
  bold?: Buffer;
}

const MARGIN = 42;
const QR_SIZE = 92; // points: about 3.2 cm, large enough for any phone camera
const ROW_HEIGHT = QR_SIZE + 16;

/** The QR code's modules (true = dark), row by row, as the `qrcode` library computes them. */
export function qrMatrix(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => Boolean(qr.modules.get(row, col))),
  );
}

export interface ModuleRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The rectangles that draw a matrix: each run of dark modules in a row is one rectangle. */
export function qrRects(
  matrix: readonly (readonly boolean[])[],
  x: number,
  y: number,
  module: number,
): ModuleRect[] {
  const rects: ModuleRect[] = [];
  matrix.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      rects.push({ x: x + start * module, y: y + r * module, width: (c - start) * module, height: module });
    }
  });
  return rects;
}

function drawQr(doc: PdfDocument, text: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(text);
  // A quiet zone of 4 modules around the code, as the standard asks.
  const module = size / (matrix.length + 8);
  for (const r of qrRects(matrix, x + 4 * module, y + 4 * module, module))
    doc.rect(r.x, r.y, r.width, r.height);
  doc.fill('#000000');
}

const dateVi = (iso: string) => {
  const d = new Date(iso);
  const local = new Date(d.getTime() + 7 * 3600 * 1000); // Asia/Ho_Chi_Minh, no daylight saving
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ngày ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
};

export function renderLinkCodeSheetPdf(sheet: LinkCodeSheet, fonts: SheetFonts): Uint8Array {
  const doc = new PdfDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    fonts: { regular: fonts.regular, bold: fonts.bold ?? fonts.regular },
    info: { Title: `Mã liên kết tài khoản — ${sheet.committeeName}`, Creator: 'Liên hệ nơi cư trú' },
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  const heading = (title: string, continued: boolean) => {
    doc.font('bold').fontSize(14).text(sheet.committeeName, MARGIN, MARGIN, { width, align: 'center' });
    doc
      .font('bold')
      .fontSize(12)
      .text(`${title}${continued ? ' (tiếp)' : ''}`, MARGIN, undefined, { width, align: 'center' });
    doc
      .font('regular')
      .fontSize(9)
      .text(
        `Mỗi đồng chí quét mã QR bằng điện thoại (hoặc mở Telegram, gõ /start và mã) để liên kết tài khoản; ` +
          `trên Zalo, đồng chí quan tâm Official Account của cấp ủy rồi gửi mã. ` +
          `Mã dùng một lần, hết hạn lúc ${dateVi(sheet.expiresAt)}.`,
        MARGIN,
        undefined,
        { width, align: 'center' },
      );
    doc.moveDown(0.8);
  };
  if (sheet.sections.length === 0) {
    heading('Không có đảng viên nào chưa liên kết tài khoản', false);
  }
  sheet.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    heading(section.title, false);
    for (const member of section.members) {
      if (doc.y + ROW_HEIGHT > bottom) {
        doc.addPage();
        heading(section.title, true);
      }
      const top = doc.y;
      drawQr(doc, member.deepLink, MARGIN, top, QR_SIZE);
      const textX = MARGIN + QR_SIZE + 14;
      const textWidth = width - QR_SIZE - 14;
      doc
        .font('bold')
        .fontSize(12)
        .text(member.fullName, textX, top + 14, { width: textWidth });
      doc
        .font('regular')
        .fontSize(11)
        .text(`Mã liên kết: ${member.code}`, textX, undefined, { width: textWidth });
      doc.fontSize(8).text(member.deepLink, textX, undefined, { width: textWidth });
      doc
        .strokeColor('#bbbbbb')
        .lineWidth(0.5)
        .moveTo(MARGIN, top + ROW_HEIGHT - 6)
        .lineTo(MARGIN + width, top + ROW_HEIGHT - 6)
        .stroke();
      doc.y = top + ROW_HEIGHT;
    }
  });
  return doc.end();
}
