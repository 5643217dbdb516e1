// adapter: a member's own data (/dulieu) as plain Vietnamese sections and as an A4 PDF — every record the system
// holds about them, worded for the member (each code's words from the catalogue, domain/wording.ts): no internal
// ids, no rule numbers.
import { formatVietnameseDate } from '../../domain/dates.js';
import type { IntroductionStatus } from '../../domain/introduction.js';
import {
  ABSENCE_CATEGORY,
  ANSWER,
  ATTENDANCE,
  CONFIRMATION,
  MEMBER_CATEGORY,
  PROPOSAL,
} from '../../domain/wording.js';
import type { PersonalData } from '../../services/personal-data.js';
import { PdfDocument } from './pdf/document.js';

export interface DataSection {
  heading: string;
  lines: string[];
}

const STATUS: Record<IntroductionStatus, string> = {
  issued: 'đã giới thiệu, chờ tiếp nhận',
  received: 'đang sinh hoạt nơi cư trú',
  ended: 'đã kết thúc',
};
const CHANNEL = { telegram: 'Telegram', zalo: 'Zalo' } as const;

const day = (iso: string) => formatVietnameseDate(iso.slice(0, 10));
const roundOf = (meetingDate: string) => `kỳ họp ngày ${day(meetingDate)}`;

/** The member's data, section by section, in the order the member would look for it. */
export function personalDataSections(data: PersonalData): DataSection[] {
  const m = data.member;
  const r = m.residence;
  const sections: DataSection[] = [
    {
      heading: 'Thông tin đảng viên',
      lines: [
        `Họ và tên: ${m.fullName}`,
        `Ngày sinh: ${day(m.dateOfBirth)}`,
        `Giới tính: ${m.sex === 'male' ? 'Nam' : 'Nữ'}`,
        `Số thẻ đảng viên: ${m.partyCardNumber}`,
        `Số điện thoại: ${m.phone ?? '(không có)'}`,
        `Loại đảng viên: ${MEMBER_CATEGORY[m.category].vi}`,
        // A permanent registration may be stored without its date (it is never needed for R2).
        `Nơi cư trú (${r.kind === 'permanent' ? 'thường trú' : 'tạm trú'}): ${r.address}` +
          (r.registeredFrom ? `, đăng ký từ ${day(r.registeredFrom)}` : '') +
          (r.registeredUntil ? ` đến ${day(r.registeredUntil)}` : ''),
        ...(m.partyCell ? [`Chi bộ nơi công tác: ${m.partyCell}`] : []),
        ...(m.admittedOn ? [`Ngày vào Đảng: ${day(m.admittedOn)}`] : []),
        ...(m.officialOn ? [`Ngày chính thức: ${day(m.officialOn)}`] : []),
      ],
    },
    {
      heading: 'Giới thiệu sinh hoạt nơi cư trú',
      lines: data.introductions.map(
        ({ introduction: i, workplaceName, residenceName }) =>
          `Số ${i.letterNumber}, ngày ${day(i.issuedOn)}: ${workplaceName} giới thiệu đến ${residenceName} — ${STATUS[i.status]}` +
          (i.receipt ? `; tiếp nhận ngày ${day(i.receipt.receivedOn)}` : '') +
          (i.end ? `; kết thúc ngày ${day(i.end.endedOn)}` : '') +
          (i.followerName ? `; người theo dõi: ${i.followerName}` : ''),
      ),
    },
    {
      heading: 'Đi công tác xa, miễn sinh hoạt',
      lines: [
        ...data.travelNotices.map((t) => `Đi công tác từ ${day(t.from)} đến ${day(t.until)}: ${t.reason}`),
        ...data.exemptions.map(
          (e) => `Miễn sinh hoạt từ ${day(e.from)}${e.until ? ` đến ${day(e.until)}` : ''}: ${e.reason}`,
        ),
      ],
    },
    {
      heading: 'Thư mời họp, trả lời và điểm danh',
      lines: data.invitations.map((inv) => {
        const reason = inv.absence
          ? `; lý do: ${ABSENCE_CATEGORY[inv.absence.category].vi}${inv.absence.text ? ` — ${inv.absence.text}` : ''} (${CONFIRMATION[inv.absence.confirmation].vi})`
          : '';
        return `${roundOf(inv.meetingDate)}: ${ANSWER[inv.rsvp].vi}${reason}; ${ATTENDANCE[inv.attendance].vi}`;
      }),
    },
    {
      heading: 'Ý kiến đã gửi',
      lines: data.comments.map(
        (c) =>
          `${day(c.raisedAt)} — ${c.topic}: ${c.text}${c.answer ? ` (đã trả lời: ${c.answer.text})` : ''}`,
      ),
    },
    {
      heading: 'Nhận xét cuối năm của cấp ủy nơi cư trú',
      lines: data.evaluations.map(
        (e) =>
          `Năm ${e.year}: ${e.status === 'submitted' ? 'đã gửi' : 'đang soạn'}; đề xuất: ${PROPOSAL[e.ruleSet][e.form.proposal].vi.toLowerCase()}` +
          ('otherComments' in e.form && e.form.otherComments ? `; ý kiến khác: ${e.form.otherComments}` : ''),
      ),
    },
    {
      heading: 'Tài khoản trò chuyện đã liên kết',
      lines: data.chatLinks.map(
        (l) =>
          `${CHANNEL[l.channel]}, liên kết ngày ${day(l.linkedAt)}` +
          (l.consent
            ? `; đồng ý thông báo xử lý dữ liệu cá nhân (phiên bản ${l.consent.version}) ngày ${day(l.consent.at)}`
            : ''),
      ),
    },
  ];
  return sections.map((s) => (s.lines.length > 0 ? s : { ...s, lines: ['(không có)'] }));
}

export interface DataFonts {
  regular: Uint8Array;
  bold?: Uint8Array;
}

const MARGIN = 48;

/** The sections as an A4 PDF, with the date it was made and where the retention rules are explained. */
export function renderPersonalDataPdf(data: PersonalData, madeAt: string, fonts: DataFonts): Uint8Array {
  const doc = new PdfDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    fonts: { regular: fonts.regular, bold: fonts.bold ?? fonts.regular },
    info: { Title: 'Dữ liệu cá nhân của đảng viên', Creator: 'Liên hệ nơi cư trú' },
  });
  const width = doc.page.width - 2 * MARGIN;
  doc
    .font('bold')
    .fontSize(14)
    .text('DỮ LIỆU CÁ NHÂN HỆ THỐNG ĐANG LƯU', MARGIN, MARGIN, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text(`Lập ngày ${day(madeAt)} theo yêu cầu của đảng viên.`, MARGIN, undefined, {
      width,
      align: 'center',
    });
  doc.moveDown(0.8);
  for (const section of personalDataSections(data)) {
    doc.font('bold').fontSize(11).text(section.heading, MARGIN, undefined, { width });
    doc.font('regular').fontSize(10);
    for (const line of section.lines) doc.text(`• ${line}`, MARGIN, undefined, { width, indent: 8 });
    doc.moveDown(0.6);
  }
  doc
    .fontSize(8)
    .text(
      'Phần ghi chi tiết của lý do vắng mặt được xoá sau ngày 29 tháng 1 năm sau; hai năm sau khi kết thúc ' +
        'sinh hoạt nơi cư trú, họ tên, số điện thoại và tài khoản liên kết được xoá, chỉ giữ số liệu thống kê. ' +
        'Đồng chí có quyền yêu cầu chỉnh sửa qua cấp ủy nơi công tác.',
      MARGIN,
      undefined,
      { width },
    );
  return doc.end();
}
