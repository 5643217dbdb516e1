// The October report's statistical form (R22) as the writer builds it, read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  buildReportXlsx,
  COUNTING_BASIS,
  REPORT_SHEETS,
  REPORT_TITLE_ROWS,
} from '../../../shared/adapters/documents/report-xlsx.js';
import { reportDocumentData } from '../../support/report-document.js';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function rows(workbook: ExcelJS.Workbook, sheet: string): unknown[][] {
  const out: unknown[][] = [];
  // The table, under the title rows (committee, title, counting basis, a blank line)
  workbook.getWorksheet(sheet)?.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > REPORT_TITLE_ROWS) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

describe('Function: buildReportXlsx', () => {
  it('writes one sheet per table, in the order of the written report, with the numbers as numbers', async () => {
    // Act
    const workbook = await load(await buildReportXlsx(reportDocumentData()));

    // Assess
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(REPORT_SHEETS));
    expect(workbook.creator).toBe('Đảng ủy phường Bến Thành');
    expect(workbook.title).toBe('Báo cáo kết quả năm 2026 — giữ mối liên hệ nơi cư trú');
    expect(workbook.created?.toISOString()).toBe('2026-10-31T10:00:00.000Z');
    expect(rows(workbook, REPORT_SHEETS.meetings).slice(1)).toEqual([
      ['Tháng 6', '20/06/2026', 24, 20, 2, 1, 1, 0, 0, 83],
      ['Tháng 10', '', 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(rows(workbook, REPORT_SHEETS.attendanceByUnit).slice(1)).toEqual([
      ['Khu phố 1', 'Tháng 6', 12, 11, 92],
      ['Khu phố 2', 'Tháng 6', 12, 9, 75],
    ]);
    expect(rows(workbook, REPORT_SHEETS.byWorkplaceKind).at(-1)).toEqual(['Tổng cộng', 29]);
  });

  it('lists 5,000 members, numbered, under a frozen header, in columns as wide as their text', async () => {
    // Act
    const workbook = await load(await buildReportXlsx(reportDocumentData(5_000)));
    const proposals = rows(workbook, REPORT_SHEETS.proposals);
    const missed = rows(workbook, REPORT_SHEETS.bothMeetingsMissed);
    const sheet = workbook.getWorksheet(REPORT_SHEETS.proposals);

    // Assess
    expect(proposals).toHaveLength(1 + 2 * 1_666);
    expect(missed).toHaveLength(1 + 1_668);
    expect(proposals[1]).toEqual([1, 'Nguyễn Thị Hằng', 'Sở Y tế — Bệnh viện số 1', 'Biểu dương']);
    expect(proposals.at(-1)?.[0]).toBe(3_332);
    expect(missed.at(-1)).toEqual([1_668, 'Phạm Thị Hằng', 'Sở Y tế — Bệnh viện số 28']);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: REPORT_TITLE_ROWS + 1 });
    expect(sheet?.getRow(REPORT_TITLE_ROWS + 1).getCell(2).font?.bold).toBe(true);
    // STT at least 10; the longest name ("Nguyễn Phương Thảo") and workplace, + 2
    expect([1, 2, 3].map((c) => sheet?.getColumn(c).width)).toEqual([10, 20, 27]);
  });

  it('is byte-identical for the same report (the file carries the report’s compile time, not the clock’s)', async () => {
    // Act
    const first = await buildReportXlsx(reportDocumentData(30));
    const second = await buildReportXlsx(reportDocumentData(30));

    // Assess
    expect(first.equals(second)).toBe(true);
  });
  it('opens each sheet with title rows naming the committee and the year, and a note on how it counts', async () => {
    // Act
    const workbook = await load(await buildReportXlsx(reportDocumentData()));

    // Assess: every sheet, with a plain name (no rule codes)
    for (const [key, name] of Object.entries(REPORT_SHEETS) as [keyof typeof REPORT_SHEETS, string][]) {
      const sheet = workbook.getWorksheet(name);
      expect(name).not.toMatch(/\bR\d{1,2}\b|[()]/);
      expect(sheet?.getRow(1).getCell(1).value).toBe('ĐẢNG ỦY PHƯỜNG BẾN THÀNH');
      expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet?.getRow(2).getCell(1).value).toBe(`Báo cáo kết quả năm 2026 — ${name}`);
      expect(sheet?.getRow(3).getCell(1).value).toBe(COUNTING_BASIS[key]);
      // The narrative's sheet counts nothing: its note says what it holds
      expect(String(sheet?.getRow(3).getCell(1).value)).toMatch(
        key === 'narrative' ? /^Nội dung: / : /^Cách đếm: /,
      );
      expect(String(sheet?.getRow(3).getCell(1).value)).not.toMatch(/\bR\d{1,2}\b/);
    }
    // The two bases that differ are told apart: the introduced in the year vs the active members
    expect(COUNTING_BASIS.byCategory).toContain('mọi đảng viên được giới thiệu trong năm');
    expect(COUNTING_BASIS.members).toContain('đang giữ mối liên hệ vào ngày lập báo cáo');
  });

  it('lists the narrative\'s three sections on its own sheet, each "(chưa viết)" when not written', async () => {
    // Prepare
    const data = reportDocumentData();
    const written = {
      ...data,
      report: { ...data.report, narrative: { version: 2, proposals: 'Tăng cường nhắc nhở.' } },
    };

    // Act
    const empty = rows(await load(await buildReportXlsx(data)), REPORT_SHEETS.narrative);
    const some = rows(await load(await buildReportXlsx(written)), REPORT_SHEETS.narrative);

    // Assess
    expect(empty).toEqual([
      ['Phần', 'Nội dung'],
      ['Đánh giá chung', '(chưa viết)'],
      ['Khó khăn, vướng mắc', '(chưa viết)'],
      ['Kiến nghị, đề xuất', '(chưa viết)'],
    ]);
    expect(some.at(-1)).toEqual(['Kiến nghị, đề xuất', 'Tăng cường nhắc nhở.']);
  });
});
