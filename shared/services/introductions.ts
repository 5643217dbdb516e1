// use cases: the introduction's life — introduce a member (R1–R3, R6, R20), receive and assign a hamlet (R5),
// end the contact (R7). Travel notices and exemptions, the members list, the letter's content and its number
// are their own modules (travel-and-exemptions.ts, committee-members.ts, introduction-letter.ts,
// letter-numbers.ts).

import { isResidenceStaffOf, isWorkplaceStaffOf } from '../domain/access.js';
import type { Committee } from '../domain/committee.js';
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
} from '../domain/introduction.js';
import type { Member } from '../domain/member.js';
import type { Principal } from '../domain/roles.js';
import { assertTravelPeriod, type TravelNotice } from '../domain/travel-and-exemption.js';
import type { Clock, IdGenerator } from '../ports/common.js';
import type {
  CommitteeRepository,
  CounterRepository,
  IntroductionIssue,
  IntroductionRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import type { EndRequest, IntroduceRequest, ReceiveRequest } from '../schemas/introductions.js';
import { type LetterNumbers, letterNumbers } from './letter-numbers.js';

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
    followerName: request.followerName || undefined,
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
    travelNotice,
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

export async function loadIntroduction(ports: Pick<IntroductionPorts, 'introductions'>, id: string) {
  const introduction = await ports.introductions.get(id);
  if (!introduction) throw new NotFoundError('introduction');
  return introduction;
}

async function memberNameOf(ports: Pick<IntroductionPorts, 'members'>, memberId: string): Promise<string> {
  return (await loadMember(ports, memberId)).fullName;
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
        note: request.note || undefined,
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

/** The member, or a 404 that names it. */
export async function loadMember(
  ports: Pick<IntroductionPorts, 'members'>,
  memberId: string,
): Promise<Member> {
  const member = await ports.members.get(memberId);
  if (!member) throw new NotFoundError('member');
  return member;
}
