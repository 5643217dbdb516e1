// domain: how a contact meeting is run and recorded — the protocol's parts (R13–R15), who writes and
// signs them, the previous/next round for comments (R15 2.3), and the sealed record with its addenda (R16).
import { createHash } from 'node:crypto';
import { isResidenceStaffOf } from './access.js';
import { localDate } from './dates.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from './errors.js';
import { hasStarted, type Meeting, meetingId, parseMeetingId, type Round } from './meeting.js';
import {
  type Addendum,
  assertMaySign,
  canonicalJson,
  isFullySigned,
  MINUTES_PARTS,
  type Minutes,
  type MinutesPart,
  type MinutesRecord,
  type Signature,
  sealHash,
  verifySeal,
} from './minutes.js';
import type { Principal } from './roles.js';

/**
 * The heading of each part as the seed's section II words it (vi), with an English gloss. 2.1–2.6 are the
 * seed's numbers; the three opening formalities (II.1, "nghị thức", unnumbered there) are 1.1–1.3 here.
 */
export const MINUTES_PART_LABELS: Record<MinutesPart, { number: string; vi: string; en: string }> = {
  opening: {
    number: '1.1',
    vi: 'Tuyên bố lý do, giới thiệu đại biểu, thông báo tình hình đảng viên dự họp',
    en: 'Opening: purpose, guests, attendance',
  },
  agenda: {
    number: '1.2',
    vi: 'Thông qua chương trình, nội dung, dự kiến thời gian',
    en: 'Agenda, content and expected duration',
  },
  secretary: { number: '1.3', vi: 'Phân công thư ký', en: 'Secretary assigned' },
  report: {
    number: '2.1',
    vi: 'Báo cáo tóm tắt tình hình thực hiện nghị quyết',
    en: 'Summary report on the resolutions',
  },
  plan: { number: '2.2', vi: 'Kế hoạch tháng tới', en: "Next month's plan" },
  answers: {
    number: '2.3',
    vi: 'Phản hồi ý kiến đóng góp của đảng viên trong kỳ họp trước',
    en: "Answers to the previous meeting's comments",
  },
  assessment: {
    number: '2.4',
    vi: 'Đánh giá tình hình đảng viên và gia đình chấp hành chủ trương, chính sách, pháp luật',
    en: "Assessment of members' and families' compliance",
  },
  discussion: { number: '2.5', vi: 'Thảo luận', en: 'Discussion' },
  conclusion: { number: '2.6', vi: 'Kết luận', en: 'Conclusion' },
};

const PREVIOUS: Record<Round, { round: Round; yearDelta: number }> = {
  june: { round: 'october', yearDelta: -1 },
  october: { round: 'june', yearDelta: 0 },
};
const NEXT: Record<Round, { round: Round; yearDelta: number }> = {
  june: { round: 'october', yearDelta: 0 },
  october: { round: 'june', yearDelta: 1 },
};

function shiftRound(id: string, table: typeof PREVIOUS): string {
  const parsed = parseMeetingId(id);
  if (!parsed)
    throw new RuleViolationError('R8', {
      vi: `mã cuộc họp không hợp lệ: ${id}`,
      en: `not a meeting id: ${id}`,
    });
  const to = table[parsed.round];
  return meetingId(parsed.residenceOrgId, parsed.year + to.yearDelta, to.round);
}

/** R8, R15 2.3: the previous round of the same committee — October's is June, June's is last October. */
export function previousMeetingId(id: string): string {
  return shiftRound(id, PREVIOUS);
}

/** The round after: June's next is October, October's is next June. Its 2.3 answers this one's comments. */
export function nextMeetingId(id: string): string {
  return shiftRound(id, NEXT);
}

/** The last day of a round's month, as an ISO date (June 30th, October 31st). */
function lastDayOfRound(year: number, round: Round): string {
  return round === 'june' ? `${year}-06-30` : `${year}-10-31`;
}

/**
 * Which meeting a member's comment (ý kiến) goes to (R15 2.5): the committee's next meeting that has not
 * started. A planned one wins; when none is planned, the next round whose month is not over yet, by id
 * (ids are `<org>.<year>.<round>`, so the comment is there when that meeting is planned).
 */
export function meetingForComment(
  residenceOrgId: string,
  now: Date,
  known: readonly Pick<Meeting, 'id' | 'date' | 'time' | 'status'>[],
): string {
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  const byId = new Map(known.map((m) => [m.id, m]));
  const candidates: { id: string; year: number; round: Round }[] = [
    { id: meetingId(residenceOrgId, year, 'june'), year, round: 'june' },
    { id: meetingId(residenceOrgId, year, 'october'), year, round: 'october' },
    { id: meetingId(residenceOrgId, year + 1, 'june'), year: year + 1, round: 'june' },
  ];
  const open = candidates.filter((c) => {
    const meeting = byId.get(c.id);
    if (meeting) return meeting.status === 'planned' && !hasStarted(meeting, now);
    return today <= lastDayOfRound(c.year, c.round);
  });
  const planned = open.find((c) => byId.has(c.id));
  // The next-year June is always open, so there is always a candidate.
  return (planned ?? open[0] ?? candidates[2])?.id as string;
}

/** Residence staff of the meeting's committee run it: the chair, the secretary and other residence staff. */
export function assertMayRunMeeting(principal: Principal, meeting: Pick<Meeting, 'residenceOrgId'>): void {
  if (!isResidenceStaffOf(principal, meeting.residenceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi cư trú tổ chức cuộc họp mới làm việc này.',
      en: 'Only the residence committee of this meeting may do this.',
    });
  }
}

/** Who may read the sheet and the minutes: the committee's residence staff, and its read-only viewers. */
export function assertMayReadMeeting(principal: Principal, meeting: Pick<Meeting, 'residenceOrgId'>): void {
  if (principal.role === 'viewer' && principal.orgId === meeting.residenceOrgId) return;
  assertMayRunMeeting(principal, meeting);
}

/**
 * R15 2.6: the chair who ran the meeting (R8: the standing member assigned to it) signs as chair, a
 * secretary of the committee signs as secretary. Other residence staff write parts but do not sign.
 */
export function assertMaySignAs(
  principal: Principal,
  meeting: Pick<Meeting, 'residenceOrgId' | 'chairStaffId'>,
  as: 'chair' | 'secretary',
): void {
  assertMayRunMeeting(principal, meeting);
  if (principal.role !== as) {
    throw new ForbiddenError(
      as === 'chair'
        ? { vi: 'Chỉ đồng chí chủ trì ký với tư cách chủ trì.', en: 'Only the chair signs as chair.' }
        : { vi: 'Chỉ thư ký ký với tư cách thư ký.', en: 'Only the secretary signs as secretary.' },
    );
  }
  if (as === 'chair' && principal.sub !== meeting.chairStaffId) {
    throw new RuleViolationError('R8', {
      vi: 'người ký chủ trì phải là đồng chí được phân công chủ trì cuộc họp này',
      en: 'the chair who signs is the one assigned to this meeting',
    });
  }
}

/** Parts not yet written, in the protocol's order; the first one is where the secretary continues. */
export function missingParts(minutes: Pick<Minutes, 'parts'>): MinutesPart[] {
  return MINUTES_PARTS.filter((p) => !minutes.parts[p]?.trim());
}

/** The minutes are being signed or are sealed: the record they show must not move under the signers. */
export function isFrozen(minutes: Pick<Minutes, 'signatures' | 'seal'> | undefined): boolean {
  return Boolean(minutes && (minutes.seal || minutes.signatures.chair || minutes.signatures.secretary));
}

/**
 * The attendance sheet and the comment lists feed the minutes (R13, R15 2.3, 2.5); from the first
 * signature on they are frozen (R16 once sealed). Editing a part before sealing withdraws the signatures.
 */
export function assertRecordOpen(minutes: Pick<Minutes, 'signatures' | 'seal'> | undefined): void {
  if (!minutes || !isFrozen(minutes)) return;
  if (minutes.seal) {
    // R16: sealed minutes are never edited.
    throw new ConflictError(
      {
        vi: 'Biên bản đã ký và niêm phong, không sửa được; hãy lập phụ lục có ký.',
        en: 'The minutes are sealed.',
      },
      'minutes_sealed',
    );
  }
  throw new ConflictError(
    {
      vi: 'Biên bản đang được ký: sửa một phần biên bản để mở lại trước khi thay đổi.',
      en: 'The minutes are being signed.',
    },
    'minutes_signing',
  );
}

/** Writing a part before sealing (R16 forbids it after): earlier signatures and the frozen record lapse. */
export function withPart(minutes: Minutes, part: MinutesPart, text: string): Minutes {
  if (minutes.seal) {
    // R16: sealed minutes are never edited.
    throw new ConflictError(
      {
        vi: 'Biên bản đã ký và niêm phong, không sửa được; hãy lập phụ lục có ký.',
        en: 'The minutes are sealed; add a signed addendum.',
      },
      'minutes_sealed',
    );
  }
  const { record: _record, ...rest } = minutes;
  return { ...rest, parts: { ...minutes.parts, [part]: text }, signatures: {}, version: minutes.version + 1 };
}

/** R15 2.6, R16: whether `staffId` may add this signature now (also checked before a signature is queued). */
export function assertSignable(minutes: Minutes, as: 'chair' | 'secretary', staffId: string): void {
  assertMaySign(minutes, as, staffId);
  const missing = missingParts(minutes);
  if (missing.length > 0) {
    throw new RuleViolationError('R15', {
      vi: `biên bản còn thiếu phần: ${missing.map((p) => `${MINUTES_PART_LABELS[p].number} ${MINUTES_PART_LABELS[p].vi}`).join('; ')}`,
      en: `the minutes lack: ${missing.map((p) => `${MINUTES_PART_LABELS[p].number} ${MINUTES_PART_LABELS[p].en}`).join('; ')}`,
    });
  }
}

/**
 * R15 2.6, R16: adds a signature (chair and secretary must differ, every part must be written). The
 * record is frozen at the first signature; the second signature seals parts, signatures and record.
 */
export function withSignature(
  minutes: Minutes,
  as: 'chair' | 'secretary',
  signature: Signature,
  record: () => MinutesRecord,
): Minutes {
  assertSignable(minutes, as, signature.staffId);
  const signed: Minutes = {
    ...minutes,
    record: minutes.record ?? record(),
    signatures: { ...minutes.signatures, [as]: signature },
    version: minutes.version + 1,
  };
  if (!isFullySigned(signed)) return signed;
  return {
    ...signed,
    seal: { algorithm: 'sha256', hash: sealHash(signed), sealedAt: signature.signedAt },
  };
}

/** Signing again as the same person in the same capacity is a replay, not a change. */
export function isSameSignature(minutes: Minutes, as: 'chair' | 'secretary', staffId: string): boolean {
  return minutes.signatures[as]?.staffId === staffId;
}

/** The capacity in which the minutes were signed: a signer of an addendum signs in the same one. */
export type SignerCapacity = 'chair' | 'secretary';

/**
 * The hash chaining an addendum to the seal (or the previous addendum). A legacy addendum (one `signedBy`,
 * stored before R16 was enforced) hashes as it was stored then; a countersigned one covers both signatures.
 */
export function addendumHash(previousHash: string, addendum: Omit<Addendum, 'hash'>): string {
  const covered = addendum.signedBy
    ? { seq: addendum.seq, signedBy: addendum.signedBy, text: addendum.text }
    : { seq: addendum.seq, signatures: addendum.signatures, text: addendum.text };
  return createHash('sha256')
    .update(`${previousHash}\n${canonicalJson(covered)}`, 'utf8')
    .digest('hex');
}

/** R16: part of the record — countersigned by chair and secretary, or a legacy addendum (one signer). */
export function isAddendumSigned(addendum: Addendum): boolean {
  return Boolean(addendum.signedBy || (addendum.signatures.chair && addendum.signatures.secretary));
}

/** The addendum waiting for its countersignature, if any (only the last one can be). */
export function pendingAddendum(minutes: Pick<Minutes, 'addenda'>): Addendum | undefined {
  const last = minutes.addenda.at(-1);
  return last && !isAddendumSigned(last) ? last : undefined;
}

/** Who still has to sign a pending addendum: the capacity whose signature it lacks. */
export function awaitedSigner(addendum: Addendum): SignerCapacity | undefined {
  if (isAddendumSigned(addendum)) return undefined;
  return addendum.signatures.chair ? 'secretary' : 'chair';
}

function assertSealed(minutes: Minutes): asserts minutes is Minutes & { seal: NonNullable<Minutes['seal']> } {
  if (!minutes.seal) {
    throw new ConflictError(
      {
        vi: 'Biên bản chưa niêm phong: hãy sửa trực tiếp phần cần sửa.',
        en: 'The minutes are not sealed yet: edit the part instead.',
      },
      'minutes_not_sealed',
    );
  }
}

/**
 * R16: the capacity in which this staff member signed the sealed minutes; only the two signers sign an
 * addendum. Anyone else (other residence staff, a later chair) is refused.
 */
export function addendumSignerCapacity(minutes: Minutes, staffId: string): SignerCapacity {
  if (minutes.signatures.chair?.staffId === staffId) return 'chair';
  if (minutes.signatures.secretary?.staffId === staffId) return 'secretary';
  throw new ForbiddenError({
    vi: 'Chỉ đồng chí chủ trì và thư ký đã ký biên bản mới ký phụ lục đính chính.',
    en: 'Only the chair and the secretary who signed the minutes sign an addendum.',
  });
}

/** The hash the last addendum in the record ends the chain with (the seal's when there is none). */
function chainHead(minutes: Minutes & { seal: NonNullable<Minutes['seal']> }): string {
  const signed = minutes.addenda.filter(isAddendumSigned);
  return signed.at(-1)?.hash ?? minutes.seal.hash;
}

/**
 * R16: one of the minutes' two signers proposes an addendum and signs it; it is not part of the record
 * until the other countersigns. While one is pending, no other can be proposed (409 `addendum_pending`).
 * The same proposal again (a retried request: same signer, same text, last addendum) changes nothing.
 */
export function withAddendumProposal(minutes: Minutes, text: string, signature: Signature): Minutes {
  assertSealed(minutes);
  const as = addendumSignerCapacity(minutes, signature.staffId);
  const last = minutes.addenda.at(-1);
  if (last && !last.signedBy && last.text === text && last.signatures[as]?.staffId === signature.staffId) {
    return minutes;
  }
  const pending = pendingAddendum(minutes);
  if (pending) {
    throw new ConflictError(
      {
        vi: `Phụ lục ${pending.seq} còn chờ ký: ký (hoặc chờ ký) phụ lục đó trước khi lập phụ lục mới.`,
        en: `Addendum ${pending.seq} waits for its countersignature.`,
      },
      'addendum_pending',
      { seq: pending.seq, awaiting: awaitedSigner(pending) },
    );
  }
  const addendum: Addendum = { seq: (last?.seq ?? 0) + 1, text, signatures: { [as]: signature } };
  return { ...minutes, addenda: [...minutes.addenda, addendum], version: minutes.version + 1 };
}

/**
 * R16: the other signer countersigns a pending addendum; the second signature computes its hash, chaining
 * it to the seal (or the previous addendum), and makes it part of the record. The proposer cannot sign it
 * twice (the same person never signs both); countersigning again a signed addendum changes nothing.
 */
export function withAddendumCountersignature(minutes: Minutes, seq: number, signature: Signature): Minutes {
  assertSealed(minutes);
  const as = addendumSignerCapacity(minutes, signature.staffId);
  const index = minutes.addenda.findIndex((a) => a.seq === seq);
  const addendum = minutes.addenda[index];
  if (!addendum) throw new NotFoundError('addendum');
  if (isAddendumSigned(addendum)) {
    if (addendum.signatures[as]?.staffId === signature.staffId) return minutes;
    throw new ConflictError(
      {
        vi: `Phụ lục ${seq} đã được ký trước đây, không ký thêm được.`,
        en: `Addendum ${seq} is already signed.`,
      },
      'addendum_signed',
    );
  }
  if (addendum.signatures[as]) {
    throw new RuleViolationError('R16', {
      vi: 'người lập phụ lục đã ký; phụ lục cần chữ ký của người còn lại trong hai người đã ký biên bản',
      en: 'the other signer must countersign',
    });
  }
  const draft = { seq, text: addendum.text, signatures: { ...addendum.signatures, [as]: signature } };
  const signed: Addendum = { ...draft, hash: addendumHash(chainHead(minutes), draft) };
  const addenda = minutes.addenda.map((a, i) => (i === index ? signed : a));
  return { ...minutes, addenda, version: minutes.version + 1 };
}

/**
 * The seal covers parts, signatures and record; each signed addendum chains to the seal through its hash
 * (legacy ones as they were stored). A pending addendum is not part of the record and may only be last.
 */
export function verifyMinutes(minutes: Minutes): { seal: boolean; addenda: boolean } {
  if (!minutes.seal) return { seal: false, addenda: minutes.addenda.length === 0 };
  let previous = minutes.seal.hash;
  let addenda = true;
  minutes.addenda.forEach((a, i) => {
    if (!isAddendumSigned(a)) {
      if (a.hash !== undefined || i !== minutes.addenda.length - 1) addenda = false;
      return;
    }
    const expected = addendumHash(previous, {
      seq: a.seq,
      text: a.text,
      signatures: a.signatures,
      signedBy: a.signedBy,
    });
    if (a.hash !== expected) addenda = false;
    previous = a.hash ?? expected;
  });
  return { seal: verifySeal(minutes), addenda };
}

/** R15 2.4: commendation proposals belong to the year-end (October) meeting. */
export function isYearEndMeeting(meeting: Pick<Meeting, 'round'>): boolean {
  return meeting.round === 'october';
}
