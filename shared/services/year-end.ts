// use case: the workplace's side of the year end — what arrived per member (R17, R21), the member's own
// self-report (R19), and the direct collection of armed-forces members' contact books (R20).
import { isWorkplaceStaffOf } from '../domain/access.js';
import { DEFAULT_RULE_SET, ruleSetOf } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { deadlineOf, isMissing } from '../domain/deadlines.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import type { ContactPath, Introduction, IntroductionStatus } from '../domain/introduction.js';
import type { MemberCategory } from '../domain/member.js';
import type { Principal } from '../domain/roles.js';
import { type Proposal, type RuleSetPolicy, ruleSetPolicy } from '../domain/rule-set.js';
import {
  assertDirectPath,
  type DirectCollection,
  meetingsAttended,
  referenceDate,
  type SelfReport,
} from '../domain/year-end.js';
import type { Clock, Page } from '../ports/common.js';
import type {
  CommitteeRepository,
  EvaluationRepository,
  IntroductionRepository,
  InvitationRepository,
  MemberRepository,
  YearEndRepository,
} from '../ports/repositories.js';
import { owesComment } from './comment-owed.js';

export interface YearEndPorts {
  /** The residence committees' rule sets (their deadlines); without it, the default rule set's. */
  committees?: Pick<CommitteeRepository, 'get'>;
  members: MemberRepository;
  introductions: IntroductionRepository;
  invitations: InvitationRepository;
  evaluations: EvaluationRepository;
  yearEnd: YearEndRepository;
  clock: Clock;
}

/** R20: how the workplace shows the direct-collection path. */
export const DIRECT_COLLECTION_LABEL = { vi: 'thu trực tiếp', en: 'collect directly' } as const;

/** One member introduced by the workplace, as its year-end review needs them (R19, R21). */
export interface WorkplaceYearEndRow {
  memberId: string;
  memberName: string;
  category: MemberCategory;
  introductionStatus: IntroductionStatus;
  residenceOrgId: string;
  hamletId?: string;
  contactPath: ContactPath;
  /** R20: "thu trực tiếp" for armed-forces members. */
  collectionLabel?: typeof DIRECT_COLLECTION_LABEL;
  /** R17: the residence committee's evaluation reaches the workplace once the chair submitted it. */
  evaluation: { received: boolean; submittedAt?: string; proposal?: Proposal; flaggedR11?: boolean };
  meetings: { invited: number; attended: number };
  /** R19: the member's own report. */
  selfReport?: Pick<
    SelfReport,
    'meetingsAttended' | 'meetingsAttendedRecorded' | 'activities' | 'submittedAt'
  >;
  /** R20: recorded when the workplace collected the contact book (direct path only). */
  directCollection?: { collected: boolean; collectedOn?: string };
  /**
   * R17, R19: past its deadline under the residence committee's rule set and still not there — the comment
   * (not submitted by the end of October) and the member's self-report (not sent by the set's date).
   */
  missing: { evaluation: boolean; selfReport: boolean };
}

export interface WorkplaceYearEndInput {
  workplaceOrgId: string;
  year: number;
  status?: IntroductionStatus;
  limit?: number;
  cursor?: string;
}

/** The workplace staff's year-end view of the members it introduced, paged and Vietnamese-collated. */
export async function workplaceYearEnd(
  ports: YearEndPorts,
  principal: Principal,
  input: WorkplaceYearEndInput,
): Promise<Page<WorkplaceYearEndRow>> {
  if (!isWorkplaceStaffOf(principal, input.workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi công tác xem được',
      en: 'Only the workplace committee may see this',
    });
  }
  const page = await ports.introductions.ofWorkplace(input.workplaceOrgId, {
    status: input.status ?? 'received',
    limit: input.limit ?? 20,
    cursor: input.cursor || undefined,
  });
  const today = localDate(ports.clock.now());
  const policies = new Map<string, Promise<RuleSetPolicy>>();
  const policyOf = (orgId: string) => {
    let policy = policies.get(orgId);
    if (!policy) {
      policy = Promise.resolve(ports.committees?.get(orgId)).then((c) =>
        ruleSetPolicy(c ? ruleSetOf(c) : DEFAULT_RULE_SET),
      );
      policies.set(orgId, policy);
    }
    return policy;
  };
  const items = await Promise.all(
    page.items.map(async ({ introduction, memberName }) => {
      const { memberId, residenceOrgId } = introduction;
      const policy = await policyOf(residenceOrgId);
      const [member, evaluation, invitations, selfReport, collection, exemptions] = await Promise.all([
        ports.members.get(memberId),
        ports.evaluations.get(residenceOrgId, input.year, memberId),
        ports.invitations.ofMember(memberId, input.year),
        ports.yearEnd.getSelfReport(memberId, input.year),
        introduction.contactPath === 'direct'
          ? ports.yearEnd.getDirectCollection(memberId, input.year)
          : Promise.resolve(undefined),
        // qd213-2020: only a rule set listing exempt cases needs the exemptions (33-HD/BTCTW).
        policy.exemptCategories.length > 0 ? ports.members.exemptions(memberId) : Promise.resolve([]),
      ]);
      const received = evaluation?.status === 'submitted';
      // qd213-2020 (33-HD/BTCTW): an introduced-but-exempt member owes no routine comment, so none is missing.
      const owed =
        evaluation !== undefined ||
        (await owesComment(ports.evaluations, policy.id, {
          orgId: residenceOrgId,
          year: input.year,
          memberId,
          category: member?.category ?? 'regular',
          exemptions,
          on: referenceDate(input.year, today),
        }));
      const missing = {
        evaluation: owed && isMissing(deadlineOf(policy, 'evaluations', input.year), today, received),
        selfReport: isMissing(deadlineOf(policy, 'self_report', input.year), today, selfReport !== undefined),
      };
      const row: WorkplaceYearEndRow = {
        memberId,
        memberName,
        category: member?.category ?? 'regular',
        introductionStatus: introduction.status,
        residenceOrgId,
        hamletId: introduction.receipt?.hamletId,
        contactPath: introduction.contactPath,
        ...(introduction.contactPath === 'direct' ? { collectionLabel: DIRECT_COLLECTION_LABEL } : {}),
        evaluation:
          received && evaluation
            ? {
                received: true,
                submittedAt: evaluation.submittedAt || undefined,
                proposal: evaluation.form.proposal,
                flaggedR11: evaluation.flaggedR11,
              }
            : { received: false },
        meetings: { invited: invitations.length, attended: meetingsAttended(invitations) },
        ...(selfReport
          ? {
              selfReport: {
                meetingsAttended: selfReport.meetingsAttended,
                meetingsAttendedRecorded: selfReport.meetingsAttendedRecorded,
                activities: selfReport.activities,
                submittedAt: selfReport.submittedAt,
              },
            }
          : {}),
        ...(introduction.contactPath === 'direct'
          ? {
              directCollection: collection
                ? { collected: true, collectedOn: collection.collectedOn }
                : { collected: false },
            }
          : {}),
        missing,
      };
      return row;
    }),
  );
  return { items, cursor: page.cursor || undefined };
}

function assertSelf(principal: Principal, memberId: string): void {
  if (principal.role !== 'member' || principal.sub !== memberId) {
    throw new ForbiddenError({
      vi: 'Đảng viên chỉ báo cáo cho chính mình',
      en: 'A member reports only for themselves',
    });
  }
}

/** What the self-report form starts from (the bot's `/baocaocuoinam`): the sheets' count, and any earlier report. */
export interface SelfReportDraft {
  memberId: string;
  year: number;
  meetingsInvited: number;
  /** Prefill: meetings the attendance sheets record the member at. */
  meetingsAttendedRecorded: number;
  existing?: SelfReport;
}

export async function prepareSelfReport(
  ports: YearEndPorts,
  principal: Principal,
  input: { memberId: string; year: number },
): Promise<SelfReportDraft> {
  assertSelf(principal, input.memberId);
  const [invitations, existing] = await Promise.all([
    ports.invitations.ofMember(input.memberId, input.year),
    ports.yearEnd.getSelfReport(input.memberId, input.year),
  ]);
  return {
    memberId: input.memberId,
    year: input.year,
    meetingsInvited: invitations.length,
    meetingsAttendedRecorded: meetingsAttended(invitations),
    existing,
  };
}

export interface SelfReportInput {
  /** Defaults to the principal's own id. */
  memberId?: string;
  year: number;
  /** Omitted: prefilled from the attendance sheets. */
  meetingsAttended?: number;
  activities: string;
}

/**
 * R19: the member's year-end report on meetings attended and activities at the residence; the member
 * may correct it until the workplace's review. The same report sent again changes nothing.
 */
export async function submitSelfReport(
  ports: YearEndPorts,
  principal: Principal,
  input: SelfReportInput,
): Promise<SelfReport> {
  const memberId = input.memberId ?? principal.sub;
  assertSelf(principal, memberId);
  if (!(await ports.members.get(memberId))) throw new NotFoundError('member');
  const [invitations, existing] = await Promise.all([
    ports.invitations.ofMember(memberId, input.year),
    ports.yearEnd.getSelfReport(memberId, input.year),
  ]);
  const recorded = meetingsAttended(invitations);
  const attended = input.meetingsAttended ?? recorded;
  if (attended > invitations.length && invitations.length > 0) {
    throw new RuleViolationError('R19', {
      vi: `đảng viên được mời ${invitations.length} cuộc họp trong năm nên không báo cáo dự nhiều hơn`,
      en: `invited to ${invitations.length} meeting(s) this year: cannot report more attended`,
    });
  }
  if (
    existing &&
    existing.meetingsAttended === attended &&
    existing.activities === input.activities &&
    existing.meetingsAttendedRecorded === recorded
  ) {
    return existing;
  }
  const report: SelfReport = {
    memberId,
    year: input.year,
    meetingsAttended: attended,
    meetingsAttendedRecorded: recorded,
    activities: input.activities,
    submittedAt: ports.clock.now().toISOString(),
    version: (existing?.version ?? 0) + 1,
  };
  await ports.yearEnd.saveSelfReport(report, existing?.version ?? 0);
  return report;
}

export interface DirectCollectionInput {
  memberId: string;
  year: number;
  collectedOn: string;
  note?: string;
}

/**
 * R20: the workplace staff of an armed-forces member record that they collected the contact book
 * directly from the residence committee, once the evaluation was submitted. Recording it again returns
 * the first record.
 */
export async function recordDirectCollection(
  ports: YearEndPorts,
  principal: Principal,
  input: DirectCollectionInput,
): Promise<DirectCollection> {
  const introductions = await ports.introductions.ofMember(input.memberId);
  const introduction: Introduction | undefined =
    introductions.find((i) => i.status === 'received') ?? introductions.find((i) => i.status === 'ended');
  if (!introduction || !isWorkplaceStaffOf(principal, introduction.workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi công tác của đảng viên ghi nhận',
      en: 'Only the member’s workplace committee records this',
    });
  }
  assertDirectPath(introduction);
  const existing = await ports.yearEnd.getDirectCollection(input.memberId, input.year);
  if (existing) return existing;
  const evaluation = await ports.evaluations.get(introduction.residenceOrgId, input.year, input.memberId);
  if (evaluation?.status !== 'submitted') {
    throw new RuleViolationError('R20', {
      vi: 'cấp ủy nơi cư trú chưa gửi nhận xét năm nay nên chưa có sổ liên hệ để thu',
      en: 'the residence committee has not submitted this year’s evaluation yet',
    });
  }
  const now = ports.clock.now();
  if (input.collectedOn > localDate(now)) {
    throw new RuleViolationError('R20', {
      vi: 'ngày thu sổ chưa đến',
      en: 'the collection date is in the future',
    });
  }
  const collection: DirectCollection = {
    memberId: input.memberId,
    year: input.year,
    residenceOrgId: introduction.residenceOrgId,
    workplaceOrgId: introduction.workplaceOrgId,
    collectedOn: input.collectedOn,
    collectedBy: principal.sub,
    note: input.note || undefined,
    recordedAt: now.toISOString(),
  };
  if (!(await ports.yearEnd.recordDirectCollection(collection))) {
    const raced = await ports.yearEnd.getDirectCollection(input.memberId, input.year);
    if (raced) return raced;
    throw new ConflictError(
      { vi: 'Chưa ghi nhận được việc thu sổ; hãy thử lại', en: 'The collection could not be recorded' },
      'conflict',
    );
  }
  return collection;
}
