// domain: who may act on what (a member only for themselves, staff only inside their own committee).
import type { Introduction } from './introduction.js';
import type { Member } from './member.js';
import { isResidenceStaff, isStaff, isWorkplaceStaff, type Principal } from './roles.js';

/** Staff act only inside their own committee. */
export function isStaffOf(principal: Principal, orgId: string): boolean {
  return isStaff(principal) && principal.role !== 'viewer' && principal.orgId === orgId;
}

export function isResidenceStaffOf(principal: Principal, residenceOrgId: string): boolean {
  return isResidenceStaff(principal) && principal.orgId === residenceOrgId;
}

export function isWorkplaceStaffOf(principal: Principal, workplaceOrgId: string): boolean {
  return isWorkplaceStaff(principal) && principal.orgId === workplaceOrgId;
}

/**
 * The contact book is visible to the member, their workplace staff, and the residence staff of any
 * committee the member was introduced to (its history stays readable there); nobody else.
 */
export function maySeeContactBook(
  principal: Principal,
  member: Pick<Member, 'id' | 'workplaceOrgId'>,
  introductions: readonly Pick<Introduction, 'residenceOrgId' | 'workplaceOrgId'>[],
): boolean {
  if (principal.role === 'member') return principal.sub === member.id;
  if (isWorkplaceStaffOf(principal, member.workplaceOrgId)) return true;
  if (isWorkplaceStaff(principal)) return introductions.some((i) => i.workplaceOrgId === principal.orgId);
  if (isResidenceStaff(principal)) return introductions.some((i) => i.residenceOrgId === principal.orgId);
  return false;
}
