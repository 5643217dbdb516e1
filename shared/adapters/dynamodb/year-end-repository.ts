// adapter: the member's year-end records — the self-report (R19) and the direct collection of the contact book (R20).

import { ConflictError } from '../../domain/errors.js';
import type { DirectCollection, SelfReport } from '../../domain/year-end.js';
import type { WriteOptions, YearEndRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, toItem } from './store.js';

export class DynamoYearEndRepository implements YearEndRepository {
  constructor(private readonly store: DynamoStore) {}

  async getSelfReport(memberId: string, year: number): Promise<SelfReport | undefined> {
    const item = await this.store.get(keys.selfReport(memberId, year));
    return item ? readItem('SelfReport', item) : undefined;
  }

  async saveSelfReport(
    report: SelfReport,
    expectedVersion: number,
    options: WriteOptions = {},
  ): Promise<void> {
    const item = toItem('SelfReport', keys.selfReport(report.memberId, report.year), report) as Item & {
      version: number;
    };
    await this.store.transact([this.store.versionedPut(item, expectedVersion)], options.events);
  }

  async getDirectCollection(memberId: string, year: number): Promise<DirectCollection | undefined> {
    const item = await this.store.get(keys.directCollection(memberId, year));
    return item ? readItem('DirectCollection', item) : undefined;
  }

  async recordDirectCollection(collection: DirectCollection, options: WriteOptions = {}): Promise<boolean> {
    const item = toItem(
      'DirectCollection',
      keys.directCollection(collection.memberId, collection.year),
      collection,
    );
    try {
      await this.store.transact([this.store.newPut(item)], options.events);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
