// use case: the member's digital contact book (sổ liên hệ), per year, for those allowed to see it.
import { maySeeContactBook } from '../domain/access.js';
import type { Committee } from '../domain/committee.js';
import { ruleSetOf } from '../domain/committee.js';
import {
  type ContactBookTerm,
  type ContactBookYear,
  contactBookTerms,
  contactBookYears,
} from '../domain/contact-book.js';
import { localDate } from '../domain/dates.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Introduction } from '../domain/introduction.js';
import type { Member } from '../domain/member.js';
import type { Principal } from '../domain/roles.js';
import { RULE_SETS } from '../domain/rule-set.js';
import type { Clock } from '../ports/common.js';
import type {
  CommentRepository,
  CommitteeRepository,
  EvaluationRepository,
  IntroductionRepository,
  InvitationRepository,
  MemberRepository,
  YearEndRepository,
} from '../ports/repositories.js';

export interface ContactBookPorts {
  members: Pick<MemberRepository, 'get' | 'travelNotices' | 'exemptions'>;
  introductions: Pick<IntroductionRepository, 'ofMember'>;
  invitations: Pick<InvitationRepository, 'ofMember'>;
  comments: Pick<CommentRepository, 'ofMember'>;
  evaluations: Pick<EvaluationRepository, 'ofMember'>;
  committees: Pick<CommitteeRepository, 'get'>;
  yearEnd: Pick<YearEndRepository, 'getSelfReport' | 'getDirectCollection'>;
  clock: Clock;
}

export interface ContactBook {
  member: Member;
  /** Every introduction of the member, oldest first (history is kept, R7). */
  introductions: Introduction[];
  /** Names of the committees and hamlets the book mentions, by id. */
  committees: Record<string, Pick<Committee, 'id' | 'name' | 'kind'>>;
  years: ContactBookYear[];
  /** qd213-2020: the book's five-year terms, each with the yearly comment of each of its years. */
  terms: ContactBookTerm[];
}

/**
 * Visible to the member, their workplace's staff, and the staff of every residence committee the member
 * was introduced to (maySeeContactBook); anybody else gets 403.
 */
export async function contactBookOf(
  ports: ContactBookPorts,
  actor: Principal,
  memberId: string,
): Promise<ContactBook> {
  const member = await ports.members.get(memberId);
  if (!member) throw new NotFoundError('member');
  const introductions = await ports.introductions.ofMember(memberId);
  if (!maySeeContactBook(actor, member, introductions)) {
    throw new ForbiddenError({
      vi: 'Đồng chí không được xem sổ liên hệ của đảng viên này',
      en: "This member's contact book is not yours to see",
    });
  }
  const [travelNotices, exemptions, invitations, comments, evaluations] = await Promise.all([
    ports.members.travelNotices(memberId),
    ports.members.exemptions(memberId),
    ports.invitations.ofMember(memberId),
    ports.comments.ofMember(memberId),
    ports.evaluations.ofMember(memberId),
  ]);
  const orgIds = new Set<string>([member.workplaceOrgId]);
  for (const i of introductions) {
    orgIds.add(i.workplaceOrgId);
    orgIds.add(i.residenceOrgId);
    if (i.receipt) orgIds.add(i.receipt.hamletId);
  }
  const committees: ContactBook['committees'] = {};
  const termYears = new Map<string, number | undefined>();
  for (const c of await Promise.all([...orgIds].map((id) => ports.committees.get(id)))) {
    if (c) committees[c.id] = { id: c.id, name: c.name, kind: c.kind };
    if (c?.kind === 'residence') termYears.set(c.id, RULE_SETS[ruleSetOf(c)].contactBookTermYears);
  }
  const records = { introductions, travelNotices, exemptions, invitations, comments, evaluations };
  const now = ports.clock.now();
  // R19, R20: the year-end records are kept per year; read those of the years the book has pages for.
  const years = contactBookYears(records, now).map((y) => y.year);
  const [selfReports, directCollections] = await Promise.all([
    Promise.all(years.map((y) => ports.yearEnd.getSelfReport(memberId, y))),
    Promise.all(years.map((y) => ports.yearEnd.getDirectCollection(memberId, y))),
  ]);
  return {
    member,
    introductions,
    committees,
    years: contactBookYears(
      {
        ...records,
        selfReports: selfReports.filter((r) => r !== undefined),
        directCollections: directCollections.filter((c) => c !== undefined),
      },
      now,
    ),
    terms: contactBookTerms(introductions, evaluations, (id) => termYears.get(id), localDate(now)),
  };
}
