// adapter: the minutes (biên bản) as a Vietnamese PDF in the party's document format (party-format.ts):
// header with the parent organisation, the number and the place-and-date line, the opening formula, the
// protocol's parts under their two group headings, the attendance sheet, the secretary's and the chair's
// signature blocks with room to sign and their full names, the addenda, and a small "Mã kiểm tra" footer
// with the seal's hash and how to check it. No internal ids are printed.
import { formatVietnameseDate, localDateTime } from '../../domain/dates.js';
import type { Addendum, Signature } from '../../domain/minutes.js';
import { ROUND_VI } from '../../domain/minutes-text.js';
import { partyOrganisationName, placeAndDate } from '../../domain/party-document.js';
import { capitalised, ROLE } from '../../domain/wording.js';
import type { MinutesPdfInput, MinutesPdfRenderer } from '../../ports/minutes-pdf.js';
import { documentFonts } from './fonts.js';
import { type BodyBlock, type PartyFrame, renderPartyDocument } from './party-format.js';
import type { PdfDocument } from './pdf/document.js';

const STATE_VI = {
  draft: 'BẢN NHÁP — CHƯA KÝ',
  signing: 'ĐANG KÝ — CHƯA NIÊM PHONG',
  sealed: '',
} as const;

function signedOn(iso: string): string {
  const { date, time } = localDateTime(new Date(iso));
  return `${time} ngày ${formatVietnameseDate(date)}`;
}

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');

/** "19 giờ 30" from "19:30"; "19 giờ" on the hour. */
function clockVi(time: string): string {
  const [h, m] = time.split(':');
  return m && m !== '00' ? `${Number(h)} giờ ${m}` : `${Number(h)} giờ`;
}

/** `fontDir` names the folder of the fonts; otherwise fonts.ts finds them (REPORT_FONT_DIR, the package). */
export function createMinutesPdfRenderer(options: { fontDir?: string } = {}): MinutesPdfRenderer {
  return {
    async render(input: MinutesPdfInput): Promise<Uint8Array> {
      return renderMinutes(input, options.fontDir);
    },
  };
}

/**
 * R13–R16 in the format: the opening formula, the parts in the protocol's order under "I. PHẦN THỦ TỤC"
 * (1.x) and "II. NỘI DUNG" (2.x), the attendance sheet, the two signatures, the check code.
 */
function renderMinutes(input: MinutesPdfInput, fontDir?: string): Uint8Array {
  const { record } = input;
  const m = record.meeting;
  const [year, month, day] = m.date.split('-');
  const secretaryName = input.signatures.secretary?.name;
  const body: BodyBlock[] = [
    {
      kind: 'paragraph',
      indent: 28,
      text:
        `Hôm nay, vào lúc ${clockVi(m.time)} ngày ${day} tháng ${month} năm ${year}, tại ${m.place}, ` +
        `${m.committeeName} tổ chức cuộc họp giữ mối liên hệ với đảng viên đang công tác ${ROUND_VI[m.round]} năm ${m.year}.`,
    },
    { kind: 'paragraph', indent: 28, text: `${capitalised(ROLE.chair.vi)}: đồng chí ${m.chairName}.` },
    {
      kind: 'paragraph',
      indent: 28,
      text: `${capitalised(ROLE.secretary.vi)}: ${secretaryName ? `đồng chí ${secretaryName}` : '……………………'}.`,
    },
  ];
  const group = (prefix: string, heading: string) => {
    body.push({ kind: 'heading', text: heading });
    for (const part of input.parts.filter((p) => p.number.startsWith(prefix))) {
      body.push({ kind: 'paragraph', bold: true, align: 'left', text: `${part.number}. ${part.title}` });
      if (part.filledIn) body.push({ kind: 'paragraph', italic: true, align: 'left', text: part.filledIn });
      body.push({ kind: 'paragraph', indent: 28, text: part.text ?? '(chưa ghi)' });
    }
  };
  group('1.', 'I. PHẦN THỦ TỤC');
  group('2.', 'II. NỘI DUNG CUỘC HỌP');
  const other = input.parts.filter((p) => !/^[12]\./.test(p.number));
  for (const part of other) {
    body.push({ kind: 'paragraph', bold: true, align: 'left', text: `${part.number}. ${part.title}` });
    body.push({ kind: 'paragraph', indent: 28, text: part.text ?? '(chưa ghi)' });
  }
  body.push({
    kind: 'heading',
    text: `DANH SÁCH ĐIỂM DANH (được mời: ${record.attendance.total}; có mặt: ${record.attendance.present}; vắng mặt: ${record.attendance.absent})`,
  });
  body.push({ kind: 'draw', draw: (doc, frame) => attendanceTable(doc, frame, input) });
  if (input.addenda.length > 0) {
    body.push({
      kind: 'heading',
      text: 'PHỤ LỤC ĐÍNH CHÍNH (ký bổ sung, không thay đổi mã kiểm tra của biên bản)',
    });
    for (const a of input.addenda) {
      body.push({ kind: 'paragraph', align: 'left', size: 12, text: addendumHeading(a) });
      body.push({ kind: 'paragraph', indent: 28, text: a.text });
      if (a.hash)
        body.push({ kind: 'paragraph', align: 'left', size: 8, text: `Mã kiểm tra phụ lục: ${a.hash}` });
    }
  }
  body.push({
    kind: 'paragraph',
    indent: 28,
    text: 'Cuộc họp kết thúc; thư ký đọc lại toàn văn biên bản, chủ trì và thư ký cùng ký tên dưới đây.',
  });

  return renderPartyDocument(
    {
      header: {
        ...(input.issuer?.parent ? { parent: partyOrganisationName(input.issuer.parent) } : {}),
        issuer: upper(m.committeeName),
        ...(input.issuer?.number ? { number: `Số ${input.issuer.number}` } : {}),
        placeAndDate: placeAndDate(input.issuer?.place, m.date),
      },
      banner: STATE_VI[input.state] || undefined,
      title: {
        type: 'BIÊN BẢN',
        summary: [`Cuộc họp giữ mối liên hệ với đảng viên đang công tác ${ROUND_VI[m.round]} năm ${m.year}`],
      },
      body,
      signatures: [
        {
          position: upper(ROLE.secretary.vi),
          hint: '(Ký, ghi rõ họ tên)',
          name: secretaryName || undefined,
        },
        {
          position: upper(ROLE.chair.vi),
          hint: '(Ký, ghi rõ họ tên)',
          name: input.signatures.chair?.name ?? m.chairName,
        },
      ],
      footerNote: checkCode(input),
      info: {
        Title: `Biên bản cuộc họp ${ROUND_VI[m.round]} năm ${m.year} — ${m.committeeName}`,
        Author: m.committeeName,
      },
    },
    documentFonts(fontDir),
  );
}

/** R16: the seal's hash as a small footer line, with how anyone can check it, and when this copy was printed. */
function checkCode(input: MinutesPdfInput): string[] {
  const printed = `Bản in lúc ${signedOn(input.generatedAt)}.`;
  if (!input.seal) return [`Biên bản chưa được niêm phong (cần chữ ký của chủ trì và thư ký). ${printed}`];
  const lines = [
    `Mã kiểm tra (SHA-256, niêm phong lúc ${signedOn(input.seal.sealedAt)}): ${input.seal.hash}`,
    'Cách kiểm tra: tải lại biên bản từ hệ thống; hệ thống tính lại mã từ biên bản đang lưu, bản in lại phải mang đúng mã này. ' +
      printed,
  ];
  if (!input.seal.verifies) lines.push('CẢNH BÁO: mã kiểm tra KHÔNG khớp với biên bản đang lưu.');
  return lines;
}

/** R13: the attendance sheet as taken at the meeting, one row per invited member. */
function attendanceTable(doc: PdfDocument, frame: PartyFrame, input: MinutesPdfInput): void {
  const { left, width } = frame;
  const cols = { no: left, name: left + 36, status: left + width - 100 };
  const row = (no: string, name: string, status: string, bold = false) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(12);
    frame.ensureRoom(doc.currentLineHeight() + 4);
    const y = doc.y;
    doc.text(no, cols.no, y, { width: 32 });
    doc.text(name, cols.name, y, { width: cols.status - cols.name - 8 });
    const after = doc.y;
    doc.text(status, cols.status, y, { width: 100 });
    doc.y = Math.max(after, doc.y) + 2;
    doc
      .save()
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke()
      .restore();
  };
  row('STT', 'Họ và tên', 'Điểm danh', true);
  input.record.rows.forEach((r, i) => {
    row(String(i + 1), r.name, r.present ? 'Có mặt' : 'Vắng mặt');
  });
  doc.x = left;
  doc.y += 6;
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
