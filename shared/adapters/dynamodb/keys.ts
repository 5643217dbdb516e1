// adapter: every key shape of the single table, in one place (see docs/architecture.md for the access patterns).
//
// Keys are built only here. Item attributes: pk/sk (table), gsi1pk/gsi1sk … gsi3pk/gsi3sk (overloaded
// indexes), `type` (entity), `v` (schema version), `ttl` (epoch seconds, for expiring records).
import { vietnameseNameSortKey } from '../../domain/collation.js';
import type { IntroductionStatus } from '../../domain/introduction.js';
import type { Round } from '../../domain/meeting.js';

export interface Key {
  pk: string;
  sk: string;
}
export interface IndexKeys {
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  gsi3pk?: string;
  gsi3sk?: string;
}

const META = '#META';
const ROUND_CODE: Record<Round, string> = { june: '06', october: '10' };
/** Placeholder for "no hamlet yet" (an introduction not yet received); sorts after every hamlet id. */
export const NO_HAMLET = '~';
/** Outbox items pending publication are spread over this many GSI partitions to avoid a hot key. */
export const OUTBOX_SHARDS = 4;

export const keys = {
  // Pattern 10b uses gsi1 of reports; committees list their children on gsi1 too.
  committee: (orgId: string): Key => ({ pk: `ORG#${orgId}`, sk: META }),
  committeeChildren: (parentId: string, kind: string, orgId: string): IndexKeys => ({
    gsi1pk: `CHILDREN#${parentId}`,
    gsi1sk: `${kind}#${orgId}`,
  }),
  committeeChildrenQuery: (parentId: string) => ({ index: 'gsi1' as const, pk: `CHILDREN#${parentId}` }),
  /** Every committee of a kind (gsi2): the scheduled jobs list the residence committees and boards here. */
  committeeOfKind: (kind: string, orgId: string): IndexKeys => ({
    gsi2pk: `COMMITTEES#${kind}`,
    gsi2sk: orgId,
  }),
  committeesOfKindQuery: (kind: string) => ({ index: 'gsi2' as const, pk: `COMMITTEES#${kind}` }),

  staff: (staffId: string): Key => ({ pk: `STAFF#${staffId}`, sk: META }),
  staffOfCommittee: (orgId: string, role: string, staffId: string): IndexKeys => ({
    gsi1pk: `ORG#${orgId}#STAFF`,
    gsi1sk: `${role}#${staffId}`,
  }),
  staffOfCommitteeQuery: (orgId: string) => ({ index: 'gsi1' as const, pk: `ORG#${orgId}#STAFF` }),
  /**
   * A person's assignment (one per committee and role) sits in the person's partition next to the person
   * (`#META`, schema v2) and their chat links; older records are a `#META` holding one assignment (v1).
   * The gsi1 keys (staffOfCommittee) are removed when it is revoked, so the committee's list skips it.
   */
  staffAssignment: (personId: string, orgId: string, role: string): Key => ({
    pk: `STAFF#${personId}`,
    sk: `ASSIGN#${orgId}#${role}`,
  }),
  staffPartition: (personId: string) => ({ pk: `STAFF#${personId}`, consistent: true }),

  // Pattern 1: member by id, by chat account (Telegram, Zalo), by link code; party card numbers are unique.
  member: (memberId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: META }),
  partyCard: (partyCardNumber: string): Key => ({ pk: `PARTYCARD#${partyCardNumber}`, sk: '#UNIQUE' }),
  chatLink: (channel: 'telegram' | 'zalo', userId: string): Key => ({
    pk: `CHAT#${channel}#${userId}`,
    sk: '#LINK',
  }),
  linkCode: (code: string): Key => ({ pk: `LINKCODE#${code}`, sk: '#CODE' }),
  /** A member's deletion request, under the residence committee that completes it. */
  deletionRequest: (orgId: string, memberId: string): Key => ({
    pk: `DELREQ#${orgId}`,
    sk: `MEMBER#${memberId}`,
  }),
  deletionRequestsOf: (orgId: string) => ({ pk: `DELREQ#${orgId}`, skPrefix: 'MEMBER#', consistent: true }),
  /** The audit trail of reads made for a committee, in time order (shared/domain/audit.ts). */
  audit: (orgId: string, at: string, id: string): Key => ({ pk: `AUDIT#${orgId}`, sk: `AT#${at}#${id}` }),
  auditPartition: (orgId: string) => `AUDIT#${orgId}`,
  /** A new link waiting for the old account's confirmation or a staff decision (TTL after its expiry). */
  pendingLink: (id: string): Key => ({ pk: `PENDINGLINK#${id}`, sk: '#PENDING' }),
  /** A copy of each chat link under its owner (member or staff), so notices find every account in one Query. */
  ownerChat: (owner: { kind: 'member' | 'staff'; id: string }, channel: string, userId: string): Key => ({
    pk: `${owner.kind === 'member' ? 'MEMBER' : 'STAFF'}#${owner.id}`,
    sk: `CHAT#${channel}#${userId}`,
  }),
  ownerChatsQuery: (owner: { kind: 'member' | 'staff'; id: string }) => ({
    pk: `${owner.kind === 'member' ? 'MEMBER' : 'STAFF'}#${owner.id}`,
    skPrefix: 'CHAT#',
  }),

  // Pattern 2 (gsi1: active members of a residence committee, by hamlet, Vietnamese-collated),
  // members introduced by a workplace (gsi2), and pattern 3 (gsi3: a member's introductions, oldest first).
  introduction: (introductionId: string): Key => ({ pk: `INTRO#${introductionId}`, sk: META }),
  introductionIndexes: (i: {
    id: string;
    memberId: string;
    memberName: string;
    residenceOrgId: string;
    workplaceOrgId: string;
    status: IntroductionStatus;
    hamletId?: string;
    issuedOn: string;
  }): Required<IndexKeys> => {
    const name = vietnameseNameSortKey(i.memberName);
    return {
      gsi1pk: `RES#${i.residenceOrgId}#${i.status}`,
      gsi1sk: `${i.hamletId ?? NO_HAMLET}#${name}#${i.memberId}`,
      gsi2pk: `WORK#${i.workplaceOrgId}#${i.status}`,
      gsi2sk: `${name}#${i.memberId}`,
      gsi3pk: `MEMBER#${i.memberId}#INTROS`,
      gsi3sk: `${i.issuedOn}#${i.id}`,
    };
  },
  residenceMembersQuery: (residenceOrgId: string, status: IntroductionStatus, hamletId?: string) => ({
    index: 'gsi1' as const,
    pk: `RES#${residenceOrgId}#${status}`,
    ...(hamletId ? { skPrefix: `${hamletId}#` } : {}),
  }),
  workplaceMembersQuery: (workplaceOrgId: string, status: IntroductionStatus) => ({
    index: 'gsi2' as const,
    pk: `WORK#${workplaceOrgId}#${status}`,
  }),
  memberIntroductionsQuery: (memberId: string) => ({
    index: 'gsi3' as const,
    pk: `MEMBER#${memberId}#INTROS`,
  }),
  /** Guard item: at most one introduction of a member is not ended (409 on a second). */
  activeIntroductionGuard: (memberId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: 'ACTIVE_INTRO' }),

  // The member's own records, read together with the contact book.
  travelNotice: (memberId: string, from: string, id: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `TRAVEL#${from}#${id}`,
  }),
  exemption: (memberId: string, from: string, id: string): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `EXEMPT#${from}#${id}`,
  }),
  selfReport: (memberId: string, year: number): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `SELFREPORT#${year}`,
  }),
  /** R20: the workplace collected the contact book of an armed-forces member directly, once per year. */
  directCollection: (memberId: string, year: number): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `COLLECTED#${year}`,
  }),
  /** R11: the BothMeetingsMissed notice of a member for a year was raised (exactly once). */
  /** qd213-2020: the request for an exempt member's comment, in the member's partition. */
  commentRequest: (memberId: string, residenceOrgId: string, year: number): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `COMMENTREQ#${residenceOrgId}#${year}`,
  }),
  bothMeetingsMissedNotice: (memberId: string, year: number): Key => ({
    pk: `MEMBER#${memberId}`,
    sk: `NOTICE#R11#${year}`,
  }),
  /**
   * A copy of the member's exemptions and travel notices in one item, kept in the same transaction as
   * each of them, so the October report gets an active member's facts with BatchGetItem (pattern 13).
   */
  memberFacts: (memberId: string): Key => ({ pk: `MEMBER#${memberId}`, sk: 'FACTS' }),
  memberRecordsQuery: (memberId: string, prefix: 'TRAVEL#' | 'EXEMPT#' | 'SELFREPORT#') => ({
    pk: `MEMBER#${memberId}`,
    skPrefix: prefix,
  }),
  /**
   * The member's whole partition (the record, their exemptions, travel notices and the small records
   * above) in one paged Query: the October report's fallback for a member stored without `memberFacts`.
   */
  memberPartitionQuery: (memberId: string) => ({ pk: `MEMBER#${memberId}` }),

  // Pattern 4: meetings of a residence committee by year and round.
  meeting: (meetingId: string): Key => ({ pk: `MEETING#${meetingId}`, sk: META }),
  meetingOfCommittee: (residenceOrgId: string, year: number, round: Round): IndexKeys => ({
    gsi1pk: `RES#${residenceOrgId}#MEETINGS`,
    gsi1sk: `${year}#${ROUND_CODE[round]}`,
  }),
  meetingsOfCommitteeQuery: (residenceOrgId: string, year?: number) => ({
    index: 'gsi1' as const,
    pk: `RES#${residenceOrgId}#MEETINGS`,
    ...(year !== undefined ? { skPrefix: `${year}#` } : {}),
  }),
  /** Meetings held on a date, across committees (gsi2): the daily R10 job finds yesterday's meetings here. */
  meetingsOnDate: (date: string, meetingId: string): IndexKeys => ({
    gsi2pk: `MEETINGS_ON#${date}`,
    gsi2sk: meetingId,
  }),
  meetingsOnDateQuery: (date: string) => ({ index: 'gsi2' as const, pk: `MEETINGS_ON#${date}` }),

  // Patterns 5 and 6: the attendance sheet is one partition; one item per invited member (RSVP + attendance).
  invitation: (meetingId: string, memberId: string): Key => ({
    pk: `MEETING#${meetingId}`,
    sk: `INV#${memberId}`,
  }),
  attendanceSheetQuery: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, skPrefix: 'INV#' }),
  /** Pattern 9 (gsi2, sparse): present only while the reason waits for the workplace's decision. */
  pendingAbsence: (
    workplaceOrgId: string,
    meetingDate: string,
    meetingId: string,
    memberId: string,
  ): IndexKeys => ({
    gsi2pk: `WORK#${workplaceOrgId}#PENDING_ABSENCE`,
    gsi2sk: `${meetingDate}#${meetingId}#${memberId}`,
  }),
  pendingAbsencesQuery: (workplaceOrgId: string) => ({
    index: 'gsi2' as const,
    pk: `WORK#${workplaceOrgId}#PENDING_ABSENCE`,
  }),
  memberInvitations: (memberId: string, meetingDate: string, meetingId: string): IndexKeys => ({
    gsi3pk: `MEMBER#${memberId}#INVITATIONS`,
    gsi3sk: `${meetingDate}#${meetingId}`,
  }),
  memberInvitationsQuery: (memberId: string, year?: number) => ({
    index: 'gsi3' as const,
    pk: `MEMBER#${memberId}#INVITATIONS`,
    ...(year !== undefined ? { skPrefix: `${year}-` } : {}),
  }),

  // Pattern 7: comments raised for a meeting (answered at the next one); a member's own comments on gsi3.
  comment: (meetingId: string, raisedAt: string, commentId: string): Key => ({
    pk: `MEETING#${meetingId}`,
    sk: `COMMENT#${raisedAt}#${commentId}`,
  }),
  commentsOfMeetingQuery: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, skPrefix: 'COMMENT#' }),
  memberComments: (memberId: string, raisedAt: string): IndexKeys => ({
    gsi3pk: `MEMBER#${memberId}#COMMENTS`,
    gsi3sk: raisedAt,
  }),
  memberCommentsQuery: (memberId: string) => ({ index: 'gsi3' as const, pk: `MEMBER#${memberId}#COMMENTS` }),

  minutes: (meetingId: string): Key => ({ pk: `MEETING#${meetingId}`, sk: 'MINUTES' }),
  /** Retention removed every absence reason's text of the meeting: later runs skip its sheet (docs/privacy.md). */
  reasonTextsRemoved: (meetingId: string): Key => ({ pk: `MEETING#${meetingId}`, sk: 'RETENTION#REASONS' }),
  /** Part `n` of the minutes' record (rows, absentees, comments: it grows with the ward), gzipped JSON. */
  minutesRecordPart: (meetingId: string, n: number): Key => ({
    pk: `MEETING#${meetingId}`,
    sk: `MINUTES#RECORD#${String(n).padStart(3, '0')}`,
  }),
  /** R10: one notice per absent member per meeting, however often the job runs. */
  absenceNotice: (meetingId: string, memberId: string): Key => ({
    pk: `MEETING#${meetingId}`,
    sk: `NOTICE#R10#${memberId}`,
  }),
  /** R10 notices the workplace has not acknowledged yet (gsi2, sparse: removed on acknowledgement). */
  absenceNoticeOfWorkplace: (
    workplaceOrgId: string,
    meetingDate: string,
    meetingId: string,
    memberId: string,
  ): IndexKeys => ({
    gsi2pk: `WORK#${workplaceOrgId}#ABSENCE_NOTICES`,
    gsi2sk: `${meetingDate}#${meetingId}#${memberId}`,
  }),
  absenceNoticesOfWorkplaceQuery: (workplaceOrgId: string) => ({
    index: 'gsi2' as const,
    pk: `WORK#${workplaceOrgId}#ABSENCE_NOTICES`,
  }),

  // Pattern 8: evaluations of a residence committee for a year (table), of a member across years (gsi3).
  evaluation: (residenceOrgId: string, year: number, memberId: string): Key => ({
    pk: `RES#${residenceOrgId}#EVAL#${year}`,
    sk: `MEMBER#${memberId}`,
  }),
  evaluationsOfCommitteeQuery: (residenceOrgId: string, year: number) => ({
    pk: `RES#${residenceOrgId}#EVAL#${year}`,
  }),
  memberEvaluations: (memberId: string, year: number): IndexKeys => ({
    gsi3pk: `MEMBER#${memberId}#EVALS`,
    gsi3sk: String(year),
  }),
  memberEvaluationsQuery: (memberId: string) => ({ index: 'gsi3' as const, pk: `MEMBER#${memberId}#EVALS` }),

  // Pattern 10: the October report of a committee for a year (and its earlier versions); all under a parent.
  report: (orgId: string, year: number): Key => ({ pk: `ORG#${orgId}#REPORT`, sk: `${year}` }),
  reportVersion: (orgId: string, year: number, version: number): Key => ({
    pk: `ORG#${orgId}#REPORT`,
    sk: `${year}#v${String(version).padStart(4, '0')}`,
  }),
  /** The committee's narrative of the year's report (its sections, versioned), beside the report's items. */
  reportNarrative: (orgId: string, year: number): Key => ({
    pk: `ORG#${orgId}#REPORT`,
    sk: `${year}#NARRATIVE`,
  }),
  reportUnderParent: (parentId: string, year: number, orgId: string): IndexKeys => ({
    gsi1pk: `PARENT#${parentId}#REPORT#${year}`,
    gsi1sk: orgId,
  }),
  reportsUnderParentQuery: (parentId: string, year: number) => ({
    index: 'gsi1' as const,
    pk: `PARENT#${parentId}#REPORT#${year}`,
  }),

  // The transactional outbox: written with the change, published by the relay, then marked sent.
  outbox: (eventId: string): Key => ({ pk: `OUTBOX#${eventId}`, sk: '#EVENT' }),
  outboxPending: (shard: number, occurredAt: string, eventId: string): IndexKeys => ({
    gsi1pk: `OUTBOX#PENDING#${shard}`,
    gsi1sk: `${occurredAt}#${eventId}`,
  }),
  outboxPendingQuery: (shard: number) => ({ index: 'gsi1' as const, pk: `OUTBOX#PENDING#${shard}` }),
  /** Pending events that occurred before an instant (the sweep): the sort key starts with `occurredAt`. */
  outboxPendingBeforeQuery: (shard: number, before: string) => ({
    index: 'gsi1' as const,
    pk: `OUTBOX#PENDING#${shard}`,
    skBefore: before,
  }),

  /** Idempotency records (HTTP replays, Telegram update ids, job steps); they expire through TTL. */
  idempotency: (scope: string, key: string): Key => ({ pk: `IDEMP#${scope}#${key}`, sk: '#IDEMP' }),
  job: (jobId: string): Key => ({ pk: `JOB#${jobId}`, sk: META }),
  /** A scheduled job run's marker for one committee (`jobId` = `<job>:<slot>`): done, or failed and why. */
  jobTask: (jobId: string, orgId: string): Key => ({ pk: `JOB#${jobId}`, sk: `TASK#${orgId}` }),
  /** Failed attempts of one key (a chat typing link codes) in the window starting at `windowStart`. */
  attempts: (scope: string, key: string, windowStart: number): Key => ({
    pk: `ATTEMPTS#${scope}#${key}`,
    sk: `WINDOW#${windowStart}`,
  }),
  /** A sequence (e.g. introduction letter numbers of a workplace for a year), advanced with an atomic ADD. */
  counter: (scope: string): Key => ({ pk: `COUNTER#${scope}`, sk: '#COUNTER' }),

  // The bot's conversation state (Lambda keeps nothing between updates): one draft per chat user (TTL),
  // and button data too long for the channel, kept under a short token (TTL).
  draft: (channel: string, userId: string): Key => ({ pk: `DRAFT#${channel}#${userId}`, sk: '#DRAFT' }),
  callbackData: (token: string): Key => ({ pk: `CALLBACK#${token}`, sk: '#DATA' }),

  /** The Zalo OA's rotating access/refresh token pair (one item per OA, versioned; see chat/channels/zalo). */
  zaloTokens: (oaId: string): Key => ({ pk: `ZALO#OA#${oaId}`, sk: '#TOKENS' }),
  /** A Zalo user's last message to the OA and the free replies spent on it (the reply window; TTL). */
  zaloLastInbound: (oaId: string, userId: string): Key => ({
    pk: `ZALO#OA#${oaId}#USER#${userId}`,
    sk: '#INBOUND',
  }),
  /** The OA's proactive messages of a calendar month (`YYYY-MM`, Asia/Ho_Chi_Minh), an atomic counter. */
  zaloProactiveMonth: (oaId: string, month: string): Key => ({
    pk: `ZALO#OA#${oaId}`,
    sk: `PROACTIVE#${month}`,
  }),
} as const;

export function outboxShard(eventId: string): number {
  let h = 0;
  for (const ch of eventId) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % OUTBOX_SHARDS;
}
