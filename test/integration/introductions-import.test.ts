import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as importIntroductions } from '../../functions/http/introductions-import.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { ImportReport } from '../../shared/services/import.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type ErrorJson, testClock, testDeps } from '../support/http.js';
import { AS, ORG, seedWorld } from '../support/world.js';

const HEADER =
  'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,dien_thoai,doi_tuong,cu_tru,dia_chi,dang_ky_tu,dang_ky_den,ma_noi_cu_tru,ngay_vao_dang,ngay_chinh_thuc,chi_bo,ly_do_di_xa,di_xa_tu,di_xa_den';

describe('HTTP: POST /introductions/import (CSV)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDeps>;
  const handler = importIntroductions(() => deps);
  const upload = (
    csv: string,
    options: { contentType?: string; query?: Record<string, string>; base64?: boolean; as?: Principal } = {},
  ) =>
    call<ImportReport & ErrorJson>(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: csv,
      headers: { 'content-type': options.contentType ?? 'text/csv; charset=utf-8' },
      principal: options.as ?? AS.workplace,
      ...(options.query ? { query: options.query } : {}),
      ...(options.base64 ? { base64: true } : {}),
    });

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock: testClock('2026-03-02T03:00:00Z') });
    await seedWorld(deps.repos);
    await deps.repos.committees.put({
      id: 'phuong-hung-loi',
      kind: 'residence',
      name: 'Đảng ủy phường Hưng Lợi',
    });
  });
  afterAll(async () => {
    await table.drop();
  });

  describe('a file with valid and invalid rows', () => {
    // BOM, CRLF, a quoted address with a comma and a line break (lines 3–4), a name typed with combining
    // marks (NFD), and a blank last line.
    const nfdName = 'Trần Thị Thủy'.normalize('NFD');
    const rows = [
      `\uFEFF${HEADER}`,
      '400000001,Nguyễn Văn An,12/03/1985,nam,0912345678,,thuong_tru,"Số 5, khu vực 1",2010-05-01,,phuong-an-hoa,19/05/2008,19/05/2009,Chi bộ Văn phòng,,,',
      '400000002,Lê Thị Ánh,1990-07-15,nữ,,cong_tac,tam_tru,"Phòng 3, hẻm 51\nđường 3/2",01/01/2026,01/01/2027,phuong-an-hoa,,,,,,',
      '400000003,Phạm Đức Đạt,31/02/1990,nam,,,thuong_tru,Khu vực 2,2001-01-01,,phuong-an-hoa,,,,,,',
      '400000004,,1988-01-01,nam,,,thuong_tru,Khu vực 2,2001-01-01,,phuong-an-hoa,,,,,,',
      '400000005,Võ Thị Ân,1992-02-02,nữ,,,tạm trú,Nhà trọ Bình An,2026-01-01,2026-06-30,phuong-an-hoa,,,,,,',
      '400000001,Nguyễn Văn An,12/03/1985,nam,,,thuong_tru,Số 5,2010-05-01,,phuong-an-hoa,,,,,,',
      '400000006,Đỗ Văn Dũng,1980-08-08,nam,,,thuong_tru,Khu vực 4,2000-01-01,,phuong-khong-co,,,,,,',
      '400000007,Huỳnh Công Lý,1983-03-03,nam,,lưu động,thường trú,Khu vực 5,2000-01-01,,phuong-an-hoa,,,,"Thi công cầu, tỉnh Sóc Trăng",01/04/2026,30/09/2026',
      `400000008,${nfdName},1995-05-05,nữ,,,thuong_tru,Khu vực 6,2000-01-01,,phuong-an-hoa,,,,,,`,
      '',
    ];
    const csv = rows.join('\r\n');

    it('imports the valid rows and reports each invalid one by its line, with the zod issues', async () => {
      // Act
      const res = await upload(csv);

      // Assess
      expect(res.status).toBe(200);
      const report = res.json;
      expect(report).toMatchObject({
        complete: true,
        total: 9,
        created: 4,
        existing: 0,
        failed: 5,
        notProcessed: [],
      });
      expect(report.rows.map((r) => r.line)).toEqual([2, 3, 10, 11]);
      expect(report.errors.map((e) => [e.line, e.code])).toEqual([
        [5, 'validation_failed'],
        [6, 'validation_failed'],
        [7, 'rule_violation'],
        [8, 'duplicate_in_file'],
        [9, 'not_found'],
      ]);
      const issuesOf = (line: number) =>
        (report.errors.find((e) => e.line === line)?.issues ?? []) as { column?: string; path: string[] }[];
      expect(issuesOf(5).map((i) => i.column)).toEqual(['ngay_sinh']);
      expect(issuesOf(6)).toEqual([
        expect.objectContaining({ column: 'ho_ten', path: ['member', 'fullName'] }),
      ]);
      expect(report.errors.find((e) => e.line === 7)?.rule).toBe('R2');
      expect(report.errors.find((e) => e.line === 8)?.message).toContain('dòng 2');
    });

    it('stores what the file said: quoted fields, dd/MM/yyyy dates, travel notices, NFC names', async () => {
      const an = await deps.repos.members.byPartyCard('400000001');
      expect(an).toMatchObject({
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1985-03-12',
        sex: 'male',
        admittedOn: '2008-05-19',
        partyCell: 'Chi bộ Văn phòng',
        residence: { kind: 'permanent', address: 'Số 5, khu vực 1' },
      });
      const anh = await deps.repos.members.byPartyCard('400000002');
      expect(anh?.residence).toMatchObject({
        kind: 'temporary',
        address: 'Phòng 3, hẻm 51\nđường 3/2',
        registeredUntil: '2027-01-01',
      });
      const ly = await deps.repos.members.byPartyCard('400000007');
      expect(ly?.category).toBe('travelling');
      expect(await deps.repos.members.travelNotices(ly?.id ?? '')).toEqual([
        expect.objectContaining({
          reason: 'Thi công cầu, tỉnh Sóc Trăng',
          from: '2026-04-01',
          until: '2026-09-30',
        }),
      ]);
      const thuy = await deps.repos.members.byPartyCard('400000008');
      expect(thuy?.fullName).toBe('Trần Thị Thủy'.normalize('NFC'));
      expect(await deps.repos.members.byPartyCard('400000005')).toBeUndefined();
    });

    it('creates nothing new when the same file is imported again', async () => {
      // Prepare
      const before = await deps.repos.introductions.ofResidence(ORG.residence, {
        status: 'issued',
        limit: 100,
      });

      // Act
      const res = await upload(csv, { base64: true });

      // Assess
      expect(res.json).toMatchObject({ total: 9, created: 0, existing: 4, failed: 5 });
      const after = await deps.repos.introductions.ofResidence(ORG.residence, {
        status: 'issued',
        limit: 100,
      });
      expect(after.items.map((i) => i.introduction.id).sort()).toEqual(
        before.items.map((i) => i.introduction.id).sort(),
      );
      const numbers = after.items.map((i) => i.introduction.letterNumber);
      expect(new Set(numbers).size).toBe(numbers.length);
    });
  });

  /** `count` valid rows with Vietnamese names, over two wards, party cards from `firstCard`. */
  function bigFile(count: number, firstCard: number): string {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
    const given = ['An', 'Ánh', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Giang', 'Hòa', 'Khánh', 'Ương'];
    const lines = [HEADER];
    for (let i = 0; i < count; i++) {
      const residence = i % 2 === 0 ? 'phuong-an-hoa' : 'phuong-hung-loi';
      lines.push(
        `${firstCard + i},${family[i % 10]} Thị ${given[(i * 7) % 10]},15/06/1985,nữ,,,thuong_tru,"Số ${i}, khu vực ${i % 9}",2000-01-01,,${residence},,,,,,`,
      );
    }
    return lines.join('\r\n');
  }

  it('imports 200 rows several to a transaction, numbering letters without repeats; again, nothing new', {
    timeout: 300_000,
  }, async () => {
    // Prepare
    const csv = bigFile(200, 500_000_000);

    // Act: as a client does, send the file until it is complete (one request unless the machine is slow; on a
    // very busy one a request can run out of the function's 30 s and answer the timeout, and is sent again)
    const answers: ImportReport[] = [];
    let requests = 0;
    do {
      const res = await upload(csv);
      requests += 1;
      if (res.status === 200) answers.push(res.json);
    } while (!answers.at(-1)?.complete && requests < 30);
    const again = await upload(csv);

    // Assess
    expect(answers.at(-1)?.complete).toBe(true);
    for (const a of answers) expect(a.failed).toBe(0);
    if (requests === answers.length) expect(answers.reduce((n, a) => n + a.created, 0)).toBe(200);
    expect(again.json).toMatchObject({ complete: true, total: 200, created: 0, existing: 200, failed: 0 });
    const ids = new Set(again.json.rows.map((r) => r.introductionId));
    const numbers: number[] = [];
    for (const ward of ['phuong-an-hoa', 'phuong-hung-loi']) {
      for await (const { introduction } of deps.repos.introductions.streamOfResidence(ward, 'issued')) {
        if (ids.has(introduction.id)) numbers.push(Number.parseInt(introduction.letterNumber, 10));
      }
    }
    expect(new Set(numbers).size).toBe(200);
    // Numbers are reserved 16 at a time as rows are written: at most a partial block is left per request.
    expect(Math.max(...numbers) - Math.min(...numbers)).toBeLessThan(200 + 16 * requests);
  });

  it('stops writing before the function must answer, and goes on when the same file is sent again', async () => {
    // Prepare: a function with less time left than the import keeps in reserve
    const csv = bigFile(40, 510_000_000);

    // Act
    const short = await call<ImportReport & ErrorJson>(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: csv,
      headers: { 'content-type': 'text/csv' },
      principal: AS.workplace,
      timeoutMs: 5_000,
    });
    const writtenMeanwhile = await deps.repos.members.byPartyCard('510000000');
    const resumed = await upload(csv);

    // Assess
    expect(short.status).toBe(200);
    expect(short.json).toMatchObject({ complete: false, created: 0, failed: 0 });
    expect(short.json.notProcessed).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
    expect(writtenMeanwhile).toBeUndefined();
    expect(resumed.json).toMatchObject({ complete: true, created: 40, notProcessed: [] });
  });

  it('reads Vietnamese headers with diacritics, ";" as separator, and lists the columns it ignored', async () => {
    // Prepare: as Excel saves "CSV UTF-8" with Vietnamese regional settings
    const csv = [
      'Số thẻ đảng;Họ tên;Ngày sinh;Giới tính;Cư trú;Địa chỉ;Đăng ký từ;Mã nơi cư trú;Ghi chú',
      '400000101;Lâm Quang Thắng;01/01/1980;Nam;Thường trú;Ấp Mỹ Ái, xã Mỹ Khánh;01/01/2000;phuong-hung-loi;đảng viên mới chuyển về',
    ].join('\n');

    // Act
    const res = await upload(csv);

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 1, failed: 0, ignoredColumns: ['Ghi chú'] });
    expect(res.json.columns).toContain('so_the_dang');
    expect(await deps.repos.members.byPartyCard('400000101')).toMatchObject({
      fullName: 'Lâm Quang Thắng',
      residence: { address: 'Ấp Mỹ Ái, xã Mỹ Khánh' },
    });
  });

  it.each([
    ['a missing required column', 'so_the_dang,ho_ten\n400000201,Tô Văn Tám', /ngay_sinh/],
    ['an unterminated quote', `${HEADER}\n400000202,"Tô Văn Tám,1980-01-01`, /Dòng 2/],
    ['an empty file', '', /Tệp trống/],
    ['more than 5,000 rows', `${HEADER}\n${'x\n'.repeat(5001)}`, /5000/],
  ])('answers 400 for %s', async (_, csv, message) => {
    const res = await upload(csv);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(message);
  });

  it('takes the same file in a JSON envelope { csv } (for clients that only send JSON)', async () => {
    // Prepare
    const csv = `${HEADER}\n400000501,Châu Văn Liêm,1980-01-01,nam,,,thuong_tru,Khu vực 1,2000-01-01,,phuong-an-hoa,,,,,,`;

    // Act
    const res = await call<ImportReport & ErrorJson>(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: { csv },
      principal: AS.workplace,
    });
    const missing = await call(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: { file: csv },
      principal: AS.workplace,
    });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ complete: true, created: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues?.[0]?.path).toEqual(['csv']);
  });

  it('answers 400 for a file that is not UTF-8 and for a body that is not CSV', async () => {
    // Prepare: "Nguyễn" saved in Windows-1258 is not valid UTF-8
    const windows1258 = Buffer.concat([
      Buffer.from(`${HEADER}\n400000301,Nguy`, 'utf8'),
      Buffer.from([0xd2, 0x6e]),
      Buffer.from(' Văn A,1980-01-01,nam,,,thuong_tru,Khu vực 1,2000-01-01,,phuong-an-hoa,,,,,,', 'utf8'),
    ]);

    // Act
    const notUtf8 = await call(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: windows1258,
      headers: { 'content-type': 'text/csv' },
      principal: AS.workplace,
    });
    const json = await upload(HEADER, { contentType: 'application/xml' });

    // Assess
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json.error.message).toContain('UTF-8');
    expect(json.status).toBe(400);
    expect(await deps.repos.members.byPartyCard('400000301')).toBeUndefined();
  });

  it("refuses to import for another workplace (403), and a residence committee's staff (403)", async () => {
    const csv = `${HEADER}\n400000401,Mai Văn Sáu,1980-01-01,nam,,,thuong_tru,Khu vực 1,2000-01-01,,phuong-an-hoa,,,,,,`;
    expect((await upload(csv, { query: { workplaceOrgId: ORG.otherWorkplace } })).status).toBe(403);
    expect((await upload(csv, { as: AS.residence })).status).toBe(403);
    expect(await deps.repos.members.byPartyCard('400000401')).toBeUndefined();
  });
});
