// use case: the sealed minutes (R16) as a PDF to the chair's and the secretary's chat accounts, once each.
import type { Meeting } from '../domain/meeting.js';
import type { ChatDocument, ChatMessenger } from '../ports/chat.js';
import { recipientOf } from '../ports/chat.js';
import type { MinutesPdfRenderer } from '../ports/minutes-pdf.js';
import type { ChatLinkRepository, IdempotencyStore } from '../ports/repositories.js';
import type { MeetingPorts } from './meeting-ports.js';
import { exportMinutesPdf } from './minutes.js';

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
 * Sends the sealed minutes' PDF to the two signers (chair and secretary) on every chat account they
 * linked. Each (meeting, account) is claimed first, so signing replays and retries send nothing twice;
 * a failed send releases its claim. Minutes not sealed yet send nothing. Returns the number sent.
 */
export async function sendSealedMinutes(
  ports: SealedMinutesPorts,
  principal: Parameters<typeof exportMinutesPdf>[1],
  meeting: Meeting,
): Promise<number> {
  const minutes = await ports.minutes.get(meeting.id);
  if (!minutes?.seal || !ports.messenger.sendDocument) return 0;
  const signers = [minutes.signatures.chair?.staffId, minutes.signatures.secretary?.staffId].filter(
    (id): id is string => Boolean(id),
  );
  const pdf = await exportMinutesPdf(ports, principal, meeting.id);
  const document: ChatDocument = { fileName: pdf.fileName, mimeType: 'application/pdf', bytes: pdf.bytes };
  let sent = 0;
  for (const staffId of new Set(signers)) {
    for (const link of await ports.chatLinks.ofSubject({ kind: 'staff', id: staffId })) {
      if (link.blocked) continue;
      const key = `${meeting.id}:${link.channel}:${link.userId}`;
      if (!(await ports.idempotency.claim('minutes-pdf', key, DELIVERY_TTL_SECONDS))) continue;
      try {
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
