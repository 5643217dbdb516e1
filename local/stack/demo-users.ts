// Local runtime: the people the chat page offers and the API's sample tokens — each demo person's Telegram and Zalo
// accounts (linked or with their link code), the people added on the page with whoever they are linked to now,
// and one bearer token per role signed with the local secret.
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import { signToken } from '../../shared/adapters/tokens.js';
import type { Role } from '../../shared/domain/roles.js';
import type { ChatSubject } from '../../shared/ports/repositories.js';
import type { DemoUser } from '../control-protocol.js';
import { isZaloPerson, type NewPeople, type NewPerson } from '../new-people.js';
import {
  DEMO_COMMITTEES,
  DEMO_MEMBERS,
  DEMO_STAFF,
  DEMO_ZALO_ACCOUNTS,
  demoLinkCode,
  demoZaloLinkCode,
} from '../seed.js';
import { LOCAL_JWT_SECRET } from '../settings.js';

export interface SampleToken {
  role: Role;
  sub: string;
  orgId: string;
  name: string;
  token: string;
}

const ROLE_LABELS: Record<Role, string> = {
  member: 'Đảng viên',
  workplace_staff: 'Cán bộ cấp ủy nơi công tác',
  residence_staff: 'Cán bộ cấp ủy nơi cư trú',
  chair: 'Đồng chí chủ trì (thường trực)',
  secretary: 'Thư ký cuộc họp',
  viewer: 'Cấp trên — xem báo cáo',
  admin: 'Quản trị viên (ban tổ chức)',
  board_staff: 'Cán bộ ban tổ chức — báo cáo',
};
const CATEGORY_LABELS = {
  regular: '',
  travelling: ' — thường đi công tác xa',
  student: ' — sinh viên',
  armed_forces: ' — lực lượng vũ trang',
} as const;

const orgName = (orgId: string) => DEMO_COMMITTEES.find((c) => c.id === orgId)?.name ?? orgId;

/** The chat page's accounts: each demo person's Telegram account, then their Zalo one if they have one. */
export async function listDemoUsers(repos: Repositories, people: NewPeople): Promise<DemoUser[]> {
  const zaloOf = (subject: ChatSubject) =>
    DEMO_ZALO_ACCOUNTS.filter((a) => a.subject.kind === subject.kind && a.subject.id === subject.id);
  const accountsOf = async (
    subject: ChatSubject,
    telegramId: number,
    person: Omit<DemoUser, 'channel' | 'key' | 'linked' | 'linkCode'>,
  ): Promise<DemoUser[]> => {
    const linked = Boolean(await repos.chatLinks.byChat('telegram', String(telegramId)));
    const telegram: DemoUser = {
      channel: 'telegram',
      key: `telegram:${telegramId}`,
      telegramId,
      ...person,
      linked,
      ...(linked ? {} : { linkCode: demoLinkCode(subject) }),
    };
    const onZalo = zaloOf(subject).map(async (a): Promise<DemoUser> => {
      const zaloLinked = Boolean(await repos.chatLinks.byChat('zalo', a.zaloUserId));
      return {
        channel: 'zalo',
        key: `zalo:${a.zaloUserId}`,
        zaloUserId: a.zaloUserId,
        ...person,
        linked: zaloLinked,
        ...(zaloLinked ? {} : { linkCode: demoZaloLinkCode(subject) }),
      };
    });
    return [telegram, ...(await Promise.all(onZalo))];
  };
  const staff = DEMO_STAFF.map((s) =>
    accountsOf({ kind: 'staff', id: s.id }, s.telegramId, {
      name: s.fullName,
      kind: 'staff',
      id: s.id,
      role: s.role,
      roleLabel: ROLE_LABELS[s.role],
      orgId: s.orgId,
      orgName: orgName(s.orgId),
    }),
  );
  const members = DEMO_MEMBERS.map((d) =>
    accountsOf({ kind: 'member', id: d.id }, d.telegramId, {
      name: d.fullName,
      kind: 'member',
      id: d.id,
      role: 'member',
      roleLabel: `${ROLE_LABELS.member}${CATEGORY_LABELS[d.category]}`,
      orgId: d.residenceOrgId,
      orgName: orgName(d.residenceOrgId),
    }),
  );
  const added = people.list().map(async (p) => [await newPersonView(repos, p)]);
  return (await Promise.all([...staff, ...members, ...added])).flat();
}

/** A person added on the chat page: who they are linked to now (read from the table), or nobody yet. */
async function newPersonView(repos: Repositories, person: NewPerson): Promise<DemoUser> {
  const account: Pick<DemoUser, 'channel' | 'key' | 'telegramId' | 'zaloUserId' | 'id'> = isZaloPerson(person)
    ? {
        channel: 'zalo',
        key: `zalo:${person.zaloUserId}`,
        zaloUserId: person.zaloUserId,
        id: `new-zalo-${person.zaloUserId}`,
      }
    : {
        channel: 'telegram',
        key: `telegram:${person.telegramId}`,
        telegramId: person.telegramId,
        id: `new-${person.telegramId}`,
      };
  const unlinked: DemoUser = {
    ...account,
    name: person.name,
    kind: 'new',
    roleLabel: 'Người mới',
    orgId: '',
    orgName: 'chưa liên kết',
    linked: false,
  };
  const link = await repos.chatLinks.byChat(
    account.channel,
    account.channel === 'zalo' ? (account.zaloUserId ?? '') : String(account.telegramId),
  );
  if (!link) return unlinked;
  let role: Role | undefined;
  let orgId = '';
  if (link.kind === 'staff') {
    const assignment = await repos.staff.get(link.id, link.actingFor?.orgId);
    role = assignment?.role;
    orgId = assignment?.orgId ?? '';
  } else {
    role = 'member';
    orgId = (await repos.members.get(link.id))?.workplaceOrgId ?? '';
  }
  // A committee the administrator created on the chat page is not in the seed's list: read its name.
  const orgName = orgId ? ((await repos.committees.get(orgId))?.name ?? orgId) : '';
  return {
    ...unlinked,
    id: link.id,
    ...(role ? { role, roleLabel: ROLE_LABELS[role] } : {}),
    orgId,
    orgName,
    linked: true,
  };
}

/** One token per role, signed with the local secret: the API's bearer tokens for curl and the browser test. */
export async function sampleTokens(): Promise<SampleToken[]> {
  const settings = { issuer: 'lien-he-noi-cu-tru', audience: 'lien-he-api', secret: LOCAL_JWT_SECRET };
  const pick = (role: Role, orgId?: string) => {
    const s = DEMO_STAFF.find((x) => x.role === role && (!orgId || x.orgId === orgId));
    if (!s) throw new Error(`no demo staff with role ${role}`);
    return { role, sub: s.id, orgId: s.orgId, name: s.fullName };
  };
  const member = DEMO_MEMBERS[0];
  const principals = [
    pick('workplace_staff'),
    pick('residence_staff'),
    pick('chair'),
    pick('secretary'),
    pick('viewer'),
    ...(member
      ? [{ role: 'member' as const, sub: member.id, orgId: member.workplaceOrgId, name: member.fullName }]
      : []),
  ];
  return Promise.all(
    principals.map(async (p) => ({
      ...p,
      token: await signToken({ sub: p.sub, orgId: p.orgId, role: p.role }, settings),
    })),
  );
}
