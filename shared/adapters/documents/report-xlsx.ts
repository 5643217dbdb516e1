// adapter: the October report's statistical form (R22) as an XLSX workbook — one sheet per table, Vietnamese
// headers; each sheet opens with title rows naming the committee and the year and a note on how it counts.
import { formatVietnameseDate } from '../../domain/dates.js';
import { MEMBER_CATEGORIES } from '../../domain/member.js';
import { attendanceRate, type ReportDocumentData } from '../../domain/report.js';
import { NARRATIVE_SECTIONS } from '../../domain/report-narrative.js';
import { PROPOSALS } from '../../domain/rule-set.js';
import { REPORT_TITLE } from '../../domain/wording.js';
import {
  CATEGORY_LABEL,
  levelRows,
  memberRows,
  NARRATIVE_LABEL,
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
  bothMeetingsMissed: 'Vắng cả hai cuộc họp',
  narrative: 'Nhận định',
} as const;

/** Rows above each sheet's header: the committee, the title, the counting basis, a blank line. */
export const REPORT_TITLE_ROWS = 4;

/**
 * How each sheet counts, printed under its title: the members' sheet mixes two bases (everyone introduced
 * in the year; the active members on the day the report was compiled), the other sheets say theirs.
 */
export const COUNTING_BASIS: Record<keyof typeof REPORT_SHEETS, string> = {
  members:
    'Cách đếm: ba dòng đầu và dòng chấm dứt đếm mọi đảng viên được giới thiệu trong năm; các dòng còn lại chỉ đếm đảng viên đang giữ mối liên hệ vào ngày lập báo cáo.',
  byWorkplaceKind:
    'Cách đếm: mọi đảng viên được giới thiệu trong năm (chưa tiếp nhận, đang giữ mối liên hệ, đã chấm dứt), theo loại nơi công tác.',
  byCategory:
    'Cách đếm: mọi đảng viên được giới thiệu trong năm (chưa tiếp nhận, đang giữ mối liên hệ, đã chấm dứt), theo đối tượng; vì vậy số học sinh, sinh viên và lực lượng vũ trang ở đây có thể lớn hơn ở trang "Đảng viên".',
  meetings: 'Cách đếm: từng cuộc họp trong năm; số được mời là số đảng viên nhận giấy mời của cuộc họp đó.',
  attendanceByUnit: 'Cách đếm: đảng viên được mời của từng cuộc họp, theo nơi sinh hoạt được phân công.',
  evaluations:
    'Cách đếm: phiếu nhận xét trong năm đã gửi; "còn phải nhận xét" là đảng viên đang giữ mối liên hệ chưa có phiếu đã gửi.',
  evaluationsByLevel: 'Cách đếm: phiếu nhận xét đã gửi, theo mức của từng tiêu chí, nhiệm vụ.',
  proposals:
    'Cách đếm: đảng viên có phiếu nhận xét đã gửi với đề nghị biểu dương hoặc phê bình; xếp theo tên.',
  bothMeetingsMissed:
    'Cách đếm: đảng viên đang giữ mối liên hệ vắng cả hai cuộc họp trong năm không có lý do được xác nhận (không tính thời gian được miễn sinh hoạt); xếp theo tên.',
  narrative:
    'Nội dung: phần nhận định cấp ủy viết trước khi tổng hợp, như lúc tổng hợp phiên bản này (sửa sau đó thì cần tổng hợp lại).',
};

type Cell = XlsxCell;

/** Adds one table: its header row, its rows, columns as wide as their longest text (10 to 60 characters). */
function addTable(
  sheets: { push(sheet: XlsxSheet): void },
  name: string,
  headers: string[],
  rows: Cell[][],
): void {
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
  const sheets: XlsxSheet[] = [];
  const titleOf = (sheet: keyof typeof REPORT_SHEETS) => [
    data.committee.name.normalize('NFC').toLocaleUpperCase('vi'),
    `${REPORT_TITLE(report.year).vi} — ${REPORT_SHEETS[sheet]}`,
    COUNTING_BASIS[sheet],
    '',
  ];
  const workbook = {
    push(sheet: XlsxSheet & { name: string }) {
      const key = (Object.keys(REPORT_SHEETS) as (keyof typeof REPORT_SHEETS)[]).find(
        (k) => REPORT_SHEETS[k] === sheet.name,
      );
      sheets.push(key ? { ...sheet, title: titleOf(key) } : sheet);
    },
  };

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

  // R22: the narrative the committee wrote, as copied into this version when it was compiled.
  addTable(
    workbook,
    REPORT_SHEETS.narrative,
    ['Phần', 'Nội dung'],
    NARRATIVE_SECTIONS.map((s): Cell[] => [NARRATIVE_LABEL[s], report.narrative?.[s] ?? '(chưa viết)']),
  );

  return writeXlsx({
    creator: data.committee.name,
    title: `${REPORT_TITLE(report.year).vi} — giữ mối liên hệ nơi cư trú`,
    created: new Date(report.compiledAt),
    sheets,
  });
}
