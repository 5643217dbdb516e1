// Test support: a small organisation tree (workplaces, a school, an armed-forces unit, two wards with
// hamlets) and staff, as the introduction routes need it; plus request bodies with Vietnamese names.
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Committee } from '../../shared/domain/committee.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { IntroduceRequest } from '../../shared/schemas/introductions.js';

export const ORG = {
  block: 'dang-bo-khoi',
  workplace: 'so-y-te',
  otherWorkplace: 'so-gtvt',
  school: 'dai-hoc-can-tho',
  army: 'su-doan-330',
  residence: 'phuong-an-hoa',
  otherResidence: 'phuong-xuan-khanh',
  hamlet1: 'kv-1',
  hamlet2: 'kv-2',
  otherHamlet: 'xk-1',
} as const;

export const COMMITTEES: Committee[] = [
  { id: ORG.block, kind: 'board', name: 'Đảng bộ Khối Cơ quan thành phố Cần Thơ' },
  {
    id: ORG.workplace,
    kind: 'workplace',
    name: 'Đảng ủy Sở Y tế',
    parentId: ORG.block,
    address: 'Số 71, đường Lý Tự Trọng, quận Ninh Kiều, Cần Thơ',
  },
  { id: ORG.otherWorkplace, kind: 'workplace', name: 'Chi bộ Sở Giao thông vận tải', address: 'Cần Thơ' },
  { id: ORG.school, kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ', address: 'Cần Thơ' },
  { id: ORG.army, kind: 'armed_forces_unit', name: 'Đảng ủy Sư đoàn 330', address: 'Cần Thơ' },
  { id: ORG.residence, kind: 'residence', name: 'Đảng ủy phường An Hòa', ruleSet: 'hd02-2011' },
  { id: ORG.otherResidence, kind: 'residence', name: 'Đảng ủy phường Xuân Khánh', ruleSet: 'qd213-2020' },
  { id: ORG.hamlet1, kind: 'hamlet_cell', name: 'Chi bộ khu vực 1', parentId: ORG.residence },
  { id: ORG.hamlet2, kind: 'hamlet_cell', name: 'Chi bộ khu vực 2', parentId: ORG.residence },
  {
    id: ORG.otherHamlet,
    kind: 'hamlet_cell',
    name: 'Chi bộ khu vực Xuân Khánh 1',
    parentId: ORG.otherResidence,
  },
];

/** Principals acting for the committees above. */
export const AS = {
  workplace: { sub: 'staff-work', orgId: ORG.workplace, role: 'workplace_staff' },
  otherWorkplace: { sub: 'staff-gtvt', orgId: ORG.otherWorkplace, role: 'workplace_staff' },
  school: { sub: 'staff-school', orgId: ORG.school, role: 'workplace_staff' },
  army: { sub: 'staff-army', orgId: ORG.army, role: 'workplace_staff' },
  residence: { sub: 'staff-res', orgId: ORG.residence, role: 'residence_staff' },
  chair: { sub: 'chair-res', orgId: ORG.residence, role: 'chair' },
  otherResidence: { sub: 'staff-xk', orgId: ORG.otherResidence, role: 'residence_staff' },
  viewer: { sub: 'viewer-1', orgId: ORG.residence, role: 'viewer' },
} as const satisfies Record<string, Principal>;

export async function seedWorld(repos: Repositories): Promise<void> {
  await Promise.all(COMMITTEES.map((c) => repos.committees.put(c)));
  await Promise.all([
    repos.staff.put({
      id: AS.workplace.sub,
      orgId: ORG.workplace,
      role: 'workplace_staff',
      fullName: 'Lê Văn Tâm',
    }),
    repos.staff.put({
      // The workplace committee's bí thư, who signs its introduction letters (not a meeting's secretary).
      id: 'secretary-work',
      orgId: ORG.workplace,
      role: 'workplace_staff',
      fullName: 'Phạm Thị Bích Ngọc',
      partyTitle: 'bi_thu',
    }),
    repos.staff.put({
      id: AS.residence.sub,
      orgId: ORG.residence,
      role: 'residence_staff',
      fullName: 'Trần Thị Thu',
    }),
    repos.staff.put({ id: AS.chair.sub, orgId: ORG.residence, role: 'chair', fullName: 'Võ Minh Đức' }),
  ]);
}

let card = 300_000_000;
/** A fresh party card number per call, so tests never collide on the unique index. */
export function nextPartyCard(): string {
  card += 1;
  return String(card);
}

export function introduceBody(
  overrides: Partial<Omit<IntroduceRequest, 'member'>> & {
    member?: Partial<IntroduceRequest['member']>;
  } = {},
): IntroduceRequest {
  const { member, ...rest } = overrides;
  return {
    residenceOrgId: ORG.residence,
    ...rest,
    member: {
      partyCardNumber: nextPartyCard(),
      fullName: 'Nguyễn Thị Hồng Nhung',
      dateOfBirth: '1985-03-12',
      sex: 'female',
      category: 'regular',
      residence: {
        kind: 'permanent',
        address: 'Số 12, khu vực 3, phường An Hòa',
        registeredFrom: '2010-05-01',
      },
      admittedOn: '2008-05-19',
      officialOn: '2009-05-19',
      partyCell: 'Chi bộ Phòng Nghiệp vụ Y',
      ...member,
    },
  };
}
