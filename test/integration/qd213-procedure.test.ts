// integration tests: Regulation 213's own procedure on DynamoDB Local (issue 16 item 5) — the exemption names one
// of 33-HD/BTCTW's cases at the edge, the contact book shows its five-year term with the yearly comments, and
// retention removes nothing of a book still in its term (hd02-2011 wards keep today's behaviour).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as contactBookHandler } from '../../functions/http/members-contact-book.js';
import { createHandler as exemptionsHandler } from '../../functions/http/members-exemptions.js';
import { createHandler as workplaceYearEndHandler } from '../../functions/http/workplace-year-end.js';
import type { ContactBookTerm } from '../../shared/domain/contact-book.js';
import { ANONYMISED_NAME } from '../../shared/domain/privacy.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Exemption } from '../../shared/domain/travel-and-exemption.js';
import { applyRetention } from '../../shared/services/retention.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type ErrorJson, type TestApp, testApp } from '../support/http.js';
import { aCommittee, seedCommittees, seedEvaluation, seedMember } from '../support/year-end-seed.js';

const HD02 = 'phuong-an-hoa';
const QD213 = 'phuong-xuan-khanh';
const workplace: Principal = { sub: 'staff-work', orgId: 'so-y-te', role: 'workplace_staff' };

describe('Regulation 213 (qd213-2020): exempt cases, the contact book’s term, retention', () => {
  let table: TestTable;
  let app: TestApp;

  const exempt = (memberId: string, body: unknown) =>
    call<{ exemption: Exemption } & ErrorJson>(
      exemptionsHandler(() => app.deps),
      {
        method: 'POST',
        route: '/members/{id}/exemptions',
        pathParameters: { id: memberId },
        body,
        principal: workplace,
      },
    );

  beforeAll(async () => {
    table = await createTestTable();
    app = testApp(table, '2026-11-20T03:00:00Z');
    await seedCommittees(app.repos, [
      aCommittee({ id: HD02, kind: 'residence', name: 'Đảng ủy phường An Hòa' }),
      aCommittee({ id: QD213, kind: 'residence', name: 'Đảng ủy phường Xuân Khánh', ruleSet: 'qd213-2020' }),
      aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }),
    ]);
    const seeds = [
      ['q-active', 'Huỳnh Văn Đạt', QD213, 'received'],
      ['q-regular', 'Lý Văn Xuân', QD213, 'received'],
      ['h-active', 'Nguyễn Văn Bình', HD02, 'received'],
      ['q-ended', 'Trần Thị Yến', QD213, 'ended'],
      ['h-ended', 'Phạm Quốc Bảo', HD02, 'ended'],
    ] as const;
    for (const [id, name, residenceOrgId, status] of seeds) {
      await seedMember(app.repos, {
        id,
        name,
        category: 'regular',
        workplaceOrgId: 'so-y-te',
        residenceOrgId,
        status,
        hamletId: 'kv-1',
        issuedOn: '2025-12-01',
        endedOn: '2026-08-15',
      });
    }
  });

  afterAll(async () => {
    await table.drop();
  });

  describe('R4: the exemption’s case at the edge (POST /members/{id}/exemptions)', () => {
    it('refuses an exemption without one of the guidance’s cases for a member of a qd213 ward (400, in Vietnamese)', async () => {
      // Act
      const missing = await exempt('q-active', { reason: 'Ở doanh trại', from: '2026-01-01' });
      const unknown = await exempt('q-active', {
        reason: 'Bộ đội',
        from: '2026-01-01',
        category: 'armed_forces',
      });
      const listed = await exempt('q-active', {
        reason: 'Đi học tập trung lớp cao cấp lý luận chính trị',
        from: '2026-03-01',
        until: '2027-02-28',
        category: 'long_course',
      });
      const replay = await exempt('q-active', {
        reason: 'Đi học tập trung lớp cao cấp lý luận chính trị',
        from: '2026-03-01',
        until: '2027-02-28',
        category: 'long_course',
      });

      // Assess
      expect(missing.status).toBe(400);
      expect(missing.json.error.issues?.[0]).toMatchObject({ path: ['category'] });
      expect(String(missing.json.error.issues?.[0]?.message)).toContain('33-HD/BTCTW');
      expect(unknown.status).toBe(400);
      expect(String(unknown.json.error.issues?.[0]?.message)).toContain('không thuộc danh sách');
      expect(listed.status).toBe(201);
      expect(listed.json.exemption.category).toBe('long_course');
      expect(replay.status).toBe(200);
      expect(await app.repos.members.exemptions('q-active')).toHaveLength(1);
    });

    it('asks no case of a member of an hd02 ward, as before', async () => {
      const first = await exempt('h-active', { reason: 'Điều trị bệnh dài ngày', from: '2026-03-01' });
      expect(first.status).toBe(201);
      expect(first.json.exemption.category).toBeUndefined();
    });
  });

  describe('The workplace’s year-end view after 31 October (GET /workplaces/{id}/year-end/{year})', () => {
    it('marks no comment missing for the exempt member, and marks the regular member’s', async () => {
      // Act (20 November: past the end of October; q-active is exempt on a 12-month course since March)
      const answer = await call(
        workplaceYearEndHandler(() => app.deps),
        {
          method: 'GET',
          route: '/workplaces/{id}/year-end/{year}',
          pathParameters: { id: 'so-y-te', year: '2026' },
          principal: workplace,
        },
      );

      // Assess
      expect(answer.status).toBe(200);
      const rows = answer.json.items as { memberId: string; missing: { evaluation: boolean } }[];
      const missing = Object.fromEntries(rows.map((r) => [r.memberId, r.missing.evaluation]));
      expect(missing).toMatchObject({ 'q-active': false, 'q-regular': true, 'h-active': true });
    });
  });

  describe('The contact book’s five-year term (GET /members/{id}/contact-book)', () => {
    it('shows the term from the letter’s year and the yearly comment the ward confirmed in each year', async () => {
      // Prepare
      await seedEvaluation(app.repos, {
        residenceOrgId: QD213,
        memberId: 'q-active',
        ruleSet: 'qd213-2020',
        form: {
          kind: 'qd213-full',
          criteria: { c1: 1, c2: 1, c3: 1, c4: 1, c5: 1 },
          proposal: 'none',
          otherComments: '',
        },
        status: 'submitted',
      });

      // Act
      const qd213 = await call<{ terms: ContactBookTerm[] }>(
        contactBookHandler(() => app.deps),
        {
          method: 'GET',
          route: '/members/{id}/contact-book',
          pathParameters: { id: 'q-active' },
          principal: workplace,
        },
      );
      const hd02 = await call<{ terms: ContactBookTerm[] }>(
        contactBookHandler(() => app.deps),
        {
          method: 'GET',
          route: '/members/{id}/contact-book',
          pathParameters: { id: 'h-active' },
          principal: workplace,
        },
      );

      // Assess
      expect(qd213.status).toBe(200);
      const [term] = qd213.json.terms;
      expect(term).toMatchObject({ residenceOrgId: QD213, startYear: 2025, endYear: 2029, inTerm: true });
      expect(term?.years.map((y) => [y.year, y.evaluation?.status ?? null])).toEqual([
        [2025, null],
        [2026, 'submitted'],
        [2027, null],
        [2028, null],
        [2029, null],
      ]);
      expect(hd02.json.terms).toEqual([]);
    });
  });

  describe('Retention keeps a book in its term', () => {
    const ports = () => ({ ...app.repos, clock: app.clock });

    it('anonymises the hd02 member two years after the contact ended, but not the qd213 one while the book’s term runs', async () => {
      // Act: 1 September 2028, past the two years after 15 August 2026; the qd213 book runs to the end of 2029.
      const at = new Date('2028-09-01T01:00:00Z');
      await applyRetention(ports(), HD02, at);
      await applyRetention(ports(), QD213, at);

      // Assess
      expect((await app.repos.members.get('h-ended'))?.fullName).toBe(ANONYMISED_NAME);
      expect((await app.repos.members.get('q-ended'))?.fullName).toBe('Trần Thị Yến');
    });

    it('anonymises the qd213 member once the term is over', async () => {
      await applyRetention(ports(), QD213, new Date('2030-01-02T01:00:00Z'));
      expect((await app.repos.members.get('q-ended'))?.fullName).toBe(ANONYMISED_NAME);
    });
  });
});
