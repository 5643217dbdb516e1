// use case helper: a residence committee with its hamlets, so users read hamlet names, never raw ids.
import { sortByVietnameseName } from '../domain/collation.js';
import { type Committee, type Hamlet, hamletName } from '../domain/committee.js';
import type { Invitation } from '../domain/invitation.js';
import type { UnreachableMember } from '../ports/chat.js';
import type { CommitteeRepository } from '../ports/repositories.js';

export type CommitteeWithHamlets = Committee & { hamlets: readonly Hamlet[] };

/**
 * The committee and its hamlets: those it carries itself (when the committee record lists them) and its
 * hamlet cells (child committees of kind hamlet_cell, as the demo seed and older data store them).
 */
export async function committeeWithHamlets(
  committees: Pick<CommitteeRepository, 'get' | 'children'>,
  orgId: string,
): Promise<CommitteeWithHamlets | undefined> {
  const [committee, children] = await Promise.all([committees.get(orgId), committees.children(orgId)]);
  if (!committee) return undefined;
  const own = (committee as { hamlets?: readonly Hamlet[] }).hamlets ?? [];
  const cells = children.filter((c) => c.kind === 'hamlet_cell').map((c) => ({ id: c.id, name: c.name }));
  const known = new Set(own.map((h) => h.id));
  return { ...committee, hamlets: [...own, ...cells.filter((c) => !known.has(c.id))] };
}

/**
 * The paper list as people read it: by hamlet, then by name in Vietnamese order, hamlets by name. `describe`
 * says why each could not be reached (and how they were told by phone, if they were).
 */
export function paperListOf(
  ward: Pick<Committee, 'hamlets'> | undefined,
  invitations: readonly Invitation[],
  describe: (invitation: Invitation) => Pick<UnreachableMember, 'reason' | 'byPhone'>,
): UnreachableMember[] {
  return inPaperOrder(ward, invitations).map((i) => ({
    memberName: i.memberName,
    hamletId: i.hamletId,
    hamletName: i.hamletId ? hamletName(ward, i.hamletId) : '',
    ...describe(i),
  }));
}

/**
 * The order of the paper list and the paper letters: by hamlet name ("Ấp 2" before "Ấp 10"; members with no
 * hamlet last), then by name in Vietnamese order.
 */
export function inPaperOrder(
  ward: Pick<Committee, 'hamlets'> | undefined,
  invitations: readonly Invitation[],
): Invitation[] {
  const hamletOf = (i: Invitation) => (i.hamletId ? hamletName(ward, i.hamletId) : '');
  return sortByVietnameseName(invitations, (i) => i.memberName).sort((a, b) => {
    const [x, y] = [hamletOf(a), hamletOf(b)];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return x.localeCompare(y, 'vi', { numeric: true });
  });
}
