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
    throw new RuleViolationError(
      'R3',
      'ngày kết thúc đi vắng trước ngày bắt đầu (the end of the absence period is before its start)',
    );
}

/** R4: only the member's own workplace committee confirms an exemption. */
export function assertMayConfirmExemption(
  actor: { role: Role; orgId: string },
  memberWorkplaceOrgId: string,
): void {
  if (actor.role !== 'workplace_staff' || actor.orgId !== memberWorkplaceOrgId) {
    throw new ForbiddenError(
      'việc miễn sinh hoạt chỉ do cấp ủy nơi công tác xác nhận (an exemption is confirmed by the workplace committee only)',
    );
  }
}

export function isCovering(period: { from: IsoDate; until?: IsoDate }, on: IsoDate): boolean {
  return period.from <= on && (period.until === undefined || on <= period.until);
}
