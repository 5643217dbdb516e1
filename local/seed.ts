// Local runtime: the demo data of `npm start` — a district with its administrator, two wards with hamlets and an empty
// one, a workplace, a school, an armed-forces unit, their staff and ~30 members — written through the repositories;
// running it again writes nothing.
import type { Repositories } from '../shared/adapters/dynamodb/index.js';
import type { Committee } from '../shared/domain/committee.js';
import type { IsoDate } from '../shared/domain/dates.js';
import { addDays } from '../shared/domain/dates.js';
import { contactPathFor, type Introduction } from '../shared/domain/introduction.js';
import type { Member, MemberCategory, Sex } from '../shared/domain/member.js';
import type { StaffAssignment } from '../shared/domain/roles.js';
import type { Clock } from '../shared/ports/common.js';
import type { Channel, ChatSubject } from '../shared/ports/repositories.js';
import { forEachConcurrent } from '../shared/services/concurrency.js';
import { type LetterNumbers, letterNumbers } from '../shared/services/letter-numbers.js';

export const DEMO_DISTRICT = 'quan-ninh-kieu';
export const DEMO_WARD = 'phuong-an-hoa';
export const DEMO_WARD_213 = 'phuong-xuan-khanh';
export const DEMO_WORKPLACE = 'so-y-te';
/** An empty ward (no staff, no members) for trying the administrator's set-up on the chat page. */
export const DEMO_EMPTY_WARD = 'phuong-hung-loi';
export const DEMO_SCHOOL = 'dh-can-tho';
export const DEMO_ARMED_FORCES = 'bchqs-can-tho';

export const DEMO_COMMITTEES: readonly Committee[] = [
  { id: DEMO_DISTRICT, name: 'Quận ủy Ninh Kiều', kind: 'board', address: 'Ninh Kiều, Cần Thơ' },
  {
    id: DEMO_WARD,
    name: 'Đảng ủy phường An Hòa',
    kind: 'residence',
    parentId: DEMO_DISTRICT,
    ruleSet: 'hd02-2011',
    address: 'Phường An Hòa, quận Ninh Kiều, Cần Thơ',
    hamlets: [
      { id: 'an-hoa-kv1', name: 'Khu vực 1' },
      { id: 'an-hoa-kv2', name: 'Khu vực 2' },
      { id: 'an-hoa-kv3', name: 'Khu vực 3' },
    ],
  },
  { id: 'an-hoa-kv1', name: 'Chi bộ khu vực 1', kind: 'hamlet_cell', parentId: DEMO_WARD },
  { id: 'an-hoa-kv2', name: 'Chi bộ khu vực 2', kind: 'hamlet_cell', parentId: DEMO_WARD },
  { id: 'an-hoa-kv3', name: 'Chi bộ khu vực 3', kind: 'hamlet_cell', parentId: DEMO_WARD },
  {
    id: DEMO_WARD_213,
    name: 'Đảng ủy phường Xuân Khánh',
    kind: 'residence',
    parentId: DEMO_DISTRICT,
    ruleSet: 'qd213-2020',
    address: 'Phường Xuân Khánh, quận Ninh Kiều, Cần Thơ',
    hamlets: [
      { id: 'xuan-khanh-kv1', name: 'Khu vực 1' },
      { id: 'xuan-khanh-kv2', name: 'Khu vực 2' },
    ],
  },
  { id: 'xuan-khanh-kv1', name: 'Chi bộ khu vực 1', kind: 'hamlet_cell', parentId: DEMO_WARD_213 },
  { id: 'xuan-khanh-kv2', name: 'Chi bộ khu vực 2', kind: 'hamlet_cell', parentId: DEMO_WARD_213 },
  {
    id: DEMO_EMPTY_WARD,
    name: 'Đảng ủy phường Hưng Lợi',
    kind: 'residence',
    parentId: DEMO_DISTRICT,
    ruleSet: 'hd02-2011',
    address: 'Phường Hưng Lợi, quận Ninh Kiều, Cần Thơ',
    hamlets: [
      { id: 'hung-loi-kv1', name: 'Khu vực 1' },
      { id: 'hung-loi-kv2', name: 'Khu vực 2' },
    ],
  },
  { id: 'hung-loi-kv1', name: 'Khu vực 1', kind: 'hamlet_cell', parentId: DEMO_EMPTY_WARD },
  { id: 'hung-loi-kv2', name: 'Khu vực 2', kind: 'hamlet_cell', parentId: DEMO_EMPTY_WARD },
  {
    id: DEMO_WORKPLACE,
    name: 'Đảng bộ Sở Y tế thành phố Cần Thơ',
    kind: 'workplace',
    address: 'Số 71 Lý Tự Trọng, Ninh Kiều, Cần Thơ',
  },
  {
    id: DEMO_SCHOOL,
    name: 'Đảng bộ Trường Đại học Cần Thơ',
    kind: 'school',
    address: 'Khu II, đường 3/2, Ninh Kiều, Cần Thơ',
  },
  {
    id: DEMO_ARMED_FORCES,
    name: 'Đảng ủy Bộ Chỉ huy Quân sự thành phố Cần Thơ (Quân khu 9)',
    kind: 'armed_forces_unit',
  },
];

export interface DemoStaff extends StaffAssignment {
  telegramId: number;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    id: 'st-yte-ha',
    orgId: DEMO_WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Lê Thị Thu Hà',
    // The bí thư of Sở Y tế's party committee: signs its introduction letters.
    partyTitle: 'bi_thu',
    telegramId: 7100000001,
  },
  {
    id: 'st-dhct-tai',
    orgId: DEMO_SCHOOL,
    role: 'workplace_staff',
    fullName: 'Nguyễn Hữu Tài',
    partyTitle: 'pho_bi_thu',
    telegramId: 7100000002,
  },
  {
    id: 'st-qs-dung',
    orgId: DEMO_ARMED_FORCES,
    role: 'workplace_staff',
    fullName: 'Phạm Văn Dũng',
    partyTitle: 'bi_thu',
    telegramId: 7100000003,
  },
  {
    id: 'st-ah-mai',
    orgId: DEMO_WARD,
    role: 'residence_staff',
    fullName: 'Trần Thị Mai',
    telegramId: 7100000004,
  },
  {
    id: 'st-ah-binh',
    orgId: DEMO_WARD,
    role: 'chair',
    fullName: 'Nguyễn Văn Bình',
    standing: true,
    telegramId: 7100000005,
  },
  {
    id: 'st-ah-diep',
    orgId: DEMO_WARD,
    role: 'secretary',
    fullName: 'Lê Thị Ngọc Diệp',
    telegramId: 7100000006,
  },
  { id: 'st-nk-son', orgId: DEMO_DISTRICT, role: 'viewer', fullName: 'Võ Thanh Sơn', telegramId: 7100000007 },
  {
    id: 'st-xk-thanh',
    orgId: DEMO_WARD_213,
    role: 'residence_staff',
    fullName: 'Hoàng Thị Thanh',
    telegramId: 7100000008,
  },
  {
    id: 'st-xk-minh',
    orgId: DEMO_WARD_213,
    role: 'chair',
    fullName: 'Đinh Công Minh',
    standing: true,
    telegramId: 7100000009,
  },
  {
    id: 'st-xk-lua',
    orgId: DEMO_WARD_213,
    role: 'secretary',
    fullName: 'Mạc Thị Lụa',
    telegramId: 7100000010,
  },
  // Issue 14: the district's administrator (sets up committees and staff from the chat) and its board staff.
  {
    id: 'st-nk-quan',
    orgId: DEMO_DISTRICT,
    role: 'admin',
    fullName: 'Đặng Minh Quân',
    telegramId: 7100000011,
  },
  {
    id: 'st-nk-hoa',
    orgId: DEMO_DISTRICT,
    role: 'board_staff',
    fullName: 'Lâm Thị Hoa',
    telegramId: 7100000012,
  },
];

type IntroState = 'issued' | 'received' | 'ended';

export interface DemoMember {
  id: string;
  fullName: string;
  sex: Sex;
  category: MemberCategory;
  workplaceOrgId: string;
  residenceOrgId: string;
  /** Where the residence committee assigned them (received and ended introductions). */
  hamletId?: string;
  intro: IntroState;
  telegramId: number;
  /** False: the member has a link code to try `/start <code>` instead of a linked chat. */
  linked: boolean;
}

const m = (
  n: number,
  fullName: string,
  sex: Sex,
  category: MemberCategory,
  residenceOrgId: string,
  hamletId: string | undefined,
  intro: IntroState,
  linked = true,
): DemoMember => ({
  id: `dv-${String(n).padStart(2, '0')}`,
  fullName,
  sex,
  category,
  workplaceOrgId:
    category === 'student' ? DEMO_SCHOOL : category === 'armed_forces' ? DEMO_ARMED_FORCES : DEMO_WORKPLACE,
  residenceOrgId,
  hamletId: hamletId || undefined,
  intro,
  telegramId: 7200000000 + n,
  linked,
});

const W = DEMO_WARD;
const X = DEMO_WARD_213;
export const DEMO_MEMBERS: readonly DemoMember[] = [
  m(1, 'Nguyễn Văn An', 'male', 'regular', W, 'an-hoa-kv1', 'received'),
  m(2, 'Trần Thị Bích Ngọc', 'female', 'regular', W, 'an-hoa-kv1', 'received'),
  m(3, 'Lê Hoàng Phúc', 'male', 'regular', W, 'an-hoa-kv1', 'received'),
  m(4, 'Phạm Thị Thu Trang', 'female', 'regular', W, 'an-hoa-kv2', 'received'),
  m(5, 'Võ Minh Khoa', 'male', 'regular', W, 'an-hoa-kv2', 'received'),
  m(6, 'Huỳnh Thị Mỹ Linh', 'female', 'regular', W, 'an-hoa-kv2', 'received'),
  m(7, 'Đặng Quốc Bảo', 'male', 'regular', W, 'an-hoa-kv3', 'received'),
  m(8, 'Bùi Thị Hồng Nhung', 'female', 'regular', W, 'an-hoa-kv3', 'received'),
  m(9, 'Đỗ Thanh Tùng', 'male', 'regular', W, 'an-hoa-kv3', 'received'),
  m(10, 'Hồ Thị Kim Oanh', 'female', 'regular', W, 'an-hoa-kv1', 'received'),
  m(11, 'Ngô Văn Hải', 'male', 'regular', W, 'an-hoa-kv2', 'received'),
  m(12, 'Dương Thị Lan Anh', 'female', 'regular', W, 'an-hoa-kv3', 'received'),
  m(13, 'Châu Thị Ngọc Hân', 'female', 'regular', W, 'an-hoa-kv1', 'received', false),
  m(14, 'Lý Minh Tâm', 'male', 'regular', W, undefined, 'issued'),
  m(15, 'Trương Thị Diễm', 'female', 'regular', W, undefined, 'issued'),
  m(16, 'Phan Văn Lợi', 'male', 'regular', W, 'an-hoa-kv2', 'ended'),
  m(17, 'Nguyễn Thành Trung', 'male', 'travelling', W, 'an-hoa-kv1', 'received'),
  m(18, 'Lâm Văn Đức', 'male', 'travelling', W, 'an-hoa-kv2', 'received'),
  m(19, 'Tạ Thị Phương Thảo', 'female', 'travelling', W, 'an-hoa-kv3', 'received'),
  m(20, 'Nguyễn Thị Thanh Hương', 'female', 'student', W, 'an-hoa-kv2', 'received'),
  m(21, 'Trần Minh Nhật', 'male', 'student', W, 'an-hoa-kv3', 'received'),
  m(22, 'Lê Thị Cẩm Tú', 'female', 'student', W, 'an-hoa-kv1', 'received', false),
  m(23, 'Huỳnh Gia Huy', 'male', 'student', W, undefined, 'issued'),
  m(24, 'Phạm Quốc Thắng', 'male', 'student', W, 'an-hoa-kv2', 'received'),
  m(25, 'Trịnh Văn Hùng', 'male', 'armed_forces', W, 'an-hoa-kv1', 'received'),
  m(26, 'Mai Xuân Trường', 'male', 'armed_forces', W, 'an-hoa-kv3', 'received'),
  m(27, 'Kiều Thị Hoa', 'female', 'armed_forces', W, 'an-hoa-kv2', 'received'),
  m(28, 'Đoàn Văn Thịnh', 'male', 'regular', X, 'xuan-khanh-kv1', 'received'),
  m(29, 'Quách Thị Yến', 'female', 'regular', X, 'xuan-khanh-kv2', 'received'),
  m(30, 'Lưu Minh Quân', 'male', 'student', X, 'xuan-khanh-kv1', 'received'),
  m(31, 'Tôn Nữ Bảo Châu', 'female', 'armed_forces', X, 'xuan-khanh-kv2', 'received'),
];

const SEED_ACTOR = 'seed';
const LINK_CODE_VALIDITY_MS = 365 * 24 * 3600_000;
/** Fixed dates keep the seed the same whenever it runs. */
const ISSUED_FROM: IsoDate = '2026-01-12';

function demoPhone(n: number): string {
  return `09${String(10000000 + n * 7919).slice(-8)}`;
}

export function demoMemberRecord(d: DemoMember): Member {
  const n = Number(d.id.slice(3));
  const residenceName = d.residenceOrgId === DEMO_WARD ? 'phường An Hòa' : 'phường Xuân Khánh';
  const area = d.hamletId ? `khu vực ${d.hamletId.slice(-1)}` : 'khu vực 2';
  const student = d.category === 'student';
  return {
    id: d.id,
    partyCardNumber: String(79_000_100 + n),
    fullName: d.fullName,
    dateOfBirth: student
      ? `200${n % 4}-0${(n % 9) + 1}-1${n % 10}`
      : `19${70 + (n % 25)}-0${(n % 9) + 1}-2${n % 8}`,
    sex: d.sex,
    phone: demoPhone(n),
    category: d.category,
    residence: student
      ? {
          kind: 'temporary',
          address: `Phòng trọ số ${n}, hẻm 51 đường 3/2, ${area}, ${residenceName}`,
          registeredFrom: '2025-09-01',
          registeredUntil: '2029-08-31',
        }
      : {
          kind: 'permanent',
          address: `Số ${n * 3} đường Trần Hưng Đạo, ${area}, ${residenceName}`,
          registeredFrom: `20${String(5 + (n % 15)).padStart(2, '0')}-05-01`,
        },
    workplaceOrgId: d.workplaceOrgId,
    admittedOn: student ? '2023-05-19' : `20${String(5 + (n % 12)).padStart(2, '0')}-03-0${(n % 9) + 1}`,
    officialOn: student ? '2024-05-19' : `20${String(6 + (n % 12)).padStart(2, '0')}-03-0${(n % 9) + 1}`,
    partyCell: student
      ? 'Chi bộ sinh viên'
      : d.category === 'armed_forces'
        ? 'Chi bộ Ban Tham mưu'
        : 'Chi bộ Văn phòng Sở',
  };
}

function staffOfResidence(orgId: string): DemoStaff {
  const staff = DEMO_STAFF.find((s) => s.orgId === orgId && s.role === 'residence_staff');
  if (!staff) throw new Error(`No residence staff for ${orgId}`);
  return staff;
}

function workplaceStaffOf(orgId: string): DemoStaff {
  const staff = DEMO_STAFF.find((s) => s.orgId === orgId && s.role === 'workplace_staff');
  if (!staff) throw new Error(`No workplace staff for ${orgId}`);
  return staff;
}

function demoIntroduction(d: DemoMember, issuedOn: IsoDate, letterNumber: string): Introduction {
  const receiver = staffOfResidence(d.residenceOrgId);
  return {
    id: `gt-${d.id}`,
    memberId: d.id,
    workplaceOrgId: d.workplaceOrgId,
    residenceOrgId: d.residenceOrgId,
    status: d.intro === 'issued' ? 'issued' : 'received',
    issuedOn,
    issuedBy: workplaceStaffOf(d.workplaceOrgId).id,
    letterNumber,
    contactPath: contactPathFor(d),
    followerName: workplaceStaffOf(d.workplaceOrgId).fullName,
    ...(d.intro !== 'issued' && d.hamletId
      ? {
          receipt: {
            receivedOn: addDays(issuedOn, 10),
            receivedBy: receiver.id,
            receivedByName: receiver.fullName,
            hamletId: d.hamletId,
          },
        }
      : {}),
    version: 1,
  };
}

/**
 * The demo member who is on Zalo too (issue 15): linked on the local Zalo OA emulator as well as on Telegram,
 * Zalo last, so her invitation and notices reach her on Zalo (and on Telegram only if Zalo refuses them). The stack makes the emulator
 * know her as a follower of the OA (local/stack/emulators.ts).
 */
export const DEMO_ZALO_MEMBER = {
  memberId: 'dv-12',
  /** A Zalo user id as Zalo gives them: digits, unique per OA. */
  zaloUserId: '8800000000000000012',
} as const;

/**
 * The ward's secretary on Zalo too: she takes attendance and signs the minutes (only the chair and the secretary
 * sign, bot/features/minutes.ts), so the year can be walked on Zalo. Linked on both channels, her Telegram chat
 * keeps working as before.
 */
export const DEMO_ZALO_SECRETARY = {
  staffId: 'st-ah-diep',
  zaloUserId: '8810000000000000006',
} as const;

/** Every demo chat account on Zalo (each also has its Telegram one): who, and their Zalo user id on the OA. */
export const DEMO_ZALO_ACCOUNTS: readonly { subject: ChatSubject; zaloUserId: string }[] = [
  { subject: { kind: 'staff', id: DEMO_ZALO_SECRETARY.staffId }, zaloUserId: DEMO_ZALO_SECRETARY.zaloUserId },
  { subject: { kind: 'member', id: DEMO_ZALO_MEMBER.memberId }, zaloUserId: DEMO_ZALO_MEMBER.zaloUserId },
];

/** The code the Zalo account of a demo user was linked with (a code is single-use, one per channel). */
export function demoZaloLinkCode(subject: ChatSubject): string {
  return `${demoLinkCode(subject)}Z`;
}

/** The code a demo user without a linked chat types as `/start <code>` (valid a year from the first seed). */
export function demoLinkCode(subject: ChatSubject): string {
  return `DEMO${subject.id.replace(/[^a-z0-9]/gi, '').toUpperCase()}`;
}

export interface SeedResult {
  /** Demo records (committees, staff, members with their introduction, chat accounts) that were written now. */
  created: number;
  /** Those that were there already and left alone. */
  existing: number;
}

async function seedMember(
  repos: Repositories,
  numbers: LetterNumbers,
  d: DemoMember,
  n: number,
): Promise<boolean> {
  let wrote = false;
  let introduction = await repos.introductions.get(`gt-${d.id}`);
  if (!introduction) {
    // The member and their introduction are written in one transaction, as the workplace's introduction does.
    // The letter number comes from the workplace's counter, as the API's does, so the next letter the
    // workplace issues on the running stack continues the sequence instead of repeating a demo number.
    const issuedOn = addDays(ISSUED_FROM, n);
    const letterNumber = await numbers.next(d.workplaceOrgId, Number(issuedOn.slice(0, 4)));
    introduction = demoIntroduction(d, issuedOn, letterNumber);
    await repos.introductions.issue(introduction, d.fullName, { newMember: demoMemberRecord(d) });
    wrote = true;
  }
  if (d.intro === 'ended' && introduction.status !== 'ended') {
    // R7: the member moved away; the introduction ends and its history stays.
    const ended: Introduction = {
      ...introduction,
      status: 'ended',
      end: {
        endedOn: '2026-04-15',
        reason: 'moved',
        note: 'Chuyển nơi cư trú',
        endedBy: introduction.issuedBy,
      },
      version: introduction.version + 1,
    };
    await repos.introductions.save(ended, d.fullName, introduction.version);
    wrote = true;
  }
  if (d.category === 'travelling' && (await repos.members.travelNotices(d.id)).length === 0) {
    // R3: the workplace tells the ward why and how long the member is away.
    await repos.members.addTravelNotice({
      id: `ct-${d.id}`,
      memberId: d.id,
      reason: 'Công tác dài ngày tại các huyện vùng sâu',
      from: '2026-03-01',
      until: '2027-12-31',
      recordedBy: workplaceStaffOf(d.workplaceOrgId).id,
      recordedAt: '2026-02-25T08:00:00.000Z',
    });
    wrote = true;
  }
  return wrote;
}

interface DemoChat {
  subject: ChatSubject;
  /** Telegram by default; the Zalo user id on the emulator's OA for `zalo`. */
  channel?: Channel;
  userId: string;
  linked: boolean;
  /**
   * Linked a minute after the person's other chat: their notices come here first (the channel chosen last,
   * shared/domain/delivery.ts). The member on Zalo gets her letters on Zalo; the secretary keeps Telegram until
   * she writes on Zalo.
   */
  chosenLast?: boolean;
}

/** A linked demo user is linked the way the bot links anyone: a single-use code, used by their chat. */
async function seedChat(repos: Repositories, chat: DemoChat, now: Date): Promise<boolean> {
  const channel = chat.channel ?? 'telegram';
  const code = channel === 'zalo' ? demoZaloLinkCode(chat.subject) : demoLinkCode(chat.subject);
  const userId = chat.userId;
  if (await repos.chatLinks.byChat(channel, userId)) return false;
  let wrote = false;
  if (!(await repos.chatLinks.getLinkCode(code))) {
    await repos.chatLinks.createLinkCode({
      code,
      subject: chat.subject,
      createdBy: SEED_ACTOR,
      expiresAt: new Date(now.getTime() + LINK_CODE_VALIDITY_MS).toISOString(),
    });
    wrote = true;
  }
  if (chat.linked) {
    const outcome = await repos.chatLinks.useLinkCode(
      code,
      {
        channel,
        userId,
        chatId: userId,
        linkedAt: new Date(now.getTime() + (chat.chosenLast ? 60_000 : 0)).toISOString(),
      },
      now,
    );
    if (!outcome.ok) throw new Error(`Seeding the chat link of ${chat.subject.id} failed: ${outcome.reason}`);
    wrote = true;
  }
  return wrote;
}

/** Writes the demo data that is missing; every record is looked up first, so a second run writes nothing. */
export async function seedDemo(repos: Repositories, clock: Clock): Promise<SeedResult> {
  const now = clock.now();
  const result: SeedResult = { created: 0, existing: 0 };
  // DynamoDB Local answers several requests at once faster than one by one.
  const each = <T>(items: Iterable<T>, write: (item: T) => Promise<boolean>) =>
    forEachConcurrent(items, 8, async (item) => {
      if (await write(item)) result.created += 1;
      else result.existing += 1;
    });
  // Committees and staff first: the chat links check that their owner exists.
  await each(DEMO_COMMITTEES, async (committee) => {
    const existed = (await repos.committees.get(committee.id)) !== undefined;
    // Written again even when there: a committee kept in .data from before the committees-by-kind index
    // (which the scheduled jobs list) gets its index keys this way.
    await repos.committees.put(committee);
    return !existed;
  });
  await each(DEMO_STAFF, async ({ telegramId: _telegramId, ...staff }) => {
    if (await repos.staff.get(staff.id)) return false;
    await repos.staff.put(staff);
    return true;
  });
  const numbers = letterNumbers(repos.counters);
  await each(DEMO_MEMBERS.entries(), ([index, d]) => seedMember(repos, numbers, d, index + 1));
  const chats: DemoChat[] = [
    ...DEMO_STAFF.map((s) => ({
      subject: { kind: 'staff' as const, id: s.id },
      userId: String(s.telegramId),
      linked: true,
    })),
    ...DEMO_MEMBERS.map((d) => ({
      subject: { kind: 'member' as const, id: d.id },
      userId: String(d.telegramId),
      linked: d.linked,
    })),
    ...DEMO_ZALO_ACCOUNTS.map((a) => ({
      subject: a.subject,
      channel: 'zalo' as const,
      userId: a.zaloUserId,
      linked: true,
      chosenLast: a.subject.kind === 'member',
    })),
  ];
  await each(chats, (chat) => seedChat(repos, chat, now));
  return result;
}
