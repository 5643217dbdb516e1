// adapter: the year's report (R22) as a written report in Vietnamese in the party's document format
// (party-format.ts: header with the number "Số …-BC/ĐU" and the place-and-date line, title, body, the
// signature block with the signer's title and name, "Nơi nhận" with purposes, page numbers), with a vector
// bar chart of the attendance rate per hamlet (or per ward, for a board) and per meeting.
import { formatVietnameseDate } from '../../domain/dates.js';
import { onBehalfOf } from '../../domain/introduction-letter.js';
import type { Round } from '../../domain/meeting.js';
import {
  DOCUMENT_KIND_SYMBOL,
  documentPlace,
  issuerSymbol,
  partyOrganisationName,
  placeAndDate,
} from '../../domain/party-document.js';
import {
  attendanceRate,
  type ListedMember,
  type MeetingTally,
  type ReportDocumentData,
} from '../../domain/report.js';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../../domain/report-narrative.js';
import type { PartyTitle } from '../../domain/roles.js';
import { PARTY_TITLE, REPORT_TITLE } from '../../domain/wording.js';
import { documentFonts } from './fonts.js';
import { type BodyBlock, type PartyFrame, renderPartyDocument } from './party-format.js';
import type { PdfDocument } from './pdf/document.js';
import { proposalLabel, ROUND_LABEL, WORKPLACE_KIND_LABEL } from './report-labels.js';

const ROUND_COLOURS: Record<Round, string> = { june: '#2f6db5', october: '#d98c1f' };
const ROUNDS: readonly Round[] = ['june', 'october'];
const TITLE_VI = (title: PartyTitle) => PARTY_TITLE[title].vi.toLocaleUpperCase('vi');

type Doc = PdfDocument;

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');
const item = (text: string): BodyBlock => ({ kind: 'paragraph', text, indent: 28 });

function members(list: readonly ListedMember[], suffix?: (m: ListedMember) => string): BodyBlock[] {
  if (list.length === 0) return [item('(không có)')];
  return list.map((m, i) =>
    item(
      `${i + 1}. ${m.fullName}${m.workplaceName ? ` — ${m.workplaceName}` : ''}${suffix ? suffix(m) : ''}`,
    ),
  );
}

const NARRATIVE_HEADINGS: Record<NarrativeSection, string> = {
  assessment: 'VII. ĐÁNH GIÁ CHUNG',
  difficulties: 'VIII. KHÓ KHĂN, VƯỚNG MẮC',
  proposals: 'IX. KIẾN NGHỊ, ĐỀ XUẤT',
};

/**
 * R22: the committee's narrative after the figures, one heading a section, each typed line a paragraph with
 * its first line indented (the party's body style); nothing when no section was written when compiling.
 */
function narrativeBlocks(data: ReportDocumentData): BodyBlock[] {
  const narrative = data.report.narrative;
  if (!narrative || NARRATIVE_SECTIONS.every((s) => !narrative[s])) return [];
  return NARRATIVE_SECTIONS.flatMap((s): BodyBlock[] => {
    const lines = (narrative[s] ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    return [
      { kind: 'heading', text: NARRATIVE_HEADINGS[s] },
      ...(lines.length > 0
        ? lines.map((text): BodyBlock => ({ kind: 'paragraph', text, indent: 28, align: 'justify' }))
        : [item('(không có)')]),
    ];
  });
}

/** Per round: its figures once held, "chưa tổ chức" when it was not (nobody invited yet). */
function meetingLines(tallies: readonly MeetingTally[]): BodyBlock[] {
  return ROUNDS.flatMap((round) => {
    const label = `Cuộc họp ${ROUND_LABEL[round].toLowerCase()}`;
    const held = tallies.filter((t) => t.round === round && t.invited > 0);
    if (held.length === 0) return [item(`- ${label}: chưa tổ chức.`)];
    const sum = (
      k:
        | 'invited'
        | 'present'
        | 'absentConfirmed'
        | 'absentUnconfirmed'
        | 'noReply'
        | 'absentExempt'
        | 'absentTravelling',
    ) => held.reduce((n, t) => n + (t[k] ?? 0), 0);
    const date = held.length === 1 && held[0]?.date ? ` (ngày ${formatVietnameseDate(held[0].date)})` : '';
    return [
      item(
        `- ${label}${date}: mời ${sum('invited')} đảng viên; có mặt ${sum('present')} ` +
          `(tỷ lệ ${attendanceRate(sum('present'), sum('invited'))}%); vắng có lý do được xác nhận ${sum('absentConfirmed')}; ` +
          `vắng chưa được xác nhận ${sum('absentUnconfirmed')}; không phản hồi ${sum('noReply')}.`,
      ),
      // R4, R3: members not expected (exempt) and those away on a travel notice, on their own line.
      item(
        `  Vắng do được miễn sinh hoạt: ${sum('absentExempt')}; vắng do đi công tác xa (có thông báo): ` +
          `${sum('absentTravelling')}.`,
      ),
    ];
  });
}

/**
 * Grouped bars: one group per hamlet (or ward), one bar per meeting, height = attendance rate. Drawn with
 * the writer's vector operations; wraps onto further rows of at most 10 groups.
 */
function attendanceChart(doc: Doc, frame: PartyFrame, data: ReportDocumentData): void {
  const meetings = data.report.body.meetings.filter((m) => (m.units ?? []).length > 0);
  if (meetings.length === 0) {
    doc
      .font('regular')
      .fontSize(frame.bodySize)
      .text('(chưa có số liệu dự họp)', frame.left, doc.y, { width: frame.width });
    return;
  }
  const unitIds = [...new Set(meetings.flatMap((m) => (m.units ?? []).map((u) => u.id)))];
  const names = new Map(meetings.flatMap((m) => (m.units ?? []).map((u) => [u.id, u.name] as const)));
  const perRow = 10;
  const width = frame.width;
  const plotHeight = 120;
  const axisWidth = 30;
  for (let start = 0; start < unitIds.length; start += perRow) {
    const ids = unitIds.slice(start, start + perRow);
    const blockHeight = plotHeight + 60;
    frame.ensureRoom(blockHeight);
    const top = doc.y + 8;
    const left = frame.left + axisWidth;
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
      doc.fillColor('#333333').text(`${pct}%`, frame.left, y - 4, { width: axisWidth - 4, align: 'right' });
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
    doc.x = frame.left;
    doc.y = ly + 18;
  }
  doc.font('regular').fontSize(frame.bodySize).fillColor('#000000');
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
  const kinds = (Object.keys(WORKPLACE_KIND_LABEL) as (keyof typeof WORKPLACE_KIND_LABEL)[])
    .map((k) => `${WORKPLACE_KIND_LABEL[k].toLowerCase()}: ${m.byWorkplaceKind[k] ?? 0}`)
    .join('; ');
  const blocks: BodyBlock[] = [];
  if (report.scope === 'aggregate') {
    blocks.push({
      kind: 'paragraph',
      text: `Tổng hợp từ ${report.childOrgIds.length} đơn vị trực thuộc.`,
      italic: true,
      align: 'center',
    });
  }
  blocks.push(
    { kind: 'heading', text: 'I. TÌNH HÌNH ĐẢNG VIÊN ĐƯỢC GIỚI THIỆU VỀ NƠI CƯ TRÚ' },
    item(`- Tổng số đảng viên được giới thiệu: ${m.introduced} (${kinds}).`),
    item(`- Đã tiếp nhận: ${m.received}; chưa tiếp nhận: ${m.pending}.`),
    item(`- Đang giữ mối liên hệ: ${m.active}; chấm dứt liên hệ trong năm: ${m.ended}.`),
    item(`- Được miễn sinh hoạt: ${m.exempt}; đi công tác xa, lưu động: ${m.travelling}.`),
    item(`- Học sinh, sinh viên: ${m.students}; lực lượng vũ trang: ${m.armedForces}.`),
    { kind: 'heading', text: 'II. CÁC CUỘC HỌP GIỮ MỐI LIÊN HỆ' },
    ...meetingLines(body.meetings),
    {
      kind: 'paragraph',
      bold: true,
      align: 'center',
      size: 11,
      text:
        report.scope === 'aggregate'
          ? 'Biểu đồ: tỷ lệ dự họp theo đơn vị, từng cuộc họp'
          : 'Biểu đồ: tỷ lệ dự họp theo ấp, khu vực, từng cuộc họp',
    },
    { kind: 'draw', draw: (doc, frame) => attendanceChart(doc, frame, data) },
    { kind: 'heading', text: 'III. NHẬN XÉT ĐẢNG VIÊN CUỐI NĂM' },
    item(`- Đã nhận xét: ${e.done}; còn phải nhận xét: ${e.due}; bản nháp chưa gửi: ${e.drafts}.`),
    // R17, R19: what is still missing past its deadline.
    item(
      `- Quá hạn chưa nhận xét: ${e.missing ?? 0}; đảng viên quá hạn chưa tự báo cáo: ${e.selfReportsMissing ?? 0}.`,
    ),
    item(
      `- ${proposalLabel(data.ruleSet, 'commend')}: ${e.byProposal.commend ?? 0}; ` +
        `${proposalLabel(data.ruleSet, 'none').toLowerCase()}: ${e.byProposal.none ?? 0}; ` +
        `${proposalLabel(data.ruleSet, 'criticise').toLowerCase()}: ${e.byProposal.criticise ?? 0}.`,
    ),
    { kind: 'heading', text: `IV. ĐỀ NGHỊ BIỂU DƯƠNG (${data.commendations.length})` },
    ...members(data.commendations),
    {
      kind: 'heading',
      text: `V. ĐỀ NGHỊ ${proposalLabel(data.ruleSet, 'criticise').toUpperCase()} (${data.criticisms.length})`,
    },
    ...members(data.criticisms),
    {
      kind: 'heading',
      text: `VI. ĐẢNG VIÊN VẮNG MẶT CẢ HAI CUỘC HỌP KHÔNG CÓ LÝ DO (${data.bothMeetingsMissed.length})`,
    },
    ...members(data.bothMeetingsMissed),
    ...narrativeBlocks(data),
  );

  const reportsTo = data.parent?.name ?? data.reportsToVi;
  const pdf = renderPartyDocument(
    {
      header: {
        ...(data.parent ? { parent: partyOrganisationName(data.parent.name) } : {}),
        issuer: upper(committee.name),
        // A number given by the counter; else the symbol with room to write the number by hand.
        number: `Số ${data.number ?? `……-${DOCUMENT_KIND_SYMBOL.report}/${issuerSymbol(committee.name)}`}`,
        placeAndDate: placeAndDate(documentPlace(committee), data.issuedOn),
      },
      title: {
        type: 'BÁO CÁO',
        summary: [
          `Kết quả năm ${report.year} thực hiện việc đảng viên đang công tác`,
          'giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú',
        ],
      },
      body: blocks,
      signatures: [
        {
          onBehalfOf: onBehalfOf(committee.name),
          position: data.signer ? TITLE_VI(data.signer.title) : TITLE_VI('bi_thu'),
          hint: '(Ký tên, đóng dấu)',
          name: data.signer?.name,
        },
      ],
      recipients: [
        { name: reportsTo, purpose: 'để báo cáo' },
        { name: 'Các chi bộ trực thuộc', purpose: 'để biết' },
        { name: 'Lưu VP' },
      ],
      info: { Title: `${REPORT_TITLE(report.year).vi} — ${committee.name}`, Author: committee.name },
    },
    documentFonts(options.fontDir),
  );
  return Promise.resolve(Buffer.from(pdf));
}
