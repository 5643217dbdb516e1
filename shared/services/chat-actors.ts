// use case: who is writing to the bot — the member or staff person a chat account is linked to, as a Principal.
import type { Member } from '../domain/member.js';
import type { Principal, StaffAssignment } from '../domain/roles.js';
import type {
  Channel,
  ChatLink,
  ChatLinkRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';

export type ChatActor =
  | { kind: 'member'; link: ChatLink; member: Member; principal: Principal }
  | {
      kind: 'staff';
      link: ChatLink;
      /** The assignment they act for now: the one chosen with /donvi if they still hold it, else their first. */
      staff: StaffAssignment;
      /** Every current assignment of the person (one for most staff). */
      assignments: StaffAssignment[];
      principal: Principal;
    };

export interface ChatActorPorts {
  chatLinks: Pick<ChatLinkRepository, 'byChat'>;
  members: Pick<MemberRepository, 'get'>;
  staff: Pick<StaffRepository, 'assignmentsOf'>;
}

/** The linked member or staff person of a chat account, or undefined for an unlinked one. */
export async function chatActor(
  channel: Channel,
  userId: string,
  ports: ChatActorPorts,
): Promise<ChatActor | undefined> {
  const link = await ports.chatLinks.byChat(channel, userId);
  if (!link) return undefined;
  if (link.kind === 'member') {
    const member = await ports.members.get(link.id);
    if (!member) return undefined;
    return {
      kind: 'member',
      link,
      member,
      principal: { sub: member.id, orgId: member.workplaceOrgId, role: 'member' },
    };
  }
  // Read on every update, never cached: a revoked assignment stops working at the next message.
  const assignments = await ports.staff.assignmentsOf(link.id);
  const chosen = link.actingFor;
  const staff =
    (chosen && assignments.find((a) => a.orgId === chosen.orgId && a.role === chosen.role)) ?? assignments[0];
  if (!staff) return undefined;
  return {
    kind: 'staff',
    link,
    staff,
    assignments,
    principal: { sub: staff.id, orgId: staff.orgId, role: staff.role },
  };
}
