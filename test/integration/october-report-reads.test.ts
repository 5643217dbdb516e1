// Integration (DynamoDB Local): how the October report (R22) reads — each committee source streamed once,
// members' records and facts items batched — and that reading this way counts what per-member reads count.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import { isFlaggedR11 } from '../../shared/domain/year-end.js';
import type { Clock } from '../../shared/ports/common.js';
import { compileOctoberReport, type ReportPorts } from '../../shared/services/october-report.js';
import { aMember, anIntroduction } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testClock } from '../support/http.js';
import {
  aCommittee,
  hd02Form,
  type MeetingCode,
  seedCommittees,
  seedEvaluation,
  seedInvitation,
  seedMeeting,
  seedMember,
} from '../support/year-end-seed.js';

const YEAR = 2026;
const DISTRICT = 'quan-cai-rang';
const W = 'phuong-le-binh'; // the ward under test (hd02-2011)
const V = 'phuong-hung-phu'; // another ward, whose meetings one of W's members was also invited to
const NOW = '2026-10-31T10:00:00Z'; // 31 October, 17:00 in Vietnam

/**
 * Counts the requests a document client sends (one per `send`, whatever the command), keyed by command
 * name, and keeps each Query's input. A middleware on the client's own stack, so every request still
 * goes to DynamoDB Local.
 */
function countRequests(table: TestTable): {
  counts: Map<string, number>;
  total: () => number;
  queries: Record<string, unknown>[];
} {
  const counts = new Map<string, number>();
  const queries: Record<string, unknown>[] = [];
  table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (name === 'QueryCommand') queries.push(args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { counts, total: () => [...counts.values()].reduce((a, b) => a + b, 0), queries };
}

function portsOf(repos: Repositories, clock: Clock): ReportPorts {
  return { ...repos, clock };
}

describe('Function: compileOctoberReport, read by source', () => {
  let table: TestTable;
  let repos: Repositories;
  const clock = testClock(NOW);

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
    await seedCommittees(repos, [
      aCommittee({ id: DISTRICT, kind: 'board', name: 'Quận ủy Cái Răng' }),
      aCommittee({ id: W, kind: 'residence', name: 'Đảng ủy phường Lê Bình', parentId: DISTRICT }),
      aCommittee({ id: V, kind: 'residence', name: 'Đảng ủy phường Hưng Phú', parentId: DISTRICT }),
      aCommittee({ id: 'kv-1', kind: 'hamlet_cell', name: 'Chi bộ khu vực 1', parentId: W }),
      aCommittee({ id: 'so-xay-dung', kind: 'workplace', name: 'Đảng ủy Sở Xây dựng' }),
      aCommittee({ id: 'truong-fpt', kind: 'school', name: 'Chi bộ Trường Đại học FPT' }),
    ]);
  });

  afterAll(async () => {
    await table.drop();
  });

  describe('a ward whose member also has invitations of another committee and another year', () => {
    const ids = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'] as const;

    beforeAll(async () => {
      const meeting = async (orgId: string, year: number, round: 'june' | 'october', date: string) => ({
        id: await seedMeeting(repos, orgId, year, round, date),
        date,
      });
      const june = await meeting(W, YEAR, 'june', '2026-06-20');
      const october = await meeting(W, YEAR, 'october', '2026-10-17');
      const lastJune = await meeting(W, 2025, 'june', '2025-06-21');
      // The 2025 October round, held late (planned with a "not in year" warning): dated in 2026.
      const lateLastOctober = await meeting(W, 2025, 'october', '2026-01-10');
      const otherJune = await meeting(V, YEAR, 'june', '2026-06-21');
      const otherOctober = await meeting(V, YEAR, 'october', '2026-10-18');
      const member = (id: string, name: string, extra: Partial<Parameters<typeof seedMember>[1]> = {}) =>
        seedMember(repos, {
          id,
          name,
          category: 'regular',
          workplaceOrgId: 'so-xay-dung',
          residenceOrgId: W,
          status: 'received',
          hamletId: 'kv-1',
          ...extra,
        });
      const invite = (code: MeetingCode, m: { id: string; date: string }, intro: Introduction) =>
        seedInvitation(repos, code, m, intro, intro.memberId);

      // w1 misses both of W's 2026 meetings; came to V's two and to W's June 2025 meeting; an exemption
      // that ended before the meetings; a travel notice in force; a draft at W for 2026 and submitted
      // evaluations elsewhere (W 2025, V 2026), none of which stands in for W's 2026 evaluation.
      const w1 = await member('w1', 'Trương Văn Một');
      await invite('N', june, w1);
      await invite('N', october, w1);
      await invite('P', lastJune, w1);
      await invite('P', otherJune, { ...w1, residenceOrgId: V });
      await invite('P', otherOctober, { ...w1, residenceOrgId: V });
      await repos.members.addExemption({
        id: 'ex-w1',
        memberId: 'w1',
        reason: 'Điều trị dài ngày',
        from: '2026-01-01',
        until: '2026-02-28',
        confirmedBy: 'staff-work',
        confirmedAt: '2026-01-02T01:00:00Z',
      });
      await repos.members.addTravelNotice({
        id: 'tr-w1',
        memberId: 'w1',
        reason: 'Giám sát công trình tại Cà Mau',
        // From after the October meeting: a notice covering a meeting would excuse it (R3).
        from: '2026-10-20',
        until: '2026-12-31',
        recordedBy: 'staff-work',
        recordedAt: '2026-09-28T01:00:00Z',
      });
      // Another record in the member's partition, which the report's Query passes over.
      await repos.yearEnd.saveSelfReport(
        {
          memberId: 'w1',
          year: 2025,
          meetingsAttended: 1,
          meetingsAttendedRecorded: 1,
          activities: 'Tham gia tổ dân phố',
          submittedAt: '2025-12-20T01:00:00Z',
          version: 1,
        },
        0,
      );
      await seedEvaluation(repos, {
        residenceOrgId: W,
        memberId: 'w1',
        form: hd02Form('none'),
        status: 'draft',
      });
      await seedEvaluation(
        repos,
        { residenceOrgId: W, memberId: 'w1', form: hd02Form('commend'), status: 'submitted' },
        2025,
      );
      await seedEvaluation(repos, {
        residenceOrgId: V,
        memberId: 'w1',
        form: hd02Form('commend'),
        status: 'submitted',
      });

      // w2: a confirmed reason in June; an exemption in force on the reference day; evaluated (commend).
      const w2 = await member('w2', 'Lâm Thị Hai');
      await invite('C', june, w2);
      await invite('N', october, w2);
      await repos.members.addExemption({
        id: 'ex-w2',
        memberId: 'w2',
        reason: 'Học tập trung dài hạn',
        from: '2026-09-01',
        until: '2026-12-31',
        confirmedBy: 'staff-work',
        confirmedAt: '2026-09-01T01:00:00Z',
      });
      await seedEvaluation(repos, {
        residenceOrgId: W,
        memberId: 'w2',
        form: hd02Form('commend'),
        status: 'submitted',
      });

      // w3: introduced in July; missed the late 2025 round (dated 2026) and October: two meetings dated
      // in 2026 at W, both missed — R11 as the member's invitations of 2026 say.
      const w3 = await member('w3', 'Quách Văn Ba', { issuedOn: '2025-12-20' });
      await invite('N', lateLastOctober, w3);
      await invite('N', october, w3);

      // w4: missed both, but the June meeting fell in a confirmed exemption (R4): not R11.
      const w4 = await member('w4', 'Kha Thị Bốn');
      await invite('N', june, w4);
      await invite('N', october, w4);
      await repos.members.addExemption({
        id: 'ex-w4',
        memberId: 'w4',
        reason: 'Thai sản',
        from: '2026-06-01',
        until: '2026-06-30',
        confirmedBy: 'staff-work',
        confirmedAt: '2026-06-01T01:00:00Z',
      });

      // w5 pending (a student, not yet received); w6 ended in August after a receipt.
      await member('w5', 'Ông Thị Năm', {
        category: 'student',
        workplaceOrgId: 'truong-fpt',
        status: 'issued',
      });
      await member('w6', 'Diệp Văn Sáu', { status: 'ended', endedOn: '2026-08-01' });
    });

    it('counts the members, meetings, evaluations and R11 cases by hand', async () => {
      // Act
      const { report } = await compileOctoberReport(portsOf(repos, clock), W, YEAR);

      // Assess
      const body = report.body;
      expect(body.members).toEqual({
        introduced: 6,
        byWorkplaceKind: { workplace: 5, school: 1 },
        byCategory: { regular: 5, student: 1 },
        received: 5, // w1–w4 active, w6 ended after a receipt
        pending: 1,
        active: 4,
        ended: 1,
        exempt: 1, // w2; w1's and w4's exemptions are over on 31 October
        travelling: 1, // w1
        students: 0, // w5, the student, is not received yet
        armedForces: 0,
      });
      // Only W's two meetings of 2026 are tallied: not the late 2025 round, not W's June 2025, not V's.
      // w4 (June) and w2 (October) were exempt at the meeting: their own line (R4), not "no reply".
      expect(
        body.meetings.map((t) => [
          t.meetingId,
          t.invited,
          t.present,
          t.absentConfirmed,
          t.noReply,
          t.absentExempt,
        ]),
      ).toEqual([
        [`${W}.2026.06`, 3, 0, 1, 1, 1],
        [`${W}.2026.10`, 4, 0, 0, 3, 1],
      ]);
      // w1's draft is a draft; its submitted evaluations of 2025 and of V do not count here.
      expect(body.evaluations).toMatchObject({ done: 1, drafts: 1, due: 3, byProposal: { commend: 1 } });
      expect(body.commendations).toEqual(['w2']);
      expect(body.bothMeetingsMissed).toEqual(['w1', 'w3']);
    });

    it('flags R11 exactly as each member’s invitations of the year (the per-member Query) would', async () => {
      // Prepare: R11 judged the way the report did before, from `invitations.ofMember(id, year)`.
      const today = '2026-10-31';
      const expected: string[] = [];
      for (const id of ids) {
        const exemptions = await repos.members.exemptions(id);
        const travel = await repos.members.travelNotices(id);
        const invitations = await repos.invitations.ofMember(id, YEAR);
        if (isFlaggedR11(invitations, W, today, exemptions, travel)) expected.push(id);
      }

      // Act
      const { report } = await compileOctoberReport(portsOf(repos, clock), W, YEAR);

      // Assess
      expect(expected).toEqual(['w1', 'w3']);
      expect(report.body.bothMeetingsMissed).toEqual(expected);
    });
  });

  describe('requests per member', () => {
    /** A ward of `active` received members (two invitations and an evaluation each) and 5 pending ones. */
    async function seedWard(orgId: string, active: number): Promise<void> {
      await repos.committees.put(
        aCommittee({ id: orgId, kind: 'residence', name: orgId, parentId: DISTRICT }),
      );
      const june = { id: await seedMeeting(repos, orgId, YEAR, 'june', '2026-06-20'), date: '2026-06-20' };
      const october = {
        id: await seedMeeting(repos, orgId, YEAR, 'october', '2026-10-17'),
        date: '2026-10-17',
      };
      const seedOne = async (i: number) => {
        const id = `${orgId}-m${i}`;
        const pending = i >= active;
        const intro = await seedMember(repos, {
          id,
          name: `Nguyễn Văn ${i}`,
          category: i % 10 === 0 ? 'student' : 'regular',
          workplaceOrgId: 'so-xay-dung',
          residenceOrgId: orgId,
          status: pending ? 'issued' : 'received',
          ...(pending ? {} : { hamletId: 'kv-1' }),
        });
        if (pending) return;
        await seedInvitation(repos, i % 3 ? 'P' : 'N', june, intro, intro.memberId);
        await seedInvitation(repos, i % 4 ? 'P' : 'N', october, intro, intro.memberId);
        if (i % 7 === 0) {
          await repos.members.addExemption({
            id: `ex-${id}`,
            memberId: id,
            reason: 'Học tập',
            from: '2026-01-01',
            confirmedBy: 'staff-work',
            confirmedAt: '2026-01-01T01:00:00Z',
          });
        }
        await seedEvaluation(repos, {
          residenceOrgId: orgId,
          memberId: id,
          form: hd02Form('none'),
          status: 'submitted',
        });
      };
      const all = Array.from({ length: active + 5 }, (_, i) => i);
      for (let i = 0; i < all.length; i += 8) await Promise.all(all.slice(i, i + 8).map(seedOne));
    }

    it('costs a constant plus one BatchGetItem per 50 active members: 60 more members, one more request', async () => {
      // Prepare
      await seedWard('phuong-nho', 20);
      await seedWard('phuong-lon', 80);
      const counter = countRequests(table);
      const ports = portsOf(repos, clock);

      // Act
      counter.counts.clear();
      const small = await compileOctoberReport(ports, 'phuong-nho', YEAR);
      const smallCounts = new Map(counter.counts);
      const smallTotal = counter.total();
      counter.counts.clear();
      const large = await compileOctoberReport(ports, 'phuong-lon', YEAR);
      const largeCounts = new Map(counter.counts);
      const largeTotal = counter.total();

      // Assess: the compiles counted what they read (exemptions included), and each stored a report.
      expect([small.report.body.members.active, large.report.body.members.active]).toEqual([20, 80]);
      expect([small.report.body.members.exempt, large.report.body.members.exempt]).toEqual([3, 12]);
      expect([small.report.body.members.pending, large.report.body.members.pending]).toEqual([5, 5]);
      expect(large.report.body.meetings.map((t) => t.invited)).toEqual([80, 80]);
      expect(large.report.body.evaluations.done).toBe(80);
      // No request per member: the committee's sources are Queried once each (introductions by status,
      // meetings, their sheets, evaluations); the active members' records and facts items come 50 members
      // per BatchGetItem and the pending members' records 100 per call; GetItem only for the committee,
      // its one workplace, the stored report and the committee's narrative (copied into the report).
      expect(smallCounts.get('QueryCommand')).toBeLessThanOrEqual(10);
      expect(largeCounts.get('QueryCommand')).toBe(smallCounts.get('QueryCommand'));
      expect(smallCounts.get('GetItemCommand')).toBeLessThanOrEqual(4);
      expect(smallCounts.get('BatchGetItemCommand')).toBe(2);
      expect(largeCounts.get('BatchGetItemCommand')).toBe(3);
      expect(smallTotal).toBeLessThanOrEqual(20);
      expect(largeTotal - smallTotal).toBe(1);
    });
  });
});

describe('Method: evaluations.ofCommittee', () => {
  it('reads the committee partition strongly consistent, so the report counts an evaluation sent a moment ago', async () => {
    // Prepare
    const table = await createTestTable();
    const repos = createRepositories(table);
    await seedEvaluation(repos, {
      residenceOrgId: W,
      memberId: 'c1',
      form: hd02Form('none'),
      status: 'submitted',
    });
    const { queries } = countRequests(table);

    // Act
    const found = [];
    for await (const evaluation of repos.evaluations.ofCommittee(W, YEAR)) found.push(evaluation.memberId);
    await table.drop();

    // Assess
    expect(found).toEqual(['c1']);
    expect(queries).toHaveLength(1);
    expect(queries[0]?.ConsistentRead).toBe(true);
    expect(queries[0]?.IndexName).toBeUndefined();
  });
});

describe('Method: members.profileWithFacts, factsOfMany and getMany', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('reads the record, exemptions and travel notices from the partition, and nothing else of it', async () => {
    // Prepare
    await seedMember(repos, {
      id: 'p1',
      name: 'Mạc Thị Phương',
      category: 'travelling',
      workplaceOrgId: 'so-xay-dung',
      residenceOrgId: W,
      status: 'received',
      hamletId: 'kv-1',
    });
    for (const from of ['2026-03-01', '2025-03-01']) {
      await repos.members.addExemption({
        id: `ex-${from}`,
        memberId: 'p1',
        reason: 'Học tập',
        from,
        until: from.replace('-03-01', '-04-30'),
        confirmedBy: 'staff-work',
        confirmedAt: `${from}T01:00:00Z`,
      });
    }
    await repos.members.addTravelNotice({
      id: 'tr-1',
      memberId: 'p1',
      reason: 'Công tác xa',
      from: '2026-05-01',
      until: '2026-05-31',
      recordedBy: 'staff-work',
      recordedAt: '2026-04-30T01:00:00Z',
    });
    await repos.yearEnd.saveSelfReport(
      {
        memberId: 'p1',
        year: 2026,
        meetingsAttended: 2,
        meetingsAttendedRecorded: 2,
        activities: 'Sinh hoạt tổ dân phố',
        submittedAt: '2026-12-01T01:00:00Z',
        version: 1,
      },
      0,
    );

    // Act
    const profile = await repos.members.profileWithFacts('p1');
    const missing = await repos.members.profileWithFacts('khong-co');

    // Assess: the same lists, in the same order, as the per-record Queries give.
    expect(profile.member).toEqual(await repos.members.get('p1'));
    expect(profile.exemptions).toEqual(await repos.members.exemptions('p1'));
    expect(profile.exemptions.map((e) => e.from)).toEqual(['2025-03-01', '2026-03-01']);
    expect(profile.travelNotices).toEqual(await repos.members.travelNotices('p1'));
    expect(profile.travelNotices).toHaveLength(1);
    expect(missing).toEqual({ member: undefined, exemptions: [], travelNotices: [] });
  });

  it('gets members by id across BatchGetItem calls of 100 keys, leaving out the missing', async () => {
    // Prepare
    const ids = Array.from({ length: 130 }, (_, i) => `g${i}`);
    for (let i = 0; i < ids.length; i += 10) {
      await Promise.all(
        ids.slice(i, i + 10).map((id) =>
          seedMember(repos, {
            id,
            name: `Phan Văn ${id}`,
            category: 'regular',
            workplaceOrgId: 'so-xay-dung',
            residenceOrgId: W,
            status: 'issued',
          }),
        ),
      );
    }

    // Act
    const found = await repos.members.getMany([...ids, 'khong-co', 'g0']);

    // Assess
    expect(found.size).toBe(130);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    expect(found.get('g129')?.fullName).toBe('Phan Văn g129');
  });
  const anExemption = (memberId: string, from: string) => ({
    id: `ex-${memberId}-${from}`,
    memberId,
    reason: 'Ốm dài ngày',
    from,
    until: from.replace('-02-01', '-03-31'),
    confirmedBy: 'staff-work',
    confirmedAt: `${from}T01:00:00Z`,
  });
  const aTravelNotice = (memberId: string, from: string) => ({
    id: `tr-${memberId}-${from}`,
    memberId,
    reason: 'Đi làm xa',
    from,
    until: from.replace('-06-01', '-08-31'),
    recordedBy: 'staff-work',
    recordedAt: `${from}T01:00:00Z`,
  });

  it('gives for many members what profileWithFacts gives for each: facts written any way, in period order', async () => {
    // Prepare: f1 introduced with a travel notice, then exempted twice (newest first); f2 re-introduced
    // (details updated) with a travel notice; f3 with no facts.
    const member = (id: string) =>
      aMember({ id, partyCardNumber: `88${id.slice(1)}0000`, workplaceOrgId: 'so-xay-dung' });
    const issue = (id: string, n: number) =>
      anIntroduction({
        id: `intro-${id}-${n}`,
        memberId: id,
        workplaceOrgId: 'so-xay-dung',
        residenceOrgId: W,
      });
    await repos.introductions.issue(issue('f1', 1), 'Đỗ Thị Một', {
      newMember: member('f1'),
      travelNotice: aTravelNotice('f1', '2026-06-01'),
    });
    await repos.members.addExemption(anExemption('f1', '2026-02-01'));
    await repos.members.addExemption(anExemption('f1', '2025-02-01'));
    await repos.members.create(member('f2'));
    await repos.introductions.issue(issue('f2', 1), 'Đỗ Văn Hai', {
      updatedMember: { ...member('f2'), phone: '0900000002' },
      travelNotice: aTravelNotice('f2', '2026-06-01'),
    });
    await repos.members.addTravelNotice(aTravelNotice('f2', '2025-06-01'));
    await repos.members.create(member('f3'));

    // Act
    const many = await repos.members.factsOfMany(['f1', 'f2', 'f3', 'khong-co', 'f1']);

    // Assess
    for (const id of ['f1', 'f2', 'f3'])
      expect(many.get(id)).toEqual(await repos.members.profileWithFacts(id));
    expect(many.get('f1')?.exemptions.map((e) => e.from)).toEqual(['2025-02-01', '2026-02-01']);
    expect(many.get('f1')?.travelNotices).toHaveLength(1);
    expect(many.get('f2')?.member?.phone).toBe('0900000002');
    expect(many.get('f2')?.travelNotices.map((t) => t.from)).toEqual(['2025-06-01', '2026-06-01']);
    expect(many.get('f3')).toMatchObject({ exemptions: [], travelNotices: [] });
    expect(many.get('khong-co')).toEqual({ member: undefined, exemptions: [], travelNotices: [] });
    expect(many.size).toBe(4);
  });

  it('reads the partition of a member stored before the facts item, and never starts a partial copy of it', async () => {
    // Prepare: o1's facts item is gone, as for members stored before it existed; then a new exemption.
    await repos.members.create(
      aMember({ id: 'o1', partyCardNumber: '777000001', workplaceOrgId: 'so-xay-dung' }),
    );
    await repos.members.addExemption(anExemption('o1', '2025-02-01'));
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: 'MEMBER#o1', sk: 'FACTS' } }),
    );
    await repos.members.addExemption(anExemption('o1', '2026-02-01'));
    await repos.members.addTravelNotice(aTravelNotice('o1', '2026-06-01'));

    // Act
    const many = await repos.members.factsOfMany(['o1']);

    // Assess: both exemptions (the one before and the one after), from the partition.
    expect(many.get('o1')?.exemptions.map((e) => e.from)).toEqual(['2025-02-01', '2026-02-01']);
    expect(many.get('o1')?.travelNotices).toHaveLength(1);
    expect(many.get('o1')).toEqual(await repos.members.profileWithFacts('o1'));
  });
});
