// adapter: members, their unique party card numbers, travel notices (R3) and exemptions (R4).
import { ConflictError } from '../../domain/errors.js';
import type { Member } from '../../domain/member.js';
import type { Exemption, TravelNotice } from '../../domain/travel-and-exemption.js';
import type { MemberRepository, MemberWithFacts, WriteOptions } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { type DynamoStore, fromItem, type Item, toItem } from './store.js';

export function memberItem(member: Member): Item {
  return toItem('Member', keys.member(member.id), member);
}

export function partyCardItem(member: Pick<Member, 'id' | 'partyCardNumber'>): Item {
  return toItem('PartyCard', keys.partyCard(member.partyCardNumber), { memberId: member.id });
}

export function travelNoticeItem(notice: TravelNotice): Item {
  return toItem('TravelNotice', keys.travelNotice(notice.memberId, notice.from, notice.id), notice);
}

export class DynamoMemberRepository implements MemberRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(memberId: string): Promise<Member | undefined> {
    const item = await this.store.get(keys.member(memberId));
    return item ? fromItem<Member>(item) : undefined;
  }

  async byPartyCard(partyCardNumber: string): Promise<Member | undefined> {
    const card = await this.store.get(keys.partyCard(partyCardNumber));
    return typeof card?.memberId === 'string' ? this.get(card.memberId) : undefined;
  }

  async byPartyCards(partyCardNumbers: readonly string[]): Promise<Map<string, Member>> {
    const cards = await this.store.batchGet(partyCardNumbers.map((n) => keys.partyCard(n)));
    const ids = cards.map((c) => c.memberId).filter((id): id is string => typeof id === 'string');
    const members = await this.store.batchGet(ids.map((id) => keys.member(id)));
    return new Map(members.map((item) => fromItem<Member>(item)).map((m) => [m.partyCardNumber, m]));
  }

  async create(member: Member, options: WriteOptions = {}): Promise<void> {
    try {
      await this.store.transact(
        [this.store.newPut(memberItem(member)), this.store.newPut(partyCardItem(member))],
        options.events,
      );
    } catch (error) {
      if (error instanceof ConflictError)
        throw new ConflictError('A member with this party card number exists', 'member_exists');
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
    await this.store.transact([this.store.newPut(travelNoticeItem(notice))], options.events);
  }

  async travelNotices(memberId: string): Promise<TravelNotice[]> {
    return (await this.store.queryList(keys.memberRecordsQuery(memberId, 'TRAVEL#'))).map((i) =>
      fromItem<TravelNotice>(i),
    );
  }

  async addExemption(exemption: Exemption, options: WriteOptions = {}): Promise<void> {
    const item = toItem(
      'Exemption',
      keys.exemption(exemption.memberId, exemption.from, exemption.id),
      exemption,
    );
    await this.store.transact([this.store.newPut(item)], options.events);
  }

  async exemptions(memberId: string): Promise<Exemption[]> {
    return (await this.store.queryList(keys.memberRecordsQuery(memberId, 'EXEMPT#'))).map((i) =>
      fromItem<Exemption>(i),
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
      if (sk === recordSk) out.member = fromItem<Member>(item);
      else if (sk.startsWith(exemptionPrefix)) out.exemptions.push(fromItem<Exemption>(item));
      else if (sk.startsWith(travelPrefix)) out.travelNotices.push(fromItem<TravelNotice>(item));
    }
    return out;
  }

  async getMany(memberIds: readonly string[]): Promise<Map<string, Member>> {
    const items = await this.store.batchGet([...new Set(memberIds)].map((id) => keys.member(id)));
    return new Map(items.map((item) => fromItem<Member>(item)).map((m) => [m.id, m]));
  }
}
