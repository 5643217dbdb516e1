// domain: travel notices (R3) and exemptions from activities (R4).
import type { RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import { ForbiddenError, RuleViolationError } from './errors.js';
import type { Role } from './roles.js';
import { RULE_SETS } from './rule-set.js';

/** R3: the workplace tells the residence committee why and how long a member is away. */
export interface TravelNotice {
  id: string;
  memberId: string;
  reason: string;
  from: IsoDate;
  until: IsoDate;
  recordedBy: string;
  recordedAt: string;
}

/**
 * R4 under qd213-2020: the cases 33-HD/BTCTW (item 1.1) lists as "introduced but exempt from activities at the
 * residence" (đảng viên giới thiệu nhưng được miễn sinh hoạt nơi cư trú), verified against the guidance's text:
 * army and police members living in barracks or official housing, members working away or on the move (lưu
 * động), cadres transferred or rotated (điều động, luân chuyển) living in official housing, officials on a full
 * time course of 12 months in the year, and students studying away from home. Not every armed-forces member nor
 * every student: only those the workplace records under one of these.
 */
export const EXEMPT_CATEGORIES = [
  'armed_forces_barracks',
  'mobile_worker',
  'rotated_cadre',
  'long_course',
  'student_away',
] as const;
export type ExemptCategory = (typeof EXEMPT_CATEGORIES)[number];

/** R4: an exemption (miễn sinh hoạt) confirmed by the workplace committee. */
export interface Exemption {
  id: string;
  memberId: string;
  reason: string;
  from: IsoDate;
  until?: IsoDate;
  /** qd213-2020 (33-HD/BTCTW): which of the guidance's cases this is; required there, absent under hd02-2011. */
  category?: ExemptCategory;
  confirmedBy: string;
  confirmedAt: string;
}

/**
 * R4 under qd213-2020: what is wrong with an exemption's case, for the rule sets of the residence committees the
 * member keeps contact with (a message for the 400's issue), or undefined when it is fine. A rule set that lists
 * cases (33-HD/BTCTW) needs one of them; hd02-2011 asks for none and ignores one given.
 */
export function exemptCategoryIssue(
  ruleSets: readonly RuleSetId[],
  category: ExemptCategory | undefined,
): string | undefined {
  const listed = ruleSets.map((r) => RULE_SETS[r].exemptCategories).filter((cases) => cases.length > 0);
  if (listed.length === 0) return undefined;
  if (category === undefined) {
    return 'cần chọn trường hợp được miễn sinh hoạt nơi cư trú theo Hướng dẫn 33-HD/BTCTW (quân đội, công an ở doanh trại; công tác lưu động; cán bộ luân chuyển; đi học tập trung 12 tháng; học sinh, sinh viên học xa nhà)';
  }
  if (!listed.every((cases) => cases.includes(category))) {
    return 'trường hợp miễn sinh hoạt này không thuộc danh sách của Hướng dẫn 33-HD/BTCTW';
  }
  return undefined;
}

export function assertTravelPeriod(from: IsoDate, until: IsoDate): void {
  if (until < from)
    throw new RuleViolationError('R3', {
      vi: 'ngày kết thúc đi vắng trước ngày bắt đầu',
      en: 'the end of the absence period is before its start',
    });
}

/** R4: only the member's own workplace committee confirms an exemption. */
export function assertMayConfirmExemption(
  actor: { role: Role; orgId: string },
  memberWorkplaceOrgId: string,
): void {
  if (actor.role !== 'workplace_staff' || actor.orgId !== memberWorkplaceOrgId) {
    throw new ForbiddenError({
      vi: 'việc miễn sinh hoạt chỉ do cấp ủy nơi công tác xác nhận',
      en: 'an exemption is confirmed by the workplace committee only',
    });
  }
}

export function isCovering(period: { from: IsoDate; until?: IsoDate }, on: IsoDate): boolean {
  return period.from <= on && (period.until === undefined || on <= period.until);
}

/**
 * R3, R4: why a member is not expected at, or is excused from, a meeting held on `on`. A confirmed exemption
 * (R4) comes first: the member is not expected at all. Otherwise an absence inside a travel notice's period
 * (R3) is excused, the notice being its reason. Undefined when neither covers the day.
 */
export type Excuse =
  | { kind: 'exemption'; exemptionId: string; from: IsoDate; until?: IsoDate }
  | { kind: 'travel'; travelNoticeId: string; from: IsoDate; until: IsoDate };

export function excuseOn(
  facts: {
    exemptions?: readonly Pick<Exemption, 'id' | 'from' | 'until'>[];
    travelNotices?: readonly Pick<TravelNotice, 'id' | 'from' | 'until'>[];
  },
  on: IsoDate,
): Excuse | undefined {
  const exemption = facts.exemptions?.find((e) => isCovering(e, on));
  if (exemption) {
    return {
      kind: 'exemption',
      exemptionId: exemption.id,
      from: exemption.from,
      until: exemption.until || undefined,
    };
  }
  const travel = facts.travelNotices?.find((t) => isCovering(t, on));
  if (travel) return { kind: 'travel', travelNoticeId: travel.id, from: travel.from, until: travel.until };
  return undefined;
}
