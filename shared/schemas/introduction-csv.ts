// schemas: the CSV file of introductions (POST /introductions/import): its columns, and each row turned
// into the same request as POST /introductions and validated by the same zod schema.
import type * as z from 'zod';
import { ValidationError } from '../domain/errors.js';
import { parseCsv } from '../formats/csv.js';
import { type IntroduceRequest, introduceRequestSchema } from './introductions.js';

export const MAX_IMPORT_ROWS = 5000;

interface ColumnDef {
  /** The documented header (Vietnamese, no diacritics); headers with diacritics or spaces match too. */
  name: string;
  aliases: readonly string[];
  /** Where the value goes in the request. */
  path: readonly string[];
  required?: boolean;
  kind?: 'date' | 'sex' | 'category' | 'residenceKind';
}

/** The columns of the file, in the documented order (docs/api.md). */
export const IMPORT_COLUMNS: readonly ColumnDef[] = [
  {
    name: 'so_the_dang',
    aliases: ['so_the_dang_vien', 'party_card_number'],
    path: ['member', 'partyCardNumber'],
    required: true,
  },
  { name: 'ho_ten', aliases: ['ho_va_ten', 'full_name'], path: ['member', 'fullName'], required: true },
  {
    name: 'ngay_sinh',
    aliases: ['date_of_birth'],
    path: ['member', 'dateOfBirth'],
    required: true,
    kind: 'date',
  },
  { name: 'gioi_tinh', aliases: ['sex'], path: ['member', 'sex'], required: true, kind: 'sex' },
  { name: 'dien_thoai', aliases: ['so_dien_thoai', 'phone'], path: ['member', 'phone'] },
  { name: 'doi_tuong', aliases: ['loai', 'category'], path: ['member', 'category'], kind: 'category' },
  {
    name: 'cu_tru',
    aliases: ['loai_cu_tru', 'residence_kind'],
    path: ['member', 'residence', 'kind'],
    required: true,
    kind: 'residenceKind',
  },
  {
    name: 'dia_chi',
    aliases: ['dia_chi_cu_tru', 'noi_cu_tru', 'address'],
    path: ['member', 'residence', 'address'],
    required: true,
  },
  {
    name: 'dang_ky_tu',
    aliases: ['registered_from'],
    path: ['member', 'residence', 'registeredFrom'],
    // R2: only a temporary registration (tạm trú) needs its period; the schema asks for it per row.
    kind: 'date',
  },
  {
    name: 'dang_ky_den',
    aliases: ['registered_until'],
    path: ['member', 'residence', 'registeredUntil'],
    kind: 'date',
  },
  {
    name: 'ma_noi_cu_tru',
    aliases: ['ma_cap_uy_cu_tru', 'residence_org_id'],
    path: ['residenceOrgId'],
    required: true,
  },
  { name: 'ngay_vao_dang', aliases: ['admitted_on'], path: ['member', 'admittedOn'], kind: 'date' },
  { name: 'ngay_chinh_thuc', aliases: ['official_on'], path: ['member', 'officialOn'], kind: 'date' },
  { name: 'chi_bo', aliases: ['party_cell'], path: ['member', 'partyCell'] },
  { name: 'so_giay', aliases: ['so_giay_gioi_thieu', 'letter_number'], path: ['letterNumber'] },
  { name: 'ngay_gioi_thieu', aliases: ['issued_on'], path: ['issuedOn'], kind: 'date' },
  { name: 'nguoi_theo_doi', aliases: ['follower_name'], path: ['followerName'] },
  { name: 'ly_do_di_xa', aliases: ['travel_reason'], path: ['travelNotice', 'reason'] },
  { name: 'di_xa_tu', aliases: ['travel_from'], path: ['travelNotice', 'from'], kind: 'date' },
  { name: 'di_xa_den', aliases: ['travel_until'], path: ['travelNotice', 'until'], kind: 'date' },
];

/** "Số thẻ đảng", "so_the_dang" and "SoTheDang" all become "sothedang". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const VALUE_ALIASES: Record<NonNullable<ColumnDef['kind']>, Record<string, string>> = {
  date: {},
  sex: { nam: 'male', nu: 'female', male: 'male', female: 'female' },
  category: {
    regular: 'regular',
    congtac: 'regular',
    thuong: 'regular',
    binhthuong: 'regular',
    travelling: 'travelling',
    luudong: 'travelling',
    dicongtacxa: 'travelling',
    student: 'student',
    sinhvien: 'student',
    hocsinh: 'student',
    hocsinhsinhvien: 'student',
    armedforces: 'armed_forces',
    lucluongvutrang: 'armed_forces',
    llvt: 'armed_forces',
  },
  residenceKind: {
    permanent: 'permanent',
    thuongtru: 'permanent',
    temporary: 'temporary',
    tamtru: 'temporary',
  },
};

/** dd/MM/yyyy (as Vietnamese users type dates) or yyyy-MM-dd; anything else is left for zod to refuse. */
export function csvDate(value: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) return value;
  const [, d = '', mo = '', y = ''] = m;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function cellValue(column: ColumnDef, raw: string): string {
  const value = raw.trim();
  if (!column.kind) return value;
  if (column.kind === 'date') return csvDate(value);
  // Unknown words pass through unchanged so zod names the allowed values.
  return VALUE_ALIASES[column.kind][normaliseHeader(value)] ?? value;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

export type CsvIssue = z.core.$ZodIssue & { column?: string };

export type CsvRowResult =
  | { line: number; ok: true; request: IntroduceRequest }
  | { line: number; ok: false; issues: CsvIssue[] };

export interface ParsedIntroductionCsv {
  /** Header cells matched to documented columns, in file order. */
  columns: string[];
  /** Header cells that matched no column; their values are not read. */
  ignoredColumns: string[];
  rows: CsvRowResult[];
}

/**
 * Reads the file: a 400 (ValidationError) for a file that cannot be read as a whole (not UTF-8, an
 * unterminated quote, no header, a missing required column, more than 5,000 rows); otherwise every row
 * is validated on its own and reported with its line number.
 */
export function parseIntroductionCsv(text: string): ParsedIntroductionCsv {
  const records = parseCsv(text);
  const [header, ...data] = records;
  if (!header) throw new ValidationError({ vi: 'Tệp trống', en: 'The file is empty' });
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ValidationError({
      vi: `Tối đa ${MAX_IMPORT_ROWS} dòng mỗi tệp (tệp có ${data.length})`,
      en: `At most ${MAX_IMPORT_ROWS} rows per file (the file has ${data.length})`,
    });
  }
  const byAlias = new Map<string, ColumnDef>();
  for (const c of IMPORT_COLUMNS) for (const a of [c.name, ...c.aliases]) byAlias.set(normaliseHeader(a), c);
  const mapped = header.fields.map((h) => byAlias.get(normaliseHeader(h)));
  const seen = new Set(mapped.filter((c) => c !== undefined).map((c) => c.name));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new ValidationError(
      { vi: `Thiếu cột: ${missing.join(', ')}`, en: `Missing columns: ${missing.join(', ')}` },
      [{ code: 'missing_columns', columns: missing, message: `thiếu cột: ${missing.join(', ')}` }],
    );
  }
  const columnOfPath = new Map(IMPORT_COLUMNS.map((c) => [c.path.join('.'), c.name]));
  const rows = data.map((record): CsvRowResult => {
    const request: Record<string, unknown> = {};
    mapped.forEach((column, index) => {
      const raw = record.fields[index];
      if (!column || raw === undefined || raw.trim() === '') return;
      setPath(request, column.path, cellValue(column, raw));
    });
    const parsed = introduceRequestSchema.safeParse(request);
    if (parsed.success) return { line: record.line, ok: true, request: parsed.data };
    const issues = parsed.error.issues.map((issue) => {
      const column = columnOfPath.get(issue.path.join('.'));
      return column ? { ...issue, column } : issue;
    });
    return { line: record.line, ok: false, issues };
  });
  return {
    columns: mapped.filter((c) => c !== undefined).map((c) => c.name),
    ignoredColumns: header.fields.filter((_, i) => mapped[i] === undefined),
    rows,
  };
}
