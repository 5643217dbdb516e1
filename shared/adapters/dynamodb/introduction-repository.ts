// adapter: introductions, with the guard that keeps one active introduction per member (R1, R5, R7).
import { ConflictError } from '../../domain/errors.js';
import type { Introduction, IntroductionStatus } from '../../domain/introduction.js';
import type { Member } from '../../domain/member.js';
import type { TravelNotice } from '../../domain/travel-and-exemption.js';
import type { Page } from '../../ports/common.js';
import type {
  IntroducedMember,
  IntroductionIssue,
  IntroductionRepository,
  WriteOptions,
} from '../../ports/repositories.js';
import { keys } from './keys.js';
import {
  appendFact,
  factsCopied,
  memberFactsItem,
  memberItem,
  partyCardItem,
  travelNoticeItem,
} from './member-repository.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, toItem } from './store.js';

export function introductionItem(introduction: Introduction, memberName: string): Item {
  const indexes = keys.introductionIndexes({
    id: introduction.id,
    memberId: introduction.memberId,
    memberName,
    residenceOrgId: introduction.residenceOrgId,
    workplaceOrgId: introduction.workplaceOrgId,
    status: introduction.status,
    hamletId: introduction.receipt?.hamletId,
    issuedOn: introduction.issuedOn,
  });
  return toItem('Introduction', keys.introduction(introduction.id), introduction, indexes, { memberName });
}

function toIntroduced(item: Item): IntroducedMember {
  const { memberName, ...introduction } = readItem('Introduction', item);
  return { introduction, memberName };
}

export class DynamoIntroductionRepository implements IntroductionRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(introductionId: string): Promise<Introduction | undefined> {
    const item = await this.store.get(keys.introduction(introductionId));
    return item ? toIntroduced(item).introduction : undefined;
  }

  /**
   * The writes of one issue. `copied`: the member already has a facts item, so a travel notice given
   * with the introduction is appended to it (a new member's facts item is written with the notice in it).
   */
  private issueWrites(spec: IntroductionIssue, copied: ReadonlySet<string>) {
    const { introduction, memberName, travelNotice } = spec;
    const memberWrites = spec.newMember
      ? [
          this.store.newPut(memberItem(spec.newMember)),
          this.store.newPut(partyCardItem(spec.newMember)),
          this.store.newPut(
            memberFactsItem(spec.newMember.id, {
              exemptions: [],
              travelNotices: travelNotice ? [travelNotice] : [],
            }),
          ),
        ]
      : spec.updatedMember
        ? [
            {
              Put: {
                TableName: this.store.table,
                Item: memberItem(spec.updatedMember),
                // The member must still be the one the caller read (same party card).
                ConditionExpression: 'attribute_exists(pk) AND partyCardNumber = :card',
                ExpressionAttributeValues: { ':card': spec.updatedMember.partyCardNumber },
              },
            },
          ]
        : [];
    const guard = toItem('ActiveIntroduction', keys.activeIntroductionGuard(introduction.memberId), {
      introductionId: introduction.id,
    });
    return {
      guardIndex: memberWrites.length,
      writes: [
        ...memberWrites,
        this.store.newPut(guard),
        this.store.newPut(introductionItem(introduction, memberName)),
        ...(travelNotice ? [this.store.newPut(travelNoticeItem(travelNotice))] : []),
        ...(travelNotice && !spec.newMember && copied.has(introduction.memberId)
          ? [appendFact(this.store, introduction.memberId, 'travelNotices', travelNotice)]
          : []),
      ],
    };
  }

  /** The members of these issues whose travel notice goes into an existing facts item. */
  private async copiedFacts(specs: readonly IntroductionIssue[]): Promise<Set<string>> {
    const existing = specs.filter((s) => s.travelNotice && !s.newMember).map((s) => s.introduction.memberId);
    return factsCopied(this.store, existing);
  }

  async issue(
    introduction: Introduction,
    memberName: string,
    options: WriteOptions & { newMember?: Member; updatedMember?: Member; travelNotice?: TravelNotice } = {},
  ): Promise<void> {
    const spec = { introduction, memberName, ...options };
    const { writes, guardIndex } = this.issueWrites(spec, await this.copiedFacts([spec]));
    try {
      await this.store.transact(writes, options.events);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const failed = (error.details?.failedIndexes as number[] | undefined) ?? [];
      if (failed.some((i) => i < guardIndex))
        throw new ConflictError(
          {
            vi: 'Đã có đảng viên mang số thẻ đảng viên này',
            en: 'A member with this party card number exists',
          },
          'member_exists',
        );
      if (failed.includes(guardIndex)) {
        throw new ConflictError(
          {
            vi: 'Đảng viên này đang có giấy giới thiệu còn hiệu lực',
            en: 'This member already has an active introduction',
          },
          'active_introduction',
        );
      }
      throw new ConflictError(
        { vi: 'Giấy giới thiệu này đã có', en: 'This introduction exists already' },
        'introduction_exists',
      );
    }
  }

  async issueMany(batch: readonly IntroductionIssue[]): Promise<void> {
    // Events are placed after the writes of their own issue: the transaction cap (100) counts them all.
    const copied = await this.copiedFacts(batch);
    const items = batch.flatMap((spec) => [
      ...this.issueWrites(spec, copied).writes,
      ...this.store.outboxPuts(spec.events ?? []),
    ]);
    await this.store.transact(items);
  }

  async activeOfMembers(memberIds: readonly string[]): Promise<Map<string, Introduction>> {
    const guards = await this.store.batchGet(memberIds.map((id) => keys.activeIntroductionGuard(id)));
    const ids = guards.map((g) => g.introductionId).filter((id): id is string => typeof id === 'string');
    const introductions = (await this.store.batchGet(ids.map((id) => keys.introduction(id)))).map(
      (item) => toIntroduced(item).introduction,
    );
    return new Map(introductions.filter((i) => i.status !== 'ended').map((i) => [i.memberId, i]));
  }

  async save(
    introduction: Introduction,
    memberName: string,
    expectedVersion: number,
    options: WriteOptions = {},
  ): Promise<void> {
    const writes = [
      this.store.versionedPut(
        introductionItem(introduction, memberName) as Item & { version: number },
        expectedVersion,
      ),
    ];
    if (introduction.status === 'ended') {
      // R7: the contact ended; the member may be introduced again later (history stays on the introduction).
      writes.push(
        this.store.deleteOp(keys.activeIntroductionGuard(introduction.memberId), {
          expression: 'introductionId = :id',
          values: { ':id': introduction.id },
        }),
      );
    }
    await this.store.transact(writes, options.events);
  }

  async ofMember(memberId: string): Promise<Introduction[]> {
    return (await this.store.queryList(keys.memberIntroductionsQuery(memberId))).map(
      (i) => toIntroduced(i).introduction,
    );
  }

  async ofResidence(
    residenceOrgId: string,
    query: { status: IntroductionStatus; hamletId?: string; limit: number; cursor?: string },
  ): Promise<Page<IntroducedMember>> {
    const page = await this.store.queryPage(
      keys.residenceMembersQuery(residenceOrgId, query.status, query.hamletId),
      query.limit,
      query.cursor,
    );
    return { ...page, items: page.items.map(toIntroduced) };
  }

  async *streamOfResidence(
    residenceOrgId: string,
    status: IntroductionStatus,
  ): AsyncIterable<IntroducedMember> {
    for await (const item of this.store.queryAll(keys.residenceMembersQuery(residenceOrgId, status))) {
      yield toIntroduced(item);
    }
  }

  async ofWorkplace(
    workplaceOrgId: string,
    query: { status: IntroductionStatus; limit: number; cursor?: string },
  ): Promise<Page<IntroducedMember>> {
    const page = await this.store.queryPage(
      keys.workplaceMembersQuery(workplaceOrgId, query.status),
      query.limit,
      query.cursor,
    );
    return { ...page, items: page.items.map(toIntroduced) };
  }
}
