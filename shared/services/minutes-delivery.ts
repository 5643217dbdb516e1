// use case: the sealed minutes (R16) as a PDF to the chair's and the secretary's chat accounts, once each.
import type { Meeting } from '../domain/meeting.js';
import { assertMayReadMeeting } from '../domain/meeting-protocol.js';
import type { Principal } from '../domain/roles.js';
import type { ChatDocument, ChatMessenger } from '../ports/chat.js';
import { recipientOf } from '../ports/chat.js';
import type { MinutesPdfRenderer } from '../ports/minutes-pdf.js';
import type { ChatLinkRepository, IdempotencyStore } from '../ports/repositories.js';
import type { MeetingPorts } from './meeting-ports.js';
import { renderMinutesPdf } from './minutes.js';

const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export type SealedMinutesPorts = Pick<
  MeetingPorts,
  'committees' | 'invitations' | 'comments' | 'evaluations' | 'members' | 'meetings' | 'minutes' | 'clock'
> & {
  pdf: MinutesPdfRenderer;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  messenger: ChatMessenger;
};

/**
 * R16: sends the sealed minutes' PDF to the two signers (chair and secretary) on every chat account they
 * linked. The signer's /ky sends it at once (after checking that the signer may read the meeting); the
 * notifier sends it again on MinutesSigned, so a function that died between sealing and sending loses
 * nothing. Each (meeting, account) is claimed first, so whichever path comes second, signing replays and
 * retries send nothing twice; a failed send releases its claim. Returns the number sent.
 */
export async function sendSealedMinutes(
  ports: SealedMinutesPorts,
  principal: Principal,
  meeting: Meeting,
): Promise<number> {
  assertMayReadMeeting(principal, meeting);
  return deliverSealedMinutes(ports, meeting);
}

/** The system's path (the notifier, on MinutesSigned): minutes not sealed yet, or gone, send nothing. */
export async function deliverSealedMinutes(
  ports: SealedMinutesPorts,
  meeting: Meeting | string,
): Promise<number> {
  const found = typeof meeting === 'string' ? await ports.meetings.get(meeting) : meeting;
  if (!found) return 0;
  const minutes = await ports.minutes.get(found.id);
  if (!minutes?.seal || !ports.messenger.sendDocument) return 0;
  const signers = [minutes.signatures.chair?.staffId, minutes.signatures.secretary?.staffId].filter(
    (id): id is string => Boolean(id),
  );
  let document: ChatDocument | undefined;
  let sent = 0;
  for (const staffId of new Set(signers)) {
    for (const link of await ports.chatLinks.ofSubject({ kind: 'staff', id: staffId })) {
      if (link.blocked) continue;
      const key = `${found.id}:${link.channel}:${link.userId}`;
      if (!(await ports.idempotency.claim('minutes-pdf', key, DELIVERY_TTL_SECONDS))) continue;
      try {
        // Rendered once, and only when someone still needs it (a replay renders nothing).
        if (!document) {
          const pdf = await renderMinutesPdf(ports, found);
          document = { fileName: pdf.fileName, mimeType: 'application/pdf', bytes: pdf.bytes };
        }
        const outcome = await ports.messenger.sendDocument(recipientOf(link), document);
        if (outcome.ok) sent += 1;
      } catch (error) {
        await ports.idempotency.release('minutes-pdf', key);
        throw error;
      }
    }
  }
  return sent;
}
