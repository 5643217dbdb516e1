// use case: committees in bulk from a CSV — every line is checked first (per-line errors as the members' import), and
// only a file without errors is written, parents before children, so a bad file leaves nothing half-made.
import type { Committee, CommitteeKind, Hamlet } from '../domain/committee.js';
import { ConflictError, ForbiddenError, ValidationError } from '../domain/errors.js';
import { type ImportRowError, importRowError } from '../domain/import-rows.js';
import type { Principal } from '../domain/roles.js';
import { parseCsv } from '../formats/csv.js';
import { newCommitteeSchema } from '../schemas/administration.js';
import { type CommitteePorts, type NewCommittee, planCommittee } from './committees.js';

export interface CommitteeImportReport {
  total: number;
  created: number;
  failed: number;
  /** Committee ids written, in file order (empty when any line failed). */
  createdIds: string[];
  errors: ImportRowError[];
}

/** Column names (Vietnamese, without accents, as the members' file) and the English ones. */
const COLUMNS: Record<string, keyof NewCommittee> = {
  ma_don_vi: 'id',
  id: 'id',
  ten: 'name',
  name: 'name',
  loai: 'kind',
  kind: 'kind',
  ma_cap_tren: 'parentId',
  parent: 'parentId',
  bo_quy_dinh: 'ruleSet',
  rule_set: 'ruleSet',
  dia_chi: 'address',
  address: 'address',
  ap_khu_vuc: 'hamlets',
  hamlets: 'hamlets',
};

/** People write the kind in Vietnamese; a district committee is a board (it manages the wards below it). */
const KINDS: Record<string, Exclude<CommitteeKind, 'hamlet_cell'>> = {
  ban_to_chuc: 'board',
  quan_huyen: 'board',
  district: 'board',
  board: 'board',
  phuong_xa: 'residence',
  residence: 'residence',
  co_quan: 'workplace',
  workplace: 'workplace',
  truong: 'school',
  school: 'school',
  luc_luong_vu_trang: 'armed_forces_unit',
  armed_forces_unit: 'armed_forces_unit',
};

/** `kv1: Khu vực 1 | kv2: Khu vực 2` → hamlets. */
function parseHamlets(cell: string): Hamlet[] | string {
  const parts = cell
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const out: Hamlet[] = [];
  for (const part of parts) {
    const at = part.indexOf(':');
    if (at <= 0) return part;
    out.push({ id: part.slice(0, at).trim(), name: part.slice(at + 1).trim() });
  }
  return out;
}

export async function importCommittees(
  principal: Principal,
  csvText: string,
  ports: CommitteePorts,
): Promise<CommitteeImportReport> {
  if (principal.role !== 'admin') {
    throw new ForbiddenError({
      vi: 'Chỉ quản trị viên nhập được danh sách đơn vị',
      en: 'Administrators only',
    });
  }
  const records = parseCsv(csvText);
  const [header, ...rows] = records;
  if (!header) throw new ValidationError({ vi: 'Tệp trống', en: 'The file is empty' });
  const columns = header.fields.map((f) => COLUMNS[f.trim().toLowerCase()]);
  for (const needed of ['id', 'name', 'kind', 'parentId'] as const) {
    if (!columns.includes(needed)) {
      throw new ValidationError({
        vi: 'Thiếu cột bắt buộc: ma_don_vi, ten, loai, ma_cap_tren',
        en: `A required column is missing: ${needed}`,
      });
    }
  }
  const errors: ImportRowError[] = [];
  const planned = new Map<string, Committee[]>();
  // Lines may name a parent made a few lines above: look-ups see the planned ones first.
  const overlay: CommitteePorts = {
    ...ports,
    committees: {
      ...ports.committees,
      get: async (id) => planned.get(id)?.[0] ?? ports.committees.get(id),
    },
  };
  const takenIds = new Map<string, number>();
  for (const row of rows) {
    const raw: Record<string, unknown> = {};
    columns.forEach((field, i) => {
      const value = row.fields[i]?.trim() ?? '';
      if (!field || value === '') return;
      if (field === 'kind') raw.kind = KINDS[value.toLowerCase()] ?? value;
      else if (field === 'hamlets') raw.hamlets = parseHamlets(value);
      else raw[field] = value;
    });
    const parsed = newCommitteeSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        line: row.line,
        code: 'validation_failed',
        message: 'Dòng không hợp lệ',
        en: 'The row is not valid',
        issues: parsed.error.issues,
      });
      continue;
    }
    const input = parsed.data;
    const ids = [input.id, ...(input.hamlets ?? []).map((h) => h.id)];
    const clash = ids.find((id) => takenIds.has(id));
    if (clash !== undefined) {
      errors.push({
        line: row.line,
        code: 'duplicate_in_file',
        message: `Trùng mã "${clash}" với dòng ${takenIds.get(clash)}`,
        en: `Same id as line ${takenIds.get(clash)}`,
      });
      continue;
    }
    try {
      const items = await planCommittee(principal, input, overlay);
      for (const id of ids) {
        if (await ports.committees.get(id)) {
          throw new ConflictError(
            { vi: `Mã đơn vị "${id}" đã được dùng`, en: `The committee id "${id}" is taken` },
            'duplicate_id',
          );
        }
      }
      for (const id of ids) takenIds.set(id, row.line);
      planned.set(input.id, items);
    } catch (error) {
      errors.push(importRowError(row.line, error));
    }
  }
  const report = { total: rows.length, failed: errors.length, errors };
  if (errors.length > 0) return { ...report, created: 0, createdIds: [] };
  const createdIds: string[] = [];
  // In file order, so every parent is written before its children.
  for (const [id, items] of planned) {
    await ports.committees.create(items);
    createdIds.push(id);
  }
  return { ...report, created: createdIds.length, createdIds };
}

/** The file's column names, for a reason that points at the cell to correct. */
const COLUMN_OF: Record<string, string> = {
  id: 'ma_don_vi',
  name: 'ten',
  kind: 'loai',
  parentId: 'ma_cap_tren',
  ruleSet: 'bo_quy_dinh',
  address: 'dia_chi',
  hamlets: 'ap_khu_vuc',
};

const CODE_REASONS: Record<string, string> = {
  not_found: 'không tìm thấy đơn vị cấp trên (mã cấp trên không đúng)',
  forbidden: 'đơn vị cấp trên không thuộc quyền quản lý của đồng chí',
};

/** Why a committee line failed, in Vietnamese, for the failed-lines file sent back in the chat. */
export function committeeFailedLineReason(error: ImportRowError): string {
  const issues = (error.issues ?? []).map((issue) => {
    const i = issue as { message?: string; path?: readonly unknown[]; input?: unknown };
    const column = i.path && i.path.length > 0 ? (COLUMN_OF[String(i.path[0])] ?? i.path.join('.')) : '';
    // zod's own words (a missing cell) are English: say it plainly.
    const what = !i.message || i.message.startsWith('Invalid input') ? 'thiếu hoặc không hợp lệ' : i.message;
    return `${column ? `cột ${column}: ` : ''}${what}`;
  });
  if (issues.length > 0) return issues.join('; ');
  const known = CODE_REASONS[error.code];
  if (known) return known;
  // Our messages are "tiếng Việt (English)" or "tiếng Việt / English": the Vietnamese half.
  return (error.message.split(' / ')[0] ?? error.message).replace(/\s*\([^)]*\)\s*$/, '');
}
