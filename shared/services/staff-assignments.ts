// use case: administrators grant and revoke staff roles per committee; each grant hands out a link code for the chat.
import { mayGrant } from '../domain/administration.js';
import { isOpen } from '../domain/committee.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { PartyTitle, Principal, StaffAssignment, StaffPerson, StaffRole } from '../domain/roles.js';
import type { Clock, IdGenerator } from '../ports/common.js';
import type { IdentityDirectory } from '../ports/identity.js';
import type {
  AssignOutcome,
  ChatLinkRepository,
  CommitteeRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { lineageOf } from './committees.js';
import { createLinkCode, type IssuedLinkCode } from './link-codes.js';

export interface StaffAdminPorts {
  committees: Pick<CommitteeRepository, 'get'>;
  staff: Pick<StaffRepository, 'assign' | 'revoke' | 'assignmentsOf' | 'person' | 'ofCommittee'>;
  chatLinks: ChatLinkRepository;
  identity: IdentityDirectory;
  clock: Clock;
  ids: IdGenerator;
  newCode: () => string;
}

export interface AssignStaffInput {
  orgId: string;
  role: StaffRole;
  /** An existing person gets one more assignment; without it a new person is created. */
  personId?: string;
  fullName?: string;
  phone?: string;
  /** With an e-mail the person also gets a sign-in account for the HTTP API (Cognito in AWS). */
  email?: string;
  standing?: boolean;
  partyTitle?: PartyTitle;
}

export interface AssignStaffResult {
  person: StaffPerson;
  assignment: StaffAssignment;
  outcome: AssignOutcome;
  linkCode: IssuedLinkCode;
}

const mayNotGrant = (role: StaffRole) =>
  new ForbiddenError({
    vi: 'Đồng chí không có quyền giao vai trò này tại đơn vị này: chỉ quản trị viên của cấp ủy cấp trên giao được, và vai trò phải phù hợp với loại đơn vị',
    en: `You may not grant the role "${role}" here`,
  });

async function grantable(
  principal: Principal,
  orgId: string,
  role: StaffRole,
  ports: Pick<StaffAdminPorts, 'committees'>,
) {
  const committee = await ports.committees.get(orgId);
  if (!committee) throw new NotFoundError('committee');
  if (!mayGrant(principal, await lineageOf(ports, committee), role)) throw mayNotGrant(role);
  return committee;
}

/** Grants a role (R-free: who holds which committee is the administrator's call) and issues the chat link code. */
export async function assignStaff(
  principal: Principal,
  input: AssignStaffInput,
  ports: StaffAdminPorts,
): Promise<AssignStaffResult> {
  const committee = await grantable(principal, input.orgId, input.role, ports);
  if (!isOpen(committee)) {
    throw new ConflictError(
      { vi: 'Đơn vị đã giải thể, không giao thêm cán bộ', en: 'The committee is closed' },
      'closed',
    );
  }
  let person: StaffPerson;
  if (input.personId) {
    const found = await ports.staff.person(input.personId);
    if (!found) throw new NotFoundError('staff');
    person = { ...found, ...(input.email && !found.email ? { email: input.email } : {}) };
  } else {
    if (!input.fullName)
      throw new ValidationError({ vi: 'Cần họ tên cán bộ', en: 'The full name is required' });
    person = {
      id: ports.ids.next('st'),
      fullName: input.fullName,
      phone: input.phone || undefined,
      email: input.email || undefined,
    };
  }
  const grant = {
    orgId: committee.id,
    role: input.role,
    standing: input.standing,
    partyTitle: input.partyTitle,
  };
  const outcome = await ports.staff.assign(person, grant);
  // The account is made after the assignment is stored: the pre-token trigger then finds it at first sign-in.
  if (person.email) await ports.identity.createUser({ email: person.email, staffId: person.id });
  const linkCode = await createLinkCode({ kind: 'staff', id: person.id }, principal.sub, ports);
  return {
    person,
    assignment: {
      ...grant,
      id: person.id,
      fullName: person.fullName,
      phone: person.phone || undefined,
    },
    outcome,
    linkCode,
  };
}

/** Revokes a role at once (every call reads the current assignments); the last one also disables sign-in. */
export async function revokeStaff(
  principal: Principal,
  input: { personId: string; orgId: string; role: StaffRole },
  ports: Omit<StaffAdminPorts, 'chatLinks' | 'newCode' | 'ids'>,
): Promise<{ revoked: boolean; remaining: number }> {
  await grantable(principal, input.orgId, input.role, ports);
  const revoked = await ports.staff.revoke(
    input.personId,
    input.orgId,
    input.role,
    ports.clock.now().toISOString(),
  );
  if (!revoked) throw new NotFoundError('staff_assignment');
  const remaining = (await ports.staff.assignmentsOf(input.personId)).length;
  if (remaining === 0) {
    const person = await ports.staff.person(input.personId);
    if (person?.email) await ports.identity.disableUser(person.email);
  }
  return { revoked, remaining };
}

/** A new link code for a person the admin manages (a lost phone, a new chat app). */
export async function reissueStaffLinkCode(
  principal: Principal,
  input: { personId: string; orgId: string },
  ports: Pick<StaffAdminPorts, 'committees' | 'staff' | 'chatLinks' | 'clock' | 'newCode'>,
): Promise<IssuedLinkCode> {
  const assignments = await ports.staff.assignmentsOf(input.personId);
  const held = assignments.find((a) => a.orgId === input.orgId);
  if (!held) throw new NotFoundError('staff_assignment');
  await grantable(principal, held.orgId, held.role, ports);
  return createLinkCode({ kind: 'staff', id: input.personId }, principal.sub, ports);
}

/** The staff of a committee in the admin's subtree. */
export async function staffOfCommittee(
  principal: Principal,
  orgId: string,
  ports: Pick<StaffAdminPorts, 'committees' | 'staff'>,
): Promise<StaffAssignment[]> {
  const committee = await ports.committees.get(orgId);
  if (!committee) throw new NotFoundError('committee');
  const lineage = await lineageOf(ports, committee);
  if (principal.role !== 'admin' || !lineage.some((c) => c.id === principal.orgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ quản trị viên của cấp ủy cấp trên xem được danh sách cán bộ',
      en: 'Administrators only',
    });
  }
  return ports.staff.ofCommittee(orgId);
}
