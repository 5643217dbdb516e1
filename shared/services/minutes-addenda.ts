// use case: an addendum (phụ lục đính chính) to sealed minutes, signed like the minutes (R16): one of the
// two signers proposes it (and the other is told), the other countersigns it, and only then is it part of
// the record.
import { NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import {
  assertMayRunMeeting,
  awaitedSigner,
  isAddendumSigned,
  type SignerCapacity,
  withAddendumCountersignature,
  withAddendumProposal,
} from '../domain/meeting-protocol.js';
import type { Addendum, Minutes } from '../domain/minutes.js';
import type { Principal } from '../domain/roles.js';
import { loadMeeting, type MeetingPorts } from './meeting-ports.js';
import { signatureOf } from './minutes.js';
import { retryOnConflict } from './retry.js';

type AddendumPorts = Pick<MeetingPorts, 'meetings' | 'minutes' | 'staff' | 'clock'>;

export interface AddendumResult {
  meetingId: string;
  addendum: Addendum;
  /** `pending` until the other signer countersigns; `signed` once it is part of the record. */
  state: 'pending' | 'signed';
  /** Whose signature a pending addendum waits for. */
  awaiting?: SignerCapacity;
  sealHash: string;
}

function result(meetingId: string, minutes: Minutes, addendum: Addendum): AddendumResult {
  const awaiting = awaitedSigner(addendum);
  return {
    meetingId,
    addendum,
    state: isAddendumSigned(addendum) ? 'signed' : 'pending',
    awaiting,
    sealHash: minutes.seal?.hash ?? '',
  };
}

/** R16: the meeting and the signature of whoever may sign for it (the chair or the secretary), else refused. */
async function signerOf(ports: AddendumPorts, principal: Principal, meetingId: string) {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayRunMeeting(principal, meeting);
  return { meeting, signature: await signatureOf(ports, principal.sub) };
}

/**
 * Applies a change to the stored minutes, with the events it raises, in one write; a change that returns
 * them unchanged (a retry) writes and raises nothing.
 */
async function amend(
  ports: AddendumPorts,
  meetingId: string,
  change: (current: Minutes) => Minutes,
  pick: (next: Minutes) => Addendum | undefined,
  events: (next: Minutes) => DomainEvent[] = () => [],
): Promise<AddendumResult> {
  return retryOnConflict(async () => {
    const current = await ports.minutes.get(meetingId);
    if (!current) throw new NotFoundError('minutes');
    const next = change(current);
    if (next !== current) await ports.minutes.save(next, current.version, { events: events(next) });
    const addendum = pick(next);
    if (!addendum) throw new NotFoundError('addendum');
    return result(meetingId, next, addendum);
  });
}

/**
 * R16: the chair or the secretary who signed the sealed minutes proposes an addendum and signs it; it waits
 * for the other's countersignature. The same proposal again changes nothing; another one while one is
 * pending is refused (409 `addendum_pending`).
 */
export async function proposeMinutesAddendum(
  ports: AddendumPorts,
  principal: Principal,
  meetingId: string,
  text: string,
): Promise<AddendumResult> {
  const { meeting, signature } = await signerOf(ports, principal, meetingId);
  return amend(
    ports,
    meetingId,
    (current) => withAddendumProposal(current, text, signature),
    (next) => next.addenda.at(-1),
    (next) => {
      // The other signer is told the addendum waits for them (the notifier, on MinutesAddendumProposed).
      const proposed = next.addenda.at(-1);
      const awaiting = proposed && awaitedSigner(proposed);
      const awaitingStaffId = awaiting && next.signatures[awaiting]?.staffId;
      if (!proposed || !awaitingStaffId) return [];
      const event: DomainEvent<'MinutesAddendumProposed'> = {
        type: 'MinutesAddendumProposed',
        id: `MinutesAddendumProposed:${meetingId}:${proposed.seq}`,
        occurredAt: signature.signedAt,
        orgIds: [meeting.residenceOrgId],
        data: { meetingId, seq: proposed.seq, proposerStaffId: signature.staffId, awaitingStaffId },
      };
      return [event];
    },
  );
}

/**
 * R16: the other signer countersigns addendum `seq`; its hash is computed then and it joins the record.
 * Countersigning again changes nothing; the proposer cannot countersign their own (422 R16).
 */
export async function countersignMinutesAddendum(
  ports: AddendumPorts,
  principal: Principal,
  meetingId: string,
  seq: number,
): Promise<AddendumResult> {
  const { signature } = await signerOf(ports, principal, meetingId);
  return amend(
    ports,
    meetingId,
    (current) => withAddendumCountersignature(current, seq, signature),
    (next) => next.addenda.find((a) => a.seq === seq),
  );
}
