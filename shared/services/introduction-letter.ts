// use case: the introduction letter's content (R1, R6), per the residence committee's rule set, signed for the
// workplace's committee by its bí thư or phó bí thư; the PDF is drawn by the adapter.
import { isResidenceStaffOf, isWorkplaceStaffOf } from '../domain/access.js';
import { ruleSetOf } from '../domain/committee.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Introduction } from '../domain/introduction.js';
import { introductionLetter, type LetterContent, letterSigner } from '../domain/introduction-letter.js';
import type { Principal } from '../domain/roles.js';
import { type IntroductionPorts, loadIntroduction, loadMember } from './introductions.js';

/**
 * The introduction letter's content, per the residence committee's rule set. Seen by the introducing
 * workplace's staff, the receiving residence committee's staff, and the member.
 */
export async function introductionLetterOf(
  ports: Pick<IntroductionPorts, 'committees' | 'introductions' | 'members' | 'staff'>,
  actor: Principal,
  introductionId: string,
): Promise<{ introduction: Introduction; content: LetterContent }> {
  const introduction = await loadIntroduction(ports, introductionId);
  const allowed =
    isWorkplaceStaffOf(actor, introduction.workplaceOrgId) ||
    isResidenceStaffOf(actor, introduction.residenceOrgId) ||
    (actor.role === 'member' && actor.sub === introduction.memberId);
  if (!allowed)
    throw new ForbiddenError({
      vi: 'Đồng chí không được xem giấy giới thiệu này',
      en: 'This letter is not yours to see',
    });
  const [member, workplace, residence, workplaceStaff] = await Promise.all([
    loadMember(ports, introduction.memberId),
    ports.committees.get(introduction.workplaceOrgId),
    ports.committees.get(introduction.residenceOrgId),
    ports.staff.ofCommittee(introduction.workplaceOrgId),
  ]);
  if (!workplace) throw new NotFoundError('workplace_committee');
  if (!residence) throw new NotFoundError('residence_committee');
  const [parent, hamlet] = await Promise.all([
    workplace.parentId ? ports.committees.get(workplace.parentId) : undefined,
    introduction.receipt ? ports.committees.get(introduction.receipt.hamletId) : undefined,
  ]);
  const signer = letterSigner(workplaceStaff);
  if (!signer) {
    throw new ConflictError(
      {
        vi: 'Cấp ủy nơi công tác chưa có bí thư hoặc phó bí thư để ký giấy giới thiệu; quản trị viên giao chức vụ bằng /canbo',
        en: 'The workplace committee has no secretary or deputy secretary on record to sign the letter',
      },
      'no_letter_signer',
    );
  }
  const content = introductionLetter({
    ruleSet: ruleSetOf(residence),
    introduction,
    member,
    workplace,
    residence,
    workplaceParent: parent,
    hamlet,
    signer,
  });
  return { introduction, content };
}
