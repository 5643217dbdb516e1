// use case: everything the system holds about one member, for the member themselves (Law 91/2025, the data
// subject's right to see their data; /dulieu) — read only, nothing about anyone else.
import type { Comment } from '../domain/comment.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { Introduction } from '../domain/introduction.js';
import type { Invitation } from '../domain/invitation.js';
import type { Member } from '../domain/member.js';
import type { Principal } from '../domain/roles.js';
import type { Exemption, TravelNotice } from '../domain/travel-and-exemption.js';
import type {
  Channel,
  ChatLinkRepository,
  CommentRepository,
  CommitteeRepository,
  EvaluationRepository,
  IntroductionRepository,
  InvitationRepository,
  LinkConsent,
  MemberRepository,
} from '../ports/repositories.js';

export interface PersonalDataPorts {
  members: Pick<MemberRepository, 'profileWithFacts'>;
  committees: Pick<CommitteeRepository, 'get'>;
  introductions: Pick<IntroductionRepository, 'ofMember'>;
  invitations: Pick<InvitationRepository, 'ofMember'>;
  comments: Pick<CommentRepository, 'ofMember'>;
  evaluations: Pick<EvaluationRepository, 'ofMember'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject'>;
}

/** An introduction with the names of the two committees (the member knows them by name, not by id). */
export interface HeldIntroduction {
  introduction: Introduction;
  workplaceName: string;
  residenceName: string;
}

export interface PersonalData {
  member: Member;
  travelNotices: TravelNotice[];
  exemptions: Exemption[];
  introductions: HeldIntroduction[];
  /** Oldest meeting first. */
  invitations: Invitation[];
  comments: Comment[];
  evaluations: Evaluation[];
  /** The chat accounts linked to the member: which app, since when, and the consent given at linking. */
  chatLinks: { channel: Channel; linkedAt: string; consent?: LinkConsent }[];
}

/** Only the member themselves: staff see members through their own views, with their own rules. */
export async function personalDataOf(ports: PersonalDataPorts, principal: Principal): Promise<PersonalData> {
  if (principal.role !== 'member')
    throw new ForbiddenError({
      vi: 'Chỉ đảng viên mới xem được dữ liệu của chính mình',
      en: 'Only a member may ask for their own data',
    });
  const memberId = principal.sub;
  const [profile, introductions, invitations, comments, evaluations, links] = await Promise.all([
    ports.members.profileWithFacts(memberId),
    ports.introductions.ofMember(memberId),
    ports.invitations.ofMember(memberId),
    ports.comments.ofMember(memberId),
    ports.evaluations.ofMember(memberId),
    ports.chatLinks.ofSubject({ kind: 'member', id: memberId }),
  ]);
  if (!profile.member) throw new NotFoundError('member');
  const orgIds = [...new Set(introductions.flatMap((i) => [i.workplaceOrgId, i.residenceOrgId]))];
  const names = new Map(
    await Promise.all(orgIds.map(async (id) => [id, (await ports.committees.get(id))?.name ?? ''] as const)),
  );
  return {
    member: profile.member,
    travelNotices: profile.travelNotices,
    exemptions: profile.exemptions,
    introductions: introductions.map((introduction) => ({
      introduction,
      workplaceName: names.get(introduction.workplaceOrgId) ?? '',
      residenceName: names.get(introduction.residenceOrgId) ?? '',
    })),
    invitations: [...invitations].sort((a, b) => (a.meetingDate < b.meetingDate ? -1 : 1)),
    comments,
    evaluations: [...evaluations].sort((a, b) => a.year - b.year),
    chatLinks: links.map((l) => ({
      channel: l.channel,
      linkedAt: l.linkedAt,
      consent: l.consent,
    })),
  };
}
