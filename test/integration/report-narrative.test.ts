// Integration (DynamoDB Local): the report's narrative (R22) over HTTP — written by the committee's own staff
// (PUT), read by whoever reads the report (GET), normalised and refused at the edge, idempotent under a
// repeat — and copied into the compiled report, whose PDF prints its three sections and whose XLSX lists
// them on the "Nhận định" sheet.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as compileHandler } from '../../functions/http/compile-report.js';
import { createHandler as getReportHandler } from '../../functions/http/get-report.js';
import { createHandler as getNarrativeHandler } from '../../functions/http/get-report-narrative.js';
import { createHandler as putNarrativeHandler } from '../../functions/http/put-report-narrative.js';
import { REPORT_TITLE_ROWS } from '../../shared/adapters/documents/report-xlsx.js';
import type { OctoberReport } from '../../shared/domain/report.js';
import type { ReportNarrative } from '../../shared/domain/report-narrative.js';
import type { Principal } from '../../shared/domain/roles.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, checkedDeps, type JsonAnswer, type TestDeps, testClock } from '../support/http.js';
import { pdfText } from '../support/pdf.js';
import { AS, ORG, seedWorld } from '../support/world.js';

const YEAR = 2026;
const ROUTE = '/committees/{id}/reports/{year}/narrative';

type Saved = { narrative: ReportNarrative; changed: boolean } & JsonAnswer;
type Compiled = { report: OctoberReport; changed: boolean } & JsonAnswer;

const ASSESSMENT =
  'Đa số đảng viên giữ mối liên hệ tốt với chi bộ và nhân dân nơi cư trú.\nTỷ lệ dự họp tăng so với năm trước.';
const DIFFICULTIES = 'Một số đảng viên đi công tác xa nên khó dự họp.';
const PROPOSALS = 'Đề nghị cấp ủy nơi công tác nhắc đảng viên báo vắng trước ngày họp.';

describe('HTTP: the report narrative (PUT / GET /committees/{id}/reports/{year}/narrative)', () => {
  let table: TestTable;
  let deps: TestDeps;
  const clock = testClock('2026-10-20T03:00:00Z');
  const put = (principal: Principal, body: unknown, orgId: string = ORG.residence) =>
    call<Saved>(
      putNarrativeHandler(() => deps),
      { method: 'PUT', route: ROUTE, pathParameters: { id: orgId, year: String(YEAR) }, body, principal },
    );
  const get = (principal: Principal, orgId: string = ORG.residence) =>
    call<ReportNarrative & JsonAnswer>(
      getNarrativeHandler(() => deps),
      { method: 'GET', route: ROUTE, pathParameters: { id: orgId, year: String(YEAR) }, principal },
    );
  const compile = (principal: Principal) =>
    call<Compiled>(
      compileHandler(() => deps),
      {
        method: 'POST',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: ORG.residence, year: String(YEAR) },
        principal,
      },
    );
  const fetchReport = (principal: Principal, suffix: string) =>
    call(
      getReportHandler(() => deps),
      {
        method: 'GET',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: ORG.residence, year: `${YEAR}${suffix}` },
        principal,
      },
    );

  beforeAll(async () => {
    table = await createTestTable();
    // Every staff token is checked against the stored assignments, as in AWS.
    deps = checkedDeps(table, { clock });
    await seedWorld(deps.repos);
    await deps.repos.staff.put({
      id: AS.viewer.sub,
      orgId: ORG.residence,
      role: 'viewer',
      fullName: 'Lâm Văn Xem',
    });
    await deps.repos.staff.put({
      id: AS.otherResidence.sub,
      orgId: ORG.otherResidence,
      role: 'residence_staff',
      fullName: 'Đinh Thị Khác',
    });
  });
  afterAll(async () => {
    await table.drop();
  });

  it('reads an empty narrative (version 0) before anything is written', async () => {
    // Act
    const answer = await get(AS.residence);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ orgId: ORG.residence, year: YEAR, version: 0 });
  });

  it('saves the sections the chair sends, normalised (NFC, no invisible characters, trimmed)', async () => {
    // Prepare: the assessment typed with combining marks, a zero-width space and a bidi override
    const typed = `  ${ASSESSMENT.normalize('NFD')}\u200B\u202E  `;

    // Act
    const answer = await put(AS.chair, { assessment: typed, proposals: PROPOSALS });
    const read = await get(AS.residence);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json.changed).toBe(true);
    expect(answer.json.narrative).toMatchObject({
      orgId: ORG.residence,
      year: YEAR,
      version: 1,
      assessment: ASSESSMENT,
      proposals: PROPOSALS,
      updatedBy: AS.chair.sub,
      updatedAt: '2026-10-20T03:00:00.000Z',
    });
    expect(answer.json.narrative.difficulties).toBeUndefined();
    expect(read.json).toEqual(answer.json.narrative);
  });

  it('changes nothing when the same texts are sent again (a retried request)', async () => {
    // Prepare
    clock.set('2026-10-20T04:00:00Z');

    // Act
    const again = await put(AS.chair, { assessment: ASSESSMENT, proposals: PROPOSALS });

    // Assess
    expect(again.status).toBe(200);
    expect(again.json.changed).toBe(false);
    expect(again.json.narrative).toMatchObject({ version: 1, updatedAt: '2026-10-20T03:00:00.000Z' });
  });

  it('replaces one section and keeps the others', async () => {
    // Act
    const answer = await put(AS.residence, { difficulties: DIFFICULTIES });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.json.narrative).toMatchObject({
      version: 2,
      assessment: ASSESSMENT,
      difficulties: DIFFICULTIES,
      proposals: PROPOSALS,
      updatedBy: AS.residence.sub,
    });
  });

  it.each([
    ['no section at all', {}],
    ['a section empty once normalised', { assessment: ' \u200B\u2060 ' }],
    ['a section longer than 4,000 characters', { proposals: 'a'.repeat(4001) }],
    ['a section that is not text', { difficulties: 42 }],
    ['a control character', { assessment: 'Đánh giá\u0007' }],
  ])('answers 400 with Vietnamese issues to %s, and stores nothing', async (_case, body) => {
    // Act
    const answer = await put(AS.chair, body);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.issues?.length).toBeGreaterThan(0);
    // Vietnamese: every issue's message has letters with diacritics
    const messages = (answer.json.error.issues ?? []).map((i) => i.message);
    expect(messages.every((m) => [...m].some((c) => (c.codePointAt(0) ?? 0) > 0x7f))).toBe(true);
    expect((await deps.repos.reports.getNarrative(ORG.residence, YEAR))?.version).toBe(2);
  });

  it('answers 403 to staff outside the committee, to its viewer, and to a role not in the stored assignments', async () => {
    // Prepare: a secretary of the ward by the token's claim, not by any stored assignment
    const claimed: Principal = { sub: 'not-assigned', orgId: ORG.residence, role: 'secretary' };

    // Act
    const statuses = [
      (await put(AS.otherResidence, { assessment: 'Nhận xét của phường khác.' })).status,
      (await put(AS.viewer, { assessment: 'Người xem viết.' })).status,
      (await put(AS.workplace, { assessment: 'Nơi công tác viết.' })).status,
      (await put(claimed, { assessment: 'Không được phân công.' })).status,
      (await get(AS.otherResidence)).status,
      (await get(AS.workplace)).status,
    ];

    // Assess
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await deps.repos.reports.getNarrative(ORG.residence, YEAR))?.version).toBe(2);
    expect((await get(AS.viewer)).status).toBe(200);
  });

  it('is copied into the report when compiling; a later edit reaches it with the next compilation only', async () => {
    // Act
    const first = await compile(AS.chair);
    await put(AS.chair, { assessment: `${ASSESSMENT} Cần phát huy.` });
    const stored = await fetchReport(AS.residence, '');
    const second = await compile(AS.chair);
    const third = await compile(AS.chair);

    // Assess
    expect(first.status).toBe(201);
    expect(first.json.report.narrative).toEqual({
      version: 2,
      assessment: ASSESSMENT,
      difficulties: DIFFICULTIES,
      proposals: PROPOSALS,
    });
    expect((stored.json as unknown as OctoberReport).narrative?.version).toBe(2);
    expect(second.status).toBe(201);
    expect(second.json.report).toMatchObject({
      version: first.json.report.version + 1,
      narrative: { version: 3, assessment: `${ASSESSMENT} Cần phát huy.` },
    });
    expect(third.status).toBe(200);
    expect(third.json.changed).toBe(false);
  });

  it('prints the three sections with their headings after the figures in the PDF', async () => {
    // Act
    const text = await pdfText((await fetchReport(AS.residence, '.pdf')).bytes);

    // Assess
    const at = (s: string) => text.indexOf(s);
    expect(at('VI. ĐẢNG VIÊN VẮNG MẶT CẢ HAI CUỘC HỌP')).toBeGreaterThan(-1);
    expect(at('VII. ĐÁNH GIÁ CHUNG')).toBeGreaterThan(at('VI. ĐẢNG VIÊN VẮNG MẶT CẢ HAI CUỘC HỌP'));
    expect(at('Đa số đảng viên giữ mối liên hệ tốt')).toBeGreaterThan(at('VII. ĐÁNH GIÁ CHUNG'));
    expect(at('Tỷ lệ dự họp tăng so với năm trước. Cần phát huy.')).toBeGreaterThan(
      at('VII. ĐÁNH GIÁ CHUNG'),
    );
    expect(at('VIII. KHÓ KHĂN, VƯỚNG MẮC')).toBeGreaterThan(at('Cần phát huy.'));
    expect(at(DIFFICULTIES)).toBeGreaterThan(at('VIII. KHÓ KHĂN, VƯỚNG MẮC'));
    expect(at('IX. KIẾN NGHỊ, ĐỀ XUẤT')).toBeGreaterThan(at(DIFFICULTIES));
    expect(at(PROPOSALS)).toBeGreaterThan(at('IX. KIẾN NGHỊ, ĐỀ XUẤT'));
    expect(at('Nơi nhận')).toBeGreaterThan(at(PROPOSALS));
  });

  it('lists the three texts on the XLSX form\'s "Nhận định" sheet', async () => {
    // Act
    const answer = await fetchReport(AS.residence, '.xlsx');
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
    await workbook.xlsx.load(answer.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Nhận định')?.eachRow((row, n) => {
      if (n > REPORT_TITLE_ROWS) rows.push((row.values as unknown[]).slice(1));
    });

    // Assess
    expect(rows).toEqual([
      ['Phần', 'Nội dung'],
      ['Đánh giá chung', `${ASSESSMENT} Cần phát huy.`],
      ['Khó khăn, vướng mắc', DIFFICULTIES],
      ['Kiến nghị, đề xuất', PROPOSALS],
    ]);
  });

  it("lets a board's own staff write the board's narrative, copied into its aggregate report", async () => {
    // Prepare
    const boardStaff: Principal = { sub: 'board-st', orgId: ORG.block, role: 'board_staff' };
    await deps.repos.staff.put({
      id: boardStaff.sub,
      orgId: ORG.block,
      role: 'board_staff',
      fullName: 'Lý Thị Hạnh',
    });

    // Act
    const written = await put(
      boardStaff,
      { assessment: 'Các đảng ủy trực thuộc thực hiện nghiêm túc.' },
      ORG.block,
    );
    const byWard = await put(AS.chair, { assessment: 'Phường viết thay quận.' }, ORG.block);
    const compiled = await call<Compiled>(
      compileHandler(() => deps),
      {
        method: 'POST',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: ORG.block, year: String(YEAR) },
        principal: boardStaff,
      },
    );

    // Assess
    expect(written.status).toBe(200);
    expect(byWard.status).toBe(403);
    expect(compiled.json.report).toMatchObject({
      scope: 'aggregate',
      narrative: { version: 1, assessment: 'Các đảng ủy trực thuộc thực hiện nghiêm túc.' },
    });
  });
});
