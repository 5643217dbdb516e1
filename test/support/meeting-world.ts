// Test support: a ward for the meeting routes — its committees and staff, members introduced and received
// there (R5), meetings and invitations written straight through the repositories.
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal } from '../../shared/domain/roles.js';
import { aCommittee, aMeeting, anIntroduction, anInvitation } from './builders.js';

export const WARD = 'phuong-an-hoa';
export const WORKPLACE = 'so-y-te';
export const OTHER_WORKPLACE = 'truong-dh-can-tho';

export const STAFF = {
  chair: { sub: 'chair-1', orgId: WARD, role: 'chair' },
  secretary: { sub: 'sec-1', orgId: WARD, role: 'secretary' },
  residence: { sub: 'res-1', orgId: WARD, role: 'residence_staff' },
  viewer: { sub: 'view-1', orgId: WARD, role: 'viewer' },
  workplace: { sub: 'wp-1', orgId: WORKPLACE, role: 'workplace_staff' },
  otherWorkplace: { sub: 'wp-2', orgId: OTHER_WORKPLACE, role: 'workplace_staff' },
  otherWardChair: { sub: 'chair-9', orgId: 'phuong-cai-khe', role: 'chair' },
} as const satisfies Record<string, Principal>;

export const memberPrincipal = (memberId: string): Principal => ({
  sub: memberId,
  orgId: WORKPLACE,
  role: 'member',
});

/** The ward, its staff (chair, secretary, residence staff, a viewer) and two workplaces with staff. */
export async function seedWard(repos: Repositories): Promise<void> {
  await repos.committees.put(aCommittee({ id: WARD, kind: 'residence', name: 'Đảng ủy phường An Hòa' }));
  await repos.committees.put(aCommittee({ id: WORKPLACE, kind: 'workplace', name: 'Chi bộ Sở Y tế' }));
  await repos.committees.put(
    aCommittee({ id: OTHER_WORKPLACE, kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ' }),
  );
  await repos.staff.put({
    id: 'chair-1',
    orgId: WARD,
    role: 'chair',
    fullName: 'Trần Văn Chủ',
    standing: true,
  });
  await repos.staff.put({ id: 'sec-1', orgId: WARD, role: 'secretary', fullName: 'Lê Thị Thư' });
  await repos.staff.put({ id: 'res-1', orgId: WARD, role: 'residence_staff', fullName: 'Phạm Văn Cư' });
  await repos.staff.put({ id: 'view-1', orgId: WARD, role: 'viewer', fullName: 'Đỗ Văn Xem' });
  await repos.staff.put({
    id: 'wp-1',
    orgId: WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Huỳnh Thị Công',
    // The workplace committee's bí thư: signs its introduction letters (R6).
    partyTitle: 'bi_thu',
  });
  await repos.staff.put({
    id: 'wp-2',
    orgId: OTHER_WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Võ Văn Trường',
    partyTitle: 'pho_bi_thu',
  });
}

/** A member introduced to the ward and received there (R5), so they belong to its meetings. */
export async function seedReceivedMember(repos: Repositories, member: Member): Promise<Member> {
  await repos.members.create(member);
  const introduction = anIntroduction({
    id: `intro-${member.id}`,
    memberId: member.id,
    workplaceOrgId: member.workplaceOrgId,
    residenceOrgId: WARD,
    status: 'issued',
    version: 1,
  });
  await repos.introductions.issue(introduction, member.fullName);
  await repos.introductions.save(
    {
      ...introduction,
      status: 'received',
      receipt: {
        receivedOn: '2026-02-15',
        receivedBy: 'res-1',
        receivedByName: 'Phạm Văn Cư',
        hamletId: 'kv-3',
      },
      version: 2,
    },
    member.fullName,
    1,
  );
  return member;
}

export async function seedMeeting(repos: Repositories, overrides: Partial<Meeting> & Pick<Meeting, 'id'>) {
  const meeting = aMeeting({
    residenceOrgId: WARD,
    chairStaffId: 'chair-1',
    chairName: 'Trần Văn Chủ',
    ...overrides,
  });
  await repos.meetings.create(meeting);
  return meeting;
}

export async function seedInvitation(
  repos: Repositories,
  meeting: Meeting,
  member: Member,
  overrides: Partial<Invitation> = {},
): Promise<Invitation> {
  const invitation = anInvitation({
    meetingId: meeting.id,
    memberId: member.id,
    memberName: member.fullName,
    residenceOrgId: WARD,
    workplaceOrgId: member.workplaceOrgId,
    hamletId: 'kv-3',
    meetingDate: meeting.date,
    delivery: 'sent',
    ...overrides,
  });
  await repos.invitations.createOnce(invitation);
  return invitation;
}
