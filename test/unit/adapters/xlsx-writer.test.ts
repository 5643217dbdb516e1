// The XLSX writer, read back with exceljs (an independent reader, kept for the tests) and, for what exceljs
// does not show, through the package's own XML parts.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx, type XlsxWorkbook } from '../../../shared/adapters/documents/xlsx/workbook.js';
import { readZip } from '../../support/zip-reader.js';

const VIETNAMESE = 'Nguyễn Thị Hằng — Phường Bến Thành';

const BOOK: XlsxWorkbook = {
  creator: 'Đảng ủy phường Bến Thành',
  title: 'Báo cáo giữ mối liên hệ nơi cư trú năm 2026',
  created: new Date('2026-10-31T10:00:00.000Z'),
  sheets: [
    {
      name: 'Đảng viên',
      headers: ['Chỉ tiêu', 'Số lượng'],
      rows: [
        ['Đã tiếp nhận', 26],
        ['Tỷ lệ dự họp (%)', 83.5],
        ['Chưa có', 0],
      ],
      columnWidths: [36, 10],
    },
    {
      name: 'Vắng cả hai cuộc họp',
      headers: ['STT', 'Họ và tên', 'Nơi công tác'],
      rows: [[1, VIETNAMESE, 'Sở Y tế']],
      columnWidths: [10, 40.5, 60],
    },
    { name: 'Nhận xét', headers: ['Chỉ tiêu', 'Số lượng'], rows: [] },
  ],
};

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function values(workbook: ExcelJS.Workbook, sheet: string): unknown[][] {
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

function part(bytes: Buffer, name: string): string {
  const entry = readZip(bytes).find((e) => e.name === name);
  if (!entry) throw new Error(`no part ${name}`);
  return entry.data.toString('utf8');
}

const oneSheet = (headers: string[], rows: (string | number)[][], name = 'Trang 1'): XlsxWorkbook => ({
  ...BOOK,
  sheets: [{ name, headers, rows }],
});

describe('Function: writeXlsx', () => {
  it('writes the sheets in order, strings as shared strings and numbers as numbers', async () => {
    // Act
    const bytes = writeXlsx(BOOK);
    const workbook = await load(bytes);
    const sheet1 = part(bytes, 'xl/worksheets/sheet1.xml');

    // Assess
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Đảng viên', 'Vắng cả hai cuộc họp', 'Nhận xét']);
    expect(values(workbook, 'Đảng viên')).toEqual([
      ['Chỉ tiêu', 'Số lượng'],
      ['Đã tiếp nhận', 26],
      ['Tỷ lệ dự họp (%)', 83.5],
      ['Chưa có', 0],
    ]);
    expect(workbook.getWorksheet('Đảng viên')?.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(workbook.getWorksheet('Đảng viên')?.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet1).toContain('<c r="B2"><v>26</v></c>');
    expect(sheet1).toContain('<c r="B3"><v>83.5</v></c>');
    expect(sheet1).toMatch(/<c r="A2" t="s"><v>\d+<\/v><\/c>/);
    expect(values(workbook, 'Vắng cả hai cuộc họp')).toEqual([
      ['STT', 'Họ và tên', 'Nơi công tác'],
      [1, VIETNAMESE, 'Sở Y tế'],
    ]);
  });

  it('makes each header row bold, wrapped and vertically centred, and freezes it', async () => {
    // Act
    const workbook = await load(writeXlsx(BOOK));

    // Assess
    for (const ws of workbook.worksheets) {
      const header = ws.getRow(1);
      header.eachCell((cell) => {
        expect(cell.font?.bold, `${ws.name} ${cell.address}`).toBe(true);
        expect(cell.alignment).toEqual({ vertical: 'middle', wrapText: true });
      });
      expect(ws.getCell('A2').font?.bold ?? false).toBe(false);
      expect(ws.views).toEqual([
        expect.objectContaining({ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }),
      ]);
    }
  });

  it('sets the column widths given, and leaves the others at the default', async () => {
    // Act
    const workbook = await load(writeXlsx(BOOK));
    const width = (sheet: string, column: number) => workbook.getWorksheet(sheet)?.getColumn(column).width;

    // Assess
    expect([width('Đảng viên', 1), width('Đảng viên', 2)]).toEqual([36, 10]);
    expect([1, 2, 3].map((c) => width('Vắng cả hai cuộc họp', c))).toEqual([10, 40.5, 60]);
    expect(width('Nhận xét', 1)).toBeUndefined();
  });

  it('records the creator, the title and the created date', async () => {
    // Act
    const bytes = writeXlsx(BOOK);
    const workbook = await load(bytes);

    // Assess
    expect(workbook.creator).toBe('Đảng ủy phường Bến Thành');
    expect(workbook.title).toBe('Báo cáo giữ mối liên hệ nơi cư trú năm 2026');
    expect(workbook.created?.toISOString()).toBe('2026-10-31T10:00:00.000Z');
    expect(part(bytes, 'docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-31T10:00:00Z</dcterms:created>',
    );
  });

  it('keeps Vietnamese text, composed (NFC), and XML-special characters as they are', async () => {
    // Prepare: decomposed input, as some keyboards and PDFs produce it
    const decomposed = VIETNAMESE.normalize('NFD');
    const special = `Tom & Jerry <b>"quoted"</b> 'single' & more`;
    const looksEscaped = 'mã _x0041_ và _x00e9_';
    const spaced = '  hai dòng\nthụt lề  ';

    // Act
    const workbook = await load(
      writeXlsx(
        oneSheet(
          [decomposed, 'Ghi chú'],
          [
            [special, looksEscaped],
            [spaced, decomposed],
          ],
          'A & B',
        ),
      ),
    );

    // Assess
    expect(decomposed).not.toBe(VIETNAMESE);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['A & B']);
    expect(values(workbook, 'A & B')).toEqual([
      [VIETNAMESE, 'Ghi chú'],
      [special, looksEscaped],
      [spaced, VIETNAMESE],
    ]);
  });

  it('drops the characters XML 1.0 does not allow and keeps the rest, emoji included', async () => {
    // Act
    const workbook = await load(
      writeXlsx(oneSheet(['Tên'], [['a\u0000b\u0007c\u001Fd\uFFFEe\uD800f 😀\tg']])),
    );

    // Assess
    expect(values(workbook, 'Trang 1')[1]).toEqual(['abcdef 😀\tg']);
  });

  it('writes a sheet of headers only', async () => {
    // Act
    const bytes = writeXlsx(oneSheet(['STT', 'Họ và tên', 'Nơi công tác'], []));
    const workbook = await load(bytes);

    // Assess
    expect(values(workbook, 'Trang 1')).toEqual([['STT', 'Họ và tên', 'Nơi công tác']]);
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).toContain('<dimension ref="A1:C1"/>');
  });

  it('writes 2,000 rows, each string stored once', async () => {
    // Prepare
    const rows = Array.from({ length: 2_000 }, (_, i) => [
      i + 1,
      `Đảng viên ${i % 100}`,
      i % 2 ? 'Có' : 'Vắng',
    ]);

    // Act
    const bytes = writeXlsx(oneSheet(['STT', 'Họ và tên', 'Dự họp'], rows));
    const read = values(await load(bytes), 'Trang 1');

    // Assess
    expect(read).toHaveLength(2_001);
    expect(read[1]).toEqual([1, 'Đảng viên 0', 'Vắng']);
    expect(read[2_000]).toEqual([2_000, 'Đảng viên 99', 'Có']);
    expect(read.slice(1)).toEqual(rows);
    expect(part(bytes, 'xl/sharedStrings.xml')).toContain('count="4003" uniqueCount="105"');
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).toContain('<dimension ref="A1:C2001"/>');
  });

  it('gives byte-identical files for equal input', () => {
    // Act
    const first = writeXlsx(BOOK);
    const second = writeXlsx(structuredClone(BOOK));

    // Assess
    expect(first.equals(second)).toBe(true);
  });

  it.each([
    ['longer than 31 characters', 'Đảng viên thường xuyên đi công tác xa'],
    ['with a slash', 'Tháng 6/2026'],
    ['with brackets', 'Cuộc họp [R8]'],
    ['with a colon', 'Ghi chú: R11'],
    ['with a question mark', 'Vắng?'],
    ['with a star', 'Tổng*'],
    ['with a backslash', 'A\\B'],
    ['empty', ''],
    ['starting with an apostrophe', "'Tổng"],
    ['reserved', 'History'],
  ])('refuses a sheet name %s', (_, name) => {
    // Act
    const act = () => writeXlsx(oneSheet(['A'], [], name));

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('refuses two sheets whose names differ only in case, a workbook without sheets, and NaN', () => {
    // Prepare
    const sheet = { name: 'Nhận xét', headers: ['A'], rows: [] };

    // Act
    const twice = () => writeXlsx({ ...BOOK, sheets: [sheet, { ...sheet, name: 'NHẬN XÉT' }] });
    const none = () => writeXlsx({ ...BOOK, sheets: [] });
    const notANumber = () => writeXlsx(oneSheet(['A'], [[Number.NaN]]));

    // Assess
    expect(twice).toThrow(/used twice/);
    expect(none).toThrow(/at least one sheet/);
    expect(notANumber).toThrow(/A2 is not a finite number/);
    expect(() => writeXlsx(oneSheet(['A'], [], 'Tổng cộng 31 ký tự ở đây là đủ!'))).not.toThrow();
  });
});
