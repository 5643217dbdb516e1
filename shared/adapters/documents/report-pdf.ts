// adapter: the October report (R22) as a written report in Vietnamese (PDF, DejaVu Sans keeps every diacritic),
// with a vector bar chart of the attendance rate per hamlet (or per ward, for a board) and per meeting.
import { formatVietnameseDate, formatVietnameseLongDate } from '../../domain/dates.js';
import type { Round } from '../../domain/meeting.js';
import { attendanceRate, type ListedMember, type ReportDocumentData } from '../../domain/report.js';
import { loadFont } from './fonts.js';
import { PdfDocument } from './pdf/document.js';
import { proposalLabel, ROUND_LABEL, WORKPLACE_KIND_LABEL } from './report-labels.js';

const ROUND_COLOURS: Record<Round, string> = { june: '#2f6db5', october: '#d98c1f' };
const PAGE_MARGIN = 56;

type Doc = PdfDocument;

function section(doc: Doc, title: string): void {
  if (doc.y > doc.page.height - PAGE_MARGIN - 80) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(11.5).text(title).moveDown(0.2).font('regular').fontSize(11);
}

function line(doc: Doc, text: string): void {
  doc.text(text, { indent: 14, align: 'left' });
}

function listMembers(doc: Doc, members: readonly ListedMember[], suffix?: (m: ListedMember) => string): void {
  if (members.length === 0) {
    line(doc, '(không có)');
    return;
  }
  members.forEach((m, i) => {
    const where = m.workplaceName ? ` — ${m.workplaceName}` : '';
    line(doc, `${i + 1}. ${m.fullName}${where}${suffix ? suffix(m) : ''}`);
  });
}

/**
 * Grouped bars: one group per hamlet (or ward), one bar per meeting, height = attendance rate. Drawn with
 * the writer's vector operations; wraps onto further rows of at most 10 groups.
 */
function attendanceChart(doc: Doc, data: ReportDocumentData): void {
  const meetings = data.report.body.meetings.filter((m) => (m.units ?? []).length > 0);
  if (meetings.length === 0) {
    line(doc, '(chưa có số liệu dự họp)');
    return;
  }
  const unitIds = [...new Set(meetings.flatMap((m) => (m.units ?? []).map((u) => u.id)))];
  const names = new Map(meetings.flatMap((m) => (m.units ?? []).map((u) => [u.id, u.name] as const)));
  const perRow = 10;
  const width = doc.page.width - 2 * PAGE_MARGIN;
  const plotHeight = 120;
  const axisWidth = 30;
  for (let start = 0; start < unitIds.length; start += perRow) {
    const ids = unitIds.slice(start, start + perRow);
    const blockHeight = plotHeight + 60;
    if (doc.y + blockHeight > doc.page.height - PAGE_MARGIN) doc.addPage();
    const top = doc.y + 8;
    const left = PAGE_MARGIN + axisWidth;
    const plotWidth = width - axisWidth;
    const bottom = top + plotHeight;
    // Axis and grid: 0, 25, 50, 75, 100 %.
    doc.fontSize(7).font('regular');
    for (const pct of [0, 25, 50, 75, 100]) {
      const y = bottom - (pct / 100) * plotHeight;
      doc
        .save()
        .moveTo(left, y)
        .lineTo(left + plotWidth, y)
        .lineWidth(0.4)
        .strokeColor('#bbbbbb')
        .stroke()
        .restore();
      doc.fillColor('#333333').text(`${pct}%`, PAGE_MARGIN, y - 4, { width: axisWidth - 4, align: 'right' });
    }
    const groupWidth = plotWidth / ids.length;
    const barWidth = Math.min(22, (groupWidth * 0.8) / meetings.length);
    ids.forEach((id, g) => {
      const groupLeft = left + g * groupWidth + (groupWidth - barWidth * meetings.length) / 2;
      meetings.forEach((meeting, b) => {
        const unit = (meeting.units ?? []).find((u) => u.id === id);
        if (!unit) return;
        const rate = attendanceRate(unit.present, unit.invited);
        const h = (rate / 100) * plotHeight;
        const x = groupLeft + b * barWidth;
        doc
          .save()
          .rect(x, bottom - h, barWidth - 2, h)
          .fill(ROUND_COLOURS[meeting.round])
          .restore();
        doc
          .fillColor('#000000')
          .fontSize(6.5)
          .text(`${rate}%`, x - 4, bottom - h - 9, { width: barWidth + 6, align: 'center' });
      });
      doc
        .fillColor('#000000')
        .fontSize(7)
        .text(names.get(id) ?? id, left + g * groupWidth, bottom + 4, {
          width: groupWidth,
          align: 'center',
          height: 18,
          ellipsis: true,
        });
    });
    // Legend.
    let lx = left;
    const ly = bottom + 26;
    for (const meeting of meetings) {
      doc.save().rect(lx, ly, 8, 8).fill(ROUND_COLOURS[meeting.round]).restore();
      doc
        .fillColor('#000000')
        .fontSize(8)
        .text(`Cuộc họp ${ROUND_LABEL[meeting.round].toLowerCase()}`, lx + 12, ly, {
          lineBreak: false,
        });
      lx += 110;
    }
    doc.x = PAGE_MARGIN;
    doc.y = ly + 18;
  }
  doc.font('regular').fontSize(11).fillColor('#000000');
}

/** Writes the report; resolves with the PDF bytes. */
export function buildReportPdf(
  data: ReportDocumentData,
  options: { fontDir?: string } = {},
): Promise<Buffer> {
  const { report, committee } = data;
  const body = report.body;
  const m = body.members;
  const e = body.evaluations;
  // Every page stays in memory until the end, so the footer can say "Trang i/n".
  const doc = new PdfDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    fonts: { regular: loadFont('regular', options.fontDir), bold: loadFont('bold', options.fontDir) },
    info: {
      Title: `Báo cáo giữ mối liên hệ nơi cư trú năm ${report.year} — ${committee.name}`,
      Author: committee.name,
    },
  });

  // Heading: the committee on the left, the Party's name and the date on the right.
  const half = (doc.page.width - 2 * PAGE_MARGIN) / 2;
  const top = doc.y;
  doc.font('bold').fontSize(10);
  doc.text(data.parent ? data.parent.name.toUpperCase() : '', PAGE_MARGIN, top, {
    width: half,
    align: 'center',
  });
  doc.text(committee.name.toUpperCase(), { width: half, align: 'center' });
  doc.font('regular').text('*', { width: half, align: 'center' });
  doc.font('bold').text('ĐẢNG CỘNG SẢN VIỆT NAM', PAGE_MARGIN + half, top, { width: half, align: 'center' });
  doc
    .font('regular')
    .fontSize(10)
    .text(formatVietnameseLongDate(data.issuedOn), { width: half, align: 'center' });
  doc.x = PAGE_MARGIN;
  doc.y = Math.max(doc.y, top + 48);

  doc.moveDown(1).font('bold').fontSize(14).text('BÁO CÁO', { align: 'center' });
  doc
    .font('bold')
    .fontSize(11.5)
    .text(
      `Kết quả thực hiện việc đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú năm ${report.year}`,
      { align: 'center' },
    );
  doc
    .moveDown(0.6)
    .font('regular')
    .fontSize(11)
    .text(`Kính gửi: ${data.parent?.name ?? data.reportsToVi}`, {
      align: 'center',
    });
  if (report.scope === 'aggregate') {
    doc
      .moveDown(0.3)
      .text(`Tổng hợp từ ${report.childOrgIds.length} đơn vị trực thuộc.`, { align: 'center' });
  }

  section(doc, 'I. TÌNH HÌNH ĐẢNG VIÊN ĐƯỢC GIỚI THIỆU VỀ NƠI CƯ TRÚ');
  const kinds = (Object.keys(WORKPLACE_KIND_LABEL) as (keyof typeof WORKPLACE_KIND_LABEL)[])
    .map((k) => `${WORKPLACE_KIND_LABEL[k].toLowerCase()}: ${m.byWorkplaceKind[k] ?? 0}`)
    .join('; ');
  line(doc, `- Tổng số đảng viên được giới thiệu: ${m.introduced} (${kinds}).`);
  line(doc, `- Đã tiếp nhận: ${m.received}; chưa tiếp nhận: ${m.pending}.`);
  line(doc, `- Đang giữ mối liên hệ: ${m.active}; chấm dứt liên hệ trong năm: ${m.ended}.`);
  line(doc, `- Được miễn sinh hoạt: ${m.exempt}; đi công tác xa, lưu động: ${m.travelling}.`);
  line(doc, `- Học sinh, sinh viên: ${m.students}; lực lượng vũ trang: ${m.armedForces}.`);

  section(doc, 'II. CÁC CUỘC HỌP GIỮ MỐI LIÊN HỆ');
  if (body.meetings.length === 0) line(doc, '(chưa tổ chức cuộc họp nào trong năm)');
  for (const t of body.meetings) {
    const when = t.date ? ` (ngày ${formatVietnameseDate(t.date)})` : '';
    line(
      doc,
      `- Cuộc họp ${ROUND_LABEL[t.round].toLowerCase()}${when}: mời ${t.invited} đảng viên; có mặt ${t.present} ` +
        `(tỷ lệ ${attendanceRate(t.present, t.invited)}%); vắng có lý do được xác nhận ${t.absentConfirmed}; ` +
        `vắng chưa được xác nhận ${t.absentUnconfirmed}; không phản hồi ${t.noReply}.`,
    );
    // R4, R3: members not expected (exempt) and those away on a travel notice, on their own line.
    line(
      doc,
      `  Vắng do được miễn sinh hoạt: ${t.absentExempt ?? 0}; vắng do đi công tác xa (có thông báo): ` +
        `${t.absentTravelling ?? 0}.`,
    );
  }
  doc
    .moveDown(0.4)
    .font('bold')
    .fontSize(10)
    .text(
      report.scope === 'aggregate'
        ? 'Biểu đồ: tỷ lệ dự họp theo đơn vị, từng cuộc họp'
        : 'Biểu đồ: tỷ lệ dự họp theo ấp, khu vực, từng cuộc họp',
      { align: 'center' },
    );
  doc.font('regular').fontSize(11);
  attendanceChart(doc, data);

  section(doc, 'III. NHẬN XÉT ĐẢNG VIÊN CUỐI NĂM');
  line(doc, `- Đã nhận xét: ${e.done}; còn phải nhận xét: ${e.due}; bản nháp chưa gửi: ${e.drafts}.`);
  // R17, R19: what is still missing past its deadline.
  line(
    doc,
    `- Quá hạn chưa nhận xét: ${e.missing ?? 0}; đảng viên quá hạn chưa tự báo cáo: ${e.selfReportsMissing ?? 0}.`,
  );
  line(
    doc,
    `- ${proposalLabel(data.ruleSet, 'commend')}: ${e.byProposal.commend ?? 0}; ` +
      `${proposalLabel(data.ruleSet, 'none').toLowerCase()}: ${e.byProposal.none ?? 0}; ` +
      `${proposalLabel(data.ruleSet, 'criticise').toLowerCase()}: ${e.byProposal.criticise ?? 0}.`,
  );

  section(doc, `IV. ĐỀ NGHỊ BIỂU DƯƠNG (${data.commendations.length})`);
  listMembers(doc, data.commendations);
  section(
    doc,
    `V. ĐỀ NGHỊ ${proposalLabel(data.ruleSet, 'criticise').toUpperCase()} (${data.criticisms.length})`,
  );
  listMembers(doc, data.criticisms);
  section(doc, `VI. ĐẢNG VIÊN VẮNG MẶT CẢ HAI CUỘC HỌP KHÔNG CÓ LÝ DO (${data.bothMeetingsMissed.length})`);
  listMembers(doc, data.bothMeetingsMissed);

  doc.moveDown(1.2);
  if (doc.y > doc.page.height - PAGE_MARGIN - 80) doc.addPage();
  const signTop = doc.y;
  doc.font('regular').fontSize(9.5).text('Nơi nhận:', PAGE_MARGIN, signTop, { width: half });
  doc.text(`- ${data.parent?.name ?? data.reportsToVi};`, { width: half });
  doc.text('- Lưu.', { width: half });
  doc
    .font('bold')
    .fontSize(10.5)
    .text(`T/M ${committee.name.toUpperCase()}`, PAGE_MARGIN + half, signTop, {
      width: half,
      align: 'center',
    });
  doc.x = PAGE_MARGIN;

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#666666');
    doc.text(`Trang ${i + 1}/${range.count}`, PAGE_MARGIN, doc.page.height - PAGE_MARGIN + 20, {
      width: doc.page.width - 2 * PAGE_MARGIN,
      align: 'center',
      lineBreak: false,
    });
  }
  return Promise.resolve(Buffer.from(doc.end()));
}
