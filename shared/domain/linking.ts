// domain: linking a chat account to a member or staff person with a single-use code (design: deep link /start <code>).
import type { Introduction } from './introduction.js';
import type { Member } from './member.js';
import {
  isResidenceStaff,
  isWorkplaceStaff,
  type Principal,
  type Role,
  type StaffAssignment,
  type StaffRole,
} from './roles.js';

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

/** Who heads a committee's staff: the chair of a residence committee, the staff of a workplace (its only role). */
const HEAD_ROLES: readonly Role[] = ['chair', 'workplace_staff'];

/** Roles by what they may do: a code is never issued for a role that may do more than its issuer's. */
const RANK: Record<StaffRole, number> = {
  viewer: 0,
  residence_staff: 1,
  workplace_staff: 1,
  board_staff: 1,
  secretary: 2,
  chair: 3,
  admin: 4,
};

/**
 * A staff person's link code is issued by their committee's head, for a role no higher than the head's
 * own. Any colleague could issue one before, so a residence staff member could link a second chat of
 * their own to the chair's and the secretary's roles and sign the minutes as both (R16). The board's
 * administrator issues codes through /canbo, checked against the committee tree there.
 */
export function mayIssueStaffLinkCode(
  principal: Principal,
  staff: Pick<StaffAssignment, 'orgId' | 'role'>,
): boolean {
  if (principal.role === 'member' || principal.orgId !== staff.orgId) return false;
  return HEAD_ROLES.includes(principal.role) && RANK[staff.role] <= RANK[principal.role];
}

/**
 * A new account for a person who has one on the same app waits this long for the old account's confirmation
 * or a staff decision; after it, the request lapses and the person asks for a new code.
 */
export const PENDING_LINK_TTL_HOURS = 72;

export function pendingLinkExpiresAt(createdAt: Date): string {
  return new Date(createdAt.getTime() + PENDING_LINK_TTL_HOURS * 3600 * 1000).toISOString();
}

export function isPendingLinkExpired(pending: { expiresAt: string }, now: Date): boolean {
  return new Date(pending.expiresAt).getTime() <= now.getTime();
}

/**
 * The version of the purpose notice shown at linking (docs/privacy.md, "For the consent step at linking"):
 * raise it when the notice's text changes, so each recorded consent names the text that was agreed to.
 */
export const CONSENT_NOTICE_VERSION = '2026-01';

/**
 * The heads of a committee who are told of a new link of one of its people, and who may approve a
 * replacement: the chair and the secretary of a residence committee, the staff of a workplace.
 */
export const COMMITTEE_HEAD_ROLES: readonly Role[] = ['chair', 'secretary', 'workplace_staff'];

export function isCommitteeHead(role: Role): boolean {
  return COMMITTEE_HEAD_ROLES.includes(role);
}

/**
 * A replacement of a person's account is decided by a head of one of the person's committees, or by an
 * administrator whose subtree holds one of them (`adminOver`: the caller is such an administrator).
 */
export function mayDecideLinkReplacement(
  principal: Principal,
  personOrgIds: readonly string[],
  adminOver: boolean,
): boolean {
  if (principal.role === 'admin') return adminOver;
  return isCommitteeHead(principal.role) && personOrgIds.includes(principal.orgId);
}
