// use case: retention of one residence committee's personal data (docs/privacy.md) — absence reasons' free text
// removed after its keeping time, members whose contact ended long enough ago anonymised; counts, never names.
import { ruleSetOf } from '../domain/committee.js';
import { isBookInTerm } from '../domain/contact-book.js';
import { localDate } from '../domain/dates.js';
import { ConflictError } from '../domain/errors.js';
import type { Invitation } from '../domain/invitation.js';
import {
  ANONYMISED_NAME,
  anonymisedMember,
  isAbsenceTextExpired,
  isDueForAnonymisation,
  REMOVED_TEXT,
} from '../domain/privacy.js';
import { RULE_SETS } from '../domain/rule-set.js';
import type { Clock } from '../ports/common.js';
import type { PrivacyRepository } from '../ports/privacy.js';
import type {
  CommentRepository,
  CommitteeRepository,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
} from '../ports/repositories.js';

export interface RetentionPorts {
  meetings: Pick<MeetingRepository, 'ofCommittee'>;
  invitations: Pick<InvitationRepository, 'streamSheet' | 'ofMember' | 'save'>;
  introductions: Pick<IntroductionRepository, 'streamOfResidence' | 'ofMember'>;
  members: Pick<MemberRepository, 'get' | 'update'>;
  comments: Pick<CommentRepository, 'ofMember' | 'save'>;
  privacy: PrivacyRepository;
  /** qd213-2020: the contact book's term is the residence committee's rule set's. */
  committees: Pick<CommitteeRepository, 'get'>;
  clock: Clock;
}

/** What one committee's run changed; a rerun of the same day finds nothing left and counts zeros. */
export interface RetentionCounts {
  /** Absence reasons whose free text was removed (category and decision kept). */
  reasonTexts: number;
  /** Members anonymised. */
  members: number;
  /** Invitations, comments and introductions whose copied name was replaced by the neutral label. */
  renamed: number;
  /** Chat accounts unlinked from anonymised members. */
  chatLinks: number;
}

/**
 * Retention for one residence committee as of `at`. Each write is guarded by the record's version, so a
 * concurrent staff change makes it fail (ConflictError) and the job retries the committee; everything already
 * done is skipped by what it left behind (no text, the label, `anonymisedAt`), so the retry and any rerun
 * resume where the last one stopped.
 */
export async function applyRetention(
  ports: RetentionPorts,
  residenceOrgId: string,
  at: Date,
): Promise<RetentionCounts> {
  const today = localDate(at);
  const counts: RetentionCounts = { reasonTexts: 0, members: 0, renamed: 0, chatLinks: 0 };
  counts.reasonTexts = await removeExpiredReasonTexts(ports, residenceOrgId, today);
  // Anonymising renames the introduction, which moves it within the collated list being streamed: met again
  // further on, it is anonymised already and skipped.
  const termYears =
    RULE_SETS[ruleSetOf((await ports.committees.get(residenceOrgId)) ?? {})].contactBookTermYears;
  for await (const { introduction } of ports.introductions.streamOfResidence(residenceOrgId, 'ended')) {
    // qd213-2020: nothing of a contact book still in its five-year term is removed (the letters and the yearly
    // comments it holds); the member is anonymised once every term of theirs has run out.
    if (termYears !== undefined && (await bookInTerm(ports, introduction.memberId, today))) continue;
    const done = await anonymiseIfDue(ports, introduction.memberId, today);
    if (!done) continue;
    counts.members += 1;
    counts.renamed += done.renamed;
    counts.chatLinks += done.chatLinks;
  }
  return counts;
}

/** Whether any of the member's introductions opens a contact book term (its committee's rule set) still running. */
async function bookInTerm(ports: RetentionPorts, memberId: string, today: string): Promise<boolean> {
  const introductions = await ports.introductions.ofMember(memberId);
  const residences = [...new Set(introductions.map((i) => i.residenceOrgId))];
  const terms = new Map<string, number | undefined>();
  for (const committee of await Promise.all(residences.map((id) => ports.committees.get(id)))) {
    if (committee) terms.set(committee.id, RULE_SETS[ruleSetOf(committee)].contactBookTermYears);
  }
  return isBookInTerm(introductions, (id) => terms.get(id), today);
}

/** R9's free text goes; the category, the submission time and the workplace's decision stay (R10, R11 use them). */
async function removeExpiredReasonTexts(
  ports: RetentionPorts,
  orgId: string,
  today: string,
): Promise<number> {
  let removed = 0;
  for (const meeting of await ports.meetings.ofCommittee(orgId)) {
    if (!isAbsenceTextExpired(meeting.year, today)) continue;
    // The sheets of past years would otherwise be read again every day, for good.
    if (await ports.privacy.reasonTextsRemoved(meeting.id)) continue;
    let ofMeeting = 0;
    for await (const invitation of ports.invitations.streamSheet(meeting.id)) {
      if (invitation.absence?.text === undefined) continue;
      const { text: _text, ...absence } = invitation.absence;
      await ports.invitations.save(
        { ...invitation, absence, version: invitation.version + 1 },
        invitation.version,
      );
      ofMeeting += 1;
    }
    // Written last: a run stopped before it reads the sheet again and finds only what is left.
    await ports.privacy.markReasonTextsRemoved(meeting.id, ofMeeting, ports.clock.now().toISOString());
    removed += ofMeeting;
  }
  return removed;
}

/**
 * Anonymises a member whose last contact ended long enough ago. The member's `anonymisedAt` is written last:
 * a run stopped halfway leaves the member not marked, and the next one redoes the (idempotent) steps.
 */
export async function anonymiseIfDue(
  ports: RetentionPorts,
  memberId: string,
  today: string,
): Promise<{ renamed: number; chatLinks: number } | undefined> {
  const member = await ports.members.get(memberId);
  // Checked before the introductions are read: ended members pile up, and each is looked at every day.
  if (!member || member.anonymisedAt) return undefined;
  const introductions = await ports.introductions.ofMember(memberId);
  if (!isDueForAnonymisation(member, introductions, today)) return undefined;
  let renamed = 0;
  const chatLinks = await ports.privacy.removeChatLinks({ kind: 'member', id: memberId });
  for (const invitation of await ports.invitations.ofMember(memberId)) {
    if (invitation.memberName === ANONYMISED_NAME) continue;
    const labelled: Invitation = {
      ...invitation,
      memberName: ANONYMISED_NAME,
      version: invitation.version + 1,
    };
    await ports.invitations.save(labelled, invitation.version);
    renamed += 1;
  }
  // R3's and R4's reasons may name an illness or a family matter; the periods are what the year end counts.
  renamed += await ports.privacy.clearFactReasons(memberId, REMOVED_TEXT);
  for (const comment of await ports.comments.ofMember(memberId)) {
    if (comment.authorName === ANONYMISED_NAME) continue;
    await ports.comments.save({ ...comment, authorName: ANONYMISED_NAME });
    renamed += 1;
  }
  for (const introduction of introductions) {
    // The collated lists' index keys are built from the stored name: renaming moves them off the person.
    if (!(await ports.privacy.renameIntroduction(introduction, ANONYMISED_NAME))) {
      throw new ConflictError(
        {
          vi: 'Giấy giới thiệu vừa thay đổi trong khi dọn dữ liệu hết hạn lưu',
          en: 'an introduction changed during retention',
        },
        'conflict',
      );
    }
    renamed += 1;
  }
  await ports.members.update(anonymisedMember(member, ports.clock.now().toISOString()));
  return { renamed, chatLinks };
}
