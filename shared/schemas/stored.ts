// schemas: the shapes records have AS STORED (issue 20 item 3), read back at the storage adapter's boundary.
//
// Not the input schemas: a stored value was screened when it was written, so these check types and enums only
// (no trimming, normalising or length rules, which would cost CPU on every read and could change a stored value).
// Objects are loose: a field this build does not know (written by a newer deploy) is kept, never dropped.
// Each schema `satisfies z.ZodType<T>` of its domain type, so a field added to the type fails the compile here.
import * as z from 'zod';
import type { AbsenceNotice } from '../domain/attendance.js';
import type { AuditEntry } from '../domain/audit.js';
import { COMMITTEE_KINDS, type Committee, RULE_SET_IDS } from '../domain/committee.js';
import { DELIVERY_PATHS } from '../domain/delivery.js';
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
import { MEMBER_CATEGORIES, type Member, RESIDENCE_KINDS, SEXES } from '../domain/member.js';
import type { DeletionRequest } from '../domain/privacy.js';
import { PARTY_TITLES, STAFF_ROLES, type StaffAssignment, type StaffPerson } from '../domain/roles.js';
import { EXEMPT_CATEGORIES, type Exemption, type TravelNotice } from '../domain/travel-and-exemption.js';
import type { DirectCollection, SelfReport } from '../domain/year-end.js';

const str = z.string();
const opt = z.string().optional();

export const storedCommitteeSchema = z.looseObject({
  id: str,
  name: str,
  kind: z.enum(COMMITTEE_KINDS),
  parentId: opt,
  ruleSet: z.enum(RULE_SET_IDS).optional(),
  address: opt,
  hamlets: z.array(z.looseObject({ id: str, name: str })).optional(),
  closedAt: opt,
}) satisfies z.ZodType<Committee>;

export const storedMemberSchema = z.looseObject({
  id: str,
  partyCardNumber: str,
  fullName: str,
  dateOfBirth: str,
  sex: z.enum(SEXES),
  phone: opt,
  category: z.enum(MEMBER_CATEGORIES),
  residence: z.looseObject({
    kind: z.enum(RESIDENCE_KINDS),
    address: str,
    registeredFrom: opt,
    registeredUntil: opt,
  }),
  workplaceOrgId: str,
  admittedOn: opt,
  officialOn: opt,
  partyCell: opt,
  anonymisedAt: opt,
}) satisfies z.ZodType<Member>;

export const storedTravelNoticeSchema = z.looseObject({
  id: str,
  memberId: str,
  reason: str,
  from: str,
  until: str,
  recordedBy: str,
  recordedAt: str,
}) satisfies z.ZodType<TravelNotice>;

export const storedExemptionSchema = z.looseObject({
  id: str,
  memberId: str,
  reason: str,
  from: str,
  until: opt,
  category: z.enum(EXEMPT_CATEGORIES).optional(),
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

const staffAssignmentShape = {
  id: str,
  orgId: str,
  role: z.enum(STAFF_ROLES),
  fullName: str,
  phone: opt,
  standing: z.boolean().optional(),
  partyTitle: z.enum(PARTY_TITLES).optional(),
};

/** A v2 assignment (`ASSIGN#…` in the person's partition); `revokedAt` once revoked. */
export const storedStaffAssignmentSchema = z.looseObject({
  ...staffAssignmentShape,
  revokedAt: opt,
}) satisfies z.ZodType<StaffAssignment & { revokedAt?: string }>;

/** A v1 staff record (`type: 'Staff'`): the person and their one assignment in the `#META` item. */
export const storedLegacyStaffSchema = z.looseObject(
  staffAssignmentShape,
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
export const storedDirectCollectionSchema = z.looseObject({
  memberId: str,
  year: z.number(),
  residenceOrgId: str,
  workplaceOrgId: str,
  collectedOn: str,
  collectedBy: str,
  note: opt,
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
