// domain: who may administer which committee and grant which role (the admin's subtree), and the tree's cycle rule.
import type { Committee, CommitteeKind, Hamlet, RuleSetId } from './committee.js';
import type { Principal, StaffRole } from './roles.js';

/** Administrators and board staff sit on a board (a district or the city's board): `board` covers both. */
export const ADMIN_COMMITTEE_KINDS: readonly CommitteeKind[] = ['board'];

/** The roles a committee of each kind can hold; a hamlet cell has no staff of its own. */
export const ROLES_BY_KIND: Readonly<Record<CommitteeKind, readonly StaffRole[]>> = {
  board: ['admin', 'board_staff', 'viewer'],
  residence: ['residence_staff', 'chair', 'secretary', 'viewer'],
  workplace: ['workplace_staff', 'viewer'],
  school: ['workplace_staff', 'viewer'],
  armed_forces_unit: ['workplace_staff', 'viewer'],
  hamlet_cell: [],
};

/** The kinds a parent may have: hamlets hang under wards, everything else under a board. */
export function parentKindsOf(kind: CommitteeKind): readonly CommitteeKind[] {
  return kind === 'hamlet_cell' ? ['residence'] : ['board'];
}

export function roleFitsCommittee(role: StaffRole, kind: CommitteeKind): boolean {
  return ROLES_BY_KIND[kind].includes(role);
}

/**
 * The committee and its ancestors, nearest first (`lineage[0]` is the committee itself). An admin acts on
 * a committee when their board appears in it.
 */
export type Lineage = readonly Pick<Committee, 'id' | 'kind'>[];

/** An admin's subtree holds their own board and every committee below it. */
export function isInAdminSubtree(principal: Principal, lineage: Lineage): boolean {
  return principal.role === 'admin' && lineage.some((c) => c.id === principal.orgId);
}

/**
 * Changing a committee itself (rename, move, close) belongs to an admin of a board strictly above it: a
 * board's own record is kept by the board above it, so no admin can close the branch they sit on.
 */
export function mayChangeCommittee(principal: Principal, lineage: Lineage): boolean {
  return principal.role === 'admin' && lineage.slice(1).some((c) => c.id === principal.orgId);
}

/** Granting or revoking a role: an admin whose subtree holds the committee, and a role that committee can hold. */
export function mayGrant(principal: Principal, lineage: Lineage, role: StaffRole): boolean {
  const target = lineage[0];
  return target !== undefined && isInAdminSubtree(principal, lineage) && roleFitsCommittee(role, target.kind);
}

/**
 * Moving `orgId` under `newParentLineage` (the new parent and its ancestors) makes a cycle when the
 * committee would sit under itself or under one of its own descendants.
 */
export function wouldCreateCycle(orgId: string, newParentLineage: Lineage): boolean {
  return newParentLineage.some((c) => c.id === orgId);
}

/** What an administrator asks for when creating a committee (hamlet cells come with their ward). */
export interface NewCommittee {
  id: string;
  name: string;
  kind: Exclude<CommitteeKind, 'hamlet_cell'>;
  parentId: string;
  ruleSet?: RuleSetId;
  address?: string;
  hamlets?: Hamlet[];
}

/**
 * The id of a hamlet added by its name alone (the bot asks only for the name): the ward's id and the name
 * without accents, e.g. `phuong-moi` + "Khu vực 3" → `phuong-moi-khu-vuc-3`; a taken id gets `-2`, `-3`…
 */
export function hamletIdFor(wardId: string, name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = `${wardId}-${slug || 'ap'}`.slice(0, 60).replace(/-+$/, '');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
