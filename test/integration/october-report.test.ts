import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as compileHandler } from '../../functions/http/compile-report.js';
import { createHandler as getReportHandler } from '../../functions/http/get-report.js';
import { createHandler as jobHandler } from '../../functions/jobs/october-report.js';
import { REPORT_TITLE_ROWS } from '../../shared/adapters/documents/report-xlsx.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { BACKGROUND_FUNCTIONS, HTTP_ROUTES, octoberReportSchedule } from '../../shared/config/functions.js';
import type { EvaluationForm } from '../../shared/domain/evaluation.js';
import type { IntroductionStatus } from '../../shared/domain/introduction.js';
import type { MemberCategory } from '../../shared/domain/member.js';
import { type OctoberReport, type OctoberReportBody, sumReportBodies } from '../../shared/domain/report.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Proposal } from '../../shared/domain/rule-set.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type ErrorJson, type TestApp, testApp } from '../support/http.js';
import { pdfText } from '../support/pdf.js';
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

const A = 'phuong-an-hoa'; // hd02-2011, the ward of 30
const X = 'phuong-xuan-khanh'; // qd213-2020, a small second ward
const DISTRICT = 'quan-ninh-kieu';
const YEAR = 2026;

const staffA: Principal = { sub: 'staff-a', orgId: A, role: 'residence_staff' };
const staffX: Principal = { sub: 'staff-x', orgId: X, role: 'secretary' };
const districtStaff: Principal = { sub: 'staff-q', orgId: DISTRICT, role: 'residence_staff' };
const districtViewer: Principal = { sub: 'viewer-q', orgId: DISTRICT, role: 'viewer' };

/** What compiling answers: the report, and whether it is a new version; or the error body. */
type Compiled = { changed: boolean; report: OctoberReport } & Partial<ErrorJson>;

type Code = MeetingCode | '-';
interface Row {
  id: string;
  name: string;
  category: MemberCategory;
  workplace: string;
  status: IntroductionStatus;
  hamlet?: string;
  issuedOn?: string;
  endedOn?: string;
  june: Code;
  october: Code;
  evaluation?: { status: 'draft' | 'submitted'; proposal: Proposal; notGood?: ('d1' | 'd2' | 'd3' | 'd4')[] };
  exemption?: [string, string];
  travel?: [string, string];
}

/**
 * The ward of 30 (hd02-2011). Meeting codes: P present · NP no reply but came · PU reason pending but
 * came · AU "attending", attendance never taken · C absent, reason confirmed · U absent, reason pending ·
 * R absent, reason rejected · A "attending" then absent · N no reply, absent · NU no reply, never taken ·
 * '-' not invited.
 */
// biome-ignore format: one member per line reads as the fixture table
const WARD: Row[] = [
  { id: 'm01', name: 'Nguyễn Văn An', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'P', october: 'P', evaluation: { status: 'submitted', proposal: 'commend' } },
  { id: 'm02', name: 'Trần Thị Ánh', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'NP', october: 'P', evaluation: { status: 'submitted', proposal: 'commend' } },
  { id: 'm03', name: 'Lê Văn Bảo', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'P', october: 'C', evaluation: { status: 'submitted', proposal: 'none' } },
  { id: 'm04', name: 'Phạm Thị Bích', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'C', october: 'P', evaluation: { status: 'submitted', proposal: 'none', notGood: ['d4'] } },
  { id: 'm05', name: 'Huỳnh Văn Cường', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'N', october: 'N', evaluation: { status: 'submitted', proposal: 'criticise', notGood: ['d2', 'd3'] } },
  { id: 'm06', name: 'Võ Thị Diệu', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'U', october: 'N', evaluation: { status: 'draft', proposal: 'criticise' } },
  { id: 'm07', name: 'Đặng Văn Đức', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'R', october: 'R' },
  { id: 'm08', name: 'Bùi Thị Giang', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'C', october: 'C', evaluation: { status: 'submitted', proposal: 'none' } },
  { id: 'm09', name: 'Đỗ Văn Hải', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'A', october: 'N', evaluation: { status: 'submitted', proposal: 'none', notGood: ['d2'] } },
  { id: 'm10', name: 'Hồ Thị Hạnh', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'P', october: 'N', evaluation: { status: 'draft', proposal: 'none' } },
  { id: 'm11', name: 'Nguyễn Văn Hiếu', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-3', june: 'P', october: 'U' },
  { id: 'm12', name: 'Trần Văn Hòa', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-3', june: 'C', october: 'C', evaluation: { status: 'submitted', proposal: 'none' }, exemption: ['2026-01-01', '2026-12-31'] },
  { id: 'm13', name: 'Lê Thị Hương', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-3', june: 'P', october: 'P', exemption: ['2026-01-10', '2026-03-31'] },
  { id: 'm14', name: 'Phạm Văn Khải', category: 'travelling', workplace: 'so-y-te', status: 'received', hamlet: 'kv-3', june: 'C', october: 'C', evaluation: { status: 'submitted', proposal: 'none' }, travel: ['2026-09-01', '2026-12-31'] },
  { id: 'm15', name: 'Huỳnh Thị Kim', category: 'travelling', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'P', october: 'N', evaluation: { status: 'submitted', proposal: 'commend' } },
  { id: 'm16', name: 'Võ Văn Lâm', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-1', june: 'P', october: 'PU', evaluation: { status: 'draft', proposal: 'commend' }, travel: ['2026-02-01', '2026-04-30'] },
  { id: 'm17', name: 'Đặng Thị Lan', category: 'student', workplace: 'truong-dhct', status: 'received', hamlet: 'kv-2', june: 'P', october: 'P', evaluation: { status: 'submitted', proposal: 'commend' } },
  { id: 'm18', name: 'Bùi Văn Lộc', category: 'student', workplace: 'truong-dhct', status: 'received', hamlet: 'kv-2', june: 'N', october: 'P', evaluation: { status: 'draft', proposal: 'none' } },
  { id: 'm19', name: 'Đỗ Thị Mai', category: 'student', workplace: 'truong-dhct', status: 'received', hamlet: 'kv-3', june: 'N', october: 'N' },
  { id: 'm20', name: 'Hồ Văn Minh', category: 'armed_forces', workplace: 'bo-chqs', status: 'received', hamlet: 'kv-3', june: 'P', october: 'C', evaluation: { status: 'submitted', proposal: 'none' } },
  { id: 'm21', name: 'Nguyễn Văn Nam', category: 'armed_forces', workplace: 'bo-chqs', status: 'received', hamlet: 'kv-1', june: 'C', october: 'N' },
  { id: 'm22', name: 'Trần Thị Ngọc', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', issuedOn: '2026-07-01', june: '-', october: 'NU' },
  { id: 'm23', name: 'Lê Văn Phúc', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-2', june: 'R', october: 'C', evaluation: { status: 'submitted', proposal: 'criticise', notGood: ['d1', 'd2'] } },
  { id: 'm24', name: 'Phạm Thị Quyên', category: 'regular', workplace: 'cty-dien-luc', status: 'received', hamlet: 'kv-1', june: 'P', october: 'AU', evaluation: { status: 'submitted', proposal: 'commend' } },
  { id: 'm25', name: 'Huỳnh Văn Sang', category: 'regular', workplace: 'so-y-te', status: 'issued', june: '-', october: '-' },
  { id: 'm26', name: 'Võ Thị Thanh', category: 'student', workplace: 'truong-dhct', status: 'issued', june: '-', october: '-' },
  { id: 'm27', name: 'Đặng Văn Thắng', category: 'armed_forces', workplace: 'bo-chqs', status: 'issued', june: '-', october: '-' },
  { id: 'm28', name: 'Bùi Thị Thu', category: 'regular', workplace: 'so-y-te', status: 'ended', hamlet: 'kv-2', endedOn: '2026-08-15', june: 'P', october: '-' },
  { id: 'm29', name: 'Đỗ Văn Tuấn', category: 'travelling', workplace: 'so-y-te', status: 'ended', hamlet: 'kv-1', endedOn: '2026-05-10', june: '-', october: '-' },
  { id: 'm30', name: 'Hồ Thị Uyên', category: 'regular', workplace: 'so-y-te', status: 'ended', hamlet: 'kv-3', issuedOn: '2020-03-01', endedOn: '2025-11-30', june: '-', october: '-' },
];

const full = (level: 1 | 3, proposal: Proposal): EvaluationForm => ({
  kind: 'qd213-full',
  criteria: { c1: level, c2: level, c3: level, c4: level, c5: level },
  proposal,
  otherComments: '',
});

/** The small qd213-2020 ward, to check the district's sum. */
// biome-ignore format: one member per line reads as the fixture table
const SECOND_WARD: (Row & { form?: EvaluationForm })[] = [
  { id: 'x1', name: 'Lý Văn Xuân', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-a', june: 'P', october: 'P', form: full(1, 'commend') },
  { id: 'x2', name: 'Mai Văn Yên', category: 'armed_forces', workplace: 'bo-chqs', status: 'received', hamlet: 'kv-a', june: 'C', october: 'N' },
  { id: 'x3', name: 'Lâm Thị Xuyến', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-b', june: 'N', october: 'N', form: full(3, 'criticise') },
  { id: 'x4', name: 'Tô Thị Yến', category: 'student', workplace: 'truong-dhct', status: 'issued', june: '-', october: '-' },
  { id: 'x5', name: 'Châu Văn Khoa', category: 'regular', workplace: 'so-y-te', status: 'received', hamlet: 'kv-b', june: 'N', october: 'N', exemption: ['2026-03-01', '2027-02-28'] },
];

/** Ward A, counted by hand from the table above (not by the code under test). */
const EXPECTED_A: OctoberReportBody = {
  members: {
    introduced: 29, // m01–m29; m30 ended in 2025
    byWorkplaceKind: { workplace: 22, school: 4, armed_forces_unit: 3 },
    byCategory: { regular: 19, travelling: 3, student: 4, armed_forces: 3 },
    received: 26, // 24 active + m28, m29 ended after a receipt
    pending: 3, // m25, m26, m27
    active: 24,
    ended: 2,
    exempt: 1, // m12 (m13's exemption ended in March)
    travelling: 2, // m14 (notice in force), m15 (category); m16's notice ended in April
    students: 3,
    armedForces: 2,
  },
  meetings: [
    {
      round: 'june',
      meetingId: `${A}.2026.06`,
      date: '2026-06-20',
      invited: 24,
      present: 12,
      // m12 gave a confirmed reason, but was exempt (R4): the exempt line.
      absentConfirmed: 4,
      absentUnconfirmed: 4,
      noReply: 3,
      absentExempt: 1,
      absentTravelling: 0,
      units: [
        { id: 'kv-1', name: 'Chi bộ khu vực 1', invited: 9, present: 6 },
        { id: 'kv-2', name: 'Chi bộ khu vực 2', invited: 9, present: 3 },
        { id: 'kv-3', name: 'Chi bộ khu vực 3', invited: 6, present: 3 },
      ],
    },
    {
      round: 'october',
      meetingId: `${A}.2026.10`,
      date: '2026-10-17',
      invited: 24,
      present: 8,
      // m12 exempt (R4); m14 inside a travel notice's period (R3): their own lines.
      absentConfirmed: 4,
      absentUnconfirmed: 2,
      noReply: 8,
      absentExempt: 1,
      absentTravelling: 1,
      units: [
        { id: 'kv-1', name: 'Chi bộ khu vực 1', invited: 9, present: 5 },
        { id: 'kv-2', name: 'Chi bộ khu vực 2', invited: 9, present: 2 },
        { id: 'kv-3', name: 'Chi bộ khu vực 3', invited: 6, present: 1 },
      ],
    },
  ],
  evaluations: {
    done: 14,
    due: 10,
    drafts: 4,
    // Compiled on 31 October: nothing is past its deadline yet (R17, R19).
    missing: 0,
    selfReportsMissing: 0,
    byProposal: { commend: 5, none: 7, criticise: 2 },
    byLevel: {
      d1: { good: 13, not_good: 1 },
      d2: { good: 11, not_good: 3 },
      d3: { good: 13, not_good: 1 },
      d4: { good: 13, not_good: 1 },
    },
  },
  commendations: ['m01', 'm02', 'm15', 'm17', 'm24'],
  criticisms: ['m05', 'm23'],
  bothMeetingsMissed: ['m05', 'm06', 'm07', 'm09', 'm19'],
};

const EXPECTED_X: OctoberReportBody = {
  members: {
    introduced: 5,
    byWorkplaceKind: { workplace: 3, school: 1, armed_forces_unit: 1 },
    byCategory: { regular: 3, student: 1, armed_forces: 1 },
    received: 4,
    pending: 1,
    active: 4,
    ended: 0,
    exempt: 1,
    travelling: 0,
    students: 0,
    armedForces: 1,
  },
  meetings: [
    {
      round: 'june',
      meetingId: `${X}.2026.06`,
      date: '2026-06-21',
      invited: 4,
      present: 1,
      absentConfirmed: 1,
      absentUnconfirmed: 0,
      noReply: 1, // x5 is exempt (R4): the exempt line
      absentExempt: 1,
      absentTravelling: 0,
      units: [
        { id: 'kv-a', name: 'kv-a', invited: 2, present: 1 },
        { id: 'kv-b', name: 'kv-b', invited: 2, present: 0 },
      ],
    },
    {
      round: 'october',
      meetingId: `${X}.2026.10`,
      date: '2026-10-18',
      invited: 4,
      present: 1,
      absentConfirmed: 0,
      absentUnconfirmed: 0,
      noReply: 2,
      absentExempt: 1,
      absentTravelling: 0,
      units: [
        { id: 'kv-a', name: 'kv-a', invited: 2, present: 1 },
        { id: 'kv-b', name: 'kv-b', invited: 2, present: 0 },
      ],
    },
  ],
  // x5 (exempt on a course of 12 months) is introduced-but-exempt under qd213: no routine evaluation owed. x2, in
  // the armed forces but with no exemption naming one of 33-HD/BTCTW's cases, is owed one like any member.
  evaluations: {
    done: 2,
    due: 1,
    drafts: 0,
    // Compiled on 31 October: nothing is past its deadline yet (R17, R19).
    missing: 0,
    selfReportsMissing: 0,
    byProposal: { commend: 1, criticise: 1 },
    byLevel: {
      c1: { '1': 1, '3': 1 },
      c2: { '1': 1, '3': 1 },
      c3: { '1': 1, '3': 1 },
      c4: { '1': 1, '3': 1 },
      c5: { '1': 1, '3': 1 },
    },
  },
  commendations: ['x1'],
  criticisms: ['x3'],
  // x5 missed both meetings while exempt (R4): not an R11 case.
  bothMeetingsMissed: ['x3'],
};

describe('Year end: the October report (R22)', () => {
  let table: TestTable;
  let app: TestApp;
  const compile = (principal: Principal, orgId: string, query?: Record<string, string>) =>
    call<Compiled>(
      compileHandler(() => app.deps),
      {
        method: 'POST',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: orgId, year: String(YEAR) },
        principal,
        ...(query ? { query } : {}),
      },
    );
  const fetchReport = (principal: Principal, orgId: string, suffix = '') =>
    call<OctoberReport & Partial<ErrorJson>>(
      getReportHandler(() => app.deps),
      {
        method: 'GET',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: orgId, year: `${YEAR}${suffix}` },
        principal,
      },
    );
  const compiledEvents = async () =>
    (await app.repos.outbox.pending(500)).events
      .filter((e) => e.type === 'OctoberReportCompiled')
      .map((e) => e.id);
  /** The chair submits a member's draft evaluation (after a compilation, so the next one differs). */
  async function submitDraft(memberId: string) {
    const draft = await app.repos.evaluations.get(A, YEAR, memberId);
    if (!draft) throw new Error(`${memberId} has a draft`);
    await app.repos.evaluations.save({ ...draft, status: 'submitted', version: 2 }, 1);
  }

  async function seedWard(orgId: string, rows: (Row & { form?: EvaluationForm })[], dates: [string, string]) {
    const june = { id: await seedMeeting(app.repos, orgId, YEAR, 'june', dates[0]), date: dates[0] };
    const october = { id: await seedMeeting(app.repos, orgId, YEAR, 'october', dates[1]), date: dates[1] };
    for (const row of rows) {
      const intro = await seedMember(app.repos, {
        id: row.id,
        name: row.name,
        category: row.category,
        workplaceOrgId: row.workplace,
        residenceOrgId: orgId,
        status: row.status,
        ...(row.hamlet ? { hamletId: row.hamlet } : {}),
        ...(row.issuedOn ? { issuedOn: row.issuedOn } : {}),
        ...(row.endedOn ? { endedOn: row.endedOn } : {}),
      });
      if (row.june !== '-') await seedInvitation(app.repos, row.june, june, intro, row.name);
      if (row.october !== '-') await seedInvitation(app.repos, row.october, october, intro, row.name);
      if (row.exemption) {
        await app.repos.members.addExemption({
          id: `ex-${row.id}`,
          memberId: row.id,
          reason: 'Học tập trung dài hạn',
          from: row.exemption[0],
          until: row.exemption[1],
          // qd213-2020 (33-HD/BTCTW): the case the exemption names; hd02-2011 ignores it.
          category: 'long_course',
          confirmedBy: 'staff-work',
          confirmedAt: `${row.exemption[0]}T01:00:00Z`,
        });
      }
      if (row.travel) {
        await app.repos.members.addTravelNotice({
          id: `tr-${row.id}`,
          memberId: row.id,
          reason: 'Công tác tại công trình ngoài tỉnh',
          from: row.travel[0],
          until: row.travel[1],
          recordedBy: 'staff-work',
          recordedAt: `${row.travel[0]}T01:00:00Z`,
        });
      }
      // Ward A's rows name a hd02 proposal; the qd213 ward's rows carry their whole form, submitted.
      const evaluation = row.evaluation
        ? { form: hd02Form(row.evaluation.proposal, row.evaluation.notGood), status: row.evaluation.status }
        : row.form
          ? { ruleSet: 'qd213-2020' as const, form: row.form, status: 'submitted' as const }
          : undefined;
      if (evaluation)
        await seedEvaluation(app.repos, { residenceOrgId: orgId, memberId: row.id, ...evaluation });
    }
  }

  beforeAll(async () => {
    table = await createTestTable();
    // 31 October 2026, 17:00 in Vietnam: when the scheduled job fires.
    app = testApp(table, '2026-10-31T10:00:00Z');
    await seedCommittees(app.repos, [
      aCommittee({ id: DISTRICT, kind: 'board', name: 'Quận ủy Ninh Kiều' }),
      aCommittee({ id: A, kind: 'residence', name: 'Đảng ủy phường An Hòa', parentId: DISTRICT }),
      aCommittee({
        id: X,
        kind: 'residence',
        name: 'Đảng ủy phường Xuân Khánh',
        parentId: DISTRICT,
        ruleSet: 'qd213-2020',
      }),
      aCommittee({ id: 'kv-1', kind: 'hamlet_cell', name: 'Chi bộ khu vực 1', parentId: A }),
      aCommittee({ id: 'kv-2', kind: 'hamlet_cell', name: 'Chi bộ khu vực 2', parentId: A }),
      aCommittee({ id: 'kv-3', kind: 'hamlet_cell', name: 'Chi bộ khu vực 3', parentId: A }),
      // A workplace filed under the district is not a reporting child.
      aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế', parentId: DISTRICT }),
      aCommittee({ id: 'cty-dien-luc', kind: 'workplace', name: 'Chi bộ Công ty Điện lực' }),
      aCommittee({ id: 'truong-dhct', kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ' }),
      aCommittee({ id: 'bo-chqs', kind: 'armed_forces_unit', name: 'Đảng ủy Bộ Chỉ huy Quân sự thành phố' }),
    ]);
    await seedWard(A, WARD, ['2026-06-20', '2026-10-17']);
    await seedWard(X, SECOND_WARD, ['2026-06-21', '2026-10-18']);
    // Another year's evaluation must not count in 2026.
    await seedEvaluation(
      app.repos,
      { residenceOrgId: A, memberId: 'm07', form: hd02Form('commend'), status: 'submitted' },
      2025,
    );
  });

  afterAll(async () => {
    await table.drop();
  });

  describe('A residence committee’s report', () => {
    it('equals the hand-computed numbers of the ward of 30', async () => {
      // Act
      const answer = await compile(staffA, A);

      // Assess
      expect(answer.status).toBe(201);
      const report = answer.json.report;
      expect(report).toMatchObject({ orgId: A, year: YEAR, version: 1, scope: 'residence', childOrgIds: [] });
      // Its number from the ward's own counter of reports for the year, with the issuer's symbol
      expect(report.number).toBe('1-BC/ĐU');
      expect(report.body).toEqual(EXPECTED_A);
      expect(await compiledEvents()).toEqual([`OctoberReportCompiled:${A}:${YEAR}:v1`]);
    });

    it('equals the hand-computed numbers of the qd213 ward (exempt members owe no evaluation, and are not R11)', async () => {
      const answer = await compile(staffX, X);
      expect(answer.status).toBe(201);
      expect(answer.json.report.number).toBe('1-BC/ĐU');
      expect(answer.json.report.body).toEqual(EXPECTED_X);
    });

    it('serves the stored report as JSON to the committee and the district, not to others', async () => {
      const own = await fetchReport(staffA, A);
      const district = await fetchReport(districtViewer, A);
      const otherWard = await fetchReport(staffX, A);
      const workplace = await fetchReport({ sub: 'w', orgId: 'so-y-te', role: 'workplace_staff' }, A);
      const member = await fetchReport({ sub: 'm01', orgId: A, role: 'member' }, A);
      expect(own.status).toBe(200);
      expect(own.json.body).toEqual(EXPECTED_A);
      expect(district.status).toBe(200);
      expect([otherWard.status, workplace.status, member.status]).toEqual([403, 403, 403]);
      expect((await fetchReport(staffA, A, '.docx')).status).toBe(400);
    });
  });

  describe('The statistical form (XLSX)', () => {
    it('reads back with the same numbers, one sheet per table, Vietnamese headers', async () => {
      // Act
      const answer = await fetchReport(staffA, A, '.xlsx');
      const workbook = new ExcelJS.Workbook();
      // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
      await workbook.xlsx.load(answer.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const rows = (sheet: string) => {
        const ws = workbook.getWorksheet(sheet);
        if (!ws) throw new Error(`no sheet ${sheet}`);
        const out: (string | number)[][] = [];
        // The table, under the title rows (committee, title, counting basis)
        ws.eachRow((row, n) => {
          if (n > REPORT_TITLE_ROWS) out.push((row.values as (string | number)[]).slice(1));
        });
        return out;
      };

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Đảng viên',
        'Theo nơi công tác',
        'Theo đối tượng',
        'Cuộc họp',
        'Dự họp theo đơn vị',
        'Nhận xét',
        'Nhận xét theo tiêu chí',
        'Biểu dương, phê bình',
        'Vắng cả hai cuộc họp',
        'Nhận định',
      ]);
      expect(rows('Đảng viên')).toEqual([
        ['Chỉ tiêu', 'Số lượng'],
        ['Tổng số đảng viên được giới thiệu', 29],
        ['Đã tiếp nhận', 26],
        ['Chưa tiếp nhận', 3],
        ['Đang giữ mối liên hệ', 24],
        ['Chấm dứt liên hệ trong năm', 2],
        ['Được miễn sinh hoạt', 1],
        ['Đi công tác xa, lưu động', 2],
        ['Học sinh, sinh viên', 3],
        ['Lực lượng vũ trang', 2],
      ]);
      expect(rows('Theo nơi công tác').slice(1)).toEqual([
        ['Cơ quan, doanh nghiệp, đơn vị sự nghiệp', 22],
        ['Nhà trường (học sinh, sinh viên)', 4],
        ['Đơn vị lực lượng vũ trang', 3],
        ['Tổng cộng', 29],
      ]);
      expect(
        rows('Theo đối tượng')
          .slice(1)
          .map((r) => r[1]),
      ).toEqual([19, 3, 4, 3, 29]);
      expect(rows('Cuộc họp')).toEqual([
        [
          'Cuộc họp',
          'Ngày họp',
          'Số được mời',
          'Có mặt',
          'Vắng có lý do được xác nhận',
          'Vắng chưa được xác nhận',
          'Không phản hồi',
          'Vắng do được miễn sinh hoạt',
          'Vắng do đi công tác xa (có thông báo)',
          'Tỷ lệ dự họp (%)',
        ],
        ['Tháng 6', '20/06/2026', 24, 12, 4, 4, 3, 1, 0, 50],
        ['Tháng 10', '17/10/2026', 24, 8, 4, 2, 8, 1, 1, 33],
      ]);
      expect(rows('Dự họp theo đơn vị').slice(1)).toEqual([
        ['Chi bộ khu vực 1', 'Tháng 6', 9, 6, 67],
        ['Chi bộ khu vực 2', 'Tháng 6', 9, 3, 33],
        ['Chi bộ khu vực 3', 'Tháng 6', 6, 3, 50],
        ['Chi bộ khu vực 1', 'Tháng 10', 9, 5, 56],
        ['Chi bộ khu vực 2', 'Tháng 10', 9, 2, 22],
        ['Chi bộ khu vực 3', 'Tháng 10', 6, 1, 17],
      ]);
      expect(rows('Nhận xét').slice(1)).toEqual([
        ['Đã nhận xét (đã gửi)', 14],
        ['Còn phải nhận xét', 10],
        ['Bản nháp chưa gửi', 4],
        ['Quá hạn chưa nhận xét', 0],
        ['Quá hạn chưa tự báo cáo', 0],
        ['Đề nghị: Biểu dương', 5],
        ['Đề nghị: Không đề nghị', 7],
        ['Đề nghị: Góp ý, phê bình', 2],
      ]);
      expect(rows('Nhận xét theo tiêu chí').slice(1)).toEqual([
        ['Nhiệm vụ 1', 'Tốt', 13],
        ['Nhiệm vụ 1', 'Chưa tốt', 1],
        ['Nhiệm vụ 2', 'Tốt', 11],
        ['Nhiệm vụ 2', 'Chưa tốt', 3],
        ['Nhiệm vụ 3', 'Tốt', 13],
        ['Nhiệm vụ 3', 'Chưa tốt', 1],
        ['Nhiệm vụ 4', 'Tốt', 13],
        ['Nhiệm vụ 4', 'Chưa tốt', 1],
      ]);
      expect(rows('Biểu dương, phê bình').slice(1)).toEqual([
        [1, 'Nguyễn Văn An', 'Đảng ủy Sở Y tế', 'Biểu dương'],
        [2, 'Trần Thị Ánh', 'Đảng ủy Sở Y tế', 'Biểu dương'],
        [3, 'Huỳnh Thị Kim', 'Đảng ủy Sở Y tế', 'Biểu dương'],
        [4, 'Đặng Thị Lan', 'Đảng ủy Trường Đại học Cần Thơ', 'Biểu dương'],
        [5, 'Phạm Thị Quyên', 'Chi bộ Công ty Điện lực', 'Biểu dương'],
        [6, 'Huỳnh Văn Cường', 'Đảng ủy Sở Y tế', 'Góp ý, phê bình'],
        [7, 'Lê Văn Phúc', 'Đảng ủy Sở Y tế', 'Góp ý, phê bình'],
      ]);
      expect(
        rows('Vắng cả hai cuộc họp')
          .slice(1)
          .map((r) => r[1]),
      ).toEqual(['Huỳnh Văn Cường', 'Võ Thị Diệu', 'Đặng Văn Đức', 'Đỗ Văn Hải', 'Đỗ Thị Mai']);
    });
  });

  describe('The written report (PDF)', () => {
    it('is a Vietnamese PDF whose text holds the totals and the names with their diacritics', async () => {
      // Act
      const answer = await fetchReport(staffA, A, '.pdf');
      const text = await pdfText(answer.bytes);

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/pdf');
      expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      for (const expected of [
        'BÁO CÁO',
        'Kết quả năm 2026 thực hiện việc đảng viên đang công tác',
        'Số 1-BC/ĐU',
        // A report goes up by its "Nơi nhận", with the purpose, not by a "Kính gửi"
        '- Quận ủy Ninh Kiều (để báo cáo),',
        'Tổng số đảng viên được giới thiệu: 29',
        'Đã tiếp nhận: 26; chưa tiếp nhận: 3.',
        'Đang giữ mối liên hệ: 24; chấm dứt liên hệ trong năm: 2.',
        'Được miễn sinh hoạt: 1; đi công tác xa, lưu động: 2.',
        'Học sinh, sinh viên: 3; lực lượng vũ trang: 2.',
        'mời 24 đảng viên; có mặt 12 (tỷ lệ 50%); vắng có lý do được xác nhận 4; vắng chưa được xác nhận 4; không phản hồi 3.',
        'mời 24 đảng viên; có mặt 8 (tỷ lệ 33%); vắng có lý do được xác nhận 4; vắng chưa được xác nhận 2; không phản hồi 8.',
        'Vắng do được miễn sinh hoạt: 1; vắng do đi công tác xa (có thông báo): 1.',
        'Đã nhận xét: 14; còn phải nhận xét: 10; bản nháp chưa gửi: 4.',
        'Biểu dương: 5; không đề nghị: 7; góp ý, phê bình: 2.',
        'VI. ĐẢNG VIÊN VẮNG MẶT CẢ HAI CUỘC HỌP KHÔNG CÓ LÝ DO (5)',
        'Đặng Văn Đức',
        'Chi bộ khu vực 1',
        '67%',
      ]) {
        expect(text).toContain(expected);
      }
    });
  });

  describe('The district’s report: the sum over its wards', () => {
    it('equals the hand-computed sum of the two wards, compiled by the district’s staff', async () => {
      // Act
      const answer = await compile(districtStaff, DISTRICT);

      // Assess
      expect(answer.status).toBe(201);
      const report = answer.json.report;
      expect(report).toMatchObject({ scope: 'aggregate', childOrgIds: [A, X], version: 1 });
      const b = report.body;
      expect(b.members).toEqual({
        introduced: 34,
        byWorkplaceKind: { workplace: 25, school: 5, armed_forces_unit: 4 },
        byCategory: { regular: 22, travelling: 3, student: 5, armed_forces: 4 },
        received: 30,
        pending: 4,
        active: 28,
        ended: 2,
        exempt: 2,
        travelling: 2,
        students: 3,
        armedForces: 3,
      });
      expect(b.meetings.map(({ units, meetingId, ...t }) => t)).toEqual([
        {
          round: 'june',
          invited: 28,
          present: 13,
          absentConfirmed: 5,
          absentUnconfirmed: 4,
          noReply: 4,
          absentExempt: 2,
          absentTravelling: 0,
        },
        {
          round: 'october',
          invited: 28,
          present: 9,
          absentConfirmed: 4,
          absentUnconfirmed: 2,
          noReply: 10,
          absentExempt: 2,
          absentTravelling: 1,
        },
      ]);
      expect(b.meetings.map((t) => t.units)).toEqual([
        [
          { id: A, name: 'Đảng ủy phường An Hòa', invited: 24, present: 12 },
          { id: X, name: 'Đảng ủy phường Xuân Khánh', invited: 4, present: 1 },
        ],
        [
          { id: A, name: 'Đảng ủy phường An Hòa', invited: 24, present: 8 },
          { id: X, name: 'Đảng ủy phường Xuân Khánh', invited: 4, present: 1 },
        ],
      ]);
      expect(b.evaluations).toMatchObject({
        done: 16,
        due: 11,
        drafts: 4,
        byProposal: { commend: 6, none: 7, criticise: 3 },
      });
      expect(b.evaluations.byLevel.d2).toEqual({ good: 11, not_good: 3 });
      expect(b.evaluations.byLevel.c1).toEqual({ '1': 1, '3': 1 });
      expect(b.commendations).toEqual(['m01', 'm02', 'm15', 'm17', 'm24', 'x1']);
      expect(b.criticisms).toEqual(['m05', 'm23', 'x3']);
      expect(b.bothMeetingsMissed).toEqual(['m05', 'm06', 'm07', 'm09', 'm19', 'x3']);
      // And it is exactly the sum of the two stored ward reports (the chart's units aside).
      const summed = sumReportBodies([EXPECTED_A, EXPECTED_X]);
      const withoutUnits = (body: OctoberReportBody) => ({
        ...body,
        meetings: body.meetings.map(({ units, ...t }) => t),
      });
      expect(withoutUnits(b)).toEqual(withoutUnits(summed));
      expect((await app.repos.reports.underParent(DISTRICT, YEAR)).map((r) => r.orgId).sort()).toEqual([
        A,
        X,
      ]);
    });

    it('renders the district’s PDF with a chart per ward', async () => {
      const answer = await fetchReport(districtViewer, DISTRICT, '.pdf');
      const text = await pdfText(answer.bytes);
      expect(text).toContain('Tổng số đảng viên được giới thiệu: 34');
      expect(text).toContain('Tổng hợp từ 2 đơn vị trực thuộc.');
      expect(text).toContain('tỷ lệ dự họp theo đơn vị');
    });

    it('is compiled only by the district’s staff, not by a ward’s, a viewer or a member', async () => {
      const results = await Promise.all([
        compile(staffA, DISTRICT),
        compile(districtViewer, DISTRICT),
        compile({ sub: 'm01', orgId: A, role: 'member' }, A),
        compile(staffX, A),
      ]);
      expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
      // The district may compile one ward on its own.
      expect((await compile(districtStaff, X)).status).toBe(200);
    });
  });

  describe('Recompiling, and the scheduled job', () => {
    it('stores no new version and announces nothing when the numbers are identical', async () => {
      // Act
      const again = await compile(staffA, A);

      // Assess
      expect(again.status).toBe(200);
      expect(again.json.changed).toBe(false);
      expect(again.json.report.version).toBe(1);
      expect((await compiledEvents()).sort()).toEqual([
        `OctoberReportCompiled:${A}:${YEAR}:v1`,
        `OctoberReportCompiled:${X}:${YEAR}:v1`,
        `OctoberReportCompiled:${DISTRICT}:${YEAR}:v1`,
      ]);
    });

    it('is registered on 31 October 17:00 (Asia/Ho_Chi_Minh), and compiles only what changed, every ward then the district', async () => {
      // Prepare: the chair submits m10's draft after the first compilation.
      await submitDraft('m10');

      // Act
      const summary = await jobHandler(() => app.deps)({});
      const rerun = await jobHandler(() => app.deps)(undefined);

      // Assess
      const job = BACKGROUND_FUNCTIONS.find((f) => f.name === 'october-report');
      expect(job?.trigger).toEqual({ kind: 'schedule', expression: 'cron(0 17 31 10 ? *)' });
      expect(job?.grants).toEqual(['table:read', 'table:write', 'job-queue:send']);
      expect(octoberReportSchedule({ OCTOBER_REPORT_SCHEDULE: 'cron(0 9 30 10 ? *)' })).toBe(
        'cron(0 9 30 10 ? *)',
      );
      expect(() => octoberReportSchedule({ OCTOBER_REPORT_SCHEDULE: 'every friday' })).toThrow();
      // One task per residence committee (A changed, X did not), then the district rolled up once.
      expect(summary).toMatchObject({
        id: `october-report:${YEAR}`,
        total: 2,
        done: 2,
        failed: [],
        counts: { compiled: 1, unchanged: 1 },
        roots: [DISTRICT],
        rolledUp: { [DISTRICT]: 2 },
      });
      expect(summary?.finishedAt).toBeDefined();
      // The same slot again: every committee is done, nothing is compiled twice.
      expect(rerun).toMatchObject({ total: 2, done: 2, counts: { compiled: 1, unchanged: 1 } });
      const latest = await app.repos.reports.get(A, YEAR);
      expect(latest?.version).toBe(2);
      // A new version is the same document: it keeps the number given at the first compilation
      expect(latest?.number).toBe('1-BC/ĐU');
      expect((await app.repos.reports.get(DISTRICT, YEAR))?.number).toBe('1-BC/QU');
      expect(latest?.body.evaluations).toMatchObject({ done: 15, due: 9, drafts: 3 });
      expect((await app.repos.reports.get(DISTRICT, YEAR))?.body.evaluations.done).toBe(16 + 1);
      expect((await app.repos.reports.get(DISTRICT, YEAR))?.version).toBe(2);
      // The first version is kept.
      const first = await app.repos.store.get(keys.reportVersion(A, YEAR, 1));
      expect((first?.body as OctoberReportBody | undefined)?.evaluations.done).toBe(14);
      expect(await compiledEvents()).toContain(`OctoberReportCompiled:${A}:${YEAR}:v2`);
      expect(
        HTTP_ROUTES.filter((r) => r.path.startsWith('/committees/{id}/reports')).map(
          (r) => `${r.method} ${r.path}`,
        ),
      ).toEqual([
        'POST /committees/{id}/reports/{year}',
        'PUT /committees/{id}/reports/{year}/narrative',
        'GET /committees/{id}/reports/{year}/narrative',
        'GET /committees/{id}/reports/{year}',
      ]);
    });

    it('sums the wards’ stored reports on request (children=stored), and recompiles them by default', async () => {
      // Prepare: one more submission in ward A after its last compilation.
      await submitDraft('m18');

      // Act
      const stored = await compile(districtStaff, DISTRICT, { children: 'stored' });
      const fresh = await compile(districtStaff, DISTRICT);

      // Assess
      expect(stored.status).toBe(200);
      expect(stored.json.changed).toBe(false);
      expect(fresh.status).toBe(201);
      const report = fresh.json.report;
      expect(report.version).toBe(3);
      // The district's sum: ward A's 8 still due and ward X's x2 (owed under qd213: no exemption case).
      expect(report.body.evaluations).toMatchObject({ done: 18, due: 9, drafts: 2 });
      expect((await app.repos.reports.get(A, YEAR))?.version).toBe(3);
      expect((await compile(districtStaff, DISTRICT, { children: 'all' })).status).toBe(400);
    });
  });
});
