// domain: travel notices (R3) and exemptions from activities (R4).
import type { IsoDate } from './dates.js';
import { ForbiddenError, RuleViolationError } from './errors.js';
import type { Role } from './roles.js';

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

/** R4: an exemption (miễn sinh hoạt) confirmed by the workplace committee. */
export interface Exemption {
  id: string;
  memberId: string;
  reason: string;
  from: IsoDate;
  until?: IsoDate;
  confirmedBy: string;
  confirmedAt: string;
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
      ...(exemption.until ? { until: exemption.until } : {}),
    };
  }
  const travel = facts.travelNotices?.find((t) => isCovering(t, on));
  if (travel) return { kind: 'travel', travelNoticeId: travel.id, from: travel.from, until: travel.until };
  return undefined;
}
