// adapter: R10 absence notices — one guard item per absent member per meeting, written with its event.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AbsenceNotice } from '../../domain/attendance.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Page } from '../../ports/common.js';
import type { AbsenceNoticeRepository, WriteOptions } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, toItem } from './store.js';

export class DynamoAbsenceNoticeRepository implements AbsenceNoticeRepository {
  constructor(private readonly store: DynamoStore) {}

  async raiseOnce(notice: AbsenceNotice, options: WriteOptions = {}): Promise<boolean> {
    const item = toItem(
      'AbsenceNotice',
      keys.absenceNotice(notice.meetingId, notice.memberId),
      notice,
      keys.absenceNoticeOfWorkplace(
        notice.workplaceOrgId,
        notice.meetingDate,
        notice.meetingId,
        notice.memberId,
      ),
    );
    try {
      await this.store.transact([this.store.newPut(item)], options.events);
      return true;
    } catch (error) {
      // The guard exists: an earlier run sent it. Anything else (a lost race on another item) is retried.
      if (error instanceof ConflictError && (await this.get(notice.meetingId, notice.memberId))) return false;
      throw error;
    }
  }

  async get(meetingId: string, memberId: string): Promise<AbsenceNotice | undefined> {
    const item = await this.store.get(keys.absenceNotice(meetingId, memberId));
    return item ? readItem('AbsenceNotice', item) : undefined;
  }

  async acknowledge(meetingId: string, memberId: string, by: string, at: string): Promise<AbsenceNotice> {
    try {
      const out = await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.absenceNotice(meetingId, memberId),
          // The first acknowledgement stands; leaving the sparse index takes it off the workplace's list.
          UpdateExpression:
            'SET acknowledgedAt = if_not_exists(acknowledgedAt, :at), acknowledgedBy = if_not_exists(acknowledgedBy, :by) REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at, ':by': by },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return readItem('AbsenceNotice', out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('absence_notice');
      throw error;
    }
  }

  async withdraw(meetingId: string, memberId: string, at: string): Promise<boolean> {
    try {
      await this.store.ctx.doc.send(
        new UpdateCommand({
          TableName: this.store.table,
          Key: keys.absenceNotice(meetingId, memberId),
          // Conditional, so a retried confirmation withdraws once; off the sparse index = off the to-do list.
          UpdateExpression: 'SET withdrawnAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async pendingOfWorkplace(
    workplaceOrgId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<AbsenceNotice>> {
    const page = await this.store.queryPage(
      keys.absenceNoticesOfWorkplaceQuery(workplaceOrgId),
      query.limit,
      query.cursor,
    );
    return { ...page, items: page.items.map((i) => readItem('AbsenceNotice', i)) };
  }
}
