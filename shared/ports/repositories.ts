// ports: one repository per aggregate; use cases depend on these, adapters/dynamodb implements them.
import type { AbsenceNotice } from '../domain/attendance.js';
import type { Comment } from '../domain/comment.js';
import type { Committee, CommitteeKind } from '../domain/committee.js';
import type { CommentRequest, Evaluation } from '../domain/evaluation.js';
import type { DomainEvent } from '../domain/events.js';
import type { Introduction, IntroductionStatus } from '../domain/introduction.js';
import type { Invitation } from '../domain/invitation.js';
import type { Meeting, Round } from '../domain/meeting.js';
import type { Member } from '../domain/member.js';
import type { Minutes } from '../domain/minutes.js';
import type { OctoberReport } from '../domain/report.js';
import type { ReportNarrative } from '../domain/report-narrative.js';
import type { AssignmentGrant, StaffAssignment, StaffPerson, StaffRole } from '../domain/roles.js';
import type { Exemption, TravelNotice } from '../domain/travel-and-exemption.js';
import type { DirectCollection, SelfReport } from '../domain/year-end.js';
import type { Page, Parser } from './common.js';

/** Every write may carry the domain events it causes; they are stored with it in one transaction. */
export interface WriteOptions {
  events?: readonly DomainEvent[];
}

export interface CommitteeRepository {
  get(orgId: string): Promise<Committee | undefined>;
  put(committee: Committee): Promise<void>;
  children(parentId: string): Promise<Committee[]>;
  /** Every committee of a kind, one paged Query (a committee stored before this index needs a re-put). */
  ofKind(kind: CommitteeKind): Promise<Committee[]>;
  /** Creates all of them or none (ConflictError when an id is taken). */
  create(committees: readonly Committee[]): Promise<void>;
  /** Rewrites an existing committee (rename, move, close, hamlets); ConflictError when it does not exist. */
  replace(committee: Committee): Promise<void>;
}

export type AssignOutcome = 'created' | 'exists';

export interface StaffRepository {
  /**
   * One of the person's current assignments: the one for `orgId` when given (undefined if they hold none
   * there), else their first. Older records hold exactly one.
   */
  get(staffId: string, orgId?: string): Promise<StaffAssignment | undefined>;
  /** Writes a person holding exactly this one assignment (the seed's and older records' shape). */
  put(staff: StaffAssignment): Promise<void>;
  ofCommittee(orgId: string): Promise<StaffAssignment[]>;
  /** The person's current (not revoked) assignments, read strongly consistent: a revoke is seen at once. */
  assignmentsOf(personId: string): Promise<StaffAssignment[]>;
  person(personId: string): Promise<StaffPerson | undefined>;
  /**
   * Adds an assignment (creating the person if new) in one transaction; an older single-assignment record
   * is rewritten as a person with that assignment alongside. 'exists' when they already hold it.
   */
  assign(person: StaffPerson, assignment: AssignmentGrant): Promise<AssignOutcome>;
  /** Ends an assignment, keeping it as history; false when they did not hold it. */
  revoke(personId: string, orgId: string, role: StaffRole, at: string): Promise<boolean>;
}

export interface MemberRepository {
  get(memberId: string): Promise<Member | undefined>;
  byPartyCard(partyCardNumber: string): Promise<Member | undefined>;
  /** Creates the member; ConflictError if the id or the party card number exists already. */
  create(member: Member, options?: WriteOptions): Promise<void>;
  /** Many members by party card number at once (batched reads, for imports): card → member. */
  byPartyCards(partyCardNumbers: readonly string[]): Promise<Map<string, Member>>;
  update(member: Member, options?: WriteOptions): Promise<void>;
  addTravelNotice(notice: TravelNotice, options?: WriteOptions): Promise<void>;
  travelNotices(memberId: string): Promise<TravelNotice[]>;
  addExemption(exemption: Exemption, options?: WriteOptions): Promise<void>;
  exemptions(memberId: string): Promise<Exemption[]>;
  /**
   * The member with the facts the year end judges them on — exemptions (R4) and travel notices (R3) —
   * read together in one paged Query of the member's partition; `member` is undefined if it is missing.
   */
  profileWithFacts(memberId: string): Promise<MemberWithFacts>;
  /**
   * What profileWithFacts gives, for many members at once: the records and the facts' copies by
   * BatchGetItem (two keys a member); a member stored without the copy is read from its partition.
   * A missing member is `{ member: undefined, exemptions: [], travelNotices: [] }`.
   */
  factsOfMany(memberIds: readonly string[]): Promise<Map<string, MemberWithFacts>>;
  /** Many members by id (BatchGetItem, 100 keys a call, unprocessed keys retried): id → member. */
  getMany(memberIds: readonly string[]): Promise<Map<string, Member>>;
}

/** A member's record and their exemptions and travel notices, each list in stored (start date) order. */
export interface MemberWithFacts {
  member: Member | undefined;
  exemptions: Exemption[];
  travelNotices: TravelNotice[];
}

/** A listed member of a committee: the introduction plus the member's name (for Vietnamese collation). */
export interface IntroducedMember {
  introduction: Introduction;
  memberName: string;
}

/** One new introduction with what is written with it (see IntroductionRepository.issue). */
export interface IntroductionIssue extends WriteOptions {
  introduction: Introduction;
  memberName: string;
  newMember?: Member;
  updatedMember?: Member;
  travelNotice?: TravelNotice;
}

export interface IntroductionRepository {
  get(introductionId: string): Promise<Introduction | undefined>;
  /**
   * Stores a new introduction (and the member when `newMember` is given) in one transaction; refuses a
   * second introduction of a member whose previous one has not ended (ConflictError 'active_introduction').
   */
  issue(
    introduction: Introduction,
    memberName: string,
    options?: WriteOptions & {
      newMember?: Member;
      /** An existing member whose details the introducing workplace brings up to date (same party card). */
      updatedMember?: Member;
      /** R3: a travel notice given with the introduction, stored in the same transaction. */
      travelNotice?: TravelNotice;
    },
  ): Promise<void>;
  /**
   * Several issues in one transaction (imports): all are written or none; any failed condition is a
   * ConflictError, and the caller retries them one by one to learn which.
   */
  issueMany(batch: readonly IntroductionIssue[]): Promise<void>;
  /** The introduction in force (not ended) of each member that has one (batched reads): member → it. */
  activeOfMembers(memberIds: readonly string[]): Promise<Map<string, Introduction>>;
  /** Saves a changed introduction guarded by `expectedVersion` (optimistic locking). */
  save(
    introduction: Introduction,
    memberName: string,
    expectedVersion: number,
    options?: WriteOptions,
  ): Promise<void>;
  /** Pattern 3: every introduction of a member, oldest first (the active one is the one not ended). */
  ofMember(memberId: string): Promise<Introduction[]>;
  /** Pattern 2: members of a residence committee by status, optionally in one hamlet, Vietnamese-collated. */
  ofResidence(
    residenceOrgId: string,
    query: { status: IntroductionStatus; hamletId?: string; limit: number; cursor?: string },
  ): Promise<Page<IntroducedMember>>;
  /** Every introduction of a residence committee with a status, streamed page by page. */
  streamOfResidence(residenceOrgId: string, status: IntroductionStatus): AsyncIterable<IntroducedMember>;
  /** Members introduced by a workplace, by status, Vietnamese-collated. */
  ofWorkplace(
    workplaceOrgId: string,
    query: { status: IntroductionStatus; limit: number; cursor?: string },
  ): Promise<Page<IntroducedMember>>;
}

export interface MeetingRepository {
  get(meetingId: string): Promise<Meeting | undefined>;
  /** ConflictError 'meeting_exists' when the committee already has a meeting for that year and round. */
  create(meeting: Meeting, options?: WriteOptions): Promise<void>;
  save(meeting: Meeting, expectedVersion: number, options?: WriteOptions): Promise<void>;
  /** Pattern 4. */
  ofCommittee(residenceOrgId: string, year?: number): Promise<Meeting[]>;
  find(residenceOrgId: string, year: number, round: Round): Promise<Meeting | undefined>;
  /** Meetings of every committee held on a date (the daily R10 job). */
  onDate(date: string): Promise<Meeting[]>;
}

export interface InvitationRepository {
  /** Pattern 6. */
  get(meetingId: string, memberId: string): Promise<Invitation | undefined>;
  /** Creates the invitation once: false (no write, no event) when it exists already. */
  createOnce(invitation: Invitation, options?: WriteOptions): Promise<boolean>;
  /** Saves a changed invitation guarded by `expectedVersion`; ConflictError on a stale version. */
  save(invitation: Invitation, expectedVersion: number, options?: WriteOptions): Promise<void>;
  /** Pattern 5: the attendance sheet, paged in Vietnamese order of names (member id breaking ties). */
  sheet(meetingId: string, query: { limit: number; cursor?: string }): Promise<Page<Invitation>>;
  streamSheet(meetingId: string): AsyncIterable<Invitation>;
  /** Pattern 9. */
  pendingAbsences(
    workplaceOrgId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<Invitation>>;
  ofMember(memberId: string, year?: number): Promise<Invitation[]>;
}

export interface CommentRepository {
  add(comment: Comment, options?: WriteOptions): Promise<void>;
  /** Pattern 7. */
  ofMeeting(meetingId: string): Promise<Comment[]>;
  ofMember(memberId: string): Promise<Comment[]>;
  save(comment: Comment, options?: WriteOptions): Promise<void>;
}

export interface MinutesRepository {
  get(meetingId: string): Promise<Minutes | undefined>;
  save(minutes: Minutes, expectedVersion: number, options?: WriteOptions): Promise<void>;
  /** Saves the minutes and their meeting together (sealing marks the meeting held), both version-guarded. */
  saveWithMeeting(
    minutes: Minutes,
    expectedVersion: number,
    meeting: Meeting,
    meetingExpectedVersion: number,
    options?: WriteOptions,
  ): Promise<void>;
}

/** R10: one notice per absent member per meeting, and the workplace's acknowledgement of it. */
export interface AbsenceNoticeRepository {
  /** Stores the notice with its events in one transaction; false (nothing written) when it exists already. */
  raiseOnce(notice: AbsenceNotice, options?: WriteOptions): Promise<boolean>;
  get(meetingId: string, memberId: string): Promise<AbsenceNotice | undefined>;
  /** Records the first acknowledgement (a repeat keeps the first); NotFoundError when there is no notice. */
  acknowledge(meetingId: string, memberId: string, by: string, at: string): Promise<AbsenceNotice>;
  /**
   * R10: marks the notice withdrawn (the reason was confirmed after all) and takes it off the workplace's
   * list; true if this call withdrew it, false if it is missing or was withdrawn already.
   */
  withdraw(meetingId: string, memberId: string, at: string): Promise<boolean>;
  /** Notices a workplace has not acknowledged yet, oldest meeting first. */
  pendingOfWorkplace(
    workplaceOrgId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<AbsenceNotice>>;
}

/** Saving an evaluation may also record, once per member and year, that the R11 notice was raised. */
export interface EvaluationWriteOptions extends WriteOptions {
  /** Store the R11 marker of (memberId, year) with the save; the save fails (ConflictError) if it exists. */
  markBothMeetingsMissedNoticed?: boolean;
}

export interface EvaluationRepository {
  get(residenceOrgId: string, year: number, memberId: string): Promise<Evaluation | undefined>;
  save(evaluation: Evaluation, expectedVersion: number, options?: EvaluationWriteOptions): Promise<void>;
  /** R11: whether the BothMeetingsMissed notice of this member and year was raised already. */
  bothMeetingsMissedNoticed(memberId: string, year: number): Promise<boolean>;
  /**
   * R11: raises the BothMeetingsMissed event with its once-only marker, without an evaluation (when the
   * evaluations open); false when the notice was raised already (by this or by a save).
   */
  noticeBothMeetingsMissed(
    marker: { memberId: string; year: number; residenceOrgId: string },
    event: DomainEvent,
  ): Promise<boolean>;
  /** Pattern 8, strongly consistent: what was saved before the call is in it. */
  ofCommittee(residenceOrgId: string, year: number): AsyncIterable<Evaluation>;
  ofMember(memberId: string): Promise<Evaluation[]>;
  /** qd213-2020: the request for an exempt member's comment (one per committee, member and year). */
  getCommentRequest(
    residenceOrgId: string,
    year: number,
    memberId: string,
  ): Promise<CommentRequest | undefined>;
  /** Records once: false (no write) when that member's request of that committee and year is recorded already. */
  recordCommentRequest(request: CommentRequest): Promise<boolean>;
}

export interface ReportRepository {
  /** Pattern 10: the latest version. */
  get(orgId: string, year: number): Promise<OctoberReport | undefined>;
  /** Stores a new version (and keeps the previous one); ConflictError if another compile stored it first. */
  save(report: OctoberReport, parentId: string | undefined, options?: WriteOptions): Promise<void>;
  underParent(parentId: string, year: number): Promise<OctoberReport[]>;
  /** The committee's narrative of the year's report, when one was written. */
  getNarrative(orgId: string, year: number): Promise<ReportNarrative | undefined>;
  /** Saves guarded by `expectedVersion` (0: must not exist yet); ConflictError on a stale version. */
  saveNarrative(narrative: ReportNarrative, expectedVersion: number): Promise<void>;
}

/** The member's side of the year end: the self-report (R19) and the direct collection of the contact book (R20). */
export interface YearEndRepository {
  getSelfReport(memberId: string, year: number): Promise<SelfReport | undefined>;
  /** Saves guarded by `expectedVersion` (0: must not exist yet); ConflictError on a stale version. */
  saveSelfReport(report: SelfReport, expectedVersion: number, options?: WriteOptions): Promise<void>;
  getDirectCollection(memberId: string, year: number): Promise<DirectCollection | undefined>;
  /** Records once: false (no write) when the collection of that member and year is recorded already. */
  recordDirectCollection(collection: DirectCollection, options?: WriteOptions): Promise<boolean>;
}

export interface ClaimOptions {
  /** Stored with the claim; `recall` returns it to replays. */
  result?: unknown;
  /**
   * How long the claim counts as in progress before `complete`: past this, a new claim takes it over, because
   * whoever claimed it died or timed out mid-way (a Lambda cut at its timeout). Without it, the claim holds
   * for its whole TTL (work that must never run twice, even after a crash).
   */
  inProgressSeconds?: number;
}

export type ClaimStatus = 'in_progress' | 'completed';

export interface IdempotencyStore {
  /**
   * Claims `key` in `scope` for `ttlSeconds`: true the first time, false when it is claimed already (a
   * replay). A record past its TTL (not yet deleted by DynamoDB) and an in-progress claim past its
   * `inProgressSeconds` are taken over: true again.
   */
  claim(scope: string, key: string, ttlSeconds: number, options?: ClaimOptions): Promise<boolean>;
  /** The result `complete` kept for the key, read by `parser` (one that does not parse is a StoredItemError). */
  recall<T>(scope: string, key: string, parser: Parser<T>): Promise<T | undefined>;
  /** Whether the key is held now, and how: still in progress, or completed (undefined: free to claim). */
  status(scope: string, key: string): Promise<ClaimStatus | undefined>;
  complete(scope: string, key: string, ttlSeconds: number, result: unknown): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

/** Failed attempts per key in fixed windows (link codes typed wrong); old windows expire through TTL. */
export interface AttemptCounter {
  /** The failures counted for `key` in the window holding `now`. */
  count(scope: string, key: string, now: Date, windowSeconds: number): Promise<number>;
  /** Counts one more failure for `key`; returns the window's count with it. */
  fail(scope: string, key: string, now: Date, windowSeconds: number): Promise<number>;
}

/** Gap-tolerant sequences, e.g. the number of an introduction letter per workplace and year ("Số 12-GGT"). */
export interface CounterRepository {
  /** Adds `count` (default 1) to the sequence `scope` and returns the new last value (the first is 1). */
  next(scope: string, count?: number): Promise<number>;
}

export interface OutboxEntry {
  event: DomainEvent;
  status: 'pending' | 'sent';
}

/**
 * Pending events, oldest first, and the keys (`pk`) of pending items that do not parse: those are reported by
 * the relay, never cast, and never stop it (a sweep that threw on one broken item would stop on it for good).
 */
export interface PendingEvents {
  events: DomainEvent[];
  unreadable: string[];
}

export interface OutboxRepository {
  /** Events not yet published, oldest first (the local relay polls this; AWS uses the table's stream). */
  pending(limit: number): Promise<PendingEvents>;
  /** Pending events that occurred before `before` (ISO instant), oldest first (the AWS sweep). */
  pendingBefore(before: string, limit: number): Promise<PendingEvents>;
  markSent(eventId: string): Promise<void>;
  get(eventId: string): Promise<OutboxEntry | undefined>;
}

export type Channel = 'telegram' | 'zalo';
/** Who a chat account belongs to: a member, or a staff assignment (staff link the same way). */
export interface ChatSubject {
  kind: 'member' | 'staff';
  id: string;
}
export interface ChatLink extends ChatSubject {
  channel: Channel;
  userId: string;
  chatId: string;
  linkedAt: string;
  /** Set when the user blocked the bot (my_chat_member kicked): messages stop until they come back. */
  blocked?: boolean;
  /** The chat app's language of the user when they linked (e.g. 'vi', 'en'), for notices sent later. */
  languageCode?: string;
  /** The last time the person wrote or pressed a button here (to the hour): their chosen channel comes first. */
  lastActiveAt?: string;
  /** A staff person with several assignments: the committee and role they chose to act for (/donvi). */
  actingFor?: { orgId: string; role: StaffRole };
  /** The member's consent to the purpose notice, given at linking (Law 91/2025): which notice, and when. */
  consent?: LinkConsent;
}
export interface LinkConsent {
  /** The version of the purpose notice shown (CONSENT_NOTICE_VERSION). */
  version: string;
  at: string;
}
/**
 * A link that waits: the person already has an account on this app, and the new one replaces it only once the
 * old account confirms or a head of the person's committee (or the administrator) approves.
 */
export interface PendingLink {
  id: string;
  subject: ChatSubject;
  /** The new account. */
  account: Omit<ChatLink, 'kind' | 'id'>;
  /** The account it replaces (same channel). */
  replaces: { userId: string; chatId: string };
  /** The committees whose heads decide and are told. */
  orgIds: string[];
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'confirmed' | 'approved' | 'refused';
  /** 'owner' (the old account) or the deciding staff person's id. */
  decidedBy?: string;
  decidedAt?: string;
}
export interface LinkCode {
  code: string;
  subject: ChatSubject;
  createdBy: string;
  expiresAt: string;
}
export type LinkCodeOutcome =
  | { ok: true; subject: ChatSubject }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'chat_already_linked' };

export interface ChatLinkRepository {
  /** Pattern 1: who a chat account belongs to. */
  byChat(channel: Channel, userId: string): Promise<ChatLink | undefined>;
  /** The chat accounts of a member or staff person (from the subject's record). */
  ofSubject(subject: ChatSubject): Promise<ChatLink[]>;
  createLinkCode(code: LinkCode): Promise<void>;
  /** Pattern 1: the code's record (used or not). */
  getLinkCode(code: string): Promise<(LinkCode & { usedAt?: string }) | undefined>;
  /** Uses a code once, atomically linking the chat account to its subject. */
  useLinkCode(code: string, link: Omit<ChatLink, 'kind' | 'id'>, now: Date): Promise<LinkCodeOutcome>;
  setBlocked(channel: Channel, userId: string, blocked: boolean): Promise<void>;
  /** Removes the link and the owner's copy together; false when the chat was not linked. */
  unlink(channel: Channel, userId: string): Promise<boolean>;
  /** Stamps the chat as used at `at` (on the link and on the owner's copy, which orders notices). */
  markActive(channel: Channel, userId: string, at: Date): Promise<void>;
  /** Marks a code used without linking (the link waits for a confirmation); same outcomes as useLinkCode. */
  claimLinkCode(code: string, now: Date): Promise<LinkCodeOutcome>;
  /** Writes a link and the owner's copy; false when the chat account is linked already. */
  linkAccount(link: ChatLink): Promise<boolean>;
  savePendingLink(pending: PendingLink): Promise<void>;
  pendingLink(id: string): Promise<PendingLink | undefined>;
  /** Decides a pending link once: false when it was decided already (a second press, a retry). */
  decidePendingLink(
    id: string,
    decision: { status: 'confirmed' | 'approved' | 'refused'; by: string; at: string },
  ): Promise<boolean>;
  /** Records which assignment a staff person's chat acts for. */
  setActingFor(
    channel: Channel,
    userId: string,
    actingFor: { orgId: string; role: StaffRole },
  ): Promise<void>;
}
