// adapter: the one layout of the party's document format (Hướng dẫn 36-HD/VPTW) that every PDF document
// uses — the letter, the minutes, the report, and whatever is printed next. It draws the header in two
// columns (left: the party organisation above the issuer in regular weight, the issuing committee in bold,
// the asterisk, the number and symbol; right: "ĐẢNG CỘNG SẢN VIỆT NAM" in bold with a rule beneath it, the
// place-and-date line in italics), each block centred in its column and names broken only between words;
// the title block (type of document, summary); the body blocks; the signature blocks (T/M …, the position,
// room to sign by hand, the signer's full name); "Nơi nhận:" with each recipient's purpose; a small footer
// note; page numbers "Trang i/n". The wording comes from the caller (domain/party-document.ts helps).
//
// Use: `renderPartyDocument({ header, title, body, signatures, recipients, … }, fonts)` for a whole
// document, or `newPartyDocument` + the `draw…` functions when a renderer needs its own steps in between.
import { PdfDocument } from './pdf/document.js';

export interface PartyFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

/** A4 with the format's margins: 20 mm top and bottom, 30 mm left (binding), 15 mm right. */
export const PARTY_MARGINS = { top: 57, bottom: 57, left: 85, right: 43 } as const;

/** The font sizes of the format's parts (points). */
export const PARTY_SIZES = {
  partyTitle: 15,
  header: 14,
  documentType: 15,
  summary: 14,
  body: 14,
  signature: 14,
  recipients: 12,
  note: 9,
  pageNumber: 10,
} as const;

export interface PartyHeader {
  /** The party organisation above the issuer, e.g. "ĐẢNG BỘ QUẬN 1" (regular weight); none for the top. */
  parent?: string;
  /** The issuing committee, e.g. "ĐẢNG ỦY PHƯỜNG BẾN NGHÉ" (bold); the asterisk is drawn beneath it. */
  issuer: string;
  /** "Số 12-GGT/ĐU"; omitted when the document has no number (yet). */
  number?: string;
  /** "Phường Bến Nghé, ngày 05 tháng 01 năm 2027" (set in italics). */
  placeAndDate: string;
}

export interface PartyTitle {
  /** The type of document in capitals: "BÁO CÁO", "BIÊN BẢN", "GIẤY GIỚI THIỆU". */
  type: string;
  /** The summary (trích yếu), lower case, one entry per line the caller wants. */
  summary?: string[];
}

export type BodyBlock =
  /** A section heading ("I. TÌNH HÌNH …"), bold, kept with at least two lines after it. */
  | { kind: 'heading'; text: string; align?: 'left' | 'center' }
  /** A paragraph in the body size; `indent` indents its first line (points). */
  | {
      kind: 'paragraph';
      text: string;
      italic?: boolean;
      bold?: boolean;
      align?: 'left' | 'center' | 'justify';
      indent?: number;
      size?: number;
    }
  /** Vertical space in lines of the body size. */
  | { kind: 'space'; lines: number }
  /** Anything else (a table, a chart): drawn by the caller inside the frame. */
  | { kind: 'draw'; draw: (doc: PdfDocument, frame: PartyFrame) => void };

export interface PartySignature {
  /** Lines above the block, e.g. "XÁC NHẬN CỦA", "ĐẢNG ỦY PHƯỜNG …" (the ward confirming a cell's sheet). */
  heading?: readonly string[];
  /** "T/M ĐẢNG ỦY", "T/M CHI ỦY"; none for a person signing in their own role (the minutes' chair). */
  onBehalfOf?: string;
  /** "BÍ THƯ", "CHỦ TRÌ CUỘC HỌP", "THƯ KÝ CUỘC HỌP". */
  position: string;
  /** A hint under the position, e.g. "(Ký tên, đóng dấu)" or "(Ký, ghi rõ họ tên)". */
  hint?: string;
  /** The signer's full name, printed under the room to sign; dots when nobody is named yet. */
  name?: string;
}

export interface PartyRecipient {
  /** "Như trên", "Đảng ủy phường Hưng Lợi", "Lưu VP". */
  name: string;
  /** "để báo cáo", "để biết"; printed in brackets after the name. */
  purpose?: string;
}

export interface PartyDocumentSpec {
  header: PartyHeader;
  title: PartyTitle;
  /** "Kính gửi: …", centred under the title (letters; a report goes up by its "Nơi nhận"). */
  addressee?: string;
  body: BodyBlock[];
  /** One block (right column) or two (left and right, e.g. the minutes' secretary and chair). */
  signatures: PartySignature[];
  recipients?: PartyRecipient[];
  /** Small lines at the end of the last page (e.g. the minutes' check code), above the page number. */
  footerNote?: string[];
  /** A banner in red above the title (a draft that is not signed yet). */
  banner?: string;
  info?: { Title?: string; Author?: string; Subject?: string };
}

/** Where the body goes: the text column and a way to keep something together on a page. */
export interface PartyFrame {
  left: number;
  width: number;
  bodySize: number;
  /** Starts a new page unless `height` points fit above the bottom margin. */
  ensureRoom(height: number): void;
}

const ROOM_TO_SIGN = 64; // about 22 mm: room for a handwritten signature and the seal

export function newPartyDocument(fonts: PartyFonts, info?: PartyDocumentSpec['info']): PdfDocument {
  return new PdfDocument({
    size: 'A4',
    margins: { ...PARTY_MARGINS },
    fonts: { regular: fonts.regular, bold: fonts.bold, italic: fonts.italic },
    defaultFont: 'regular',
    info: { ...info },
  });
}

export function frameOf(doc: PdfDocument): PartyFrame {
  const left = PARTY_MARGINS.left;
  const width = doc.page.width - PARTY_MARGINS.left - PARTY_MARGINS.right;
  return {
    left,
    width,
    bodySize: PARTY_SIZES.body,
    ensureRoom(height: number) {
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    },
  };
}

/**
 * A name in as few lines as fit, broken only between words and balanced, so "ĐẢNG ỦY PHƯỜNG AN KHÁNH, QUẬN
 * NINH KIỀU, THÀNH PHỐ CẦN THƠ" never leaves "THƠ" alone on a line. Uses the current font and size.
 */
export function balancedLines(doc: PdfDocument, text: string, width: number): string[] {
  const words = text.normalize('NFC').trim().split(/\s+/);
  if (doc.widthOfString(words.join(' ')) <= width) return [words.join(' ')];
  let lines = [words.join(' ')];
  for (let count = 2; count <= words.length; count++) {
    // The narrowest widest line over every way to cut the words into `count` lines.
    let best: { lines: string[]; widest: number } | undefined;
    const cut = (from: number, left: number, acc: string[]) => {
      if (left === 1) {
        const all = [...acc, words.slice(from).join(' ')];
        const widest = Math.max(...all.map((l) => doc.widthOfString(l)));
        if (!best || widest < best.widest) best = { lines: all, widest };
        return;
      }
      for (let end = from + 1; end <= words.length - left + 1; end++) {
        cut(end, left - 1, [...acc, words.slice(from, end).join(' ')]);
      }
    };
    if (words.length <= 14) cut(0, count, []);
    if (best && best.widest <= width) return best.lines;
    if (best) lines = best.lines;
    if (words.length > 14) break;
  }
  return lines;
}

function centred(doc: PdfDocument, lines: string[], x: number, width: number): void {
  for (const line of lines) doc.text(line, x, doc.y, { width, align: 'center' });
}

/** The two header columns; leaves the cursor under the lower of the two. */
export function drawPartyHeader(doc: PdfDocument, header: PartyHeader): void {
  const frame = frameOf(doc);
  // As on printed party documents, the header reaches a little into the side margins so that a ward's
  // name and the place-and-date line usually fit on one line each.
  const left = frame.left - 14;
  const leftWidth = frame.width * 0.46 + 14;
  const rightX = left + leftWidth;
  const rightWidth = frame.width + 14 + 20 - leftWidth;
  const top = doc.y;

  // Left: the party organisation (regular), the issuer (bold), the asterisk, the number.
  doc.y = top;
  doc.fontSize(PARTY_SIZES.header);
  if (header.parent) {
    doc.font('regular');
    centred(doc, balancedLines(doc, header.parent, leftWidth), left, leftWidth);
  }
  doc.font('bold');
  centred(doc, balancedLines(doc, header.issuer, leftWidth), left, leftWidth);
  doc.font('regular').text('*', left, doc.y, { width: leftWidth, align: 'center' });
  if (header.number) doc.text(header.number, left, doc.y, { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;

  // Right: the party's name with a rule as long as it, then the place and date in italics.
  doc.y = top;
  doc.font('bold').fontSize(PARTY_SIZES.partyTitle);
  const party = 'ĐẢNG CỘNG SẢN VIỆT NAM';
  doc.text(party, rightX, top, { width: rightWidth, align: 'center' });
  const ruleWidth = doc.widthOfString(party);
  const ruleY = doc.y + 1;
  doc
    .save()
    .moveTo(rightX + (rightWidth - ruleWidth) / 2, ruleY)
    .lineTo(rightX + (rightWidth + ruleWidth) / 2, ruleY)
    .lineWidth(0.8)
    .strokeColor('black')
    .stroke()
    .restore();
  doc.y = ruleY + 8;
  // The place and date on one line when it fits at 14, 13 or 12 points; else broken after the place.
  doc.font('italic');
  const size = [PARTY_SIZES.header, 13, 12].find(
    (pt) => doc.fontSize(pt).widthOfString(header.placeAndDate) <= rightWidth,
  );
  if (size) {
    doc.fontSize(size).text(header.placeAndDate, rightX, doc.y, { width: rightWidth, align: 'center' });
  } else {
    doc.fontSize(PARTY_SIZES.header);
    const comma = header.placeAndDate.lastIndexOf(', ngày ');
    const lines =
      comma > 0
        ? [header.placeAndDate.slice(0, comma + 1), header.placeAndDate.slice(comma + 2)]
        : balancedLines(doc, header.placeAndDate, rightWidth);
    centred(doc, lines, rightX, rightWidth);
  }

  doc.x = frame.left;
  doc.y = Math.max(leftBottom, doc.y) + 14;
}

/** The type of document and its summary, centred, with a short rule under the summary. */
export function drawPartyTitle(doc: PdfDocument, title: PartyTitle): void {
  const { left, width } = frameOf(doc);
  doc
    .font('bold')
    .fontSize(PARTY_SIZES.documentType)
    .text(title.type, left, doc.y, { width, align: 'center' });
  if (title.summary && title.summary.length > 0) {
    doc.font('bold').fontSize(PARTY_SIZES.summary);
    for (const line of title.summary) centred(doc, balancedLines(doc, line, width), left, width);
  }
  const y = doc.y + 4;
  doc
    .save()
    .moveTo(left + width / 2 - 30, y)
    .lineTo(left + width / 2 + 30, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke()
    .restore();
  doc.x = left;
  doc.y = y + 12;
}

function fontOf(block: Extract<BodyBlock, { kind: 'paragraph' }>): 'regular' | 'bold' | 'italic' {
  return block.bold ? 'bold' : block.italic ? 'italic' : 'regular';
}

function blockHeight(doc: PdfDocument, block: BodyBlock, frame: PartyFrame): number {
  if (block.kind === 'heading') {
    doc.font('bold').fontSize(frame.bodySize);
    return doc.heightOfString(block.text, { width: frame.width }) + 6;
  }
  if (block.kind === 'paragraph') {
    doc.font(fontOf(block)).fontSize(block.size ?? frame.bodySize);
    return doc.heightOfString(block.text, { width: frame.width, lineGap: 1.5 }) + 3;
  }
  return 0;
}

export function drawBodyBlock(doc: PdfDocument, block: BodyBlock, frame: PartyFrame = frameOf(doc)): void {
  switch (block.kind) {
    case 'heading': {
      // A heading never ends a page: it keeps two lines of what follows with it.
      doc.font('bold').fontSize(frame.bodySize);
      frame.ensureRoom(blockHeight(doc, block, frame) + 2 * doc.currentLineHeight());
      doc.y += 6;
      doc.text(block.text, frame.left, doc.y, { width: frame.width, align: block.align ?? 'left' });
      return;
    }
    case 'paragraph':
      doc.font(fontOf(block)).fontSize(block.size ?? frame.bodySize);
      doc.text(block.text, frame.left, doc.y, {
        width: frame.width,
        align: block.align ?? 'justify',
        indent: block.indent ?? 0,
        lineGap: 1.5,
      });
      doc.y += 3;
      return;
    case 'space':
      doc.fontSize(frame.bodySize).moveDown(block.lines);
      return;
    case 'draw':
      block.draw(doc, frame);
      doc.x = frame.left;
      return;
  }
}

function signatureHeight(doc: PdfDocument, s: PartySignature, width: number): number {
  doc.font('bold').fontSize(PARTY_SIZES.signature);
  const line = doc.currentLineHeight();
  const titleLines =
    (s.heading ?? []).reduce((n, l) => n + balancedLines(doc, l, width).length, 0) +
    (s.onBehalfOf ? balancedLines(doc, s.onBehalfOf, width).length : 0) +
    balancedLines(doc, s.position, width).length;
  return titleLines * line + (s.hint ? line : 0) + ROOM_TO_SIGN + line;
}

function recipientsHeight(doc: PdfDocument, recipients: readonly PartyRecipient[]): number {
  doc.font('regular').fontSize(PARTY_SIZES.recipients);
  return (recipients.length + 1) * doc.currentLineHeight();
}

/** The height the signatures and recipients take together (to keep them with the end of the body). */
export function closingHeight(
  doc: PdfDocument,
  signatures: readonly PartySignature[],
  recipients: readonly PartyRecipient[] = [],
): number {
  const { width } = frameOf(doc);
  const column = width / 2;
  const signing = Math.max(0, ...signatures.map((s) => signatureHeight(doc, s, column)));
  return 14 + Math.max(signing, recipients.length > 0 ? recipientsHeight(doc, recipients) : 0);
}

/**
 * The signature blocks and "Nơi nhận": one signature goes in the right column with the recipients on the
 * left; two signatures take both columns (first left, second right) and the recipients follow below.
 */
export function drawClosing(
  doc: PdfDocument,
  signatures: readonly PartySignature[],
  recipients: readonly PartyRecipient[] = [],
): void {
  const { left, width } = frameOf(doc);
  const column = width / 2;
  doc.y += 14;
  const top = doc.y;
  const columns =
    signatures.length >= 2
      ? signatures.slice(0, 2).map((s, i) => ({ s, x: left + i * column }))
      : signatures.map((s) => ({ s, x: left + column }));
  let bottom = top;
  for (const { s, x } of columns) {
    doc.y = top;
    doc.font('bold').fontSize(PARTY_SIZES.signature);
    for (const line of s.heading ?? []) centred(doc, balancedLines(doc, line, column), x, column);
    if (s.onBehalfOf) centred(doc, balancedLines(doc, s.onBehalfOf, column), x, column);
    centred(doc, balancedLines(doc, s.position, column), x, column);
    if (s.hint) {
      doc
        .font('italic')
        .fontSize(PARTY_SIZES.recipients)
        .text(s.hint, x, doc.y, { width: column, align: 'center' });
    }
    doc.y += ROOM_TO_SIGN;
    doc
      .font('bold')
      .fontSize(PARTY_SIZES.signature)
      .text(s.name?.trim() ? s.name : '……………………', x, doc.y, { width: column, align: 'center' });
    bottom = Math.max(bottom, doc.y);
  }
  if (recipients.length > 0) {
    doc.y = signatures.length >= 2 ? bottom + 12 : top;
    const y = doc.y;
    doc.font('bold').fontSize(PARTY_SIZES.recipients);
    const label = 'Nơi nhận:';
    doc.text(label, left, y, { width: column });
    doc
      .save()
      .moveTo(left, doc.y - 1.5)
      .lineTo(left + doc.widthOfString(label), doc.y - 1.5)
      .lineWidth(0.5)
      .stroke()
      .restore();
    doc.font('regular').fontSize(PARTY_SIZES.recipients);
    recipients.forEach((r, i) => {
      const last = i === recipients.length - 1;
      const text = `- ${r.name}${r.purpose ? ` (${r.purpose})` : ''}${last ? '.' : ','}`;
      doc.text(text, left, doc.y, { width: column - 8 });
    });
    bottom = Math.max(bottom, doc.y);
  }
  doc.x = left;
  doc.y = bottom;
}

/** A letter's parts as the domain gives them (giấy giới thiệu, giấy mời): one signer on behalf of a committee. */
export interface PartyLetter {
  header: PartyHeader;
  /** "GIẤY MỜI", "GIẤY GIỚI THIỆU". */
  type: string;
  summary: string;
  /** "Kính gửi: …", centred under the title. */
  addressee: string;
  paragraphs: readonly string[];
  /** Smaller italic lines after the body ("- …"). */
  notes?: readonly string[];
  signature: { onBehalfOf: string; title: string; hint: string; name?: string };
  recipients: readonly PartyRecipient[];
}

/**
 * One letter on the current page, the same way for every letter the party sends: header, title, the addressee
 * centred, indented paragraphs, notes, then the signer and "Nơi nhận" kept together with the end of the body.
 */
export function drawPartyLetter(doc: PdfDocument, letter: PartyLetter): void {
  const frame = frameOf(doc);
  drawPartyHeader(doc, letter.header);
  drawPartyTitle(doc, { type: letter.type, summary: [letter.summary] });
  doc
    .font('bold')
    .fontSize(PARTY_SIZES.body)
    .text(letter.addressee, frame.left, doc.y, { width: frame.width, align: 'center' });
  doc.y += 10;
  for (const text of letter.paragraphs) drawBodyBlock(doc, { kind: 'paragraph', text, indent: 28 }, frame);
  for (const note of letter.notes ?? [])
    drawBodyBlock(doc, { kind: 'paragraph', text: `- ${note}`, italic: true, size: 13 }, frame);
  const { onBehalfOf, title, hint, name } = letter.signature;
  const signature: PartySignature = { onBehalfOf, position: title, hint, name: name || undefined };
  frame.ensureRoom(closingHeight(doc, [signature], letter.recipients));
  drawClosing(doc, [signature], letter.recipients);
}

/** Small lines at the bottom of the last page, above the page number (the minutes' check code). */
export function drawFooterNote(doc: PdfDocument, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const { left, width } = frameOf(doc);
  doc.font('italic').fontSize(PARTY_SIZES.note);
  const height = lines.reduce((h, l) => h + doc.heightOfString(l, { width }), 0);
  const y = doc.page.height - PARTY_MARGINS.bottom - height;
  if (doc.y + 8 > y) doc.addPage();
  doc
    .save()
    .moveTo(left, y - 4)
    .lineTo(left + 120, y - 4)
    .lineWidth(0.4)
    .strokeColor('#666666')
    .stroke()
    .restore();
  doc.y = y;
  for (const line of lines) doc.text(line, left, doc.y, { width });
  doc.x = left;
}

/** "Trang i/n" centred under the text of every page, once every page exists. */
export function drawPageNumbers(doc: PdfDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(PARTY_SIZES.pageNumber).fillColor('black');
    doc.text(
      `Trang ${i + 1}/${range.count}`,
      PARTY_MARGINS.left,
      doc.page.height - PARTY_MARGINS.bottom + 18,
      {
        width: doc.page.width - PARTY_MARGINS.left - PARTY_MARGINS.right,
        align: 'center',
        lineBreak: false,
      },
    );
  }
}

/**
 * A whole document in the format. The last body block goes to the next page together with the closing when
 * they do not fit together, so the signature never stands alone on a page.
 */
export function renderPartyDocument(spec: PartyDocumentSpec, fonts: PartyFonts): Uint8Array {
  const doc = newPartyDocument(fonts, spec.info);
  const frame = frameOf(doc);
  drawPartyHeader(doc, spec.header);
  if (spec.banner) {
    doc
      .font('bold')
      .fontSize(12)
      .fillColor('#b00000')
      .text(spec.banner, frame.left, doc.y, { width: frame.width, align: 'center' });
    doc.fillColor('black');
    doc.y += 6;
  }
  drawPartyTitle(doc, spec.title);
  if (spec.addressee) {
    doc
      .font('regular')
      .fontSize(PARTY_SIZES.body)
      .text(spec.addressee, frame.left, doc.y, { width: frame.width, align: 'center' });
    doc.y += 10;
  }
  const recipients = spec.recipients ?? [];
  const closing = closingHeight(doc, spec.signatures, recipients);
  spec.body.forEach((block, i) => {
    if (i === spec.body.length - 1) frame.ensureRoom(blockHeight(doc, block, frame) + closing);
    drawBodyBlock(doc, block, frame);
  });
  frame.ensureRoom(closing);
  drawClosing(doc, spec.signatures, recipients);
  drawFooterNote(doc, spec.footerNote ?? []);
  drawPageNumbers(doc);
  return doc.end();
}
