// use case: the claims a staff member's sign-in token carries, taken from their stored staff assignment.
import { UnauthorizedError } from '../domain/errors.js';
import type { StaffRole } from '../domain/roles.js';
import type { StaffRepository } from '../ports/repositories.js';

/** Added to the ID and access tokens; the API checks them against the assignment again on each request. */
export interface StaffTokenClaims {
  staffId: string;
  orgId: string;
  role: StaffRole;
}

/**
 * A sign-in without a staff assignment is refused: an account whose assignment was revoked, or whose
 * `custom:staff_id` was never set, gets no token at all rather than a token the API would reject.
 */
export async function staffTokenClaims(
  ports: { staff: Pick<StaffRepository, 'get'> },
  staffId: string | undefined,
): Promise<StaffTokenClaims> {
  if (!staffId) {
    throw new UnauthorizedError('Tài khoản chưa được gắn với cán bộ nào. Vui lòng liên hệ quản trị viên.');
  }
  const assignment = await ports.staff.get(staffId);
  if (!assignment) {
    throw new UnauthorizedError(
      'Tài khoản không còn được phân công nhiệm vụ. Vui lòng liên hệ quản trị viên.',
    );
  }
  return { staffId: assignment.id, orgId: assignment.orgId, role: assignment.role };
}
