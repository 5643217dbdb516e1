// use case: print the paper invitations (giấy mời) of a meeting (R9, issue 16 item 8) — one PDF with the
// letter of each member on the paper list (no chat took the invitation), by hamlet and in Vietnamese order,
// as the paper list names them; or of every invitee, for a committee that hands letters out anyway.
// The round's number ("3-GM/ĐU") is taken once per meeting and kept on it, so a reprint shows the same one.
import { hamletName } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { letterSigner } from '../domain/introduction-letter.js';
import type { Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import { assertMayRunMeeting } from '../domain/meeting-protocol.js';
import { paperInvitationContent } from '../domain/paper-invitation.js';
import type { Principal } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type { PaperInvitationsPdfRenderer } from '../ports/documents.js';
import type {
  CommitteeRepository,
  CounterRepository,
  InvitationRepository,
  MeetingRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { nextDocumentNumber } from './document-numbers.js';
import { committeeWithHamlets, inPaperOrder } from './hamlets.js';
import { retryOnConflict } from './retry.js';

export interface PaperInvitationsPorts {
  meetings: Pick<MeetingRepository, 'get' | 'save'>;
  invitations: Pick<InvitationRepository, 'streamSheet'>;
  committees: Pick<CommitteeRepository, 'get' | 'children'>;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  counters: CounterRepository;
  clock: Clock;
  pdf: PaperInvitationsPdfRenderer;
}

/** `paper`: the members on the paper list (no chat took the letter); `all`: every invitee. */
export type PaperInvitationScope = 'paper' | 'all';

export interface PaperInvitations {
  fileName: string;
  bytes: Uint8Array;
  /** Letters in the file; 0 when nobody is on the list (no file is worth printing then). */
  letters: number;
}

const onPaperList = (i: Invitation) => i.delivery === 'no_chat' || i.delivery === 'undeliverable';

export async function printPaperInvitations(
  principal: Principal,
  meetingId: string,
  scope: PaperInvitationScope,
  ports: PaperInvitationsPorts,
): Promise<PaperInvitations> {
  const found = await ports.meetings.get(meetingId);
  if (!found) throw new NotFoundError('meeting');
  assertMayRunMeeting(principal, found);
  if (found.status === 'cancelled') {
    throw new ConflictError(
      {
        vi: 'Cuộc họp đã hủy: không in giấy mời',
        en: 'The meeting is cancelled: no invitations are printed',
      },
      'meeting_cancelled',
    );
  }
  const invitations: Invitation[] = [];
  for await (const invitation of ports.invitations.streamSheet(meetingId)) {
    if (scope === 'all' || onPaperList(invitation)) invitations.push(invitation);
  }
  const fileName = `giay-moi-${found.id.replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf`;
  if (invitations.length === 0) return { fileName, bytes: new Uint8Array(), letters: 0 };

  const [ward, staff] = await Promise.all([
    committeeWithHamlets(ports.committees, found.residenceOrgId),
    ports.staff.ofCommittee(found.residenceOrgId),
  ]);
  if (!ward) throw new NotFoundError('committee');
  const parent = ward.parentId ? await ports.committees.get(ward.parentId) : undefined;
  const meeting = await withInvitationNumber(found, ward, ports);
  const signer = letterSigner(staff);
  const issuedOn = localDate(ports.clock.now());
  const letters = inPaperOrder(ward, invitations).map((invitation) =>
    paperInvitationContent(
      {
        meeting,
        committee: ward,
        parent,
        number: meeting.invitationNumber || undefined,
        issuedOn,
        signer,
      },
      {
        memberName: invitation.memberName,
        ...(invitation.hamletId ? { hamletName: hamletName(ward, invitation.hamletId) } : {}),
        optional: invitation.optional || undefined,
      },
    ),
  );
  return { fileName, bytes: await ports.pdf.render(letters), letters: letters.length };
}

/** The meeting with its round's number: taken from the counter the first time, kept on the meeting after. */
async function withInvitationNumber(
  meeting: Meeting,
  ward: { id: string; name: string },
  ports: PaperInvitationsPorts,
): Promise<Meeting> {
  if (meeting.invitationNumber) return meeting;
  return retryOnConflict(async () => {
    const current = (await ports.meetings.get(meeting.id)) ?? meeting;
    if (current.invitationNumber) return current;
    // A number taken by a save that then lost a race is skipped, never given twice (document-numbers.ts).
    const number = await nextDocumentNumber(ports.counters, ward, current.year, 'invitation');
    const numbered: Meeting = { ...current, invitationNumber: number, version: current.version + 1 };
    await ports.meetings.save(numbered, current.version);
    return numbered;
  });
}
