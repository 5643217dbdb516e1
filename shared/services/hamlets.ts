// use case helper: a residence committee with its hamlets, so users read hamlet names, never raw ids.
import type { Committee, Hamlet } from '../domain/committee.js';
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
