// adapter: committees (the organisation tree) and staff role assignments.
import type { Committee, CommitteeKind } from '../../domain/committee.js';
import type { StaffAssignment } from '../../domain/roles.js';
import type { CommitteeRepository, StaffRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { type DynamoStore, fromItem, type Item, toItem } from './store.js';

/** The stored shape of a committee (exported for bulk loaders such as the benchmark's). */
export function committeeItem(committee: Committee): Item {
  const indexes = {
    ...(committee.parentId ? keys.committeeChildren(committee.parentId, committee.kind, committee.id) : {}),
    ...keys.committeeOfKind(committee.kind, committee.id),
  };
  return toItem('Committee', keys.committee(committee.id), committee, indexes);
}

export class DynamoCommitteeRepository implements CommitteeRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(orgId: string): Promise<Committee | undefined> {
    const item = await this.store.get(keys.committee(orgId));
    return item ? fromItem<Committee>(item) : undefined;
  }

  async put(committee: Committee): Promise<void> {
    await this.store.put(committeeItem(committee));
  }

  async children(parentId: string): Promise<Committee[]> {
    return (await this.store.queryList(keys.committeeChildrenQuery(parentId))).map((i) =>
      fromItem<Committee>(i),
    );
  }

  async ofKind(kind: CommitteeKind): Promise<Committee[]> {
    return (await this.store.queryList(keys.committeesOfKindQuery(kind))).map((i) => fromItem<Committee>(i));
  }
}

export class DynamoStaffRepository implements StaffRepository {
  constructor(private readonly store: DynamoStore) {}

  async get(staffId: string): Promise<StaffAssignment | undefined> {
    const item = await this.store.get(keys.staff(staffId));
    return item ? fromItem<StaffAssignment>(item) : undefined;
  }

  async put(staff: StaffAssignment): Promise<void> {
    await this.store.put(
      toItem('Staff', keys.staff(staff.id), staff, keys.staffOfCommittee(staff.orgId, staff.role, staff.id)),
    );
  }

  async ofCommittee(orgId: string): Promise<StaffAssignment[]> {
    return (await this.store.queryList(keys.staffOfCommitteeQuery(orgId))).map((i) =>
      fromItem<StaffAssignment>(i),
    );
  }
}
