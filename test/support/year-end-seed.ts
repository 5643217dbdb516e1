// Test support (year end): writes committees, introduced members, meetings and their sheets straight through
// the repositories, so the year-end tests do not depend on the introduction and meeting use cases.
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Committee } from '../../shared/domain/committee.js';
import type { Evaluation, EvaluationForm } from '../../shared/domain/evaluation.js';
import type { Introduction, IntroductionStatus } from '../../shared/domain/introduction.js';
import type { Confirmation, Invitation } from '../../shared/domain/invitation.js';
import { meetingId, type Round } from '../../shared/domain/meeting.js';
import type { MemberCategory } from '../../shared/domain/member.js';
import type { Proposal } from '../../shared/domain/rule-set.js';
import { aCommittee, aMeeting, aMember, anIntroduction, anInvitation } from './builders.js';

export async function seedCommittees(repos: Repositories, committees: Committee[]): Promise<void> {
  for (const c of committees) await repos.committees.put(c);
}

export interface SeedMember {
  id: string;
  name: string;
  category: MemberCategory;
  workplaceOrgId: string;
  residenceOrgId: string;
  status: IntroductionStatus;
  hamletId?: string;
  issuedOn?: string;
  endedOn?: string;
}

let cardCounter = 100_000_000;

export async function seedMember(repos: Repositories, s: SeedMember): Promise<Introduction> {
  const member = aMember({
    id: s.id,
    partyCardNumber: String(cardCounter++),
    fullName: s.name,
    category: s.category,
    workplaceOrgId: s.workplaceOrgId,
  });
  const received = s.status !== 'issued' && s.hamletId !== undefined;
  const introduction = anIntroduction({
    id: `intro-${s.id}`,
    memberId: s.id,
    workplaceOrgId: s.workplaceOrgId,
    residenceOrgId: s.residenceOrgId,
    status: s.status,
    issuedOn: s.issuedOn ?? '2025-12-01',
    contactPath: s.category === 'armed_forces' ? 'direct' : 'standard',
    ...(received && s.hamletId
      ? {
          receipt: {
            receivedOn: s.issuedOn ?? '2025-12-05',
            receivedBy: 'staff-res',
            receivedByName: 'Lê Thị Tiếp Nhận',
            hamletId: s.hamletId,
          },
        }
      : {}),
    ...(s.status === 'ended'
      ? { end: { endedOn: s.endedOn ?? '2026-08-15', reason: 'moved' as const, endedBy: 'staff-work' } }
      : {}),
  });
  await repos.introductions.issue(introduction, s.name, { newMember: member });
  return introduction;
}

export async function seedMeeting(
  repos: Repositories,
  residenceOrgId: string,
  year: number,
  round: Round,
  date: string,
): Promise<string> {
  const id = meetingId(residenceOrgId, year, round);
  await repos.meetings.create(aMeeting({ id, residenceOrgId, year, round, date, status: 'held' }));
  return id;
}

/**
 * One member's state at one meeting, in a short code:
 * P present · C absent, reason confirmed · U absent, reason pending · R absent, reason rejected ·
 * N no reply, absent · A said "attending", then absent · PU reason pending but came · NP no reply
 * but came · AU said "attending", attendance never taken · NU no reply, attendance never taken.
 */
export type MeetingCode = 'P' | 'C' | 'U' | 'R' | 'N' | 'A' | 'PU' | 'NP' | 'AU' | 'NU';

export function invitationFor(
  code: MeetingCode,
  base: Pick<
    Invitation,
    'meetingId' | 'memberId' | 'residenceOrgId' | 'workplaceOrgId' | 'hamletId' | 'meetingDate' | 'memberName'
  >,
): Invitation {
  const reason = (confirmation: Confirmation) => ({
    rsvp: 'absent' as const,
    absence: { category: 'work' as const, submittedAt: '2026-06-01T01:00:00Z', confirmation },
  });
  const state: Partial<Invitation> = {
    P: { rsvp: 'attending' as const, attendance: 'present' as const },
    C: { ...reason('confirmed'), attendance: 'absent' as const },
    U: { ...reason('pending'), attendance: 'absent' as const },
    R: { ...reason('rejected'), attendance: 'absent' as const },
    N: { rsvp: 'none' as const, attendance: 'absent' as const },
    A: { rsvp: 'attending' as const, attendance: 'absent' as const },
    PU: { ...reason('pending'), attendance: 'present' as const },
    NP: { rsvp: 'none' as const, attendance: 'present' as const },
    AU: { rsvp: 'attending' as const, attendance: 'unrecorded' as const },
    NU: { rsvp: 'none' as const, attendance: 'unrecorded' as const },
  }[code];
  return anInvitation({ ...base, delivery: 'sent', ...state });
}

export async function seedInvitation(
  repos: Repositories,
  code: MeetingCode,
  meeting: { id: string; date: string },
  introduction: Introduction,
  memberName: string,
): Promise<void> {
  const created = await repos.invitations.createOnce(
    invitationFor(code, {
      meetingId: meeting.id,
      memberId: introduction.memberId,
      memberName,
      residenceOrgId: introduction.residenceOrgId,
      workplaceOrgId: introduction.workplaceOrgId,
      hamletId: introduction.receipt?.hamletId ?? '~',
      meetingDate: meeting.date,
    }),
  );
  if (!created) throw new Error(`invitation of ${introduction.memberId} exists already`);
}

export const GOOD = { mark: 'good' as const, comment: 'Chấp hành tốt' };
export const NOT_GOOD = { mark: 'not_good' as const, comment: 'Chưa thực hiện tốt' };

export function hd02Form(proposal: Proposal, notGood: ('d1' | 'd2' | 'd3' | 'd4')[] = []): EvaluationForm {
  const duty = (k: 'd1' | 'd2' | 'd3' | 'd4') => (notGood.includes(k) ? NOT_GOOD : GOOD);
  return {
    kind: 'hd02-4duties',
    duties: { d1: duty('d1'), d2: duty('d2'), d3: duty('d3'), d4: duty('d4') },
    proposal,
  };
}

export async function seedEvaluation(
  repos: Repositories,
  e: Pick<Evaluation, 'residenceOrgId' | 'memberId' | 'form' | 'status'> &
    Partial<Pick<Evaluation, 'flaggedR11' | 'proposalChangeReason' | 'ruleSet'>>,
  year = 2026,
): Promise<void> {
  await repos.evaluations.save(
    {
      year,
      ruleSet: e.ruleSet ?? 'hd02-2011',
      flaggedR11: e.flaggedR11 ?? false,
      version: 1,
      ...(e.status === 'submitted' ? { submittedBy: 'chair-1', submittedAt: '2026-10-28T03:00:00Z' } : {}),
      ...e,
    },
    0,
  );
}

export { aCommittee };
