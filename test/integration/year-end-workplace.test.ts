import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as directCollectionHandler } from '../../functions/http/record-direct-collection.js';
import { createHandler as selfReportHandler } from '../../functions/http/submit-self-report.js';
import { createHandler as workplaceHandler } from '../../functions/http/workplace-year-end.js';
import type { Principal } from '../../shared/domain/roles.js';
import { prepareSelfReport } from '../../shared/services/year-end.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type TestApp, testApp } from '../support/http.js';
import {
  aCommittee,
  hd02Form,
  seedCommittees,
  seedEvaluation,
  seedInvitation,
  seedMeeting,
  seedMember,
} from '../support/year-end-seed.js';

const A = 'phuong-an-hoa';
const YEAR = 2026;
const soYTe: Principal = { sub: 'staff-syt', orgId: 'so-y-te', role: 'workplace_staff' };
const boChqs: Principal = { sub: 'staff-chqs', orgId: 'bo-chqs', role: 'workplace_staff' };
const member = (id: string): Principal => ({ sub: id, orgId: 'so-y-te', role: 'member' });

describe('Year end: the workplace side, the self-report and the direct collection (R19, R20, R21)', () => {
  let table: TestTable;
  let app: TestApp;

  beforeAll(async () => {
    table = await createTestTable();
    app = testApp(table, '2026-11-20T03:00:00Z');
    await seedCommittees(app.repos, [
      aCommittee({ id: A, kind: 'residence', name: 'Đảng ủy phường An Hòa' }),
      aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }),
      aCommittee({ id: 'bo-chqs', kind: 'armed_forces_unit', name: 'Đảng ủy Bộ Chỉ huy Quân sự' }),
    ]);
    const june = { id: await seedMeeting(app.repos, A, YEAR, 'june', '2026-06-20'), date: '2026-06-20' };
    const october = {
      id: await seedMeeting(app.repos, A, YEAR, 'october', '2026-10-17'),
      date: '2026-10-17',
    };
    const seed = async (
      id: string,
      name: string,
      category: 'regular' | 'armed_forces',
      workplaceOrgId: string,
      codes: ['P' | 'N' | 'C', 'P' | 'N' | 'C'],
    ) => {
      const intro = await seedMember(app.repos, {
        id,
        name,
        category,
        workplaceOrgId,
        residenceOrgId: A,
        status: 'received',
        hamletId: 'kv-1',
      });
      await seedInvitation(app.repos, codes[0], june, intro, name);
      await seedInvitation(app.repos, codes[1], october, intro, name);
    };
    await seed('w-an', 'Nguyễn Văn An', 'regular', 'so-y-te', ['P', 'P']);
    await seed('w-binh', 'Trần Thị Bình', 'regular', 'so-y-te', ['P', 'N']);
    await seed('w-quan', 'Lê Văn Quân', 'armed_forces', 'bo-chqs', ['C', 'P']);
    await seedEvaluation(app.repos, {
      residenceOrgId: A,
      memberId: 'w-an',
      form: hd02Form('commend'),
      status: 'submitted',
    });
    await seedEvaluation(app.repos, {
      residenceOrgId: A,
      memberId: 'w-binh',
      form: hd02Form('none'),
      status: 'draft',
    });
  });

  afterAll(async () => {
    await table.drop();
  });

  const selfReport = (principal: Principal, memberId: string, body: unknown) =>
    call(
      selfReportHandler(() => app.deps),
      {
        method: 'PUT',
        route: '/members/{id}/self-reports/{year}',
        pathParameters: { id: memberId, year: String(YEAR) },
        principal,
        body,
      },
    );
  const workplaceView = (principal: Principal, orgId: string) =>
    call(
      workplaceHandler(() => app.deps),
      {
        method: 'GET',
        route: '/workplaces/{id}/year-end/{year}',
        pathParameters: { id: orgId, year: String(YEAR) },
        principal,
      },
    );
  const collect = (principal: Principal, memberId: string, body: unknown) =>
    call(
      directCollectionHandler(() => app.deps),
      {
        method: 'POST',
        route: '/members/{id}/direct-collections/{year}',
        pathParameters: { id: memberId, year: String(YEAR) },
        principal,
        body,
      },
    );

  describe('R19: the member’s self-report', () => {
    it('prefills meetings attended from the sheets and stores the member’s report', async () => {
      // Act
      const draft = await prepareSelfReport({ ...app.repos, clock: app.clock }, member('w-binh'), {
        memberId: 'w-binh',
        year: YEAR,
      });
      const saved = await selfReport(member('w-binh'), 'w-binh', {
        activities: 'Tham gia tổ dân phố, vận động quỹ khuyến học của khu vực.',
      });
      const corrected = await selfReport(member('w-binh'), 'w-binh', {
        meetingsAttended: 2,
        activities: 'Tham gia tổ dân phố, vận động quỹ khuyến học của khu vực.',
      });

      // Assess
      expect(draft).toMatchObject({ meetingsInvited: 2, meetingsAttendedRecorded: 1 });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ meetingsAttended: 1, meetingsAttendedRecorded: 1, version: 1 });
      expect(corrected.json).toMatchObject({ meetingsAttended: 2, meetingsAttendedRecorded: 1, version: 2 });
      expect((await app.repos.yearEnd.getSelfReport('w-binh', YEAR))?.activities).toContain('khuyến học');
    });

    it('is the member’s own: others and staff are refused; more meetings than invited is refused', async () => {
      const body = { activities: 'Không có' };
      expect((await selfReport(member('w-an'), 'w-binh', body)).status).toBe(403);
      expect((await selfReport(soYTe, 'w-binh', body)).status).toBe(403);
      const tooMany = await selfReport(member('w-an'), 'w-an', { ...body, meetingsAttended: 3 });
      expect(tooMany.status).toBe(422);
      expect(tooMany.json.error).toMatchObject({ rule: 'R19' });
      expect((await selfReport(member('w-an'), 'w-an', { activities: '' })).status).toBe(400);
    });
  });

  describe('The workplace’s year-end view', () => {
    it('shows per member the evaluation received (submitted only), meetings attended and the self-report', async () => {
      // Act
      const answer = await workplaceView(soYTe, 'so-y-te');

      // Assess
      expect(answer.status).toBe(200);
      const rows = answer.json.items as Record<string, unknown>[];
      expect(rows.map((r) => r.memberName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
      expect(rows[0]).toMatchObject({
        evaluation: { received: true, proposal: 'commend' },
        meetings: { invited: 2, attended: 2 },
        contactPath: 'standard',
      });
      expect(rows[0]?.selfReport).toBeUndefined();
      expect(rows[1]).toMatchObject({
        evaluation: { received: false },
        meetings: { invited: 2, attended: 1 },
        selfReport: { meetingsAttended: 2, meetingsAttendedRecorded: 1 },
      });
      expect(rows[1]?.evaluation).not.toHaveProperty('proposal');
      // R17, R19 on 20 November: a comment not submitted by 31 October is missing; the self-reports are not
      // due before 15 December.
      expect(rows.map((r) => r.missing)).toEqual([
        { evaluation: false, selfReport: false },
        { evaluation: true, selfReport: false },
      ]);
    });

    it('marks armed-forces members “thu trực tiếp” (R20) and is closed to other committees', async () => {
      const answer = await workplaceView(boChqs, 'bo-chqs');
      expect(answer.json.items).toEqual([
        expect.objectContaining({
          memberId: 'w-quan',
          contactPath: 'direct',
          collectionLabel: { vi: 'thu trực tiếp', en: 'collect directly' },
          directCollection: { collected: false },
          evaluation: { received: false },
        }),
      ]);
      expect((await workplaceView(boChqs, 'so-y-te')).status).toBe(403);
      expect((await workplaceView({ sub: 'r', orgId: A, role: 'residence_staff' }, 'so-y-te')).status).toBe(
        403,
      );
    });
  });

  describe('R20: the direct collection of the contact book', () => {
    it('waits for the submitted evaluation, records the collection once, and shows it', async () => {
      // Prepare
      const body = { collectedOn: '2026-11-18', note: 'Đồng chí Chính trị viên nhận trực tiếp tại phường' };

      // Act
      const tooEarly = await collect(boChqs, 'w-quan', body);
      await seedEvaluation(app.repos, {
        residenceOrgId: A,
        memberId: 'w-quan',
        form: hd02Form('none'),
        status: 'submitted',
      });
      const future = await collect(boChqs, 'w-quan', { collectedOn: '2026-12-01' });
      const recorded = await collect(boChqs, 'w-quan', body);
      const replay = await collect(boChqs, 'w-quan', { collectedOn: '2026-11-19' });
      const view = await workplaceView(boChqs, 'bo-chqs');

      // Assess
      expect(tooEarly.status).toBe(422);
      expect(tooEarly.json.error).toMatchObject({ rule: 'R20' });
      expect(future.status).toBe(422);
      expect(recorded.status).toBe(201);
      expect(recorded.json).toMatchObject({
        collectedOn: '2026-11-18',
        collectedBy: 'staff-chqs',
        residenceOrgId: A,
      });
      expect(replay.json).toMatchObject({ collectedOn: '2026-11-18' });
      expect((view.json.items as Record<string, unknown>[])[0]).toMatchObject({
        directCollection: { collected: true, collectedOn: '2026-11-18' },
        evaluation: { received: true },
      });
    });

    it('is for armed-forces members only, by their own workplace', async () => {
      const regular = await collect(soYTe, 'w-an', { collectedOn: '2026-11-18' });
      const otherWorkplace = await collect(soYTe, 'w-quan', { collectedOn: '2026-11-18' });
      expect(regular.status).toBe(422);
      expect(regular.json.error).toMatchObject({ rule: 'R20' });
      expect(otherWorkplace.status).toBe(403);
    });
  });
});
