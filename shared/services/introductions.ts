// use cases: introduce a member (R1–R3, R6, R20), receive and assign a hamlet (R5), end the contact (R7),
// record travel notices (R3) and exemptions (R4), list a committee's members, and the letter's content.

import { isResidenceStaffOf, isWorkplaceStaffOf } from '../domain/access.js';
import { type Committee, isIntroducingCommittee, ruleSetOf } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { DomainEvent, EventType } from '../domain/events.js';
import {
  assertDatedWithinIntroduction,
  assertHamletOf,
  assertMayEnd,
  assertMayIntroduce,
  assertMayReceive,
  contactPathFor,
  type Introduction,
  type IntroductionStatus,
} from '../domain/introduction.js';
import { introductionLetter, type LetterContent, letterSigner } from '../domain/introduction-letter.js';
import type { Member } from '../domain/member.js';
import type { Principal } from '../domain/roles.js';
import {
  assertMayConfirmExemption,
  assertTravelPeriod,
  type Exemption,
  exemptCategoryIssue,
  type TravelNotice,
} from '../domain/travel-and-exemption.js';
import type { Clock, IdGenerator } from '../ports/common.js';
import type {
  CommitteeRepository,
  CounterRepository,
  IntroductionIssue,
  IntroductionRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import type {
  EndRequest,
  ExemptionRequest,
  IntroduceRequest,
  MemberListQuery,
  MemberListStatus,
  ReceiveRequest,
  TravelNoticeInput,
} from '../schemas/introductions.js';
import { documentCounterScope } from './document-numbers.js';

export interface IntroductionPorts {
  committees: Pick<CommitteeRepository, 'get'>;
  members: MemberRepository;
  introductions: IntroductionRepository;
  staff: Pick<StaffRepository, 'get' | 'ofCommittee'>;
  counters: CounterRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** Optimistic-locking retries: a lost race re-reads and decides again (usually finding its own change). */
const MAX_ATTEMPTS = 3;

function introductionEvent(
  type: Extract<EventType, 'IntroductionIssued' | 'IntroductionReceived' | 'IntroductionEnded'>,
  introduction: Introduction,
  occurredAt: Date,
  data: DomainEvent['data'] = {},
): DomainEvent {
  // Ids only: subscribers read names and reasons from the table.
  return {
    type,
    id: `${type}:${introduction.id}`,
    occurredAt: occurredAt.toISOString(),
    orgIds: [introduction.workplaceOrgId, introduction.residenceOrgId],
    data: { introductionId: introduction.id, memberId: introduction.memberId, ...data },
  };
}

/** Letter numbers ("Số 12-GGT") per workplace and year, reserved from the counter in blocks. */
export interface LetterNumbers {
  next(workplaceOrgId: string, year: number): Promise<string>;
}

export function letterNumbers(counters: CounterRepository, blockSize = 1): LetterNumbers {
  const blocks = new Map<string, { next: number; last: number }>();
  const reserving = new Map<string, Promise<void>>();
  return {
    async next(workplaceOrgId, year) {
      const scope = documentCounterScope('letter', workplaceOrgId, year);
      for (;;) {
        const block = blocks.get(scope);
        if (block && block.next <= block.last) return `${block.next++}-GGT`;
        let pending = reserving.get(scope);
        if (!pending) {
          pending = counters
            .next(scope, blockSize)
            .then((last) => void blocks.set(scope, { next: last - blockSize + 1, last }))
            .finally(() => reserving.delete(scope));
          reserving.set(scope, pending);
        }
        await pending;
      }
    },
  };
}

/** Read through the guard item (strongly consistent), not the member's index, which may lag a write. */
async function activeIntroduction(
  introductions: IntroductionRepository,
  memberId: string,
): Promise<Introduction | undefined> {
  return (await introductions.activeOfMembers([memberId])).get(memberId);
}

export interface IntroduceOutcome {
  /** `existing`: the same introduction was asked for again (a replay); nothing new was written. */
  outcome: 'created' | 'existing';
  introduction: Introduction;
  member: Member;
}

/** What an introduction request is checked against: the caller's right, the date, both committees. */
export interface IntroductionContext {
  workplaceOrgId: string;
  workplace: Committee;
  residence: Committee;
  issuedOn: string;
  now: Date;
}

export async function introductionContext(
  ports: Pick<IntroductionPorts, 'committees' | 'clock'>,
  actor: Principal,
  request: IntroduceRequest,
): Promise<IntroductionContext> {
  const workplaceOrgId = request.workplaceOrgId ?? actor.orgId;
  if (!isWorkplaceStaffOf(actor, workplaceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi công tác mới giới thiệu được đảng viên của đơn vị',
      en: 'Only the staff of the introducing workplace committee introduce its members',
    });
  }
  const now = ports.clock.now();
  const today = localDate(now);
  const issuedOn = request.issuedOn ?? today;
  if (issuedOn > today) {
    throw new ValidationError(
      { vi: 'Ngày giới thiệu chưa đến', en: 'The introduction date is in the future' },
      [{ code: 'custom', path: ['issuedOn'], message: 'ngày giới thiệu không được ở tương lai' }],
    );
  }
  const [workplace, residence] = await Promise.all([
    ports.committees.get(workplaceOrgId),
    ports.committees.get(request.residenceOrgId),
  ]);
  if (!workplace) throw new NotFoundError('workplace_committee');
  if (!residence) throw new NotFoundError('residence_committee');
  // A closed committee keeps its history but takes no new introductions, from either side (issue 14).
  if (workplace.closedAt !== undefined || residence.closedAt !== undefined) {
    throw new ConflictError(
      { vi: 'Đơn vị đã giải thể, không nhận giới thiệu mới', en: 'The committee is closed' },
      'closed',
    );
  }
  return { workplaceOrgId, workplace, residence, issuedOn, now };
}

export type IntroductionPlan =
  | { kind: 'existing'; introduction: Introduction; member: Member }
  | { kind: 'new'; issue: IntroductionIssue; introduction: Introduction; member: Member };

/**
 * Decides an introduction request given what is stored about the member: the same introduction in
 * force is a replay; another one in force is a 409; otherwise the rules (R1, R2, R3, R6) are checked
 * and the writes prepared (the member created, or brought up to date on a transfer, R7).
 */
export async function planIntroduction(
  ports: Pick<IntroductionPorts, 'ids'>,
  actor: Principal,
  ctx: IntroductionContext,
  request: IntroduceRequest,
  stored: { member?: Member; active?: Introduction },
  letterNumber: () => Promise<string>,
): Promise<IntroductionPlan> {
  const { member: existing, active } = stored;
  if (existing && active) {
    if (active.workplaceOrgId === ctx.workplaceOrgId && active.residenceOrgId === ctx.residence.id) {
      return { kind: 'existing', introduction: active, member: existing };
    }
    throw new ConflictError(
      {
        vi: 'đảng viên đang có giấy giới thiệu còn hiệu lực; hãy chấm dứt giấy đó trước',
        en: 'an introduction is in force: end it first',
      },
      'active_introduction',
    );
  }
  const member: Member = {
    ...existing,
    ...request.member,
    id: existing?.id ?? ports.ids.next('m'),
    workplaceOrgId: ctx.workplaceOrgId,
  };
  assertMayIntroduce(member, ctx.workplace, ctx.residence, ctx.issuedOn);
  if (request.travelNotice) assertTravelPeriod(request.travelNotice.from, request.travelNotice.until);
  const introduction: Introduction = {
    id: ports.ids.next('gt'),
    memberId: member.id,
    workplaceOrgId: ctx.workplaceOrgId,
    residenceOrgId: ctx.residence.id,
    status: 'issued',
    issuedOn: ctx.issuedOn,
    issuedBy: actor.sub,
    letterNumber: request.letterNumber ?? (await letterNumber()),
    contactPath: contactPathFor(member),
    ...(request.followerName ? { followerName: request.followerName } : {}),
    version: 1,
  };
  const travelNotice: TravelNotice | undefined = request.travelNotice && {
    id: ports.ids.next('tn'),
    memberId: member.id,
    ...request.travelNotice,
    recordedBy: actor.sub,
    recordedAt: ctx.now.toISOString(),
  };
  const issue: IntroductionIssue = {
    introduction,
    memberName: member.fullName,
    events: [
      introductionEvent('IntroductionIssued', introduction, ctx.now, {
        contactPath: introduction.contactPath,
      }),
    ],
    ...(existing ? { updatedMember: member } : { newMember: member }),
    ...(travelNotice ? { travelNotice } : {}),
  };
  return { kind: 'new', issue, introduction, member };
}

/** The first call reserves a number; later calls (retries of the same request) get the same one. */
function onceNumber(numbers: LetterNumbers, workplaceOrgId: string, issuedOn: string): () => Promise<string> {
  let reserved: Promise<string> | undefined;
  return () => {
    reserved ??= numbers.next(workplaceOrgId, Number(issuedOn.slice(0, 4)));
    return reserved;
  };
}

/**
 * R1: the workplace (or school, R6, or armed-forces unit, R20) introduces a member to the residence
 * committee of the place they live (R2), creating the member record if the party card is new. Asking
 * again for the same member and residence while that introduction is in force returns it unchanged;
 * any other introduction of a member whose contact has not ended is a 409.
 */
export async function introduceMember(
  ports: IntroductionPorts,
  actor: Principal,
  request: IntroduceRequest,
  options: { letterNumbers?: LetterNumbers } = {},
): Promise<IntroduceOutcome> {
  const ctx = await introductionContext(ports, actor, request);
  const letterNumber = onceNumber(
    options.letterNumbers ?? letterNumbers(ports.counters),
    ctx.workplaceOrgId,
    ctx.issuedOn,
  );
  for (let attempt = 1; ; attempt++) {
    const member = await ports.members.byPartyCard(request.member.partyCardNumber);
    const active = member ? await activeIntroduction(ports.introductions, member.id) : undefined;
    const plan = await planIntroduction(ports, actor, ctx, request, { member, active }, letterNumber);
    if (plan.kind === 'existing') {
      return { outcome: 'existing', introduction: plan.introduction, member: plan.member };
    }
    const { introduction: issued, memberName, ...writes } = plan.issue;
    try {
      await ports.introductions.issue(issued, memberName, writes);
      return { outcome: 'created', introduction: plan.introduction, member: plan.member };
    } catch (error) {
      // A concurrent identical request may have won the race: look again, and answer as a replay if so.
      const raced =
        error instanceof ConflictError && ['member_exists', 'active_introduction'].includes(error.code);
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function loadIntroduction(ports: Pick<IntroductionPorts, 'introductions'>, id: string) {
  const introduction = await ports.introductions.get(id);
  if (!introduction) throw new NotFoundError('introduction');
  return introduction;
}

async function memberNameOf(ports: Pick<IntroductionPorts, 'members'>, memberId: string): Promise<string> {
  const member = await ports.members.get(memberId);
  if (!member) throw new NotFoundError('member');
  return member.fullName;
}

function isStaleVersion(error: unknown): boolean {
  return error instanceof ConflictError && error.code === 'conflict';
}

export interface ChangeOutcome {
  /** `unchanged`: the same change was asked for again; `reassigned`: the hamlet changed after receipt. */
  outcome: 'received' | 'reassigned' | 'ended' | 'unchanged';
  introduction: Introduction;
}

/**
 * R5: the residence committee records its receipt (page 2 of the contact book) and assigns the member
 * to one of its hamlets. Receiving again with the same hamlet changes nothing; another hamlet moves
 * the member and keeps the original receipt.
 */
export async function receiveIntroduction(
  ports: IntroductionPorts,
  actor: Principal,
  introductionId: string,
  request: ReceiveRequest,
): Promise<ChangeOutcome> {
  for (let attempt = 1; ; attempt++) {
    const introduction = await loadIntroduction(ports, introductionId);
    if (!isResidenceStaffOf(actor, introduction.residenceOrgId)) {
      throw new ForbiddenError({
        vi: 'Chỉ cán bộ cấp ủy nơi cư trú được giới thiệu đến mới tiếp nhận được',
        en: 'Only the staff of the receiving residence committee receive an introduction',
      });
    }
    assertMayReceive(introduction);
    assertHamletOf(await ports.committees.get(request.hamletId), introduction.residenceOrgId);
    const now = ports.clock.now();
    let next: Introduction;
    let events: DomainEvent[] = [];
    if (introduction.status === 'received' && introduction.receipt) {
      if (introduction.receipt.hamletId === request.hamletId) return { outcome: 'unchanged', introduction };
      next = {
        ...introduction,
        receipt: { ...introduction.receipt, hamletId: request.hamletId },
        version: introduction.version + 1,
      };
    } else {
      const today = localDate(now);
      const receivedOn = request.receivedOn ?? today;
      assertDatedWithinIntroduction('R5', introduction, receivedOn, today);
      const receivedByName = request.receivedByName ?? (await ports.staff.get(actor.sub))?.fullName;
      if (!receivedByName) {
        throw new ValidationError(
          {
            vi: 'Cần tên cán bộ tiếp nhận để ghi trang 2 của giấy giới thiệu',
            en: 'The receiving officer is needed for page 2',
          },
          [{ code: 'custom', path: ['receivedByName'], message: 'cần tên người tiếp nhận' }],
        );
      }
      next = {
        ...introduction,
        status: 'received',
        receipt: { receivedOn, receivedBy: actor.sub, receivedByName, hamletId: request.hamletId },
        version: introduction.version + 1,
      };
      events = [introductionEvent('IntroductionReceived', next, now, { hamletId: request.hamletId })];
    }
    try {
      await ports.introductions.save(next, await memberNameOf(ports, next.memberId), introduction.version, {
        events,
      });
      return { outcome: next.status === introduction.status ? 'reassigned' : 'received', introduction: next };
    } catch (error) {
      if (!isStaleVersion(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * R7: the workplace ends the contact (transfer, move, death, leaving the party) with the reason; the
 * residence committee is told through the IntroductionEnded event, and the history is kept. Ending
 * again with the same reason changes nothing.
 */
export async function endIntroduction(
  ports: IntroductionPorts,
  actor: Principal,
  introductionId: string,
  request: EndRequest,
): Promise<ChangeOutcome> {
  for (let attempt = 1; ; attempt++) {
    const introduction = await loadIntroduction(ports, introductionId);
    if (!isWorkplaceStaffOf(actor, introduction.workplaceOrgId)) {
      throw new ForbiddenError({
        vi: 'Chỉ cán bộ cấp ủy nơi công tác đã giới thiệu mới chấm dứt được việc giữ mối liên hệ',
        en: 'Only the staff of the introducing workplace committee end the contact',
      });
    }
    if (introduction.status === 'ended' && introduction.end?.reason === request.reason) {
      return { outcome: 'unchanged', introduction };
    }
    assertMayEnd(introduction);
    const now = ports.clock.now();
    const today = localDate(now);
    const endedOn = request.endedOn ?? today;
    assertDatedWithinIntroduction('R7', introduction, endedOn, today);
    const next: Introduction = {
      ...introduction,
      status: 'ended',
      end: {
        endedOn,
        reason: request.reason,
        ...(request.note ? { note: request.note } : {}),
        endedBy: actor.sub,
      },
      version: introduction.version + 1,
    };
    try {
      await ports.introductions.save(next, await memberNameOf(ports, next.memberId), introduction.version, {
        events: [introductionEvent('IntroductionEnded', next, now)],
      });
      return { outcome: 'ended', introduction: next };
    } catch (error) {
      if (!isStaleVersion(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function loadMember(ports: Pick<IntroductionPorts, 'members'>, memberId: string): Promise<Member> {
  const member = await ports.members.get(memberId);
  if (!member) throw new NotFoundError('member');
  return member;
}

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
    ...(input.until ? { until: input.until } : {}),
    ...(category ? { category } : {}),
    confirmedBy: actor.sub,
    confirmedAt: ports.clock.now().toISOString(),
  };
  await ports.members.addExemption(exemption);
  return { outcome: 'created', record: exemption };
}

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
  const page = { status, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  let result: Awaited<ReturnType<IntroductionRepository['ofResidence']>>;
  try {
    if (committee.kind === 'residence' && isResidenceStaffOf(actor, committee.id)) {
      result = await ports.introductions.ofResidence(committee.id, {
        ...page,
        ...(query.hamlet ? { hamletId: query.hamlet } : {}),
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
      ...(i.end ? { endedOn: i.end.endedOn } : {}),
    })),
    ...(result.cursor ? { cursor: result.cursor } : {}),
  };
}

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
    ...(parent ? { workplaceParent: parent } : {}),
    ...(hamlet ? { hamlet } : {}),
    signer,
  });
  return { introduction, content };
}

/** Committees looked up once per import instead of once per row. */
export function cachedCommittees(repo: Pick<CommitteeRepository, 'get'>): Pick<CommitteeRepository, 'get'> {
  const cache = new Map<string, Promise<Committee | undefined>>();
  return {
    get(orgId) {
      let found = cache.get(orgId);
      if (!found) {
        found = repo.get(orgId);
        cache.set(orgId, found);
      }
      return found;
    },
  };
}
