// use case: the claims of a staff sign-in token, derived from the person's current assignments (never from the client).
import { ForbiddenError } from '../domain/errors.js';
import type { StaffRole } from '../domain/roles.js';
import type { StaffRepository } from '../ports/repositories.js';

export interface SignInClaims {
  staffId: string;
  orgId: string;
  role: StaffRole;
}

/**
 * The committee the token acts for: the one the sign-in asked for (clientMetadata `orgId`) if the person holds
 * it, else their first assignment. No assignment → no token: a person whose roles were all revoked cannot sign in.
 */
export async function signInClaims(
  staffId: string | undefined,
  requestedOrgId: string | undefined,
  ports: { staff: Pick<StaffRepository, 'assignmentsOf'> },
): Promise<SignInClaims> {
  if (!staffId)
    throw new ForbiddenError({ vi: 'Tài khoản chưa gắn với cán bộ nào', en: 'The account has no staff id' });
  const assignments = await ports.staff.assignmentsOf(staffId);
  const chosen =
    (requestedOrgId ? assignments.find((a) => a.orgId === requestedOrgId) : undefined) ?? assignments[0];
  if (!chosen) {
    throw new ForbiddenError({
      vi: 'Đồng chí hiện không giữ vai trò nào; hãy liên hệ quản trị viên',
      en: 'No current assignment',
    });
  }
  if (requestedOrgId && chosen.orgId !== requestedOrgId) {
    throw new ForbiddenError({
      vi: 'Đồng chí không giữ vai trò nào tại đơn vị đã chọn',
      en: 'Not assigned to that committee',
    });
  }
  return { staffId, orgId: chosen.orgId, role: chosen.role };
}
