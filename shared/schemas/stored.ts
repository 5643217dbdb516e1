// schemas: the shapes records have AS STORED (issue 20 item 3), read back at the storage adapter's boundary.
//
// Not the input schemas: a stored value was screened when it was written, so these check types and enums only
// (no trimming, normalising or length rules, which would cost CPU on every read and could change a stored value).
// Objects are loose: a field this build does not know (written by a newer deploy) is kept, never dropped.
// Each schema `satisfies z.ZodType<T>` of its domain type, so a field added to the type fails the compile here.
//
// Where an input schema has the entity's shape, the stored one is derived from it (storedFormOf, stored-form.ts),
// with the attributes storage adds (ids, who recorded it, when), so the two cannot drift: committees, members
// and their residence, staff assignments (v1 and v2), travel notices, exemptions, evaluation forms and the
// student consultation, comment requests and direct collections. Written by hand where the shapes differ:
// a meeting (its input is the plan: no status, chair's name, changes or version), an invitation, a comment (its
// input is topic and text), the narrative (its input is the sections, at least one), a self-report (its
// input's `meetingsAttended` is optional, a prefill), an introduction (its input is a request with the member's
// details), the Front consultation and the cell signature (their inputs carry the evaluation's version), and
// what has no input schema (minutes, reports, absence notices, audit, deletion requests, staff persons).
import * as z from 'zod';
import type { AbsenceNotice } from '../domain/attendance.js';
import type { AuditEntry } from '../domain/audit.js';
import { ANSWER_STATUSES, type Comment } from '../domain/comment.js';
import { type Committee, RULE_SET_IDS } from '../domain/committee.js';
import { DELIVERY_PATHS } from '../domain/delivery.js';
import {
  type CommentRequest,
  EVALUATION_STATUSES,
  type Evaluation,
  type EvaluationForm,
} from '../domain/evaluation.js';
import { END_REASONS, INTRODUCTION_STATUSES, type Introduction } from '../domain/introduction.js';
import {
  ABSENCE_CATEGORIES,
  ANSWER_CHANNELS,
  ATTENDANCES,
  CONFIRMATIONS,
  DELIVERIES,
  type Invitation,
  RSVPS,
} from '../domain/invitation.js';
import { MEETING_STATUSES, type Meeting, ROUNDS } from '../domain/meeting.js';
import type { Member } from '../domain/member.js';
import {
  type AbsenteeStatus,
  type Addendum,
  MINUTES_PARTS,
  type Minutes,
  type MinutesRecord,
} from '../domain/minutes.js';
import type { DeletionRequest } from '../domain/privacy.js';
import type { OctoberReport } from '../domain/report.js';
import { NARRATIVE_SECTIONS, type ReportNarrative } from '../domain/report-narrative.js';
import { PARTY_TITLES, type StaffAssignment, type StaffPerson } from '../domain/roles.js';
import type { Exemption, TravelNotice } from '../domain/travel-and-exemption.js';
import type { DirectCollection, SelfReport } from '../domain/year-end.js';

import {
  committeeSchema,
  evaluationFormSchema,
  memberSchema,
  staffAssignmentSchema,
  studentConsultationInputSchema,
} from './entities.js';
import { exemptionRequestSchema, travelNoticeInputSchema } from './introductions.js';
import { storedFormOf } from './stored-form.js';
import { commentRequestInputSchema, directCollectionInputSchema } from './year-end.js';

const str = z.string();
const opt = z.string().optional();

/** Derived from the input schema (entities.ts): the same shape. */
export const storedCommitteeSchema = storedFormOf(committeeSchema) satisfies z.ZodType<Committee>;

/**
 * Derived from the input schema (entities.ts): the same shape; the input's R2 rules on the residence's period
 * (refinements) are the input's, not rechecked on read.
 */
export const storedMemberSchema = storedFormOf(memberSchema) satisfies z.ZodType<Member>;

/** R3: the input's shape (introductions.ts) and whose notice it is, who recorded it and when. */
export const storedTravelNoticeSchema = storedFormOf(travelNoticeInputSchema, {
  id: str,
  memberId: str,
  recordedBy: str,
  recordedAt: str,
}) satisfies z.ZodType<TravelNotice>;

/** R4: the input's shape (introductions.ts; its period rule is the input's) and who confirmed it. */
export const storedExemptionSchema = storedFormOf(exemptionRequestSchema, {
  id: str,
  memberId: str,
  confirmedBy: str,
  confirmedAt: str,
}) satisfies z.ZodType<Exemption>;

export const storedMeetingSchema = z.looseObject({
  id: str,
  residenceOrgId: str,
  year: z.number(),
  round: z.enum(ROUNDS),
  date: str,
  time: str,
  place: str,
  chairStaffId: str,
  chairName: str,
  agenda: str,
  status: z.enum(MEETING_STATUSES),
  plannedBy: str,
  rescheduled: z
    .looseObject({ by: str, at: str, previous: z.looseObject({ date: str, time: str, place: str }) })
    .optional(),
  cancellation: z.looseObject({ reason: str, by: str, at: str }).optional(),
  invitationNumber: opt,
  version: z.number(),
}) satisfies z.ZodType<Meeting>;

export const storedInvitationSchema = z.looseObject({
  meetingId: str,
  residenceOrgId: str,
  memberId: str,
  memberName: str,
  workplaceOrgId: str,
  hamletId: str,
  meetingDate: str,
  delivery: z.enum(DELIVERIES),
  sentAt: opt,
  deliveryAttemptAt: opt,
  smsSent: z.boolean().optional(),
  via: z.enum(DELIVERY_PATHS).optional(),
  rsvp: z.enum(RSVPS),
  rsvpAt: opt,
  reconfirm: z.boolean().optional(),
  meetingCancelled: z.boolean().optional(),
  optional: z.boolean().optional(),
  onBehalf: z.looseObject({ staffId: str, via: z.enum(ANSWER_CHANNELS), at: str }).optional(),
  absence: z
    .looseObject({
      category: z.enum(ABSENCE_CATEGORIES),
      text: opt,
      submittedAt: str,
      confirmation: z.enum(CONFIRMATIONS),
      decidedBy: opt,
      decidedAt: opt,
    })
    .optional(),
  attendance: z.enum(ATTENDANCES),
  version: z.number(),
}) satisfies z.ZodType<Invitation>;

/** The member's facts copied into one item (R3, R4), read 50 members at a time by the October report. */
export const storedMemberFactsSchema = z.looseObject({
  memberId: str,
  exemptions: z.array(storedExemptionSchema),
  travelNotices: z.array(storedTravelNoticeSchema),
}) satisfies z.ZodType<{ memberId: string; exemptions: Exemption[]; travelNotices: TravelNotice[] }>;

/** A v2 assignment (`ASSIGN#…` in the person's partition): the input's shape, and `revokedAt` once revoked. */
export const storedStaffAssignmentSchema = storedFormOf(staffAssignmentSchema, {
  revokedAt: opt,
}) satisfies z.ZodType<StaffAssignment & { revokedAt?: string }>;

/** A v1 staff record (`type: 'Staff'`): the person and their one assignment in the `#META` item. */
export const storedLegacyStaffSchema = storedFormOf(
  staffAssignmentSchema,
) satisfies z.ZodType<StaffAssignment>;

/** A v2 person (`#META`), whose assignments are items of their own. */
export const storedStaffPersonSchema = z.looseObject({
  id: str,
  fullName: str,
  phone: opt,
  email: opt,
}) satisfies z.ZodType<StaffPerson>;

/** R10: a workplace's notice that a member was absent without a confirmed reason. */
export const storedAbsenceNoticeSchema = z.looseObject({
  meetingId: str,
  memberId: str,
  residenceOrgId: str,
  workplaceOrgId: str,
  meetingDate: str,
  raisedAt: str,
  ground: z.enum(['no_reply', 'no_reason', 'rejected', 'undecided']).optional(),
  acknowledgedAt: opt,
  acknowledgedBy: opt,
  withdrawnAt: opt,
}) satisfies z.ZodType<AbsenceNotice>;

export const storedDeletionRequestSchema = z.looseObject({
  memberId: str,
  orgId: str,
  requestedAt: str,
  status: z.enum(['pending', 'completed']),
  completedAt: opt,
  completedBy: opt,
}) satisfies z.ZodType<DeletionRequest>;

export const storedAuditEntrySchema = z.looseObject({
  id: str,
  at: str,
  actorId: str,
  orgId: str,
  role: str,
  action: z.enum(['contact_book.read', 'absence_reason.read']),
  memberId: str,
  meetingId: opt,
  source: z.enum(['http', 'bot']),
}) satisfies z.ZodType<AuditEntry>;

/** R19: the member's own year-end report. */
export const storedSelfReportSchema = z.looseObject({
  memberId: str,
  year: z.number(),
  meetingsAttended: z.number(),
  meetingsAttendedRecorded: z.number(),
  activities: str,
  submittedAt: str,
  version: z.number(),
}) satisfies z.ZodType<SelfReport>;

/** R20: a contact book the workplace collected directly. */
export const storedDirectCollectionSchema = storedFormOf(directCollectionInputSchema, {
  memberId: str,
  year: z.number(),
  residenceOrgId: str,
  workplaceOrgId: str,
  collectedBy: str,
  recordedAt: str,
}) satisfies z.ZodType<DirectCollection>;

/** R1, R5–R7: an introduction, stored with the member's name copied for its listings. */
export const storedIntroductionSchema = z.looseObject({
  id: str,
  memberId: str,
  workplaceOrgId: str,
  residenceOrgId: str,
  status: z.enum(INTRODUCTION_STATUSES),
  issuedOn: str,
  issuedBy: str,
  letterNumber: str,
  contactPath: z.enum(['standard', 'direct']),
  followerName: opt,
  receipt: z.looseObject({ receivedOn: str, receivedBy: str, receivedByName: str, hamletId: str }).optional(),
  end: z.looseObject({ endedOn: str, reason: z.enum(END_REASONS), note: opt, endedBy: str }).optional(),
  version: z.number(),
  memberName: str,
}) satisfies z.ZodType<Introduction & { memberName: string }>;

/** R15 2.3, 2.5: a comment raised for a meeting, with its answer once given. */
export const storedCommentSchema = z.looseObject({
  id: str,
  meetingId: str,
  residenceOrgId: str,
  memberId: str,
  authorName: str,
  topic: str,
  text: str,
  raisedAt: str,
  answer: z
    .looseObject({
      status: z.enum(ANSWER_STATUSES),
      text: str,
      reason: opt,
      remedy: opt,
      answeredAtMeetingId: str,
      answeredBy: str,
      answeredAt: str,
    })
    .optional(),
}) satisfies z.ZodType<Comment>;

const signature = z.looseObject({ staffId: str, name: str, signedAt: str });
const signatures = z.looseObject({ chair: signature.optional(), secretary: signature.optional() });

/**
 * An addendum as stored: one written before R16's two signatures has `signedBy` and no `signatures`, and is
 * kept so (record-repositories.ts reads it with empty `signatures` and writes it back as it was).
 */
export type StoredAddendum = Omit<Addendum, 'signatures'> & { signatures?: Addendum['signatures'] };

const storedAddendumSchema = z.looseObject({
  seq: z.number(),
  text: str,
  signatures: signatures.optional(),
  signedBy: signature.optional(),
  hash: opt,
}) satisfies z.ZodType<StoredAddendum>;

const ABSENTEE_STATUSES = [
  'confirmed',
  'pending',
  'rejected',
  'no_reply',
  'no_reason',
  'exempt',
  'travel',
] as const satisfies readonly AbsenteeStatus[];

const recordedComment = z.looseObject({
  commentId: str,
  memberId: str,
  authorName: str,
  topic: str,
  text: str,
  answer: z.looseObject({ status: z.enum(ANSWER_STATUSES), text: str, reason: opt, remedy: opt }).optional(),
});

/**
 * The record the minutes froze at the first signature: inline in older minutes items, else gzipped JSON in
 * `MinutesRecordPart` items. A 10,000-member ward's record is 10,000 rows, parsed on each read of the minutes.
 */
export const storedMinutesRecordSchema = z.looseObject({
  meeting: z.looseObject({
    residenceOrgId: str,
    committeeName: str,
    year: z.number(),
    round: z.enum(ROUNDS),
    date: str,
    time: str,
    place: str,
    chairName: str,
  }),
  attendance: z.looseObject({ total: z.number(), present: z.number(), absent: z.number() }),
  rows: z.array(z.looseObject({ memberId: str, name: str, present: z.boolean() })),
  absentees: z.array(
    z.looseObject({
      memberId: str,
      name: str,
      status: z.enum(ABSENTEE_STATUSES),
      reason: z.looseObject({ category: z.enum(ABSENCE_CATEGORIES), text: opt }).optional(),
    }),
  ),
  previousComments: z.array(recordedComment),
  comments: z.array(recordedComment),
  commendations: z.array(z.looseObject({ memberId: str, name: str })),
  frozenAt: str,
}) satisfies z.ZodType<MinutesRecord>;

/**
 * The minutes item: addenda as stored (legacy ones included), the record inline (older items) or counted in
 * `recordParts` (the parts are items of their own).
 */
export type StoredMinutes = Omit<Minutes, 'addenda'> & { addenda: StoredAddendum[]; recordParts?: number };

export const storedMinutesSchema = z.looseObject({
  meetingId: str,
  parts: z.partialRecord(z.enum(MINUTES_PARTS), str),
  signatures,
  seal: z.looseObject({ algorithm: z.literal('sha256'), hash: str, sealedAt: str }).optional(),
  addenda: z.array(storedAddendumSchema),
  record: storedMinutesRecordSchema.optional(),
  number: opt,
  version: z.number(),
  recordParts: z.number().optional(),
}) satisfies z.ZodType<StoredMinutes>;

/** One gzipped slice of a minutes record (record-repositories.ts, RECORD_PART_BYTES). */
export const storedMinutesRecordPartSchema = z.looseObject({ bytes: z.instanceof(Uint8Array) });

/** The forms of the rule sets: derived from the input schema (entities.ts, evaluationFormSchema). */
export const storedEvaluationFormSchema = storedFormOf(
  evaluationFormSchema,
) satisfies z.ZodType<EvaluationForm>;

/** qd213-2020: the request an exempt member's comment answers, stored alone and copied into the evaluation. */
export const storedCommentRequestSchema = storedFormOf(commentRequestInputSchema, {
  residenceOrgId: str,
  memberId: str,
  year: z.number(),
  recordedBy: str,
  recordedAt: str,
}) satisfies z.ZodType<CommentRequest>;

/** R11, R17, R18: a member's year-end evaluation; the October report reads a ward's worth of them. */
export const storedEvaluationSchema = z.looseObject({
  residenceOrgId: str,
  memberId: str,
  year: z.number(),
  ruleSet: z.enum(RULE_SET_IDS),
  form: storedEvaluationFormSchema,
  flaggedR11: z.boolean(),
  proposalChangeReason: opt,
  // The input's shape (entities.ts) and who entered it.
  studentConsultation: storedFormOf(studentConsultationInputSchema, { recordedBy: str }).optional(),
  frontConsultation: z
    .looseObject({ name: str, position: str, opinion: str, consultedOn: str, recordedBy: str })
    .optional(),
  cellSignature: z
    .looseObject({
      hamletId: str,
      signerName: str,
      signerTitle: z.enum(PARTY_TITLES),
      signedOn: str,
      recordedBy: str,
      recordedAt: str,
    })
    .optional(),
  commentRequest: storedCommentRequestSchema.optional(),
  status: z.enum(EVALUATION_STATUSES),
  updatedBy: opt,
  updatedAt: opt,
  submittedBy: opt,
  submittedAt: opt,
  version: z.number(),
}) satisfies z.ZodType<Evaluation>;

/** The three sections (R22's narrative), each absent until written. */
const narrativeTexts = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, opt])) as Record<
  (typeof NARRATIVE_SECTIONS)[number],
  typeof opt
>;

/** R22: the committee's narrative, versioned. */
export const storedReportNarrativeSchema = z.looseObject({
  ...narrativeTexts,
  orgId: str,
  year: z.number(),
  version: z.number(),
  updatedBy: str,
  updatedAt: str,
}) satisfies z.ZodType<ReportNarrative>;

const counts = z.record(z.string(), z.number());

const meetingTally = z.looseObject({
  round: z.enum(ROUNDS),
  meetingId: str,
  invited: z.number(),
  present: z.number(),
  absentConfirmed: z.number(),
  absentUnconfirmed: z.number(),
  noReply: z.number(),
  absentExempt: z.number().optional(),
  absentTravelling: z.number().optional(),
  date: opt,
  units: z.array(z.looseObject({ id: str, name: str, invited: z.number(), present: z.number() })).optional(),
});

/**
 * R22: a compiled October report (the latest, and its children's under a parent). The tallies by kind,
 * category and proposal are records of counts: a key is a name this build may not know (older or newer
 * reports), which a sum over children carries over rather than refuses.
 */
export const storedOctoberReportSchema = z.looseObject({
  orgId: str,
  year: z.number(),
  version: z.number(),
  compiledAt: str,
  scope: z.enum(['residence', 'aggregate']),
  childOrgIds: z.array(str),
  body: z.looseObject({
    members: z.looseObject({
      introduced: z.number(),
      byWorkplaceKind: counts,
      byCategory: counts,
      received: z.number(),
      pending: z.number(),
      active: z.number(),
      // Reports compiled before bd2e115 have no `ended`: read as 0, as the sum over children always took it.
      ended: z.number().default(0),
      exempt: z.number(),
      travelling: z.number(),
      students: z.number(),
      armedForces: z.number(),
    }),
    meetings: z.array(meetingTally),
    evaluations: z.looseObject({
      done: z.number(),
      due: z.number(),
      drafts: z.number(),
      missing: z.number().optional(),
      selfReportsMissing: z.number().optional(),
      byProposal: counts,
      byLevel: z.record(z.string(), counts),
    }),
    commendations: z.array(str),
    criticisms: z.array(str),
    bothMeetingsMissed: z.array(str),
  }),
  number: opt,
  narrative: z.looseObject({ ...narrativeTexts, version: z.number() }).optional(),
}) satisfies z.ZodType<OctoberReport>;
