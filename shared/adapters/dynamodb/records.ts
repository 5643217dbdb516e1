// adapter: typed reads of stored items (issue 20 item 3): each entity type's stored schema, its current schema
// version `v` and the migrations that bring an older item up to it, so nothing leaves storage as an unchecked cast.
import * as z from 'zod';
import type { AbsenceNotice } from '../../domain/attendance.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { Comment } from '../../domain/comment.js';
import type { Committee } from '../../domain/committee.js';
import type { CommentRequest, Evaluation } from '../../domain/evaluation.js';
import type { Introduction } from '../../domain/introduction.js';
import type { Invitation } from '../../domain/invitation.js';
import { FANNED_OUT_JOBS } from '../../domain/jobs.js';
import type { Meeting } from '../../domain/meeting.js';
import type { Member } from '../../domain/member.js';
import type { DeletionRequest } from '../../domain/privacy.js';
import type { OctoberReport } from '../../domain/report.js';
import type { ReportNarrative } from '../../domain/report-narrative.js';
import type { StaffAssignment, StaffPerson } from '../../domain/roles.js';
import { ROLES, STAFF_ROLES } from '../../domain/roles.js';
import type { Exemption, TravelNotice } from '../../domain/travel-and-exemption.js';
import type { DirectCollection, SelfReport } from '../../domain/year-end.js';
import type { Parser } from '../../ports/common.js';
import type { ConversationDraft } from '../../ports/conversation.js';
import type { ImportJob } from '../../ports/imports.js';
import type { InvitationJob } from '../../ports/invitations.js';
import type { CommitteeTaskStatus, JobRun } from '../../ports/jobs.js';
import type { ChatLink, LinkCode, OutboxEntry, PendingLink } from '../../ports/repositories.js';
import type { StoredZaloTokens } from '../../ports/zalo.js';
import { domainEventSchema } from '../../schemas/events.js';
import {
  type StoredMinutes,
  storedAbsenceNoticeSchema,
  storedAuditEntrySchema,
  storedCommentRequestSchema,
  storedCommentSchema,
  storedCommitteeSchema,
  storedDeletionRequestSchema,
  storedDirectCollectionSchema,
  storedEvaluationSchema,
  storedExemptionSchema,
  storedIntroductionSchema,
  storedInvitationSchema,
  storedLegacyStaffSchema,
  storedMeetingSchema,
  storedMemberFactsSchema,
  storedMemberSchema,
  storedMinutesRecordPartSchema,
  storedMinutesSchema,
  storedOctoberReportSchema,
  storedReportNarrativeSchema,
  storedSelfReportSchema,
  storedStaffAssignmentSchema,
  storedStaffPersonSchema,
  storedTravelNoticeSchema,
} from '../../schemas/stored.js';

/** An item's attributes as DynamoDB hands them over. */
export type StoredAttributes = Record<string, unknown>;

/** One step of a record's shape: the entity as stored at version n becomes the entity at version n + 1. */
export type Migration = (old: StoredAttributes) => StoredAttributes;

export interface StoredRecord<T> {
  readonly schema: z.ZodType<T>;
  /** The version new items are written with (`v`); older items are migrated on read. */
  readonly version: number;
  /** Keyed by the version they migrate FROM; one for each version below `version`. */
  readonly migrations: Readonly<Record<number, Migration>>;
}

/** `since`: the first version the type was ever written with (older `v`s of it never existed). */
function record<T>(
  schema: z.ZodType<T>,
  version = 1,
  migrations: Record<number, Migration> = {},
  since = 1,
): StoredRecord<T> {
  for (let v = since; v < version; v++) if (!migrations[v]) throw new Error(`No migration from v${v}`);
  return { schema, version, migrations };
}

/**
 * Invitation v1 → v2: before issue 15 (d49b175) an invitation said only `smsSent: true` when the letter went
 * by SMS; since then `via` names the path that carried it. A v1 item that went by SMS reads as `via: 'sms'`
 * (the rule the services applied by hand at read time). `smsSent` stays: the phone fallback still reads it.
 */
export const invitationV1toV2: Migration = (old) =>
  old.via === undefined && old.smsSent === true ? { ...old, via: 'sms' } : old;

/** The copy of a member's facts (member-repository.ts, memberFactsItem). */
export interface MemberFacts {
  memberId: string;
  exemptions: Exemption[];
  travelNotices: TravelNotice[];
}

/**
 * The Zalo OA's token pair: its type is a port's (schemas/ may not import ports/), so its schema lives here.
 * The tokens are secrets: StoredItemError's no-values rule matters most for this one.
 */
const storedZaloTokensSchema = z.looseObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  accessExpiresAt: z.string(),
  version: z.number(),
  refreshedAt: z.string(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
}) satisfies z.ZodType<StoredZaloTokens>;

const subject = { kind: z.enum(['member', 'staff']), id: z.string() };
const chatAccount = {
  channel: z.enum(['telegram', 'zalo']),
  userId: z.string(),
  chatId: z.string(),
  linkedAt: z.string(),
  blocked: z.boolean().optional(),
  languageCode: z.string().optional(),
  lastActiveAt: z.string().optional(),
  actingFor: z.looseObject({ orgId: z.string(), role: z.enum(STAFF_ROLES) }).optional(),
  consent: z.looseObject({ version: z.string(), at: z.string() }).optional(),
};

/** A chat account's link (and the owner's copy of it): read on every update the bot gets. */
const storedChatLinkSchema = z.looseObject({ ...subject, ...chatAccount }) satisfies z.ZodType<ChatLink>;

const storedLinkCodeSchema = z.looseObject({
  code: z.string(),
  subject: z.looseObject(subject),
  createdBy: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
}) satisfies z.ZodType<LinkCode & { usedAt?: string }>;

const storedPendingLinkSchema = z.looseObject({
  id: z.string(),
  subject: z.looseObject(subject),
  account: z.looseObject(chatAccount),
  replaces: z.looseObject({ userId: z.string(), chatId: z.string() }),
  orgIds: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'confirmed', 'approved', 'refused']),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
}) satisfies z.ZodType<PendingLink>;

const channel = z.enum(['telegram', 'zalo']);

/**
 * A chat user's dialogue in progress: read by the RSVP press (rsvp-press-store.ts) with the link and the
 * invitation, so it stays small to parse; `data` is the dialogue's own and is only checked to be an object.
 */
const storedDraftSchema = z.looseObject({
  channel,
  userId: z.string(),
  kind: z.string(),
  nonce: z.string(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
}) satisfies z.ZodType<ConversationDraft>;

const progressMessage = z.looseObject({
  channel,
  chatId: z.string(),
  messageId: z.string().optional(),
  languageCode: z.string().optional(),
});

/** A meeting's invitation job: its run and the delivery counters the worker adds to (DynamoDB's ADD). */
const storedInvitationJobSchema = z.looseObject({
  id: z.string(),
  meetingId: z.string(),
  residenceOrgId: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  run: z.number(),
  total: z.number(),
  sent: z.number(),
  noChat: z.number(),
  undeliverable: z.number(),
  report: progressMessage.optional(),
  progressEditedAt: z.string().optional(),
  finishedRun: z.number().optional(),
  preparedRun: z.number().optional(),
}) satisfies z.ZodType<InvitationJob>;

/** A members' CSV import sent to the bot: lease, progress and result. */
const storedImportJobSchema = z.looseObject({
  id: z.string(),
  workplaceOrgId: z.string(),
  startedBy: z.string(),
  role: z.enum(ROLES),
  channel,
  fileId: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  report: progressMessage,
  leaseUntil: z.string().optional(),
  attempts: z.number().optional(),
  done: z.number().optional(),
  total: z.number().optional(),
  finishedAt: z.string().optional(),
  result: z
    .looseObject({
      total: z.number(),
      created: z.number(),
      existing: z.number(),
      failed: z.number(),
      notProcessed: z.number(),
      refused: z.enum(['file_unreadable', 'not_workplace_staff']).optional(),
    })
    .optional(),
}) satisfies z.ZodType<ImportJob>;

/**
 * A scheduled job's run as stored (job-run-repository.ts, runOf turns it into a JobRun): the failed committees
 * are a map orgId → error name (so a later success can REMOVE one), and the maps the dispatch starts empty.
 */
export interface StoredJobRun extends Omit<JobRun, 'failed' | 'counts'> {
  failed?: Record<string, string>;
  counts?: Record<string, number>;
}

const storedJobRunSchema = z.looseObject({
  id: z.string(),
  job: z.enum(FANNED_OUT_JOBS),
  slot: z.string(),
  total: z.number(),
  done: z.number(),
  failed: z.record(z.string(), z.string()).optional(),
  counts: z.record(z.string(), z.number()).optional(),
  startedAt: z.string(),
  dispatchedAt: z.string(),
  finishedAt: z.string().optional(),
  roots: z.array(z.string()).optional(),
  rolledUp: z.record(z.string(), z.number()).optional(),
}) satisfies z.ZodType<StoredJobRun>;

/** One committee's outcome in a run (`TASK#<orgId>`). */
export interface JobTaskMarker {
  orgId: string;
  status: CommitteeTaskStatus;
  errorName?: string;
  at: string;
}

const storedJobTaskSchema = z.looseObject({
  orgId: z.string(),
  status: z.enum(['done', 'failed']),
  errorName: z.string().optional(),
  at: z.string(),
}) satisfies z.ZodType<JobTaskMarker>;

/** Every entity type read through `readItem`, by its `type` attribute. */
export const RECORDS = {
  Committee: record<Committee>(storedCommitteeSchema),
  Member: record<Member>(storedMemberSchema),
  MemberFacts: record<MemberFacts>(storedMemberFactsSchema),
  TravelNotice: record<TravelNotice>(storedTravelNoticeSchema),
  Exemption: record<Exemption>(storedExemptionSchema),
  Meeting: record<Meeting>(storedMeetingSchema),
  /** v1 staff: person and one assignment in one `#META` item (committee-repository.ts reads both shapes). */
  Staff: record<StaffAssignment>(storedLegacyStaffSchema),
  /** v2 staff: the person, first written at v2 (its v1 was the `Staff` type above). */
  StaffPerson: record<StaffPerson>(storedStaffPersonSchema, 2, {}, 2),
  StaffAssignment: record<StaffAssignment & { revokedAt?: string }>(storedStaffAssignmentSchema),
  AbsenceNotice: record<AbsenceNotice>(storedAbsenceNoticeSchema),
  DeletionRequest: record<DeletionRequest>(storedDeletionRequestSchema),
  Audit: record<AuditEntry>(storedAuditEntrySchema),
  /** With the member's name copied in (introduction-repository.ts splits it off). */
  Introduction: record<Introduction & { memberName: string }>(storedIntroductionSchema),
  SelfReport: record<SelfReport>(storedSelfReportSchema),
  DirectCollection: record<DirectCollection>(storedDirectCollectionSchema),
  ChatLink: record<ChatLink>(storedChatLinkSchema),
  /** The owner's copy of a chat link, in their partition: the same shape. */
  OwnerChat: record<ChatLink>(storedChatLinkSchema),
  LinkCode: record<LinkCode & { usedAt?: string }>(storedLinkCodeSchema),
  PendingLink: record<PendingLink>(storedPendingLinkSchema),
  ZaloTokens: record<StoredZaloTokens>(storedZaloTokensSchema),
  Invitation: record<Invitation>(storedInvitationSchema, 2, { 1: invitationV1toV2 }),
  Comment: record<Comment>(storedCommentSchema),
  /** Addenda and record as stored (record-repositories.ts turns them into Minutes). */
  Minutes: record<StoredMinutes>(storedMinutesSchema),
  MinutesRecordPart: record<{ bytes: Uint8Array }>(storedMinutesRecordPartSchema),
  Evaluation: record<Evaluation>(storedEvaluationSchema),
  CommentRequest: record<CommentRequest>(storedCommentRequestSchema),
  OctoberReport: record<OctoberReport>(storedOctoberReportSchema),
  ReportNarrative: record<ReportNarrative>(storedReportNarrativeSchema),
  Draft: record<ConversationDraft>(storedDraftSchema),
  InvitationJob: record<InvitationJob>(storedInvitationJobSchema),
  ImportJob: record<ImportJob>(storedImportJobSchema),
  JobRun: record<StoredJobRun>(storedJobRunSchema),
  JobTask: record<JobTaskMarker>(storedJobTaskSchema),
  /** An event waiting in (or sent from) the outbox, as the transaction wrote it (store.ts outboxPut). */
  OutboxEvent: record<OutboxEntry>(
    z.looseObject({ event: domainEventSchema, status: z.enum(['pending', 'sent']) }),
  ),
} as const;

export type RecordKind = keyof typeof RECORDS;
export type RecordOf<K extends RecordKind> = (typeof RECORDS)[K] extends StoredRecord<infer T> ? T : never;

export const isRecordKind = (type: string): type is RecordKind => Object.hasOwn(RECORDS, type);

/** The `v` an item of this type is written with: the registry's version, 1 for types not (yet) in it. */
export function currentVersion(type: string): number {
  return isRecordKind(type) ? RECORDS[type].version : 1;
}

/** Attributes that belong to storage, not to the entity. */
export const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'type',
  'v',
  'ttl',
]);

export function entityOf(item: StoredAttributes): StoredAttributes {
  const entity: StoredAttributes = {};
  for (const [k, value] of Object.entries(item)) if (!STORAGE_ATTRIBUTES.has(k)) entity[k] = value;
  return entity;
}

/**
 * A stored item that is not what its type says: a defect or a hand edit, never the caller's input, so a
 * server error. The message names the item's key and the failing attribute paths only: the values are
 * personal data (names, phones, reasons) and must not reach a log.
 */
export class StoredItemError extends Error {
  override readonly name = 'StoredItemError';
  constructor(
    readonly kind: string,
    readonly key: { pk: string; sk: string },
    readonly paths: readonly string[],
    problem = 'does not parse',
  ) {
    super(
      `Stored ${kind} at pk=${key.pk} sk=${key.sk} ${problem}${paths.length ? `: ${paths.join(', ')}` : ''}`,
    );
  }
}

const keyOf = (item: StoredAttributes) => ({ pk: String(item.pk ?? '?'), sk: String(item.sk ?? '?') });

/** The item's entity brought up to the record's current version (no parse). */
export function migrated(kind: RecordKind, item: StoredAttributes): StoredAttributes {
  const { version, migrations } = RECORDS[kind];
  const from = typeof item.v === 'number' ? item.v : 1;
  let entity = entityOf(item);
  for (let v = from; v < version; v++) {
    const step = migrations[v];
    if (!step) throw new StoredItemError(kind, keyOf(item), [], `has v${from} with no migration from v${v}`);
    entity = step(entity);
  }
  return entity;
}

/**
 * The entity of a stored item, migrated from its `v` to the current version and parsed by its stored schema.
 * Throws StoredItemError (key and paths, no values) when the item is of another type or does not parse.
 */
export function readItem<K extends RecordKind>(kind: K, item: StoredAttributes): RecordOf<K> {
  if (item.type !== undefined && item.type !== kind) {
    throw new StoredItemError(kind, keyOf(item), [], `is stored as ${String(item.type)}`);
  }
  return readValue(RECORDS[kind].schema as z.ZodType<RecordOf<K>>, kind, keyOf(item), migrated(kind, item));
}

/**
 * A value stored inside an item rather than as one (the gzipped record of the minutes), parsed by its schema
 * and reported, when it does not parse, with the key of the item that holds it (StoredItemError, no values).
 */
export function readValue<T>(
  schema: Parser<T>,
  kind: string,
  key: { pk: string; sk: string },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const paths = [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || '(item)'))];
  throw new StoredItemError(kind, key, paths);
}
