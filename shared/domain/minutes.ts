// domain: the minutes (biên bản) of a contact meeting, in the protocol's order (R13–R15), signed and sealed (R16).
import { createHash } from 'node:crypto';
import { ConflictError, RuleViolationError } from './errors.js';
import type { AbsenceCategory } from './invitation.js';
import type { Round } from './meeting.js';

/** The parts in the order the protocol fixes; the numbers are the seed's section II.2 numbering. */
export const MINUTES_PARTS = [
  'opening', // R13: purpose, guests, attendance figures and absence reasons
  'agenda', // R14: agenda, content and expected duration approved
  'secretary', // R14: the secretary assigned
  'report', // R15 2.1: summary report on the resolutions
  'plan', // R15 2.2: next month's plan
  'answers', // R15 2.3: answers to the previous meeting's comments
  'assessment', // R15 2.4: members' and families' compliance; commendations at year end
  'discussion', // R15 2.5: discussion and the comments raised
  'conclusion', // R15 2.6: the chair's conclusion
] as const;
export type MinutesPart = (typeof MINUTES_PARTS)[number];

export interface Signature {
  staffId: string;
  name: string;
  signedAt: string;
}

export interface Seal {
  algorithm: 'sha256';
  hash: string;
  sealedAt: string;
}

/**
 * R16: a correction after sealing is a new addendum, signed like the minutes: proposed by one of their two
 * signers (chair or secretary) and countersigned by the other. Only a countersigned addendum is part of the
 * record; a pending one (one signature, no hash) is not.
 */
export interface Addendum {
  seq: number;
  text: string;
  /** The minutes' chair and secretary, under the capacity in which they signed the minutes. */
  signatures: { chair?: Signature; secretary?: Signature };
  /**
   * Addenda stored before R16 was enforced were signed by the one staff member who added them: such a
   * legacy addendum keeps that signature (and `signatures` is empty), stays part of the record and keeps
   * the hash it was stored with; it is never rewritten (docs/meeting.md section 4).
   */
  signedBy?: Signature;
  /**
   * SHA-256 chaining the addendum to the seal (or the previous addendum), set when the second signature
   * lands, so addenda are tamper-evident too. Absent while the addendum waits for its countersignature.
   */
  hash?: string;
}

/**
 * How an absentee stands: the workplace's decision on their reason (R9), or why there is none (R10); or
 * excused whatever they answered: under a confirmed exemption (R4) or inside a travel notice's period (R3).
 */
export type AbsenteeStatus =
  | 'confirmed'
  | 'pending'
  | 'rejected'
  | 'no_reply'
  | 'no_reason'
  | 'exempt'
  | 'travel';

/** A comment as the minutes record it (R15 2.3 with its answer, 2.5 with its author and topic). */
export interface RecordedComment {
  commentId: string;
  memberId: string;
  authorName: string;
  topic: string;
  text: string;
  answer?: { status: 'done' | 'not_done'; text: string; reason?: string; remedy?: string };
}

/**
 * What the minutes hold besides the written parts, filled in from the records (R13 attendance, R15 2.3,
 * 2.4, 2.5) and frozen at the first signature, so both signatures and the seal cover exactly it.
 */
export interface MinutesRecord {
  meeting: {
    residenceOrgId: string;
    committeeName: string;
    year: number;
    round: Round;
    date: string;
    time: string;
    place: string;
    chairName: string;
  };
  attendance: { total: number; present: number; absent: number };
  /** Every invited member, in sheet order. */
  rows: { memberId: string; name: string; present: boolean }[];
  absentees: {
    memberId: string;
    name: string;
    status: AbsenteeStatus;
    reason?: { category: AbsenceCategory; text?: string };
  }[];
  /** R15 2.3: the comments raised for the previous meeting, with their answers. */
  previousComments: RecordedComment[];
  /** R15 2.5: the comments raised for this meeting. */
  comments: RecordedComment[];
  /** R15 2.4 (October): members the committee proposes to commend. */
  commendations: { memberId: string; name: string }[];
  frozenAt: string;
}

export interface Minutes {
  meetingId: string;
  parts: Partial<Record<MinutesPart, string>>;
  signatures: { chair?: Signature; secretary?: Signature };
  seal?: Seal;
  addenda: Addendum[];
  /** Set at the first signature; cleared when a part is edited before sealing. */
  record?: MinutesRecord;
  /**
   * The number and symbol of the minutes ("3-BB/ĐU"), given from the committee's counter when they are
   * sealed; printed in the header, outside the seal's payload (it names the document, not its content).
   */
  number?: string;
  version: number;
}

export function emptyMinutes(meetingId: string): Minutes {
  return { meetingId, parts: {}, signatures: {}, addenda: [], version: 0 };
}

/** R16: once sealed, the minutes are not edited. */
export function assertEditable(minutes: Pick<Minutes, 'seal'>): void {
  if (minutes.seal)
    throw new ConflictError(
      {
        vi: 'biên bản đã ký và niêm phong; hãy lập phụ lục có ký',
        en: 'the minutes are sealed: add a signed addendum instead',
      },
      'minutes_sealed',
    );
}

/** R15 2.6: chair and secretary sign; they must be two different people. */
export function assertMaySign(minutes: Minutes, as: 'chair' | 'secretary', staffId: string): void {
  assertEditable(minutes);
  const other = as === 'chair' ? minutes.signatures.secretary : minutes.signatures.chair;
  if (other && other.staffId === staffId) {
    throw new RuleViolationError('R15', {
      vi: 'chủ trì và thư ký phải là hai đồng chí khác nhau',
      en: 'the chair and the secretary must be two different people',
    });
  }
}

export function isFullySigned(minutes: Pick<Minutes, 'signatures'>): boolean {
  return Boolean(minutes.signatures.chair && minutes.signatures.secretary);
}

/** Stable JSON: keys sorted at every level, so the same minutes always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What the seal covers: every part, both signatures and the frozen record (attendance, comments) when
 * there is one; not the seal itself, the addenda or the version.
 */
export function sealPayload(minutes: Minutes): string {
  return canonicalJson({
    meetingId: minutes.meetingId,
    parts: minutes.parts,
    signatures: minutes.signatures,
    record: minutes.record,
  });
}

export function sealHash(minutes: Minutes): string {
  return createHash('sha256').update(sealPayload(minutes), 'utf8').digest('hex');
}

export function verifySeal(minutes: Minutes): boolean {
  return minutes.seal !== undefined && minutes.seal.hash === sealHash(minutes);
}
