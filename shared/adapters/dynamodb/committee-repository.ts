// adapter: committees (the organisation tree) and staff role assignments.
import type { Committee, CommitteeKind } from '../../domain/committee.js';
import { ConflictError } from '../../domain/errors.js';
import type { AssignmentGrant, StaffAssignment, StaffPerson, StaffRole } from '../../domain/roles.js';
import type { AssignOutcome, CommitteeRepository, StaffRepository } from '../../ports/repositories.js';
import { keys } from './keys.js';
import { readItem } from './records.js';
import { type DynamoStore, type Item, type TxItem, toItem } from './store.js';

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
    return item ? readItem('Committee', item) : undefined;
  }

  async put(committee: Committee): Promise<void> {
    await this.store.put(committeeItem(committee));
  }

  async create(committees: readonly Committee[]): Promise<void> {
    // All or nothing: a ward and its hamlet cells appear together, and an id taken already fails the lot.
    await this.store.transact(committees.map((c) => this.store.newPut(committeeItem(c))));
  }

  async replace(committee: Committee): Promise<void> {
    await this.store.transact([
      {
        Put: {
          TableName: this.store.table,
          Item: committeeItem(committee),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ]);
  }

  async children(parentId: string): Promise<Committee[]> {
    return (await this.store.queryList(keys.committeeChildrenQuery(parentId))).map((i) =>
      readItem('Committee', i),
    );
  }

  async ofKind(kind: CommitteeKind): Promise<Committee[]> {
    return (await this.store.queryList(keys.committeesOfKindQuery(kind))).map((i) =>
      readItem('Committee', i),
    );
  }
}

interface StaffPartition {
  /** The `#META` item: a v2 person, or a v1 record that is both the person and their one assignment. */
  meta?: Item;
  /** Current and revoked v2 assignments. */
  assignments: (StaffAssignment & { revokedAt?: string })[];
}

const isLegacy = (meta: Item | undefined): meta is Item => meta !== undefined && meta.type === 'Staff';

function personOf(meta: Item): StaffPerson {
  const person: StaffPerson = isLegacy(meta) ? readItem('Staff', meta) : readItem('StaffPerson', meta);
  const { id, fullName, phone, email } = person;
  return { id, fullName, phone: phone || undefined, email: email || undefined };
}

export class DynamoStaffRepository implements StaffRepository {
  constructor(private readonly store: DynamoStore) {}

  /** One strongly consistent Query of the person's partition (person, assignments, chat copies). */
  private async partition(personId: string): Promise<StaffPartition> {
    const items = await this.store.queryList(keys.staffPartition(personId));
    const meta = items.find((i) => i.sk === '#META');
    const assignments = items
      .filter((i) => i.type === 'StaffAssignment')
      .map((i) => readItem('StaffAssignment', i));
    return { meta, assignments };
  }

  private static current(p: StaffPartition): StaffAssignment[] {
    if (isLegacy(p.meta)) return [readItem('Staff', p.meta)];
    return p.assignments.filter((a) => a.revokedAt === undefined).map(({ revokedAt: _revokedAt, ...a }) => a);
  }

  async get(staffId: string, orgId?: string): Promise<StaffAssignment | undefined> {
    // The common case (one v1 record, or a v2 person's #META) needs the partition only for v2 people.
    const meta = await this.store.get(keys.staff(staffId));
    if (!meta) return undefined;
    const current = isLegacy(meta)
      ? [readItem('Staff', meta)]
      : DynamoStaffRepository.current(await this.partition(staffId));
    return orgId === undefined ? current[0] : current.find((a) => a.orgId === orgId);
  }

  async put(staff: StaffAssignment): Promise<void> {
    await this.store.put(
      toItem('Staff', keys.staff(staff.id), staff, keys.staffOfCommittee(staff.orgId, staff.role, staff.id)),
    );
  }

  async ofCommittee(orgId: string): Promise<StaffAssignment[]> {
    // The committee's index holds v1 staff records (person and assignment in one) beside v2 assignments.
    return (await this.store.queryList(keys.staffOfCommitteeQuery(orgId))).map((i) => {
      if (isLegacy(i)) return readItem('Staff', i);
      const { revokedAt: _revokedAt, ...a } = readItem('StaffAssignment', i);
      return a;
    });
  }

  async assignmentsOf(personId: string): Promise<StaffAssignment[]> {
    return DynamoStaffRepository.current(await this.partition(personId));
  }

  async person(personId: string): Promise<StaffPerson | undefined> {
    const meta = await this.store.get(keys.staff(personId));
    return meta ? personOf(meta) : undefined;
  }

  private assignmentPut(person: StaffPerson, a: AssignmentGrant): Item {
    const assignment: StaffAssignment = {
      ...a,
      id: person.id,
      fullName: person.fullName,
      phone: person.phone || undefined,
    };
    return {
      ...toItem(
        'StaffAssignment',
        keys.staffAssignment(person.id, a.orgId, a.role),
        assignment,
        keys.staffOfCommittee(a.orgId, a.role, person.id),
      ),
      v: 2,
    };
  }

  private personItem(person: StaffPerson): Item {
    return toItem('StaffPerson', keys.staff(person.id), person); // v2: the registry's version of StaffPerson
  }

  async assign(person: StaffPerson, assignment: AssignmentGrant): Promise<AssignOutcome> {
    const p = await this.partition(person.id);
    const current = DynamoStaffRepository.current(p);
    if (current.some((a) => a.orgId === assignment.orgId && a.role === assignment.role)) return 'exists';
    // An existing person keeps the name and contacts on record; the new assignment copies them.
    const stored = p.meta ? personOf(p.meta) : undefined;
    const who: StaffPerson = stored
      ? { ...stored, ...(person.email && !stored.email ? { email: person.email } : {}) }
      : person;
    const writes: TxItem[] = [];
    if (isLegacy(p.meta)) {
      // v1 → v2: the old single assignment becomes an ASSIGN item next to the person, in the same transaction.
      const legacy = readItem('Staff', p.meta);
      writes.push({
        Put: {
          TableName: this.store.table,
          Item: this.personItem(who),
          ConditionExpression: '#type = :legacy',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':legacy': 'Staff' },
        },
      });
      const { id: _id, fullName: _n, phone: _p, ...rest } = legacy;
      writes.push(this.store.plainPut(this.assignmentPut(who, rest)));
    } else if (!p.meta) {
      writes.push(this.store.newPut(this.personItem(who)));
    } else if (who.email !== stored?.email) {
      writes.push(this.store.plainPut(this.personItem(who)));
    }
    // A revoked assignment of the same committee and role is granted again in place.
    writes.push({
      Put: {
        TableName: this.store.table,
        Item: this.assignmentPut(who, assignment),
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(revokedAt)',
      },
    });
    try {
      await this.store.transact(writes);
    } catch (error) {
      // A concurrent grant of the same assignment won: the caller's wish holds.
      if (error instanceof ConflictError) {
        const again = await this.assignmentsOf(person.id);
        if (again.some((a) => a.orgId === assignment.orgId && a.role === assignment.role)) return 'exists';
      }
      throw error;
    }
    return 'created';
  }

  async revoke(personId: string, orgId: string, role: StaffRole, at: string): Promise<boolean> {
    const p = await this.partition(personId);
    if (isLegacy(p.meta)) {
      const legacy = readItem('Staff', p.meta);
      if (legacy.orgId !== orgId || legacy.role !== role) return false;
      // v1 → v2 with the assignment kept as revoked history.
      const { id: _id, fullName: _n, phone: _p, ...rest } = legacy;
      const history = this.assignmentPut(personOf(p.meta), rest);
      delete history.gsi1pk;
      delete history.gsi1sk;
      await this.store.transact([
        {
          Put: {
            TableName: this.store.table,
            Item: this.personItem(personOf(p.meta)),
            ConditionExpression: '#type = :legacy',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':legacy': 'Staff' },
          },
        },
        this.store.plainPut({ ...history, revokedAt: at }),
      ]);
      return true;
    }
    if (!p.assignments.some((a) => a.orgId === orgId && a.role === role && a.revokedAt === undefined))
      return false;
    await this.store.transact([
      {
        Update: {
          TableName: this.store.table,
          Key: keys.staffAssignment(personId, orgId, role),
          UpdateExpression: 'SET revokedAt = :at REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        },
      },
    ]);
    return true;
  }
}
