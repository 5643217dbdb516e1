// The comment sheet printed over HTTP (issue 17 item 3), on DynamoDB Local: one member's sheet and a hamlet's
// sheets in one PDF — filled, a draft marked DỰ THẢO, blank to fill by hand — under both rule sets; who may
// print (the ward's staff, the member's workplace once submitted; 403 for anyone else or a token whose
// assignment is not stored); 400 with Vietnamese issues on a bad year or hamlet, 404 for what does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as hamletSheetsHandler } from '../../functions/http/evaluation-hamlet-sheets-pdf.js';
import { createHandler as memberSheetHandler } from '../../functions/http/evaluation-sheet-pdf.js';
import type { Principal } from '../../shared/domain/roles.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, checkedDeps, type TestDeps, testClock } from '../support/http.js';
import { pdfLayout } from '../support/pdf-layout.js';
import {
  aCommittee,
  hd02Form,
  seedCommittees,
  seedEvaluation,
  seedMember,
} from '../support/year-end-seed.js';

const YEAR = 2026;
const A = 'phuong-an-hoa'; // qd213-2020
const B = 'phuong-cai-khe'; // hd02-2011

const chairA: Principal = { sub: 'chair-a', orgId: A, role: 'chair' };
const staffA: Principal = { sub: 'staff-a', orgId: A, role: 'residence_staff' };
const staffB: Principal = { sub: 'staff-b', orgId: B, role: 'residence_staff' };
const workYt: Principal = { sub: 'work-yt', orgId: 'so-y-te', role: 'workplace_staff' };
const workGd: Principal = { sub: 'work-gd', orgId: 'so-gd', role: 'workplace_staff' };
/** A token naming ward A whose assignment was never stored (or was revoked). */
const unassigned: Principal = { sub: 'ghost', orgId: A, role: 'residence_staff' };

const MEMBER_ROUTE = '/committees/{id}/evaluations/{year}/{memberId}/sheet.pdf';
const HAMLET_ROUTE = '/committees/{id}/evaluations/{year}/hamlets/{hamletId}/sheets.pdf';

const qd213Full = {
  kind: 'qd213-full' as const,
  criteria: { c1: 1 as const, c2: 2 as const, c3: 1 as const, c4: 2 as const, c5: 1 as const },
  proposal: 'commend' as const,
  otherComments: 'Gương mẫu, nhiệt tình với công việc của khu vực.',
};

interface ErrorAnswer {
  error: { code: string; message: string; issues?: { path: string[]; message: string }[] };
}

describe('The comment sheet printed over HTTP', () => {
  let table: TestTable;
  let deps: TestDeps;

  const memberSheet = (principal: Principal, orgId: string, memberId: string, year = String(YEAR)) =>
    call<ErrorAnswer>(
      memberSheetHandler(() => deps),
      {
        method: 'GET',
        route: MEMBER_ROUTE,
        pathParameters: { id: orgId, year, memberId },
        principal,
      },
    );
  const hamletSheets = (principal: Principal, orgId: string, hamletId: string, year = String(YEAR)) =>
    call<ErrorAnswer>(
      hamletSheetsHandler(() => deps),
      {
        method: 'GET',
        route: HAMLET_ROUTE,
        pathParameters: { id: orgId, year, hamletId },
        principal,
      },
    );
  const textOf = async (bytes: Uint8Array) => {
    const layout = await pdfLayout(bytes);
    return { layout, text: layout.runs.map((r) => r.text).join('\n') };
  };

  beforeAll(async () => {
    table = await createTestTable();
    deps = checkedDeps(table, { clock: testClock('2026-10-30T03:00:00Z') });
    const repos = deps.repos;
    await seedCommittees(repos, [
      aCommittee({ id: 'quan-ninh-kieu', kind: 'board', name: 'Quận ủy Ninh Kiều' }),
      aCommittee({
        id: A,
        kind: 'residence',
        name: 'Đảng ủy phường An Hòa',
        parentId: 'quan-ninh-kieu',
        ruleSet: 'qd213-2020',
        hamlets: [
          { id: 'kv-1', name: 'Khu vực 1' },
          { id: 'kv-2', name: 'Khu vực 2' },
        ],
      }),
      aCommittee({
        id: B,
        kind: 'residence',
        name: 'Đảng ủy phường Cái Khế',
        parentId: 'quan-ninh-kieu',
        hamlets: [{ id: 'kv-3', name: 'Khu vực 3' }],
      }),
      aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }),
      aCommittee({ id: 'so-gd', kind: 'workplace', name: 'Đảng ủy Sở Giáo dục' }),
    ]);
    await repos.staff.put({
      id: 'chair-a',
      orgId: A,
      role: 'chair',
      fullName: 'Võ Văn Bí',
      partyTitle: 'bi_thu',
    });
    await repos.staff.put({ id: 'staff-a', orgId: A, role: 'residence_staff', fullName: 'Lê Thị Cán' });
    await repos.staff.put({ id: 'staff-b', orgId: B, role: 'residence_staff', fullName: 'Mai Văn Bộ' });
    await repos.staff.put({ id: 'work-yt', orgId: 'so-y-te', role: 'workplace_staff', fullName: 'Hồ Thị Y' });
    await repos.staff.put({
      id: 'work-gd',
      orgId: 'so-gd',
      role: 'workplace_staff',
      fullName: 'Tạ Văn Giáo',
    });
    const people: [string, string, string, string, string][] = [
      ['a-1', 'Trần Văn Bình', 'so-y-te', A, 'kv-1'],
      ['a-2', 'Nguyễn Thị An', 'so-y-te', A, 'kv-1'],
      ['a-3', 'Đỗ Văn Cường', 'so-gd', A, 'kv-1'],
      ['a-4', 'Lê Văn Dũng', 'so-y-te', A, 'kv-2'],
      ['b-1', 'Phạm Văn Em', 'so-y-te', B, 'kv-3'],
    ];
    for (const [id, name, workplaceOrgId, residenceOrgId, hamletId] of people) {
      await seedMember(repos, {
        id,
        name,
        category: 'regular',
        workplaceOrgId,
        residenceOrgId,
        status: 'received',
        hamletId,
      });
    }
    await seedEvaluation(repos, {
      residenceOrgId: A,
      memberId: 'a-1',
      form: qd213Full,
      status: 'submitted',
      ruleSet: 'qd213-2020',
    });
    await seedEvaluation(repos, {
      residenceOrgId: A,
      memberId: 'a-2',
      form: qd213Full,
      status: 'draft',
      ruleSet: 'qd213-2020',
    });
    await seedEvaluation(repos, {
      residenceOrgId: B,
      memberId: 'b-1',
      form: hd02Form('none', ['d2']),
      status: 'submitted',
    });
  });

  afterAll(async () => {
    await table.drop();
  });

  it('prints a submitted member’s mẫu 3-213 for the ward’s staff, as a PDF not kept in caches', async () => {
    // Act
    const res = await memberSheet(staffA, A, 'a-1');

    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['content-disposition']).toContain('phieu-nhan-xet-2026-tran-van-binh.pdf');
    const { text } = await textOf(res.bytes);
    expect(text).toContain('Mẫu 3-213');
    expect(text).toContain('PHIẾU NHẬN XÉT');
    expect(text).toContain('CHI BỘ KHU VỰC 1');
    expect(text).toContain('Họ và tên đảng viên: Trần Văn Bình');
    expect(text).toContain('Phường An Hòa, ngày 28 tháng 10 năm 2026');
    expect(text).toContain('Võ Văn Bí'); // the ward's bí thư on record confirms
    expect(text).not.toContain('DỰ THẢO');
    expect(text).not.toMatch(/\bR\d{1,2}\b/);
    expect(text).not.toContain(A);
  });

  it('prints a draft marked DỰ THẢO, and a member without an evaluation as a blank sheet', async () => {
    // Act
    const draft = await memberSheet(chairA, A, 'a-2');
    const blank = await memberSheet(staffA, A, 'a-3');

    // Assess
    expect(draft.status).toBe(200);
    expect((await textOf(draft.bytes)).text).toContain('DỰ THẢO');
    expect(blank.status).toBe(200);
    const { text, layout } = await textOf(blank.bytes);
    expect(text).toContain('ngày …… tháng …… năm 2026');
    expect(layout.runs.filter((r) => r.text === 'X')).toEqual([]);
  });

  it('prints the seed’s four-duty sheet in a ward under hd02-2011, signed T/M the ward', async () => {
    // Act
    const res = await memberSheet(staffB, B, 'b-1');

    // Assess
    expect(res.status).toBe(200);
    const { text } = await textOf(res.bytes);
    expect(text).toContain('ĐẢNG ỦY PHƯỜNG CÁI KHẾ');
    expect(text).toContain('T/M ĐẢNG ỦY');
    expect(text).toContain('Nhận xét: Chưa thực hiện tốt');
    expect(text).not.toContain('Mẫu 3-213');
    expect(text).not.toContain('T/M CHI ỦY');
  });

  it('prints every member of a hamlet in one PDF, each from a new page, in Vietnamese order', async () => {
    // Act
    const res = await hamletSheets(staffA, A, 'kv-1');

    // Assess: An, Bình, Cường (by given name); Dũng lives in another hamlet
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('phieu-nhan-xet-2026-khu-vuc-1.pdf');
    const { layout, text } = await textOf(res.bytes);
    const pages = ['Nguyễn Thị An', 'Trần Văn Bình', 'Đỗ Văn Cường'].map(
      (name) => layout.runs.find((r) => r.text === `Họ và tên đảng viên: ${name}`)?.page,
    );
    expect(pages.every((p) => p !== undefined)).toBe(true);
    expect(pages).toEqual([...pages].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(pages).size).toBe(3);
    expect(text).not.toContain('Lê Văn Dũng');
    expect(text.match(/DỰ THẢO/g)).toHaveLength(1);
    expect(text).toContain(`Trang ${layout.pageCount}/${layout.pageCount}`);
  });

  it('lets the member’s workplace print the sheet once submitted, and nobody else', async () => {
    // Act
    const submitted = await memberSheet(workYt, A, 'a-1');
    const draft = await memberSheet(workYt, A, 'a-2');
    const otherWorkplace = await memberSheet(workGd, A, 'a-1');
    const workplaceHamlet = await hamletSheets(workYt, A, 'kv-1');
    const otherWard = await memberSheet(staffB, A, 'a-1');
    const otherWardHamlet = await hamletSheets(staffB, A, 'kv-1');
    const notHeld = await memberSheet(unassigned, A, 'a-1');
    const notHeldHamlet = await hamletSheets(unassigned, A, 'kv-1');

    // Assess
    expect(submitted.status).toBe(200);
    expect(draft.status).toBe(404);
    for (const res of [otherWorkplace, workplaceHamlet, otherWard, otherWardHamlet, notHeld, notHeldHamlet]) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
  });

  it('answers 400 in Vietnamese for a bad year or hamlet, 404 for a hamlet or member it does not know', async () => {
    // Act
    const badYear = await memberSheet(staffA, A, 'a-1', 'hai-nghin');
    const farYear = await hamletSheets(staffA, A, 'kv-1', '1999');
    const badHamlet = await hamletSheets(staffA, A, 'kv 1!');
    const unknownHamlet = await hamletSheets(staffA, A, 'kv-9');
    const emptyHamlet = await hamletSheets(staffB, B, 'kv-9');
    const unknownMember = await memberSheet(staffA, A, 'khong-co');
    const otherWardsMember = await memberSheet(staffA, A, 'b-1');

    // Assess
    expect(badYear.status).toBe(400);
    expect(badYear.json.error.issues?.[0]).toMatchObject({
      path: ['year'],
      message: 'năm phải là một số (YYYY)',
    });
    expect(farYear.status).toBe(400);
    expect(farYear.json.error.issues?.[0]?.message).toBe('năm phải từ 2000 đến 2100');
    expect(badHamlet.status).toBe(400);
    expect(badHamlet.json.error.issues?.[0]?.path).toEqual(['hamletId']);
    expect(badHamlet.json.error.issues?.[0]?.message).toMatch(/^mã ấp/);
    for (const res of [unknownHamlet, emptyHamlet, unknownMember, otherWardsMember])
      expect(res.status).toBe(404);
  });
});
