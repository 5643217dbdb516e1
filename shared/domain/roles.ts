// domain: who acts (JWT claims / linked chat accounts) and the staff role assignments of committees.

// board_staff: staff of a board (district, city) who compile and read the board's October report (R22).
export const STAFF_ROLES = [
  'workplace_staff',
  'residence_staff',
  'chair',
  'secretary',
  'viewer',
  'board_staff',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const ROLES = ['member', ...STAFF_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for a residence committee (cấp ủy nơi cư trú). */
export const RESIDENCE_ROLES: readonly Role[] = ['residence_staff', 'chair', 'secretary'];

/** A staff role assignment: one person acting for one committee. */
export interface StaffAssignment {
  id: string;
  orgId: string;
  role: StaffRole;
  fullName: string;
  phone?: string;
  /** Standing committee member (thường trực cấp ủy): may chair a contact meeting (R8). */
  standing?: boolean;
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
