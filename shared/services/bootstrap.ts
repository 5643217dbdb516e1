// use case: the first administrator of a deployment — the first board and its admin, idempotent, with a fresh link code.
import type { Committee } from '../domain/committee.js';
import type { StaffPerson } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type { IdentityDirectory } from '../ports/identity.js';
import type {
  AssignOutcome,
  ChatLinkRepository,
  CommitteeRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { ensureRootBoard } from './committees.js';
import { createLinkCode, type IssuedLinkCode } from './link-codes.js';

export interface BootstrapPorts {
  committees: Pick<CommitteeRepository, 'get' | 'create'>;
  staff: Pick<StaffRepository, 'assign' | 'person'>;
  chatLinks: ChatLinkRepository;
  identity: IdentityDirectory;
  clock: Clock;
  newCode: () => string;
}

export interface BootstrapInput {
  boardId: string;
  boardName: string;
  adminName: string;
  email?: string;
}

export interface BootstrapResult {
  board: Committee;
  boardCreated: boolean;
  admin: StaffPerson;
  assignment: AssignOutcome;
  linkCode: IssuedLinkCode;
}

/** The first administrator's person id follows from the board, so a second run finds the same person. */
export const firstAdminId = (boardId: string) => `admin-${boardId}`;

export async function bootstrapAdministrator(
  input: BootstrapInput,
  ports: BootstrapPorts,
): Promise<BootstrapResult> {
  const { committee: board, created: boardCreated } = await ensureRootBoard(
    { id: input.boardId, name: input.boardName },
    ports,
  );
  const id = firstAdminId(board.id);
  const admin: StaffPerson = (await ports.staff.person(id)) ?? {
    id,
    fullName: input.adminName,
    email: input.email || undefined,
  };
  const assignment = await ports.staff.assign(
    { ...admin, ...(input.email && !admin.email ? { email: input.email } : {}) },
    { orgId: board.id, role: 'admin' },
  );
  const email = admin.email ?? input.email;
  if (email) await ports.identity.createUser({ email, staffId: id });
  // Each run prints a fresh one-time code (the previous ones expire on their own after 72 h).
  const linkCode = await createLinkCode({ kind: 'staff', id }, 'bootstrap', ports);
  return { board, boardCreated, admin, assignment, linkCode };
}
