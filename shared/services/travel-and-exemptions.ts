// use cases: the workplace's travel notices (R3) and exemptions (R4) for a member it introduced; the
// residence committees the member keeps in touch with are told of a travel notice.
import { isWorkplaceStaffOf } from '../domain/access.js';
import { ruleSetOf } from '../domain/committee.js';
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import type { Principal } from '../domain/roles.js';
import {
  assertMayConfirmExemption,
  assertTravelPeriod,
  type Exemption,
  exemptCategoryIssue,
  type TravelNotice,
} from '../domain/travel-and-exemption.js';
import type { ExemptionRequest, TravelNoticeInput } from '../schemas/introductions.js';
import { type IntroductionPorts, loadMember } from './introductions.js';

export interface RecordOutcome<T> {
  outcome: 'created' | 'existing';
  record: T;
}

/** R3: the workplace tells the residence committee why and how long the member is away. */
export async function recordTravelNotice(
  ports: IntroductionPorts,
  actor: Principal,
  memberId: string,
  input: TravelNoticeInput,
): Promise<RecordOutcome<TravelNotice>> {
  const member = await loadMember(ports, memberId);
  if (!isWorkplaceStaffOf(actor, member.workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'thông báo đi vắng do cấp ủy nơi công tác của đảng viên gửi',
      en: "the member's workplace committee gives the travel notice",
    });
  }
  assertTravelPeriod(input.from, input.until);
  // The same notice sent again (a retry) is found, not written twice.
  const same = (await ports.members.travelNotices(memberId)).find(
    (t) => t.from === input.from && t.until === input.until && t.reason === input.reason,
  );
  if (same) return { outcome: 'existing', record: same };
  const notice: TravelNotice = {
    id: ports.ids.next('tn'),
    memberId,
    ...input,
    recordedBy: actor.sub,
    recordedAt: ports.clock.now().toISOString(),
  };
  // R3: the residence committees the member keeps in touch with are told (ids only: the notifier reads the rest).
  const residences = (await ports.introductions.ofMember(memberId))
    .filter((i) => i.status === 'issued' || i.status === 'received')
    .map((i) => i.residenceOrgId);
  const events: DomainEvent[] = [...new Set(residences)].map((residenceOrgId) => ({
    type: 'TravelNoticeRecorded',
    id: `TravelNoticeRecorded:${notice.id}:${residenceOrgId}`,
    occurredAt: notice.recordedAt,
    orgIds: [member.workplaceOrgId, residenceOrgId],
    data: { memberId, travelNoticeId: notice.id, residenceOrgId, workplaceOrgId: member.workplaceOrgId },
  }));
  await ports.members.addTravelNotice(notice, { events });
  return { outcome: 'created', record: notice };
}

/** R4: an exemption from activities, confirmed by the member's workplace committee only. */
export async function recordExemption(
  ports: IntroductionPorts,
  actor: Principal,
  memberId: string,
  input: ExemptionRequest,
): Promise<RecordOutcome<Exemption>> {
  const member = await loadMember(ports, memberId);
  assertMayConfirmExemption(actor, member.workplaceOrgId);
  // R4 under qd213-2020: the exemption names one of 33-HD/BTCTW's cases, for the residence committees the member
  // keeps contact with (issued or received introductions); hd02-2011 asks for none.
  const residenceIds = new Set(
    (await ports.introductions.ofMember(memberId))
      .filter((i) => i.status === 'issued' || i.status === 'received')
      .map((i) => i.residenceOrgId),
  );
  const ruleSets = (await Promise.all([...residenceIds].map((id) => ports.committees.get(id))))
    .filter((c) => c !== undefined)
    .map((c) => ruleSetOf(c));
  const issue = exemptCategoryIssue(ruleSets, input.category);
  if (issue) {
    throw new ValidationError(
      { vi: 'Trường hợp miễn sinh hoạt không hợp lệ', en: 'The exemption case is not valid' },
      [{ path: ['category'], message: issue }],
    );
  }
  const category = ruleSets.some((r) => r === 'qd213-2020') ? input.category : undefined;
  const same = (await ports.members.exemptions(memberId)).find(
    (e) =>
      e.from === input.from &&
      e.until === input.until &&
      e.reason === input.reason &&
      e.category === category,
  );
  if (same) return { outcome: 'existing', record: same };
  const exemption: Exemption = {
    id: ports.ids.next('mx'),
    memberId,
    reason: input.reason,
    from: input.from,
    until: input.until || undefined,
    category,
    confirmedBy: actor.sub,
    confirmedAt: ports.clock.now().toISOString(),
  };
  await ports.members.addExemption(exemption);
  return { outcome: 'created', record: exemption };
}
