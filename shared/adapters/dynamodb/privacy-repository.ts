// adapter: retention's own writes on the table — renaming an introduction's index keys, removing chat links.
import { ConflictError } from '../../domain/errors.js';
import type { Introduction } from '../../domain/introduction.js';
import type { PrivacyRepository } from '../../ports/privacy.js';
import type { ChatSubject } from '../../ports/repositories.js';
import { introductionItem } from './introduction-repository.js';
import { keys } from './keys.js';
import { exemptionItem, memberFactsItem, travelNoticeItem } from './member-repository.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, toItem } from './store.js';

export class DynamoPrivacyRepository implements PrivacyRepository {
  constructor(private readonly store: DynamoStore) {}

  async renameIntroduction(introduction: Introduction, memberName: string): Promise<boolean> {
    // Not IntroductionRepository.save: for an ended introduction that also deletes the active guard, which a
    // later introduction of the same member may hold. Same version: nothing the member or staff see changed.
    try {
      await this.store.transact([
        this.store.versionedPut(
          introductionItem(introduction, memberName) as Item & { version: number },
          introduction.version,
        ),
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async clearFactReasons(memberId: string, label: string): Promise<number> {
    const [travel, exempt] = await Promise.all([
      this.store.queryList(keys.memberRecordsQuery(memberId, 'TRAVEL#')),
      this.store.queryList(keys.memberRecordsQuery(memberId, 'EXEMPT#')),
    ]);
    const notices = travel.map((i) => readItem('TravelNotice', i));
    const exemptions = exempt.map((i) => readItem('Exemption', i));
    let changed = 0;
    for (const notice of notices.filter((n) => n.reason !== label)) {
      await this.store.put(travelNoticeItem({ ...notice, reason: label }));
      changed += 1;
    }
    for (const exemption of exemptions.filter((e) => e.reason !== label)) {
      await this.store.put(exemptionItem({ ...exemption, reason: label }));
      changed += 1;
    }
    // The copy the October report reads is rewritten from the items (the record of truth), when there is one.
    if (await this.store.get(keys.memberFacts(memberId))) {
      await this.store.put(
        memberFactsItem(memberId, {
          travelNotices: notices.map((n) => ({ ...n, reason: label })),
          exemptions: exemptions.map((e) => ({ ...e, reason: label })),
        }),
      );
    }
    return changed;
  }

  async reasonTextsRemoved(meetingId: string): Promise<boolean> {
    return (await this.store.get(keys.reasonTextsRemoved(meetingId), false)) !== undefined;
  }

  async markReasonTextsRemoved(meetingId: string, count: number, at: string): Promise<void> {
    await this.store.put(
      toItem('ReasonTextsRemoved', keys.reasonTextsRemoved(meetingId), { meetingId, count, at }),
    );
  }

  async removeChatLinks(subject: ChatSubject): Promise<number> {
    const links = (await this.store.queryList(keys.ownerChatsQuery(subject))).map((i) =>
      readItem('OwnerChat', i),
    );
    for (const link of links) {
      await this.store.transact([
        this.store.deleteOp(keys.ownerChat(subject, link.channel, link.userId)),
        {
          Delete: {
            TableName: this.store.table,
            Key: keys.chatLink(link.channel, link.userId),
            // A chat account linked to another person since is theirs now: only this subject's link goes.
            ConditionExpression: 'attribute_not_exists(pk) OR (#kind = :kind AND #id = :id)',
            ExpressionAttributeNames: { '#kind': 'kind', '#id': 'id' },
            ExpressionAttributeValues: { ':kind': subject.kind, ':id': subject.id },
          },
        },
      ]);
    }
    return links.length;
  }
}
