// domain: who acts (JWT claims / linked chat accounts) and the staff role assignments of committees.

export const STAFF_ROLES = [
  'workplace_staff',
  'residence_staff',
  'chair',
  'secretary',
  'viewer',
  // Held on a board (or district) committee: manages the committees below it and their staff.
  'admin',
  // Compiles and reads the board's October report.
  'board_staff',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLES = ['member', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for a residence committee (cấp ủy nơi cư trú). */
export const RESIDENCE_ROLES: readonly Role[] = ['residence_staff', 'chair', 'secretary'];

/** Roles held on a board (or district) committee. */
export const BOARD_ROLES: readonly StaffRole[] = ['admin', 'board_staff', 'viewer'];

/**
 * A staff role assignment: one person (`id` is the staff person's id) acting for one committee in one role.
 * A person may hold several (one per committee and role); every call reads the current ones.
 */
/**
 * The person's office in the committee itself: its secretary (bí thư) or a deputy (phó bí thư), who sign the
 * committee's letters. Not the meeting's secretary (thư ký, the `secretary` role), who writes the minutes.
 */
export const PARTY_TITLES = ['bi_thu', 'pho_bi_thu'] as const;
export type PartyTitle = (typeof PARTY_TITLES)[number];

export interface StaffAssignment {
  id: string;
  orgId: string;
  role: StaffRole;
  fullName: string;
  phone?: string;
  /** Standing committee member (thường trực cấp ủy): may chair a contact meeting (R8). */
  standing?: boolean;
  /** Bí thư or phó bí thư of the committee: signs its introduction letters on its behalf. */
  partyTitle?: PartyTitle;
}

/** What an administrator grants: a role on a committee (the person's name and phone come from the person). */
export type AssignmentGrant = Omit<StaffAssignment, 'id' | 'fullName' | 'phone'>;

/** A staff person: the one a chat account and a sign-in account belong to, whatever committees they act for. */
export interface StaffPerson {
  id: string;
  fullName: string;
  phone?: string;
  /** Their sign-in e-mail in AWS (Cognito), when the administrator gave one. */
  email?: string;
}

/** The authenticated caller: `sub` is a member id or a staff id, `orgId` the committee they act for. */
export interface Principal {
  sub: string;
  orgId: string;
  role: Role;
}

export function isStaff(principal: Principal): boolean {
  return principal.role !== 'member';
}

export function isResidenceStaff(principal: Principal): boolean {
  return RESIDENCE_ROLES.includes(principal.role);
}

export function isWorkplaceStaff(principal: Principal): boolean {
  return principal.role === 'workplace_staff';
}

export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}
