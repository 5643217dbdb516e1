// use cases: the minutes (biên bản) of a contact meeting — parts in the protocol's order (R13–R15), the
// filled-in sections, signing by chair and secretary, the seal and signed addenda (R16).

import { absenteeStatus, effectiveAttendance } from '../domain/attendance.js';
import { sortByVietnameseName } from '../domain/collation.js';
import type { Comment } from '../domain/comment.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import {
  assertMayReadMeeting,
  assertMayRunMeeting,
  assertMaySignAs,
  assertSignable,
  isSameSignature,
  isYearEndMeeting,
  MINUTES_PART_LABELS,
  missingParts,
  previousMeetingId,
  verifyMinutes,
  withPart,
  withSignature,
} from '../domain/meeting-protocol.js';
import {
  type Addendum,
  emptyMinutes,
  MINUTES_PARTS,
  type Minutes,
  type MinutesPart,
  type MinutesRecord,
  type RecordedComment,
  type Signature,
} from '../domain/minutes.js';
import { filledInText } from '../domain/minutes-text.js';
import { documentPlace } from '../domain/party-document.js';
import type { Principal } from '../domain/roles.js';
import { excuseOn } from '../domain/travel-and-exemption.js';
import type { MinutesPdfRenderer } from '../ports/minutes-pdf.js';
import type { CounterRepository } from '../ports/repositories.js';
import { type AbsenceNoticeRun, sendAbsenceNotices } from './absence-notices.js';
import { nextDocumentNumber } from './document-numbers.js';
import { loadMeeting, type MeetingPorts } from './meeting-ports.js';
import { retryOnConflict } from './retry.js';

/** How many absentees' exemptions and travel notices are read per BatchGetItem round. */
const ABSENTEE_FACTS_BATCH = 50;

export type RecordPorts = Pick<
  MeetingPorts,
  'committees' | 'invitations' | 'comments' | 'evaluations' | 'members'
>;

export function recordedComment(comment: Comment): RecordedComment {
  return {
    commentId: comment.id,
    memberId: comment.memberId,
    authorName: comment.authorName,
    topic: comment.topic,
    text: comment.text,
    ...(comment.answer
      ? {
          answer: {
            status: comment.answer.status,
            text: comment.answer.text,
            reason: comment.answer.reason || undefined,
            remedy: comment.answer.remedy || undefined,
          },
        }
      : {}),
  };
}

/**
 * What the minutes fill in from the records: the attendance (R13; streamed — `withRows` keeps every row,
 * as the sealed record and the PDF need), the previous round's comments with answers (2.3), the
 * commendation proposals at the October meeting (2.4) and this meeting's comments (2.5).
 */
export async function buildMinutesRecord(
  ports: RecordPorts,
  meeting: Meeting,
  now: Date,
  options: { withRows: boolean },
): Promise<MinutesRecord> {
  const committee = await ports.committees.get(meeting.residenceOrgId);
  const record: MinutesRecord = {
    meeting: {
      residenceOrgId: meeting.residenceOrgId,
      committeeName: committee?.name ?? meeting.residenceOrgId,
      year: meeting.year,
      round: meeting.round,
      date: meeting.date,
      time: meeting.time,
      place: meeting.place,
      chairName: meeting.chairName,
    },
    attendance: { total: 0, present: 0, absent: 0 },
    rows: [],
    absentees: [],
    previousComments: [],
    comments: [],
    commendations: [],
    frozenAt: now.toISOString(),
  };
  for await (const inv of ports.invitations.streamSheet(meeting.id)) {
    const present = effectiveAttendance(inv) === 'present';
    record.attendance.total += 1;
    if (present) record.attendance.present += 1;
    else {
      record.attendance.absent += 1;
      record.absentees.push({
        memberId: inv.memberId,
        name: inv.memberName,
        status: absenteeStatus(inv),
        ...(inv.rsvp === 'absent' && inv.absence
          ? {
              // The category only: the free text may hold health details (sensitive data, Decree 356/2025
              // Art. 4) and the sealed record is kept for good and sent to the signers' chats, while the
              // text itself is removed after its keeping time (docs/privacy.md). R13 needs the reason, not the story.
              reason: { category: inv.absence.category },
            }
          : {}),
      });
    }
    if (options.withRows) record.rows.push({ memberId: inv.memberId, name: inv.memberName, present });
  }
  // R4, R3: an absentee under a confirmed exemption, or inside a travel notice's period, is recorded as
  // such (not expected / excused by the notice) whatever they answered.
  for (let i = 0; i < record.absentees.length; i += ABSENTEE_FACTS_BATCH) {
    const batch = record.absentees.slice(i, i + ABSENTEE_FACTS_BATCH);
    const facts = await ports.members.factsOfMany(batch.map((a) => a.memberId));
    for (const absentee of batch) {
      const excuse = excuseOn(facts.get(absentee.memberId) ?? {}, meeting.date);
      if (excuse) absentee.status = absenteeStatus({ rsvp: 'none' }, excuse);
    }
  }
  // The sheet is keyed by member id; the printed record reads in Vietnamese name order.
  record.rows = sortByVietnameseName(record.rows, (r) => r.name);
  record.absentees = sortByVietnameseName(record.absentees, (a) => a.name);
  const [previous, current] = await Promise.all([
    ports.comments.ofMeeting(previousMeetingId(meeting.id)),
    ports.comments.ofMeeting(meeting.id),
  ]);
  record.previousComments = previous.map(recordedComment);
  record.comments = current.map(recordedComment);
  if (isYearEndMeeting(meeting)) {
    for await (const evaluation of ports.evaluations.ofCommittee(meeting.residenceOrgId, meeting.year)) {
      if (evaluation.form.proposal !== 'commend') continue;
      const member = await ports.members.get(evaluation.memberId);
      record.commendations.push({
        memberId: evaluation.memberId,
        name: member?.fullName ?? evaluation.memberId,
      });
    }
  }
  return record;
}

export type MinutesState = 'draft' | 'signing' | 'sealed';

export interface MinutesPartView {
  part: MinutesPart;
  number: string;
  title: string;
  titleEn: string;
  text?: string;
  /** What the records fill in under this part (attendance, comments, answers, commendations). */
  filledIn?: string;
}

export interface MinutesView {
  meetingId: string;
  meeting: MinutesRecord['meeting'] & { status: Meeting['status'] };
  state: MinutesState;
  parts: MinutesPartView[];
  /** The first part still to write, in the protocol's order (where the secretary continues). */
  nextPart?: MinutesPart;
  missing: MinutesPart[];
  filledIn: {
    /** True once signing began: these are the frozen values the seal covers. */
    frozen: boolean;
    attendance: MinutesRecord['attendance'];
    absentees: MinutesRecord['absentees'];
    previousComments: RecordedComment[];
    comments: RecordedComment[];
    commendations: MinutesRecord['commendations'];
  };
  signatures: Minutes['signatures'];
  seal?: Minutes['seal'] & { verifies: boolean };
  addenda: Addendum[];
  addendaVerify: boolean;
  version: number;
}

export function minutesState(minutes: Minutes): MinutesState {
  if (minutes.seal) return 'sealed';
  return minutes.signatures.chair || minutes.signatures.secretary ? 'signing' : 'draft';
}

/** The full minutes document: stored minutes plus the record (frozen when signing began, else live). */
export async function minutesDocument(
  ports: RecordPorts & Pick<MeetingPorts, 'meetings' | 'minutes' | 'clock'>,
  meeting: Meeting,
  options: { withRows: boolean },
): Promise<{ minutes: Minutes; record: MinutesRecord }> {
  const minutes = (await ports.minutes.get(meeting.id)) ?? emptyMinutes(meeting.id);
  const record = minutes.record ?? (await buildMinutesRecord(ports, meeting, ports.clock.now(), options));
  return { minutes, record };
}

export function minutesView(meeting: Meeting, minutes: Minutes, record: MinutesRecord): MinutesView {
  const filled = filledInText(record);
  const missing = missingParts(minutes);
  const verification = verifyMinutes(minutes);
  return {
    meetingId: meeting.id,
    meeting: { ...record.meeting, status: meeting.status },
    state: minutesState(minutes),
    parts: MINUTES_PARTS.map((part) => ({
      part,
      number: MINUTES_PART_LABELS[part].number,
      title: MINUTES_PART_LABELS[part].vi,
      titleEn: MINUTES_PART_LABELS[part].en,
      text: minutes.parts[part] || undefined,
      filledIn: filled[part] || undefined,
    })),
    nextPart: missing[0],
    missing,
    filledIn: {
      frozen: minutes.record !== undefined,
      attendance: record.attendance,
      absentees: record.absentees,
      previousComments: record.previousComments,
      comments: record.comments,
      commendations: record.commendations,
    },
    signatures: minutes.signatures,
    ...(minutes.seal ? { seal: { ...minutes.seal, verifies: verification.seal } } : {}),
    addenda: minutes.addenda,
    addendaVerify: verification.addenda,
    version: minutes.version,
  };
}

/** GET the minutes: parts in order, the filled-in sections, signatures, and whether the seal verifies. */
export async function getMinutes(
  ports: RecordPorts & Pick<MeetingPorts, 'meetings' | 'minutes' | 'clock'>,
  principal: Principal,
  meetingId: string,
): Promise<MinutesView> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayReadMeeting(principal, meeting);
  const { minutes, record } = await minutesDocument(ports, meeting, { withRows: false });
  return minutesView(meeting, minutes, record);
}

export interface PartWritten {
  meetingId: string;
  part: MinutesPart;
  version: number;
  nextPart?: MinutesPart;
  missing: MinutesPart[];
  /** Signatures given before this edit lapsed (they signed other words); they must sign again. */
  signaturesWithdrawn: boolean;
}

/** Writes one part (chair, secretary or residence staff of the committee); refused once sealed (R16, 409). */
export async function writeMinutesPart(
  ports: Pick<MeetingPorts, 'meetings' | 'minutes'>,
  principal: Principal,
  meetingId: string,
  part: MinutesPart,
  text: string,
): Promise<PartWritten> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayRunMeeting(principal, meeting);
  return retryOnConflict(async () => {
    const current = (await ports.minutes.get(meetingId)) ?? emptyMinutes(meetingId);
    const hadSignatures = Boolean(current.signatures.chair || current.signatures.secretary);
    // The same words again (a retried request) change nothing and keep the signatures; once sealed,
    // every write is refused (withPart throws 409).
    const unchanged = !current.seal && current.parts[part] === text;
    const stored = unchanged ? current : withPart(current, part, text);
    if (!unchanged) await ports.minutes.save(stored, current.version);
    const missing = missingParts(stored);
    return {
      meetingId,
      part,
      version: stored.version,
      nextPart: missing[0],
      missing,
      signaturesWithdrawn: !unchanged && hadSignatures,
    };
  });
}

export interface SignResult {
  meetingId: string;
  state: MinutesState;
  signatures: Minutes['signatures'];
  seal?: Minutes['seal'];
  /** After sealing, the R10 notices for absentees without notice (also sent by the daily job). */
  absenceNotices?: AbsenceNoticeRun | { failed: true };
}

/** The signature of a staff member now, with the name they are known by (the minutes and addenda show it). */
export async function signatureOf(
  ports: Pick<MeetingPorts, 'staff' | 'clock'>,
  staffId: string,
): Promise<Signature> {
  const staff = await ports.staff.get(staffId);
  if (!staff) throw new NotFoundError('staff');
  return { staffId, name: staff.fullName, signedAt: ports.clock.now().toISOString() };
}

/**
 * What the webhook checks before queuing a signature (issue 19), so a refusal is told at once: who may sign as
 * `as`, the meeting begun, and (one read) minutes that take this signature — every part written, not signed
 * by the same person in the other capacity, not sealed. The worker's signMinutes checks all of it again.
 */
export async function checkSignatureNow(
  ports: Pick<MeetingPorts, 'minutes' | 'clock'>,
  principal: Principal,
  meeting: Meeting,
  as: 'chair' | 'secretary',
): Promise<void> {
  assertMaySignNow(principal, meeting, as, ports.clock.now());
  const current = (await ports.minutes.get(meeting.id)) ?? emptyMinutes(meeting.id);
  if (!isSameSignature(current, as, principal.sub)) assertSignable(current, as, principal.sub);
}

/** R16: who may sign as `as`, and only once the meeting has begun. */
export function assertMaySignNow(
  principal: Principal,
  meeting: Meeting,
  as: 'chair' | 'secretary',
  now: Date,
): void {
  assertMaySignAs(principal, meeting, as);
  if (!hasStarted(meeting, now)) {
    throw new ConflictError(
      { vi: 'Cuộc họp chưa diễn ra nên chưa ký biên bản được.', en: 'The meeting has not taken place yet.' },
      'meeting_not_yet',
    );
  }
}

/**
 * R15 2.6, R16: the chair (as chair) and the secretary (as secretary) sign; two different people. The
 * record is frozen at the first signature; the second seals (SHA-256 of the canonical minutes), marks the
 * meeting held, raises MinutesSigned, then sends the R10 notices.
 */
export async function signMinutes(
  ports: RecordPorts &
    Pick<MeetingPorts, 'meetings' | 'minutes' | 'staff' | 'clock' | 'absenceNotices'> & {
      /** The committee's document counters: the sealed minutes get their number ("3-BB/ĐU") from here. */
      counters?: CounterRepository;
    },
  principal: Principal,
  meetingId: string,
  as: 'chair' | 'secretary',
): Promise<SignResult> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMaySignNow(principal, meeting, as, ports.clock.now());
  const signature = await signatureOf(ports, principal.sub);
  const signed = await retryOnConflict(async () => {
    const current = (await ports.minutes.get(meetingId)) ?? emptyMinutes(meetingId);
    if (isSameSignature(current, as, principal.sub)) return { minutes: current, sealedNow: false };
    const record =
      current.record ?? (await buildMinutesRecord(ports, meeting, ports.clock.now(), { withRows: true }));
    const signedNext = withSignature(current, as, signature, () => record);
    if (!signedNext.seal) {
      await ports.minutes.save(signedNext, current.version);
      return { minutes: signedNext, sealedNow: false };
    }
    // Sealed now: the minutes become a document of the committee and get its next number for the year.
    const committee = await ports.committees.get(meeting.residenceOrgId);
    const number =
      current.number ??
      (ports.counters && committee
        ? await nextDocumentNumber(ports.counters, committee, record.meeting.year, 'minutes')
        : undefined);
    const seal = signedNext.seal;
    const next: Minutes = { ...signedNext, ...(number ? { number } : {}) };
    const fresh = await loadMeeting(ports.meetings, meetingId);
    const event: DomainEvent<'MinutesSigned'> = {
      type: 'MinutesSigned',
      id: `MinutesSigned:${meetingId}`,
      occurredAt: seal.sealedAt,
      orgIds: [meeting.residenceOrgId],
      data: { meetingId, hash: seal.hash },
    };
    await ports.minutes.saveWithMeeting(
      next,
      current.version,
      { ...fresh, status: 'held', version: fresh.version + 1 },
      fresh.version,
      { events: [event] },
    );
    return { minutes: next, sealedNow: true };
  });
  const result: SignResult = {
    meetingId,
    state: minutesState(signed.minutes),
    signatures: signed.minutes.signatures,
    seal: signed.minutes.seal,
  };
  if (signed.sealedNow) {
    try {
      result.absenceNotices = await sendAbsenceNotices(ports, meeting);
    } catch {
      // Signed and sealed already; the daily job sends whatever did not go now (each notice once).
      result.absenceNotices = { failed: true };
    }
  }
  return result;
}

/** The minutes as a PDF (residence staff and viewers of the committee): sealed, or a marked draft. */
export async function exportMinutesPdf(
  ports: RecordPorts & Pick<MeetingPorts, 'meetings' | 'minutes' | 'clock'> & { pdf: MinutesPdfRenderer },
  principal: Principal,
  meetingId: string,
): Promise<{ fileName: string; bytes: Uint8Array; state: MinutesState }> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayReadMeeting(principal, meeting);
  return renderMinutesPdf(ports, meeting);
}

/**
 * The minutes' PDF itself. The caller has authorised the reader, or is the system delivering the sealed
 * minutes to their two signers (the notifier on MinutesSigned).
 */
export async function renderMinutesPdf(
  ports: RecordPorts & Pick<MeetingPorts, 'meetings' | 'minutes' | 'clock'> & { pdf: MinutesPdfRenderer },
  meeting: Meeting,
): Promise<{ fileName: string; bytes: Uint8Array; state: MinutesState }> {
  const meetingId = meeting.id;
  const { minutes, record } = await minutesDocument(ports, meeting, { withRows: true });
  const view = minutesView(meeting, minutes, record);
  // The header of the party's document format: the committee reported to and the committee's place.
  const committee = await ports.committees.get(meeting.residenceOrgId);
  const parent = committee?.parentId ? await ports.committees.get(committee.parentId) : undefined;
  const place = committee ? documentPlace(committee) : undefined;
  const bytes = await ports.pdf.render({
    meetingId,
    record,
    state: view.state,
    parts: view.parts.map((p) => ({
      part: p.part,
      number: p.number,
      title: p.title,
      text: p.text || undefined,
      filledIn: p.filledIn || undefined,
    })),
    signatures: minutes.signatures,
    seal: view.seal,
    addenda: minutes.addenda,
    generatedAt: ports.clock.now().toISOString(),
    issuer: {
      parent: parent?.name,
      place: place || undefined,
      number: minutes.number || undefined,
    },
  });
  return { fileName: `bien-ban-${meetingId}.pdf`, bytes, state: view.state };
}
