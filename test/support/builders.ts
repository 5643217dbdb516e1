// Test support: plain builders for domain records, with Vietnamese names and sensible defaults.
import type { Committee } from '../../shared/domain/committee.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';

export function aCommittee(overrides: Partial<Committee> & Pick<Committee, 'id' | 'kind'>): Committee {
  return { name: `Đảng ủy ${overrides.id}`, ...overrides };
}

export function aMember(overrides: Partial<Member> = {}): Member {
  const id = overrides.id ?? `m${Math.random().toString(36).slice(2, 10)}`;
  return {
    id,
    partyCardNumber: overrides.partyCardNumber ?? String(Math.floor(1e9 + Math.random() * 8e9)),
    fullName: 'Nguyễn Thị Hồng Nhung',
    dateOfBirth: '1985-03-12',
    sex: 'female',
    phone: '0912345678',
    category: 'regular',
    residence: {
      kind: 'permanent',
      address: 'Số 12, khu vực 3, phường An Hòa',
      registeredFrom: '2010-05-01',
    },
    workplaceOrgId: 'so-y-te',
    ...overrides,
  };
}

export function anIntroduction(
  overrides: Partial<Introduction> & Pick<Introduction, 'id' | 'memberId'>,
): Introduction {
  return {
    workplaceOrgId: 'so-y-te',
    residenceOrgId: 'phuong-an-hoa',
    status: 'issued',
    issuedOn: '2026-02-10',
    issuedBy: 'staff-work',
    letterNumber: '12-GGT',
    contactPath: 'standard',
    version: 1,
    ...overrides,
  };
}

export function aMeeting(overrides: Partial<Meeting> & Pick<Meeting, 'id'>): Meeting {
  return {
    residenceOrgId: 'phuong-an-hoa',
    year: 2026,
    round: 'june',
    date: '2026-06-20',
    time: '08:00',
    place: 'Hội trường phường An Hòa',
    chairStaffId: 'chair-1',
    chairName: 'Trần Văn Chủ',
    agenda: 'Thông báo tình hình địa phương',
    status: 'planned',
    plannedBy: 'staff-res',
    version: 1,
    ...overrides,
  };
}

export function anInvitation(
  overrides: Partial<Invitation> & Pick<Invitation, 'meetingId' | 'memberId'>,
): Invitation {
  return {
    residenceOrgId: 'phuong-an-hoa',
    memberName: 'Nguyễn Văn An',
    workplaceOrgId: 'so-y-te',
    hamletId: 'kv-1',
    meetingDate: '2026-06-20',
    delivery: 'pending',
    rsvp: 'none',
    attendance: 'unrecorded',
    version: 1,
    ...overrides,
  };
}

export function anEvent(
  type: DomainEvent['type'],
  id: string,
  orgIds: string[] = ['phuong-an-hoa'],
): DomainEvent {
  return { type, id, occurredAt: new Date().toISOString(), orgIds, data: {} };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
