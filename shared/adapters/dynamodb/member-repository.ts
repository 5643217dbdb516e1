// adapter: members, their unique party card numbers, travel notices (R3) and exemptions (R4).
import { ConflictError } from '../../domain/errors.js';
import type { Member } from '../../domain/member.js';
import type { Exemption, TravelNotice } from '../../domain/travel-and-exemption.js';
import type { MemberRepository, MemberWithFacts, WriteOptions } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, type TxItem, toItem } from './store.js';

export function memberItem(member: Member): Item {
  return toItem('Member', keys.member(member.id), member);
}

export function partyCardItem(member: Pick<Member, 'id' | 'partyCardNumber'>): Item {
  return toItem('PartyCard', keys.partyCard(member.partyCardNumber), { memberId: member.id });
}

export function travelNoticeItem(notice: TravelNotice): Item {
  return toItem('TravelNotice', keys.travelNotice(notice.memberId, notice.from, notice.id), notice);
}

export function exemptionItem(exemption: Exemption): Item {
  return toItem('Exemption', keys.exemption(exemption.memberId, exemption.from, exemption.id), exemption);
}

/**
 * The member's facts (R3 travel notices, R4 exemptions) copied into one item, written empty with the
 * member and appended to in the same transaction as each fact, so the October report reads them for 50
 * members per BatchGetItem instead of one Query per member. The fact items stay the record of truth.
 */
export function memberFactsItem(
  memberId: string,
  facts: Pick<MemberWithFacts, 'exemptions' | 'travelNotices'> = { exemptions: [], travelNotices: [] },
): Item {
  return toItem('MemberFacts', keys.memberFacts(memberId), { memberId, ...facts });
}

/** Appends a fact to the member's facts item (which must exist), as one item of a transaction. */
export function appendFact(
  store: DynamoStore,
  memberId: string,
  list: 'exemptions' | 'travelNotices',
  fact: Exemption | TravelNotice,
): TxItem {
  return {
    Update: {
      TableName: store.table,
      Key: keys.memberFacts(memberId),
      UpdateExpression: 'SET #list = list_append(#list, :fact)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#list': list },
      ExpressionAttributeValues: { ':fact': [fact] },
    },
  };
}

/** Which of these members have a facts item (all but those stored before it existed). */
export async function factsCopied(store: DynamoStore, memberIds: readonly string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const items = await store.batchGet([...new Set(memberIds)].map((id) => keys.memberFacts(id)));
  return new Set(items.map((item) => String(item.memberId)));
}

/** Start date, then id: the order the fact items have in the partition (their sort keys). */
const byPeriod = (a: { from: string; id: string }, b: { from: string; id: string }) =>
  a.from === b.from ? a.id.localeCompare(b.id) : a.from.localeCompare(b.from);

/** Partition Queries at once for members stored without a facts item (old data only). */
const FALLBACK_CONCURRENCY = 16;

export class DynamoMemberRepository implements MemberRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(memberId: string): Promise<Member | undefined> {
    const item = await this.store.get(keys.member(memberId));
    return item ? readItem('Member', item) : undefined;
  }

  async byPartyCard(partyCardNumber: string): Promise<Member | undefined> {
    const card = await this.store.get(keys.partyCard(partyCardNumber));
    return typeof card?.memberId === 'string' ? this.get(card.memberId) : undefined;
  }

  async byPartyCards(partyCardNumbers: readonly string[]): Promise<Map<string, Member>> {
    const cards = await this.store.batchGet(partyCardNumbers.map((n) => keys.partyCard(n)));
    const ids = cards.map((c) => c.memberId).filter((id): id is string => typeof id === 'string');
    const members = await this.store.batchGet(ids.map((id) => keys.member(id)));
    return new Map(members.map((item) => readItem('Member', item)).map((m) => [m.partyCardNumber, m]));
  }

  async create(member: Member, options: WriteOptions = {}): Promise<void> {
    try {
      await this.store.transact(
        [
          this.store.newPut(memberItem(member)),
          this.store.newPut(partyCardItem(member)),
          this.store.newPut(memberFactsItem(member.id)),
        ],
        options.events,
      );
    } catch (error) {
      if (error instanceof ConflictError)
        throw new ConflictError(
          {
            vi: 'Đã có đảng viên mang số thẻ đảng viên này',
            en: 'A member with this party card number exists',
          },
          'member_exists',
        );
      throw error;
    }
  }

  async update(member: Member, options: WriteOptions = {}): Promise<void> {
    await this.store.transact(
      [
        {
          Put: {
            TableName: this.store.table,
            Item: memberItem(member),
            ConditionExpression: 'attribute_exists(pk) AND partyCardNumber = :card',
            ExpressionAttributeValues: { ':card': member.partyCardNumber },
          },
        },
      ],
      options.events,
    );
  }

  async addTravelNotice(notice: TravelNotice, options: WriteOptions = {}): Promise<void> {
    await this.addFact(notice.memberId, travelNoticeItem(notice), 'travelNotices', notice, options);
  }

  async travelNotices(memberId: string): Promise<TravelNotice[]> {
    return (await this.store.queryList(keys.memberRecordsQuery(memberId, 'TRAVEL#'))).map((i) =>
      readItem('TravelNotice', i),
    );
  }

  async addExemption(exemption: Exemption, options: WriteOptions = {}): Promise<void> {
    await this.addFact(exemption.memberId, exemptionItem(exemption), 'exemptions', exemption, options);
  }

  /**
   * Writes the fact's own item and appends it to the member's facts item, in one transaction. A member
   * stored before the facts item existed has none: only the fact is written, and readers fall back to
   * the partition (`factsOfMany`). Creating the copy here from this one fact would hide the older ones.
   */
  private async addFact(
    memberId: string,
    item: Item,
    list: 'exemptions' | 'travelNotices',
    fact: Exemption | TravelNotice,
    options: WriteOptions,
  ): Promise<void> {
    const copied = await factsCopied(this.store, [memberId]);
    const writes = [this.store.newPut(item)];
    if (copied.has(memberId)) writes.push(appendFact(this.store, memberId, list, fact));
    await this.store.transact(writes, options.events);
  }

  async exemptions(memberId: string): Promise<Exemption[]> {
    return (await this.store.queryList(keys.memberRecordsQuery(memberId, 'EXEMPT#'))).map((i) =>
      readItem('Exemption', i),
    );
  }

  async profileWithFacts(memberId: string): Promise<MemberWithFacts> {
    const recordSk = keys.member(memberId).sk;
    const exemptionPrefix = keys.memberRecordsQuery(memberId, 'EXEMPT#').skPrefix;
    const travelPrefix = keys.memberRecordsQuery(memberId, 'TRAVEL#').skPrefix;
    const out: MemberWithFacts = { member: undefined, exemptions: [], travelNotices: [] };
    // Consistent, as get() is; the partition's other records (chat links, notices…) are few and skipped.
    for await (const item of this.store.queryAll({
      ...keys.memberPartitionQuery(memberId),
      consistent: true,
    })) {
      const sk = String(item.sk);
      if (sk === recordSk) out.member = readItem('Member', item);
      else if (sk.startsWith(exemptionPrefix)) out.exemptions.push(readItem('Exemption', item));
      else if (sk.startsWith(travelPrefix)) out.travelNotices.push(readItem('TravelNotice', item));
    }
    return out;
  }

  async factsOfMany(memberIds: readonly string[]): Promise<Map<string, MemberWithFacts>> {
    const ids = [...new Set(memberIds)];
    const items = await this.store.batchGet(ids.flatMap((id) => [keys.member(id), keys.memberFacts(id)]));
    const out = new Map<string, MemberWithFacts>(
      ids.map((id) => [id, { member: undefined, exemptions: [], travelNotices: [] }]),
    );
    const copied = new Set<string>();
    for (const item of items) {
      if (item.type === 'MemberFacts') {
        const facts = readItem('MemberFacts', item);
        const entry = out.get(facts.memberId);
        if (!entry) continue;
        entry.exemptions = [...facts.exemptions].sort(byPeriod);
        entry.travelNotices = [...facts.travelNotices].sort(byPeriod);
        copied.add(facts.memberId);
      } else {
        const member = readItem('Member', item);
        const entry = out.get(member.id);
        if (entry) entry.member = member;
      }
    }
    // Members stored before the facts item: their partition, as profileWithFacts reads it.
    const uncopied = ids.filter((id) => out.get(id)?.member !== undefined && !copied.has(id));
    for (let i = 0; i < uncopied.length; i += FALLBACK_CONCURRENCY) {
      const slice = uncopied.slice(i, i + FALLBACK_CONCURRENCY);
      for (const [id, facts] of await Promise.all(
        slice.map(async (id) => [id, await this.profileWithFacts(id)] as const),
      )) {
        out.set(id, facts);
      }
    }
    return out;
  }

  async getMany(memberIds: readonly string[]): Promise<Map<string, Member>> {
    const items = await this.store.batchGet([...new Set(memberIds)].map((id) => keys.member(id)));
    return new Map(items.map((item) => readItem('Member', item)).map((m) => [m.id, m]));
  }
}
