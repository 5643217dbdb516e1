// use case: the members list of a committee — a residence committee's members by hamlet and name, a
// workplace's members it introduced — paged, Vietnamese-collated by the index keys.
import { isResidenceStaffOf, isWorkplaceStaffOf } from '../domain/access.js';
import { isIntroducingCommittee } from '../domain/committee.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Introduction, IntroductionStatus } from '../domain/introduction.js';
import type { Principal } from '../domain/roles.js';
import type { IntroductionRepository } from '../ports/repositories.js';
import type { MemberListQuery, MemberListStatus } from '../schemas/introductions.js';
import type { IntroductionPorts } from './introductions.js';

const STATUS_OF_LIST: Record<MemberListStatus, IntroductionStatus> = {
  pending: 'issued',
  active: 'received',
  ended: 'ended',
};
const LIST_OF_STATUS: Record<IntroductionStatus, MemberListStatus> = {
  issued: 'pending',
  received: 'active',
  ended: 'ended',
};

export interface CommitteeMemberRow {
  introductionId: string;
  memberId: string;
  fullName: string;
  status: MemberListStatus;
  hamletId?: string;
  workplaceOrgId: string;
  residenceOrgId: string;
  letterNumber: string;
  contactPath: Introduction['contactPath'];
  issuedOn: string;
  receivedOn?: string;
  endedOn?: string;
}

/**
 * The members of a committee, Vietnamese-collated by the index keys: a residence committee's staff see
 * the members introduced to it (by hamlet, then name); a workplace's staff see the members it introduced.
 */
export async function listCommitteeMembers(
  ports: Pick<IntroductionPorts, 'committees' | 'introductions'>,
  actor: Principal,
  committeeId: string,
  query: MemberListQuery,
): Promise<{ items: CommitteeMemberRow[]; cursor?: string }> {
  const committee = await ports.committees.get(committeeId);
  if (!committee) throw new NotFoundError('committee');
  const status = STATUS_OF_LIST[query.status];
  const page = { status, limit: query.limit, cursor: query.cursor || undefined };
  let result: Awaited<ReturnType<IntroductionRepository['ofResidence']>>;
  try {
    if (committee.kind === 'residence' && isResidenceStaffOf(actor, committee.id)) {
      result = await ports.introductions.ofResidence(committee.id, {
        ...page,
        hamletId: query.hamlet || undefined,
      });
    } else if (isIntroducingCommittee(committee) && isWorkplaceStaffOf(actor, committee.id)) {
      if (query.hamlet) {
        throw new ValidationError(
          {
            vi: 'Chỉ lọc theo ấp, khu vực với cấp ủy nơi cư trú',
            en: 'The hamlet filter applies to a residence committee',
          },
          [{ code: 'custom', path: ['hamlet'], message: 'chỉ lọc theo ấp ở cấp ủy nơi cư trú' }],
        );
      }
      result = await ports.introductions.ofWorkplace(committee.id, page);
    } else {
      throw new ForbiddenError({
        vi: 'Chỉ cán bộ của đơn vị mới xem được danh sách đảng viên của đơn vị',
        en: 'Only the staff of this committee list its members',
      });
    }
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'invalid_cursor') {
      throw new ValidationError(
        { vi: 'Con trỏ phân trang không hợp lệ', en: 'The paging cursor is not valid' },
        [{ code: 'custom', path: ['cursor'], message: 'con trỏ phân trang không hợp lệ' }],
      );
    }
    throw error;
  }
  return {
    items: result.items.map(({ introduction: i, memberName }) => ({
      introductionId: i.id,
      memberId: i.memberId,
      fullName: memberName,
      status: LIST_OF_STATUS[i.status],
      ...(i.receipt ? { hamletId: i.receipt.hamletId, receivedOn: i.receipt.receivedOn } : {}),
      workplaceOrgId: i.workplaceOrgId,
      residenceOrgId: i.residenceOrgId,
      letterNumber: i.letterNumber,
      contactPath: i.contactPath,
      issuedOn: i.issuedOn,
      endedOn: i.end?.endedOn,
    })),
    cursor: result.cursor || undefined,
  };
}
