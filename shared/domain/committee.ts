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

/** A hamlet (ấp, khu vực, tổ dân phố) of a residence committee, as users read it. */
export interface Hamlet {
  id: string;
  name: string;
}

/**
 * The name users read for a hamlet of a committee (R5 assigns members to hamlets by id): the hamlet's
 * name, or failing that its id. The committee carries its hamlets (`hamlets`), loaded with it.
 */
export function hamletName(committee: { hamlets?: readonly Hamlet[] } | undefined, hamletId: string): string {
  return committee?.hamlets?.find((h) => h.id === hamletId)?.name ?? hamletId;
}
