// adapter: the minutes (biên bản) as a Vietnamese PDF — our PDF writer with DejaVu Sans (every diacritic
// kept): attendance table, absentees with reasons, every part, the signatures and the seal's hash.
import { formatVietnameseDate, localDateTime } from '../../domain/dates.js';
import type { Addendum, Signature } from '../../domain/minutes.js';
import { meetingHeadingVi } from '../../domain/minutes-text.js';
import type { MinutesPdfInput, MinutesPdfRenderer } from '../../ports/minutes-pdf.js';
import { loadFont } from './fonts.js';
import { PdfDocument } from './pdf/document.js';

const STATE_VI = {
  draft: 'BẢN NHÁP — chưa ký',
  signing: 'ĐANG KÝ — chưa niêm phong',
  sealed: '',
} as const;

function signedOn(iso: string): string {
  const { date, time } = localDateTime(new Date(iso));
  return `${time} ngày ${formatVietnameseDate(date)}`;
}

/** `fontDir` names the folder of the DejaVu files; otherwise fonts.ts finds them (REPORT_FONT_DIR, the package). */
export function createMinutesPdfRenderer(options: { fontDir?: string } = {}): MinutesPdfRenderer {
  return {
    async render(input: MinutesPdfInput): Promise<Uint8Array> {
      const doc = new PdfDocument({
        size: 'A4',
        margins: { top: 50, bottom: 50, left: 56, right: 50 },
        fonts: {
          regular: loadFont('regular', options.fontDir),
          bold: loadFont('bold', options.fontDir),
          italic: loadFont('oblique', options.fontDir),
        },
        info: { Title: `Biên bản ${input.meetingId}`, Author: input.record.meeting.committeeName },
      });
      draw(doc, input);
      return doc.end();
    },
  };
}

type Doc = PdfDocument;

function draw(doc: Doc, input: MinutesPdfInput): void {
  const { record } = input;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensureRoom(40);
    doc.moveDown(0.6).font('bold').fontSize(11.5).text(text, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  const para = (text: string, fontName: 'regular' | 'italic' = 'regular') => {
    doc.font(fontName).fontSize(10.5).text(text, left, doc.y, { width, align: 'left' });
  };

  // Letterhead: the committee on the left, the party on the right, as Vietnamese party documents do.
  const top = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text(record.meeting.committeeName.toUpperCase(), left, top, { width: width / 2 });
  doc.text('ĐẢNG CỘNG SẢN VIỆT NAM', left + width / 2, top, { width: width / 2, align: 'right' });
  doc.y = Math.max(doc.y, top + 30);
  if (STATE_VI[input.state]) {
    doc
      .font('bold')
      .fontSize(10)
      .fillColor('#b00000')
      .text(STATE_VI[input.state], left, doc.y, { width, align: 'center' });
    doc.fillColor('black');
  }
  doc.moveDown(0.8).font('bold').fontSize(15).text('BIÊN BẢN', left, doc.y, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(11.5)
    .text('Cuộc họp giữ mối liên hệ với đảng viên đang công tác nơi cư trú', left, doc.y, {
      width,
      align: 'center',
    });
  doc.moveDown(0.6);
  para(meetingHeadingVi(record));

  // R13–R15: every part in the protocol's order, with what the records fill in under it (the attendance
  // figures and each absentee's reason under the opening, comments and answers under 2.3 and 2.5).
  heading('NỘI DUNG CUỘC HỌP');
  for (const part of input.parts) {
    ensureRoom(36);
    doc
      .moveDown(0.3)
      .font('bold')
      .fontSize(10.5)
      .text(`${part.number}. ${part.title}`, left, doc.y, { width });
    if (part.filledIn) para(part.filledIn, 'italic');
    para(part.text ?? '(chưa ghi)');
  }

  // R13: the attendance sheet as taken at the meeting, one row per invited member.
  heading(
    `DANH SÁCH ĐIỂM DANH (được mời: ${record.attendance.total}; có mặt: ${record.attendance.present}; vắng mặt: ${record.attendance.absent})`,
  );
  const cols = { no: left, name: left + 40, status: left + width - 110 };
  const row = (no: string, name: string, status: string, bold = false) => {
    ensureRoom(18);
    const y = doc.y;
    doc.font(bold ? 'bold' : 'regular').fontSize(10);
    doc.text(no, cols.no, y, { width: 36 });
    doc.text(name, cols.name, y, { width: cols.status - cols.name - 8 });
    const after = doc.y;
    doc.text(status, cols.status, y, { width: 110 });
    doc.y = Math.max(after, doc.y) + 2;
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
  };
  row('STT', 'Họ và tên', 'Điểm danh', true);
  record.rows.forEach((r, i) => {
    row(String(i + 1), r.name, r.present ? 'Có mặt' : 'Vắng mặt');
  });
  doc.x = left;

  // R15 2.6: the chair and the secretary sign the minutes book.
  ensureRoom(120); // the heading and the two signature blocks stay on one page
  heading('CHỮ KÝ');
  const y = doc.y;
  const half = width / 2;
  const sign = (title: string, x: number, s: MinutesPdfInput['signatures']['chair']) => {
    doc.font('bold').fontSize(10.5).text(title, x, y, { width: half, align: 'center' });
    doc
      .font('regular')
      .fontSize(10)
      .text(s ? `Đã ký: ${s.name}` : '(chưa ký)', x, doc.y + 4, { width: half, align: 'center' });
    if (s) doc.text(signedOn(s.signedAt), x, doc.y, { width: half, align: 'center' });
  };
  sign('THƯ KÝ', left, input.signatures.secretary);
  const afterSecretary = doc.y;
  sign('CHỦ TRÌ', left + half, input.signatures.chair);
  doc.y = Math.max(afterSecretary, doc.y) + 10;
  doc.x = left;

  // R16: the seal, printed whole so anyone can compare it with the stored record.
  ensureRoom(90); // the seal's lines stay together
  heading('NIÊM PHONG');
  if (input.seal) {
    para(`Niêm phong lúc ${signedOn(input.seal.sealedAt)} — thuật toán SHA-256. Mã niêm phong:`);
    doc.font('regular').fontSize(8.5).text(input.seal.hash, left, doc.y, { width, lineBreak: false });
    doc.moveDown(0.3);
    para(
      input.seal.verifies
        ? 'Kiểm tra: mã niêm phong khớp với biên bản đang lưu.'
        : 'CẢNH BÁO: mã niêm phong KHÔNG khớp với biên bản đang lưu.',
    );
  } else {
    para('Biên bản chưa được niêm phong (cần chữ ký của chủ trì và thư ký).');
  }
  if (input.addenda.length > 0) {
    heading('PHỤ LỤC ĐÍNH CHÍNH (ký bổ sung, không thay đổi niêm phong)');
    for (const a of input.addenda) {
      para(addendumHeading(a));
      para(a.text);
      if (a.hash) doc.font('regular').fontSize(8).text(a.hash, left, doc.y, { width, lineBreak: false });
      doc.moveDown(0.3);
    }
  }
  doc.moveDown(0.8);
  doc
    .font('italic')
    .fontSize(8.5)
    .text(`Bản in lúc ${signedOn(input.generatedAt)}; mã cuộc họp ${input.meetingId}.`, left, doc.y, {
      width,
    });
}

/**
 * R16: how an addendum's signatures print. A countersigned one shows both signers; a pending one is marked
 * "CHỜ KÝ" (not part of the record yet); a legacy one (before two signatures were required) its one signer.
 */
export function addendumHeading(a: Addendum): string {
  const who = (title: string, s: Signature) => `${title} ${s.name} (${signedOn(s.signedAt)})`;
  if (a.signedBy) {
    return `Phụ lục ${a.seq} — ký: ${a.signedBy.name} (${signedOn(a.signedBy.signedAt)}), lập khi phụ lục chỉ cần một chữ ký:`;
  }
  const { chair, secretary } = a.signatures;
  if (chair && secretary)
    return `Phụ lục ${a.seq} — đã ký: ${who('chủ trì', chair)}; ${who('thư ký', secretary)}:`;
  const signed = chair ? who('chủ trì', chair) : secretary ? who('thư ký', secretary) : '';
  const awaiting = chair ? 'thư ký' : 'chủ trì';
  return `Phụ lục ${a.seq} — CHỜ KÝ (chưa thuộc biên bản): ${signed} đã ký, chờ chữ ký của ${awaiting}:`;
}
