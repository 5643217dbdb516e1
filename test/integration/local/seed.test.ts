// Integration tests of the demo seed on DynamoDB Local: what `npm start` finds, and that a second run writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalClock } from '../../../local/clock.js';
import {
  DEMO_COMMITTEES,
  DEMO_EMPTY_WARD,
  DEMO_MEMBERS,
  DEMO_STAFF,
  DEMO_WARD,
  DEMO_WARD_213,
  DEMO_ZALO_ACCOUNTS,
  DEMO_ZALO_SECRETARY,
  demoLinkCode,
  demoMemberRecord,
  type SeedResult,
  seedDemo,
} from '../../../local/seed.js';
import { createRepositories, type Repositories } from '../../../shared/adapters/dynamodb/index.js';
import { MEMBER_CATEGORIES } from '../../../shared/domain/member.js';
import { STAFF_ROLES } from '../../../shared/domain/roles.js';
import { committeeSchema, memberSchema, staffAssignmentSchema } from '../../../shared/schemas/entities.js';
import { letterNumbers } from '../../../shared/services/letter-numbers.js';
import { createTestTable, type TestTable } from '../../support/dynamo.js';

describe('Function: seedDemo', () => {
  let table: TestTable;
  let repos: Repositories;
  let first: SeedResult;
  const clock = new LocalClock(new Date('2027-05-20T02:00:00Z'));

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
    first = await seedDemo(repos, clock);
  }, 120_000);

  afterAll(async () => {
    await table.drop();
  });

  it('builds a ward with three hamlets on hd02-2011 and a second ward on qd213-2020 under one district', async () => {
    // Act
    const ward = await repos.committees.get(DEMO_WARD);
    const ward213 = await repos.committees.get(DEMO_WARD_213);
    const hamlets = await repos.committees.children(DEMO_WARD);
    const wards = await repos.committees.children('quan-ninh-kieu');

    // Assess
    expect(ward).toMatchObject({ kind: 'residence', ruleSet: 'hd02-2011', parentId: 'quan-ninh-kieu' });
    expect(ward213).toMatchObject({ kind: 'residence', ruleSet: 'qd213-2020' });
    expect(hamlets.map((h) => h.kind)).toEqual(['hamlet_cell', 'hamlet_cell', 'hamlet_cell']);
    // The third is the empty ward the administrator's set-up is tried on (issue 14).
    expect(wards.map((w) => w.id).sort()).toEqual([DEMO_WARD, DEMO_EMPTY_WARD, DEMO_WARD_213]);
    for (const id of ['so-y-te', 'dh-can-tho', 'bchqs-can-tho'])
      expect(await repos.committees.get(id)).toBeDefined();
  });

  it('has staff of every role and about 30 members of every category, with introductions in every state', async () => {
    // Act
    const staff = await Promise.all(DEMO_STAFF.map((s) => repos.staff.get(s.id)));
    const received = [];
    for await (const m of repos.introductions.streamOfResidence(DEMO_WARD, 'received')) received.push(m);
    const issued = await repos.introductions.ofResidence(DEMO_WARD, { status: 'issued', limit: 50 });
    const ended = await repos.introductions.ofResidence(DEMO_WARD, { status: 'ended', limit: 50 });
    const kv1 = await repos.introductions.ofResidence(DEMO_WARD, {
      status: 'received',
      hamletId: 'an-hoa-kv1',
      limit: 50,
    });

    // Assess
    expect(new Set(staff.map((s) => s?.role))).toEqual(new Set(STAFF_ROLES));
    expect(DEMO_MEMBERS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEMO_MEMBERS.map((m) => m.category))).toEqual(new Set(MEMBER_CATEGORIES));
    expect(received).toHaveLength(
      DEMO_MEMBERS.filter((m) => m.residenceOrgId === DEMO_WARD && m.intro === 'received').length,
    );
    expect(issued.items.map((i) => i.introduction.status)).toEqual(['issued', 'issued', 'issued']);
    expect(ended.items).toHaveLength(1);
    expect(ended.items[0]?.introduction.end?.reason).toBe('moved');
    // Vietnamese order by given name: An, Hân, Hùng, Ngọc, Oanh, Phúc, Trung, Tú.
    expect(kv1.items.map((i) => i.memberName.split(' ').at(-1))).toEqual([
      'An',
      'Hân',
      'Hùng',
      'Ngọc',
      'Oanh',
      'Phúc',
      'Trung',
      'Tú',
    ]);
    const student = await repos.members.get('dv-20');
    expect(student).toMatchObject({
      category: 'student',
      workplaceOrgId: 'dh-can-tho',
      residence: { kind: 'temporary' },
    });
    expect(await repos.members.travelNotices('dv-17')).toHaveLength(1);
  });

  it('links the chats of demo users through single-use link codes, and leaves two members to link with /start', async () => {
    // Act
    const an = await repos.chatLinks.byChat('telegram', '7200000001');
    const chair = await repos.chatLinks.byChat('telegram', '7100000005');
    const han = await repos.chatLinks.byChat('telegram', '7200000013');
    const hanCode = await repos.chatLinks.getLinkCode(demoLinkCode({ kind: 'member', id: 'dv-13' }));
    const anCode = await repos.chatLinks.getLinkCode(demoLinkCode({ kind: 'member', id: 'dv-01' }));

    // Assess
    expect(an).toMatchObject({ kind: 'member', id: 'dv-01', channel: 'telegram', chatId: '7200000001' });
    expect(chair).toMatchObject({ kind: 'staff', id: 'st-ah-binh' });
    expect(han).toBeUndefined();
    expect(hanCode?.usedAt).toBeUndefined();
    expect(new Date(hanCode?.expiresAt ?? 0).getTime()).toBeGreaterThan(clock.now().getTime());
    expect(anCode?.usedAt).toBeDefined();
  });

  it("links the ward secretary's and a member's Zalo accounts too, beside their Telegram chats", async () => {
    // Act
    const onZalo = await Promise.all(
      DEMO_ZALO_ACCOUNTS.map((a) => repos.chatLinks.byChat('zalo', a.zaloUserId)),
    );
    const secretaryLinks = await repos.chatLinks.ofSubject({
      kind: 'staff',
      id: DEMO_ZALO_SECRETARY.staffId,
    });

    // Assess
    expect(onZalo.map((l) => l && { kind: l.kind, id: l.id, channel: l.channel })).toEqual(
      DEMO_ZALO_ACCOUNTS.map((a) => ({ ...a.subject, channel: 'zalo' })),
    );
    expect(DEMO_STAFF.find((s) => s.id === DEMO_ZALO_SECRETARY.staffId)).toMatchObject({
      role: 'secretary',
      orgId: DEMO_WARD,
    });
    expect(secretaryLinks.map((l) => l.channel).sort()).toEqual(['telegram', 'zalo']);
  });

  it('passes the same validation as data entered through the API', () => {
    // Act
    const members = DEMO_MEMBERS.map((d) => memberSchema.safeParse(demoMemberRecord(d)));
    const committees = DEMO_COMMITTEES.map((c) => committeeSchema.safeParse(c));
    const staff = DEMO_STAFF.map(({ telegramId: _id, ...s }) => staffAssignmentSchema.safeParse(s));

    // Assess
    expect(members.filter((r) => !r.success).map((r) => r.error?.issues)).toEqual([]);
    expect(committees.every((r) => r.success)).toBe(true);
    expect(staff.every((r) => r.success)).toBe(true);
  });

  it("numbers each workplace's letters from its counter, so the next letter the API issues is a new number", async () => {
    // Prepare
    const byWorkplace = new Map<string, number[]>();
    for (const d of DEMO_MEMBERS) {
      const introduction = await repos.introductions.get(`gt-${d.id}`);
      const numbers = byWorkplace.get(d.workplaceOrgId) ?? [];
      numbers.push(Number.parseInt(introduction?.letterNumber ?? '', 10));
      byWorkplace.set(d.workplaceOrgId, numbers);
    }

    // Act: what the workplace's next introduction through the API would be numbered
    const next = letterNumbers(repos.counters);

    // Assess
    for (const [workplace, numbers] of byWorkplace) {
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
      expect(await next.next(workplace, 2026)).toBe(`${numbers.length + 1}-GGT`);
    }
  });

  it('writes nothing the second time', async () => {
    // Prepare
    const before = await repos.introductions.get('gt-dv-16');

    // Act
    const second = await seedDemo(repos, clock);

    // Assess
    expect(first.created).toBeGreaterThan(80);
    expect(first.existing).toBe(0);
    expect(second).toEqual({ created: 0, existing: first.created });
    expect(await repos.introductions.get('gt-dv-16')).toEqual(before);
    expect(await repos.members.travelNotices('dv-17')).toHaveLength(1);
  });
});
