// adapter: writes a simple XLSX workbook (SpreadsheetML parts in a ZIP) — tables of strings and numbers,
// each under a bold, wrapped, frozen header row; small enough to keep the report's Lambdas within budget.
import { zip } from './zip.js';

export type XlsxCell = string | number;

export interface XlsxSheet {
  /** At most 31 characters, none of `[ ] : * ? / \`, unique in the workbook (ignoring case). */
  name: string;
  /**
   * Lines above the table (the committee, the report's title, a note on how it counts), one cell each in
   * column A, not wrapped; the first is bold. The header row follows them.
   */
  title?: readonly string[];
  /** The table's header row: bold, wrapped, vertically centred, frozen (with the title) while scrolling. */
  headers: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters, from column A on; columns beyond keep Excel's default. */
  columnWidths?: readonly number[];
}

export interface XlsxWorkbook {
  creator: string;
  title: string;
  /** Written as the document's creation date and as every ZIP entry's date (deterministic output). */
  created: Date;
  sheets: readonly XlsxSheet[];
}

/** Excel's own limits. */
export const MAX_SHEET_NAME_LENGTH = 31;
const MAX_CELL_TEXT_LENGTH = 32_767;
const MAX_COLUMN_WIDTH = 255;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument';

/** Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Excel reads `_xHHHH_` in a string as an escaped character; a literal one gets its `_` escaped. */
const LOOKS_ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Text as a cell may hold it: NFC, only characters XML 1.0 allows, at most Excel's 32,767 per cell. */
export function cellText(value: string): string {
  const text = value.normalize('NFC').replace(NOT_XML_CHAR, '');
  if (text.length <= MAX_CELL_TEXT_LENGTH) return text;
  const cut = text.slice(0, MAX_CELL_TEXT_LENGTH);
  // never leave half of a surrogate pair at the end
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A, B, …, Z, AA, AB, … for a 0-based column index. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** Throws on a sheet name Excel would refuse to open; returns the names as written (NFC). */
function checkedSheetNames(sheets: readonly XlsxSheet[]): string[] {
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
  const seen = new Set<string>();
  return sheets.map(({ name: given }) => {
    const name = given.normalize('NFC');
    const problem =
      name.length === 0
        ? 'is empty'
        : name.length > MAX_SHEET_NAME_LENGTH
          ? `is longer than ${MAX_SHEET_NAME_LENGTH} characters`
          : /[[\]:*?/\\]/.test(name)
            ? 'contains one of [ ] : * ? / \\'
            : name !== cellText(name)
              ? 'contains characters XML does not allow'
              : name.startsWith("'") || name.endsWith("'")
                ? 'starts or ends with an apostrophe'
                : name.toUpperCase() === 'HISTORY'
                  ? 'is reserved by Excel'
                  : seen.has(name.toUpperCase())
                    ? 'is used twice'
                    : undefined;
    if (problem) throw new RangeError(`sheet name "${name}" ${problem}`);
    seen.add(name.toUpperCase());
    return name;
  });
}

/** The workbook's strings, each stored once and referred to by index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private count = 0;

  ref(value: string): number {
    this.count++;
    const text = cellText(value);
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.index.keys()) {
      const space = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
      items.push(`<si><t${space}>${escapeXml(text.replace(LOOKS_ESCAPED, '_x005F_'))}</t></si>`);
    }
    return `${XML_DECLARATION}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.index.size}">${items.join('')}</sst>`;
  }
}

const HEADER_STYLE = 1;
const TITLE_STYLE = 2;

function cellXml(ref: string, value: XlsxCell, strings: SharedStrings, style: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cell ${ref} is not a finite number`);
    return `<c r="${ref}"${style}><v>${Object.is(value, -0) ? 0 : value}</v></c>`;
  }
  return `<c r="${ref}"${style} t="s"><v>${strings.ref(value)}</v></c>`;
}

function rowXml(
  r: number,
  cells: readonly XlsxCell[],
  strings: SharedStrings,
  header: boolean,
  style = header ? ` s="${HEADER_STYLE}"` : '',
): string {
  const xml = cells.map((value, i) => cellXml(`${columnName(i)}${r}`, value, strings, style));
  return `<row r="${r}"${header ? `${style} customFormat="1"` : ''}>${xml.join('')}</row>`;
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings, selected: boolean): string {
  const title = sheet.title ?? [];
  const rows = [sheet.headers, ...sheet.rows];
  const columns = rows.reduce((most, r) => Math.max(most, r.length), 1);
  const dimension = `A1:${columnName(columns - 1)}${title.length + rows.length}`;
  const top = title.length + 2; // the first row under the header
  const cols = (sheet.columnWidths ?? []).map((width, i) => {
    if (!(width > 0)) throw new RangeError(`column ${columnName(i)} of "${sheet.name}" has no width`);
    const w = Math.min(MAX_COLUMN_WIDTH, width);
    return `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`;
  });
  return [
    XML_DECLARATION,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_RELATIONSHIPS}">`,
    `<dimension ref="${dimension}"/>`,
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">`,
    `<pane ySplit="${top - 1}" topLeftCell="A${top}" activePane="bottomLeft" state="frozen"/>`,
    `<selection pane="bottomLeft" activeCell="A${top}" sqref="A${top}"/>`,
    '</sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols.length ? `<cols>${cols.join('')}</cols>` : '',
    '<sheetData>',
    ...title.map((line, i) =>
      rowXml(i + 1, line === '' ? [] : [line], strings, false, i === 0 ? ` s="${TITLE_STYLE}"` : ''),
    ),
    ...rows.map((cells, i) => rowXml(title.length + i + 1, cells, strings, i === 0)),
    '</sheetData>',
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '</worksheet>',
  ].join('');
}

const STYLES = [
  XML_DECLARATION,
  `<styleSheet xmlns="${NS_MAIN}">`,
  '<fonts count="2">',
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '</fonts>',
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  '<cellXfs count="3">',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  // HEADER_STYLE: bold, wrapped, vertically centred
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">',
  '<alignment vertical="center" wrapText="1"/></xf>',
  // TITLE_STYLE: bold, not wrapped (the line runs over the empty cells to its right)
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '</cellXfs>',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
  '<dxfs count="0"/><tableStyles count="0"/>',
  '</styleSheet>',
].join('');

function contentTypesXml(sheetCount: number): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const sheets = Array.from({ length: sheetCount }, (_, i) =>
    override(`/xl/worksheets/sheet${i + 1}.xml`, `${CONTENT_TYPE}.spreadsheetml.worksheet+xml`),
  );
  return [
    XML_DECLARATION,
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    override('/xl/workbook.xml', `${CONTENT_TYPE}.spreadsheetml.sheet.main+xml`),
    ...sheets,
    override('/xl/styles.xml', `${CONTENT_TYPE}.spreadsheetml.styles+xml`),
    override('/xl/sharedStrings.xml', `${CONTENT_TYPE}.spreadsheetml.sharedStrings+xml`),
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
    override('/docProps/app.xml', `${CONTENT_TYPE}.extended-properties+xml`),
    '</Types>',
  ].join('');
}

function relationshipsXml(targets: readonly [type: string, target: string][]): string {
  const items = targets.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`,
  );
  return `${XML_DECLARATION}<Relationships xmlns="${NS_PACKAGE_RELATIONSHIPS}">${items.join('')}</Relationships>`;
}

/** W3CDTF as Office writes it: UTC, whole seconds. */
function w3cdtf(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function coreXml(book: XlsxWorkbook): string {
  const created = w3cdtf(book.created);
  return [
    XML_DECLARATION,
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${escapeXml(cellText(book.title))}</dc:title>`,
    `<dc:creator>${escapeXml(cellText(book.creator))}</dc:creator>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

const APP = [
  XML_DECLARATION,
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"',
  ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">',
  '<Application>Liên hệ nơi cư trú</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>',
  '</Properties>',
].join('');

function workbookXml(names: readonly string[]): string {
  const sheets = names.map(
    (name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return [
    XML_DECLARATION,
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_RELATIONSHIPS}">`,
    '<bookViews><workbookView activeTab="0"/></bookViews>',
    `<sheets>${sheets.join('')}</sheets>`,
    '</workbook>',
  ].join('');
}

/** The .xlsx file's bytes; equal input gives byte-identical output. */
export function writeXlsx(book: XlsxWorkbook): Buffer {
  if (!Number.isFinite(book.created.getTime())) throw new RangeError('workbook created date is not valid');
  const names = checkedSheetNames(book.sheets);
  const strings = new SharedStrings();
  const sheets = book.sheets.map((sheet, i) => sheetXml(sheet, strings, i === 0));
  const rel = (kind: string) => `${NS_RELATIONSHIPS}/${kind}`;
  return zip(
    [
      { name: '[Content_Types].xml', data: contentTypesXml(sheets.length) },
      {
        name: '_rels/.rels',
        data: relationshipsXml([
          [rel('officeDocument'), 'xl/workbook.xml'],
          [`${NS_PACKAGE_RELATIONSHIPS}/metadata/core-properties`, 'docProps/core.xml'],
          [rel('extended-properties'), 'docProps/app.xml'],
        ]),
      },
      { name: 'docProps/core.xml', data: coreXml(book) },
      { name: 'docProps/app.xml', data: APP },
      { name: 'xl/workbook.xml', data: workbookXml(names) },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: relationshipsXml([
          ...sheets.map((_, i): [string, string] => [rel('worksheet'), `worksheets/sheet${i + 1}.xml`]),
          [rel('styles'), 'styles.xml'],
          [rel('sharedStrings'), 'sharedStrings.xml'],
        ]),
      },
      { name: 'xl/styles.xml', data: STYLES },
      { name: 'xl/sharedStrings.xml', data: strings.xml() },
      ...sheets.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
    ],
    book.created,
  );
}
