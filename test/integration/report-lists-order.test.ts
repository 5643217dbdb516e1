// Integration (DynamoDB Local): every list of people in the year's report (R22) — proposed for commendation,
// for criticism, absent from both meetings (R11) — is in Vietnamese order (given name, then family and middle
// names) in the XLSX form and the PDF, whatever the order of the members' ids; the JSON keeps ids only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as compileHandler } from '../../functions/http/compile-report.js';
import { createHandler as getReportHandler } from '../../functions/http/get-report.js';
import { REPORT_SHEETS, REPORT_TITLE_ROWS } from '../../shared/adapters/documents/report-xlsx.js';
import type { OctoberReport } from '../../shared/domain/report.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Proposal } from '../../shared/domain/rule-set.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type TestApp, testApp } from '../support/http.js';
import { pdfText } from '../support/pdf.js';
import {
  aCommittee,
  hd02Form,
  seedCommittees,
  seedEvaluation,
  seedInvitation,
  seedMeeting,
  seedMember,
} from '../support/year-end-seed.js';

const WARD = 'phuong-tan-an';
const YEAR = 2026;
const staff: Principal = { sub: 'staff-ta', orgId: WARD, role: 'residence_staff' };

/** Ids in one order, names in another: by id a1…a5, in Vietnamese order An, Ánh, Bình, Đạt, Vũ. */
const MEMBERS: { id: string; name: string; proposal: Proposal }[] = [
  { id: 'a1', name: 'Trần Văn Vũ', proposal: 'commend' },
  { id: 'a2', name: 'Nguyễn Thị Ánh', proposal: 'commend' },
  { id: 'a3', name: 'Lê Văn Đạt', proposal: 'criticise' },
  { id: 'a4', name: 'Phạm Văn An', proposal: 'commend' },
  { id: 'a5', name: 'Đỗ Thị Bình', proposal: 'criticise' },
];

describe('The report’s lists of people (R22): Vietnamese order', () => {
  let table: TestTable;
  let app: TestApp;
  const fetchReport = (suffix: string) =>
    call<OctoberReport>(
      getReportHandler(() => app.deps),
      {
        method: 'GET',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: WARD, year: `${YEAR}${suffix}` },
        principal: staff,
      },
    );

  beforeAll(async () => {
    table = await createTestTable();
    app = testApp(table, '2026-10-31T10:00:00Z');
    await seedCommittees(app.repos, [
      aCommittee({ id: WARD, kind: 'residence', name: 'Đảng ủy phường Tân An' }),
      aCommittee({ id: 'kv-ta', kind: 'hamlet_cell', name: 'Chi bộ khu vực 1', parentId: WARD }),
      aCommittee({ id: 'so-tai-chinh', kind: 'workplace', name: 'Đảng ủy Sở Tài chính' }),
    ]);
    const june = { id: await seedMeeting(app.repos, WARD, YEAR, 'june', '2026-06-20'), date: '2026-06-20' };
    const october = {
      id: await seedMeeting(app.repos, WARD, YEAR, 'october', '2026-10-17'),
      date: '2026-10-17',
    };
    for (const m of MEMBERS) {
      const introduction = await seedMember(app.repos, {
        id: m.id,
        name: m.name,
        category: 'regular',
        workplaceOrgId: 'so-tai-chinh',
        residenceOrgId: WARD,
        status: 'received',
        hamletId: 'kv-ta',
      });
      // Absent from both meetings without a word: every one of them is on the R11 list.
      await seedInvitation(app.repos, 'N', june, introduction, m.name);
      await seedInvitation(app.repos, 'N', october, introduction, m.name);
      await seedEvaluation(app.repos, {
        residenceOrgId: WARD,
        memberId: m.id,
        form: hd02Form(m.proposal),
        status: 'submitted',
      });
    }
    const compiled = await call(
      compileHandler(() => app.deps),
      {
        method: 'POST',
        route: '/committees/{id}/reports/{year}',
        pathParameters: { id: WARD, year: String(YEAR) },
        principal: staff,
      },
    );
    if (compiled.status !== 201) throw new Error(`compile answered ${compiled.status}`);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('keeps member ids only in the JSON, in the order of the ids', async () => {
    // Act
    const { body } = (await fetchReport('')).json;

    // Assess
    expect(body.commendations).toEqual(['a1', 'a2', 'a4']);
    expect(body.criticisms).toEqual(['a3', 'a5']);
    expect(body.bothMeetingsMissed).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('lists the names in Vietnamese order on the XLSX form', async () => {
    // Act
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
    await workbook.xlsx.load(
      (await fetchReport('.xlsx')).bytes as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const names = (sheet: string) => {
      const out: unknown[] = [];
      workbook.getWorksheet(sheet)?.eachRow((row, n) => {
        if (n > REPORT_TITLE_ROWS + 1) out.push((row.values as unknown[])[2]);
      });
      return out;
    };

    // Assess: commendations, then criticisms, each in Vietnamese order
    expect(names(REPORT_SHEETS.proposals)).toEqual([
      'Phạm Văn An',
      'Nguyễn Thị Ánh',
      'Trần Văn Vũ',
      'Đỗ Thị Bình',
      'Lê Văn Đạt',
    ]);
    expect(names(REPORT_SHEETS.bothMeetingsMissed)).toEqual([
      'Phạm Văn An',
      'Nguyễn Thị Ánh',
      'Đỗ Thị Bình',
      'Lê Văn Đạt',
      'Trần Văn Vũ',
    ]);
  });

  it('numbers the names in Vietnamese order in the PDF', async () => {
    // Act
    const text = await pdfText((await fetchReport('.pdf')).bytes);
    const section = (from: string, to: string) => {
      const start = text.indexOf(from);
      return text.slice(start, text.indexOf(to, start + from.length));
    };

    // Assess
    expect(section('IV. ĐỀ NGHỊ BIỂU DƯƠNG', 'V. ĐỀ NGHỊ')).toMatch(
      /1\. Phạm Văn An .*2\. Nguyễn Thị Ánh .*3\. Trần Văn Vũ /,
    );
    expect(section('V. ĐỀ NGHỊ', 'VI. ĐẢNG VIÊN VẮNG MẶT')).toMatch(/1\. Đỗ Thị Bình .*2\. Lê Văn Đạt /);
    expect(section('VI. ĐẢNG VIÊN VẮNG MẶT', 'Nơi nhận')).toMatch(
      /1\. Phạm Văn An .*2\. Nguyễn Thị Ánh .*3\. Đỗ Thị Bình .*4\. Lê Văn Đạt .*5\. Trần Văn Vũ /,
    );
  });
});
