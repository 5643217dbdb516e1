// domain: the committee tree (workplaces, schools, armed-forces units, residence committees, hamlet cells, boards).

export const COMMITTEE_KINDS = [
  'workplace', // chi ủy, đảng ủy cơ sở nơi công tác
  'school', // cấp ủy nhà trường (R6: the workplace committee of student members)
  'armed_forces_unit', // đơn vị lực lượng vũ trang (R20)
  'residence', // đảng ủy xã, phường, thị trấn (cấp ủy nơi cư trú)
  'hamlet_cell', // chi bộ ấp, khu vực, tổ dân phố
  'board', // quận ủy, huyện ủy, or the city's organisation board (ban tổ chức)
] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** Committees that introduce members (the "workplace side"). */
export const INTRODUCING_KINDS: readonly CommitteeKind[] = ['workplace', 'school', 'armed_forces_unit'];

export const RULE_SET_IDS = ['hd02-2011', 'qd213-2020'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
/** The seed's guidance is the default; a committee opts into Regulation 213 explicitly. */
export const DEFAULT_RULE_SET: RuleSetId = 'hd02-2011';

export interface Committee {
  id: string;
  name: string;
  kind: CommitteeKind;
  /** Any committee may report to a parent: a district, or since 2025 the city's organisation board. */
  parentId?: string;
  /** Only residence committees choose a rule set; see ruleSetOf. */
  ruleSet?: RuleSetId;
  address?: string;
  /**
   * A ward's hamlets with their names, in the order people list them. Each is also stored as a
   * `hamlet_cell` committee under the ward (R5's receipt checks that); this list is what screens read.
   */
  hamlets?: Hamlet[];
  /** When the committee was closed (ISO instant); absent while open. */
  closedAt?: string;
}

export function isIntroducingCommittee(committee: Pick<Committee, 'kind'>): boolean {
  return INTRODUCING_KINDS.includes(committee.kind);
}

export function isResidenceCommittee(committee: Pick<Committee, 'kind'>): boolean {
  return committee.kind === 'residence';
}

export function ruleSetOf(committee: Pick<Committee, 'ruleSet'>): RuleSetId {
  return committee.ruleSet ?? DEFAULT_RULE_SET;
}

/** A hamlet (ấp, khu vực, tổ dân phố) of a ward: its id (used in member records) and the name people read. */
export interface Hamlet {
  id: string;
  name: string;
}

/**
 * The name of a ward's hamlet for the screens people read (R5): the ward's own list, then the id itself so
 * an old record whose hamlet is not listed still shows something rather than nothing.
 */
export function hamletName(committee: Pick<Committee, 'hamlets'> | undefined, hamletId: string): string {
  return committee?.hamlets?.find((h) => h.id === hamletId)?.name ?? hamletId;
}

/** A closed committee keeps its history but takes no new work (meetings, introductions, staff). */
export function isOpen(committee: Pick<Committee, 'closedAt'>): boolean {
  return committee.closedAt === undefined;
}
