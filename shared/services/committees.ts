// use case: the organisation tree kept by administrators — create, change (rename, hamlets), move and close committees.
import {
  isInAdminSubtree,
  type Lineage,
  mayChangeCommittee,
  type NewCommittee,
  parentKindsOf,
  wouldCreateCycle,
} from '../domain/administration.js';
import type { Committee, CommitteeKind, Hamlet, RuleSetId } from '../domain/committee.js';
import { isOpen } from '../domain/committee.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Principal } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type { CommitteeRepository } from '../ports/repositories.js';

export interface CommitteePorts {
  committees: Pick<CommitteeRepository, 'get' | 'children' | 'create' | 'replace'>;
  clock: Clock;
}

export type { NewCommittee } from '../domain/administration.js';

/** A chain longer than this is a broken tree (a cycle written by hand), not a real one. */
const MAX_DEPTH = 32;

/** The committee and its ancestors, nearest first; stops at a repeat so a damaged tree cannot loop. */
export async function lineageOf(
  ports: { committees: Pick<CommitteeRepository, 'get'> },
  committee: Committee,
): Promise<Committee[]> {
  const chain = [committee];
  let current = committee;
  while (current.parentId && chain.length < MAX_DEPTH) {
    const parent = await ports.committees.get(current.parentId);
    if (!parent || chain.some((c) => c.id === parent.id)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

async function existing(ports: Pick<CommitteePorts, 'committees'>, orgId: string): Promise<Committee> {
  const committee = await ports.committees.get(orgId);
  if (!committee) throw new NotFoundError('committee');
  return committee;
}

const NOT_ADMIN = {
  vi: 'Chỉ quản trị viên của cấp ủy cấp trên mới thay đổi được đơn vị này',
  en: 'Only an administrator of a board above it',
};

function assertParentFits(kind: CommitteeKind, parent: Committee): void {
  if (!parentKindsOf(kind).includes(parent.kind)) {
    throw new ValidationError({
      vi: 'Đơn vị cấp trên không phù hợp: đơn vị chỉ trực thuộc ban tổ chức, quận ủy hoặc huyện ủy',
      en: 'The parent must be a board',
    });
  }
  if (!isOpen(parent)) {
    throw new ConflictError(
      { vi: 'Đơn vị cấp trên đã giải thể', en: 'The parent committee is closed' },
      'closed',
    );
  }
}

function checkHamlets(kind: CommitteeKind, hamlets: readonly Hamlet[] | undefined): void {
  if (!hamlets?.length) return;
  if (kind !== 'residence') {
    throw new ValidationError({
      vi: 'Chỉ đảng ủy xã, phường mới có ấp, khu vực',
      en: 'Only wards have hamlets',
    });
  }
  const seen = new Set<string>();
  for (const h of hamlets) {
    if (seen.has(h.id))
      throw new ValidationError({
        vi: `Mã ấp, khu vực "${h.id}" bị trùng`,
        en: `Duplicate hamlet id "${h.id}"`,
      });
    seen.add(h.id);
  }
}

/** The ward's hamlet cells (R5 checks a receipt's hamlet against them), written with the ward. */
const hamletCells = (ward: Pick<Committee, 'id'>, hamlets: readonly Hamlet[]): Committee[] =>
  hamlets.map((h) => ({ id: h.id, name: h.name, kind: 'hamlet_cell', parentId: ward.id }));

/** The checks of a new committee that need no write: who, where, what (the CSV import runs them for every line first). */
export async function planCommittee(
  principal: Principal,
  input: NewCommittee,
  ports: Pick<CommitteePorts, 'committees'>,
): Promise<Committee[]> {
  const parent = await ports.committees.get(input.parentId);
  if (!parent) throw new NotFoundError('committee');
  const parentLineage = await lineageOf(ports, parent);
  if (!isInAdminSubtree(principal, parentLineage)) throw new ForbiddenError(NOT_ADMIN);
  assertParentFits(input.kind, parent);
  checkHamlets(input.kind, input.hamlets);
  if (input.ruleSet && input.kind !== 'residence') {
    throw new ValidationError({
      vi: 'Chỉ đảng ủy xã, phường chọn bộ quy định',
      en: 'Only wards choose a rule set',
    });
  }
  const committee: Committee = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    parentId: parent.id,
    ruleSet: input.ruleSet,
    address: input.address || undefined,
    ...(input.hamlets?.length ? { hamlets: input.hamlets } : {}),
  };
  return [committee, ...hamletCells(committee, input.hamlets ?? [])];
}

function duplicateId(id: string): ConflictError {
  return new ConflictError(
    {
      vi: `Mã đơn vị "${id}" (hoặc mã một ấp, khu vực của nó) đã được dùng`,
      en: `The committee id "${id}" (or one of its hamlets' ids) is taken`,
    },
    'duplicate_id',
  );
}

/** An admin creates a committee under a board of their subtree; a ward's hamlets come with it, all or nothing. */
export async function createCommittee(
  principal: Principal,
  input: NewCommittee,
  ports: CommitteePorts,
): Promise<Committee> {
  const items = await planCommittee(principal, input, ports);
  try {
    await ports.committees.create(items);
  } catch (error) {
    if (error instanceof ConflictError) throw duplicateId(input.id);
    throw error;
  }
  return items[0] as Committee;
}

/** The first board of a deployment (`npm run admin -- bootstrap`): no parent, no caller to authorise. */
export async function ensureRootBoard(
  input: { id: string; name: string },
  ports: { committees: Pick<CommitteeRepository, 'get' | 'create'> },
): Promise<{ committee: Committee; created: boolean }> {
  const found = await ports.committees.get(input.id);
  if (found) {
    if (found.kind !== 'board') {
      throw new ConflictError(
        {
          vi: `Mã "${input.id}" là của một đơn vị không phải ban tổ chức`,
          en: `The id "${input.id}" belongs to a committee that is not a board`,
        },
        'duplicate_id',
      );
    }
    return { committee: found, created: false };
  }
  const committee: Committee = { id: input.id, name: input.name, kind: 'board' };
  try {
    await ports.committees.create([committee]);
    return { committee, created: true };
  } catch (error) {
    // A concurrent bootstrap made it a moment ago.
    if (error instanceof ConflictError) {
      const made = await ports.committees.get(input.id);
      if (made) return { committee: made, created: false };
    }
    throw error;
  }
}

async function changeable(
  principal: Principal,
  orgId: string,
  ports: Pick<CommitteePorts, 'committees'>,
): Promise<{ committee: Committee; lineage: Lineage }> {
  const committee = await existing(ports, orgId);
  const lineage = await lineageOf(ports, committee);
  if (!mayChangeCommittee(principal, lineage)) throw new ForbiddenError(NOT_ADMIN);
  return { committee, lineage };
}

export interface CommitteeChanges {
  name?: string;
  address?: string;
  ruleSet?: RuleSetId;
  /** The ward's hamlets after the change: existing ones may be renamed, new ones added, none removed (history). */
  hamlets?: Hamlet[];
}

/** Renames a committee, changes its address or rule set, or renames and adds a ward's hamlets. */
export async function changeCommittee(
  principal: Principal,
  orgId: string,
  changes: CommitteeChanges,
  ports: CommitteePorts,
): Promise<Committee> {
  const { committee } = await changeable(principal, orgId, ports);
  if (!isOpen(committee))
    throw new ConflictError({ vi: 'Đơn vị đã giải thể', en: 'The committee is closed' }, 'closed');
  if (changes.ruleSet && committee.kind !== 'residence') {
    throw new ValidationError({
      vi: 'Chỉ đảng ủy xã, phường chọn bộ quy định',
      en: 'Only wards choose a rule set',
    });
  }
  let added: Hamlet[] = [];
  if (changes.hamlets) {
    checkHamlets(committee.kind, changes.hamlets);
    const kept = new Set(changes.hamlets.map((h) => h.id));
    const dropped = (committee.hamlets ?? []).filter((h) => !kept.has(h.id));
    if (dropped.length > 0) {
      throw new ValidationError({
        vi: `Không xóa được ấp, khu vực đã có (${dropped.map((h) => h.name).join(', ')}): lịch sử sinh hoạt còn gắn với chúng`,
        en: 'Hamlets cannot be removed: their meeting history refers to them',
      });
    }
    const had = new Set((committee.hamlets ?? []).map((h) => h.id));
    added = changes.hamlets.filter((h) => !had.has(h.id));
  }
  const next: Committee = {
    ...committee,
    ...(changes.name ? { name: changes.name } : {}),
    ...(changes.address ? { address: changes.address } : {}),
    ...(changes.ruleSet ? { ruleSet: changes.ruleSet } : {}),
    ...(changes.hamlets ? { hamlets: changes.hamlets } : {}),
  };
  if (added.length > 0) {
    try {
      await ports.committees.create(hamletCells(committee, added));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A retry after a stop between the cells and the ward: cells this ward already owns are its own.
      const found = await Promise.all(added.map((h) => ports.committees.get(h.id)));
      const own = found.every((c) => c?.kind === 'hamlet_cell' && c.parentId === committee.id);
      if (!own) throw duplicateId(added.map((h) => h.id).join(', '));
    }
  }
  await ports.committees.replace(next);
  // A renamed hamlet's cell keeps its name in step (the letters print it).
  for (const h of changes.hamlets ?? []) {
    const before = committee.hamlets?.find((b) => b.id === h.id);
    if (before && before.name !== h.name) {
      const cell = await ports.committees.get(h.id);
      if (cell) await ports.committees.replace({ ...cell, name: h.name });
    }
  }
  return next;
}

/** Moves a committee under another board; refuses a cycle (under itself or one of its own descendants). */
export async function moveCommittee(
  principal: Principal,
  orgId: string,
  newParentId: string,
  ports: CommitteePorts,
): Promise<Committee> {
  const { committee } = await changeable(principal, orgId, ports);
  const parent = await existing(ports, newParentId);
  const parentLineage = await lineageOf(ports, parent);
  if (wouldCreateCycle(committee.id, parentLineage)) {
    throw new ConflictError(
      {
        vi: 'Không chuyển được: đơn vị cấp trên mới nằm trong chính đơn vị này',
        en: 'The move would make a cycle',
      },
      'cycle',
    );
  }
  if (!isInAdminSubtree(principal, parentLineage)) throw new ForbiddenError(NOT_ADMIN);
  assertParentFits(committee.kind, parent);
  if (committee.parentId === parent.id) return committee;
  const next: Committee = { ...committee, parentId: parent.id };
  await ports.committees.replace(next);
  return next;
}

/** Closes a committee: its history stays readable, new meetings, introductions and staff are refused. */
export async function closeCommittee(
  principal: Principal,
  orgId: string,
  ports: CommitteePorts,
): Promise<Committee> {
  const { committee } = await changeable(principal, orgId, ports);
  if (!isOpen(committee)) return committee;
  const open = (await ports.committees.children(orgId)).filter((c) => c.kind !== 'hamlet_cell' && isOpen(c));
  if (open.length > 0) {
    throw new ConflictError(
      {
        vi: `Còn ${open.length} đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể chúng trước`,
        en: `${open.length} committees under it are open: close or move them first`,
      },
      'has_children',
    );
  }
  const next: Committee = { ...committee, closedAt: ports.clock.now().toISOString() };
  await ports.committees.replace(next);
  return next;
}

/** The committees an admin manages: their board's subtree, breadth first (hamlet cells left out). */
export async function committeesOfAdmin(
  principal: Principal,
  ports: Pick<CommitteePorts, 'committees'>,
): Promise<Committee[]> {
  if (principal.role !== 'admin') throw new ForbiddenError(NOT_ADMIN);
  const root = await existing(ports, principal.orgId);
  const out: Committee[] = [root];
  const queue = [root];
  while (queue.length > 0 && out.length < 2000) {
    const next = queue.shift() as Committee;
    for (const child of await ports.committees.children(next.id)) {
      if (child.kind === 'hamlet_cell') continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}
