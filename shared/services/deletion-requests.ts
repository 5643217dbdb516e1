// use case: a member's request that their data be deleted (Law 91/2025, Art. 14; docs/privacy.md "Deletion
// request") — asked from /dulieu, seen and completed by the heads of the member's residence committee once the
// keeping times allow, by the retention job's own anonymisation; the member is told.
import { localDate } from '../domain/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import { type DeletionRequest, deletionPossibility } from '../domain/privacy.js';
import type { Principal } from '../domain/roles.js';
import { type ChatMessenger, recipientOf } from '../ports/chat.js';
import type { DeletionRequestRepository } from '../ports/privacy.js';
import type { ChatLinkRepository } from '../ports/repositories.js';
import { anonymiseIfDue, type RetentionPorts } from './retention.js';

export interface DeletionPorts extends RetentionPorts {
  deletionRequests: DeletionRequestRepository;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject'>;
  messenger: ChatMessenger;
}

export type Possibility = ReturnType<typeof deletionPossibility>;

/** The member asks; one request per residence committee they were introduced to, made once (a retry adds nothing). */
export async function requestDeletion(
  principal: Principal,
  ports: Pick<DeletionPorts, 'deletionRequests' | 'introductions' | 'clock'>,
): Promise<{ created: boolean; possibility: Possibility }> {
  if (principal.role !== 'member')
    throw new ForbiddenError({
      vi: 'Chỉ đảng viên mới đề nghị xoá dữ liệu của chính mình',
      en: 'Only a member asks for their own data to be deleted',
    });
  const introductions = await ports.introductions.ofMember(principal.sub);
  const orgIds = [...new Set(introductions.map((i) => i.residenceOrgId))];
  if (orgIds.length === 0)
    throw new ValidationError({
      vi: 'Đồng chí chưa được giới thiệu về nơi cư trú nào',
      en: 'You have not been introduced to any place of residence',
    });
  const now = ports.clock.now();
  let created = false;
  for (const orgId of orgIds) {
    const request: DeletionRequest = {
      memberId: principal.sub,
      orgId,
      requestedAt: now.toISOString(),
      status: 'pending',
    };
    if (await ports.deletionRequests.create(request)) created = true;
  }
  return { created, possibility: deletionPossibility(introductions, localDate(now)) };
}

/** The chair and the secretary of the residence committee see and complete its members' requests. */
function mayHandle(principal: Principal, orgId: string): boolean {
  return principal.orgId === orgId && (principal.role === 'chair' || principal.role === 'secretary');
}

const NOT_HEAD = {
  vi: 'Chỉ bí thư, phó bí thư của cấp ủy nơi cư trú xử lý yêu cầu xoá dữ liệu',
  en: 'Only the residence committee heads handle deletion requests',
};

/** The committee's requests, each with when it can be completed. */
export async function deletionRequestsOf(
  principal: Principal,
  orgId: string,
  ports: Pick<DeletionPorts, 'deletionRequests' | 'introductions' | 'clock'>,
): Promise<{ request: DeletionRequest; possibility: Possibility }[]> {
  if (!mayHandle(principal, orgId)) throw new ForbiddenError(NOT_HEAD);
  const today = localDate(ports.clock.now());
  const requests = await ports.deletionRequests.ofCommittee(orgId);
  return Promise.all(
    requests.map(async (request) => ({
      request,
      possibility: deletionPossibility(await ports.introductions.ofMember(request.memberId), today),
    })),
  );
}

/**
 * Completes a request once the keeping times allow: the member is told in their chats, then anonymised exactly
 * as the retention job does (which also removes those chats). Before then a ConflictError says when and why; a
 * completed request answers `already_completed` and changes nothing.
 */
export async function completeDeletion(
  principal: Principal,
  orgId: string,
  memberId: string,
  ports: DeletionPorts,
): Promise<{ outcome: 'completed' | 'already_completed'; request: DeletionRequest }> {
  if (!mayHandle(principal, orgId)) throw new ForbiddenError(NOT_HEAD);
  const request = await ports.deletionRequests.get(orgId, memberId);
  if (!request) throw new NotFoundError('deletion_request');
  if (request.status === 'completed') return { outcome: 'already_completed', request };
  const now = ports.clock.now();
  const today = localDate(now);
  const possibility = deletionPossibility(await ports.introductions.ofMember(memberId), today);
  if (possibility.state === 'in_contact') {
    throw new ConflictError(
      {
        vi: 'Chưa thể xoá: đảng viên đang giữ mối liên hệ với nơi cư trú, hồ sơ còn cần cho việc sinh hoạt',
        en: 'The contact is in force',
      },
      'deletion_not_yet',
    );
  }
  if (possibility.state === 'keeping_time') {
    const [y, m, d] = possibility.from.split('-');
    throw new ConflictError(
      {
        vi: `Chưa thể xoá trước ngày ${d}/${m}/${y}: hồ sơ được lưu 2 năm sau khi kết thúc sinh hoạt để phục vụ báo cáo và giải quyết khiếu nại`,
        en: `Not before ${possibility.from}: records are kept two years after the contact ends`,
      },
      'deletion_not_yet',
      { possibleFrom: possibility.from },
    );
  }
  // Told first: anonymisation removes the member's chat accounts.
  for (const link of await ports.chatLinks.ofSubject({ kind: 'member', id: memberId })) {
    if (link.blocked) continue;
    await ports.messenger.send(recipientOf(link), { kind: 'deletion_completed' }).catch(() => undefined);
  }
  // Already anonymised by the daily job: nothing left to do but record the completion.
  await anonymiseIfDue(ports, memberId, today);
  await ports.deletionRequests.complete(orgId, memberId, now.toISOString(), principal.sub);
  return {
    outcome: 'completed',
    request: { ...request, status: 'completed', completedAt: now.toISOString(), completedBy: principal.sub },
  };
}
