// adapter: the October report's statistical form (R22) as an XLSX workbook — one sheet per table, Vietnamese headers.
import { formatVietnameseDate } from '../../domain/dates.js';
import { MEMBER_CATEGORIES } from '../../domain/member.js';
import { attendanceRate, type ReportDocumentData } from '../../domain/report.js';
import { PROPOSALS } from '../../domain/rule-set.js';
import {
  CATEGORY_LABEL,
  levelRows,
  memberRows,
  proposalLabel,
  ROUND_LABEL,
  unitHeading,
  WORKPLACE_KIND_LABEL,
} from './report-labels.js';
import { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsx/workbook.js';

/** Sheet names (at most 31 characters, as Excel requires), in the order of the written report. */
export const REPORT_SHEETS = {
  members: 'Đảng viên',
  byWorkplaceKind: 'Theo nơi công tác',
  byCategory: 'Theo đối tượng',
  meetings: 'Cuộc họp',
  attendanceByUnit: 'Dự họp theo đơn vị',
  evaluations: 'Nhận xét',
  evaluationsByLevel: 'Nhận xét theo tiêu chí',
  proposals: 'Biểu dương, phê bình',
  // R11
  bothMeetingsMissed: 'Vắng cả hai cuộc họp',
} as const;

type Cell = XlsxCell;

/** Adds one table: its header row, its rows, columns as wide as their longest text (10 to 60 characters). */
function addTable(sheets: XlsxSheet[], name: string, headers: string[], rows: Cell[][]): void {
  const widest = headers.map((h) => h.length);
  for (const row of rows)
    row.forEach((cell, i) => {
      widest[i] = Math.max(widest[i] ?? 0, String(cell).length);
    });
  const columnWidths = widest.map((w) => Math.min(60, Math.max(10, w + 2)));
  sheets.push({ name, headers, rows, columnWidths });
}

/** Builds the workbook; the numbers are exactly the stored report's. */
export async function buildReportXlsx(data: ReportDocumentData): Promise<Buffer> {
  const { report } = data;
  const body = report.body;
  const workbook: XlsxSheet[] = [];

  addTable(workbook, REPORT_SHEETS.members, ['Chỉ tiêu', 'Số lượng'], memberRows(body));

  const kinds = Object.keys(WORKPLACE_KIND_LABEL) as (keyof typeof WORKPLACE_KIND_LABEL)[];
  addTable(
    workbook,
    REPORT_SHEETS.byWorkplaceKind,
    ['Loại nơi công tác', 'Số lượng'],
    [
      ...kinds.map((k): Cell[] => [WORKPLACE_KIND_LABEL[k], body.members.byWorkplaceKind[k] ?? 0]),
      ['Tổng cộng', kinds.reduce((sum, k) => sum + (body.members.byWorkplaceKind[k] ?? 0), 0)],
    ],
  );

  addTable(
    workbook,
    REPORT_SHEETS.byCategory,
    ['Đối tượng', 'Số lượng'],
    [
      ...MEMBER_CATEGORIES.map((c): Cell[] => [CATEGORY_LABEL[c], body.members.byCategory[c] ?? 0]),
      ['Tổng cộng', MEMBER_CATEGORIES.reduce((sum, c) => sum + (body.members.byCategory[c] ?? 0), 0)],
    ],
  );

  addTable(
    workbook,
    REPORT_SHEETS.meetings,
    [
      'Cuộc họp',
      'Ngày họp',
      'Số được mời',
      'Có mặt',
      'Vắng có lý do được xác nhận',
      'Vắng chưa được xác nhận',
      'Không phản hồi',
      // R4, R3: absentees not expected (exempt) and those away on a travel notice, on their own columns.
      'Vắng do được miễn sinh hoạt',
      'Vắng do đi công tác xa (có thông báo)',
      'Tỷ lệ dự họp (%)',
    ],
    body.meetings.map((t) => [
      ROUND_LABEL[t.round],
      t.date ? formatVietnameseDate(t.date) : '',
      t.invited,
      t.present,
      t.absentConfirmed,
      t.absentUnconfirmed,
      t.noReply,
      t.absentExempt ?? 0,
      t.absentTravelling ?? 0,
      attendanceRate(t.present, t.invited),
    ]),
  );

  addTable(
    workbook,
    REPORT_SHEETS.attendanceByUnit,
    [unitHeading(data), 'Cuộc họp', 'Số được mời', 'Có mặt', 'Tỷ lệ dự họp (%)'],
    body.meetings.flatMap((t) =>
      (t.units ?? []).map((u): Cell[] => [
        u.name,
        ROUND_LABEL[t.round],
        u.invited,
        u.present,
        attendanceRate(u.present, u.invited),
      ]),
    ),
  );

  const e = body.evaluations;
  addTable(
    workbook,
    REPORT_SHEETS.evaluations,
    ['Chỉ tiêu', 'Số lượng'],
    [
      ['Đã nhận xét (đã gửi)', e.done],
      ['Còn phải nhận xét', e.due],
      ['Bản nháp chưa gửi', e.drafts],
      // R17, R19: past their deadlines.
      ['Quá hạn chưa nhận xét', e.missing ?? 0],
      ['Quá hạn chưa tự báo cáo', e.selfReportsMissing ?? 0],
      ...PROPOSALS.map((p): Cell[] => [`Đề nghị: ${proposalLabel(data.ruleSet, p)}`, e.byProposal[p] ?? 0]),
    ],
  );

  addTable(
    workbook,
    REPORT_SHEETS.evaluationsByLevel,
    ['Tiêu chí, nhiệm vụ', 'Mức đánh giá', 'Số lượng'],
    levelRows(body),
  );

  addTable(
    workbook,
    REPORT_SHEETS.proposals,
    ['STT', 'Họ và tên', 'Nơi công tác', 'Đề nghị'],
    [
      ...data.commendations.map((m): Cell[] => [
        0,
        m.fullName,
        m.workplaceName,
        proposalLabel(data.ruleSet, 'commend'),
      ]),
      ...data.criticisms.map((m): Cell[] => [
        0,
        m.fullName,
        m.workplaceName,
        proposalLabel(data.ruleSet, 'criticise'),
      ]),
    ].map((row, i) => [i + 1, ...row.slice(1)]),
  );

  addTable(
    workbook,
    REPORT_SHEETS.bothMeetingsMissed,
    ['STT', 'Họ và tên', 'Nơi công tác'],
    data.bothMeetingsMissed.map((m, i) => [i + 1, m.fullName, m.workplaceName]),
  );

  return writeXlsx({
    creator: data.committee.name,
    title: `Báo cáo giữ mối liên hệ nơi cư trú năm ${report.year}`,
    created: new Date(report.compiledAt),
    sheets: workbook,
  });
}
