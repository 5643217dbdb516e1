// domain: linking a chat account to a member or staff person with a single-use code (design: deep link /start <code>).
import type { Introduction } from './introduction.js';
import type { Member } from './member.js';
import { isResidenceStaff, isWorkplaceStaff, type Principal, type StaffAssignment } from './roles.js';

/** A link code is valid for 72 hours after it is issued. */
export const LINK_CODE_TTL_HOURS = 72;

export function linkCodeExpiresAt(issuedAt: Date): string {
  return new Date(issuedAt.getTime() + LINK_CODE_TTL_HOURS * 3600 * 1000).toISOString();
}

/**
 * Staff of the member's workplace committee, or of a residence committee the member is actively
 * introduced to (received or issued, not ended), may issue the member a link code.
 */
export function mayIssueMemberLinkCode(
  principal: Principal,
  member: Pick<Member, 'workplaceOrgId'>,
  introductions: readonly Pick<Introduction, 'residenceOrgId' | 'workplaceOrgId' | 'status'>[],
): boolean {
  if (isWorkplaceStaff(principal)) {
    return (
      principal.orgId === member.workplaceOrgId ||
      introductions.some((i) => i.status !== 'ended' && i.workplaceOrgId === principal.orgId)
    );
  }
  if (isResidenceStaff(principal)) {
    return introductions.some((i) => i.status !== 'ended' && i.residenceOrgId === principal.orgId);
  }
  return false;
}

/** Staff link the same way: a colleague of the same committee (not a viewer) issues the code. */
export function mayIssueStaffLinkCode(principal: Principal, staff: Pick<StaffAssignment, 'orgId'>): boolean {
  return principal.role !== 'member' && principal.role !== 'viewer' && principal.orgId === staff.orgId;
}
