import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { detectDelimiter, parseCsv } from '../../../shared/formats/csv.js';
import { csvDate, normaliseHeader, parseIntroductionCsv } from '../../../shared/schemas/introduction-csv.js';

describe('Function: parseCsv', () => {
  it('reads a BOM, CRLF, quoted commas, quoted line breaks and "" escapes, keeping each record\'s first line', () => {
    // Prepare
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line one\r\nline two",z\r\n\r\n3,,\r\n';

    // Act
    const records = parseCsv(text);

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'line one\nline two', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ]);
  });

  it('normalises text to NFC so a name typed with combining marks matches the precomposed one', () => {
    const [record] = parseCsv('Nguyễn Thị Thủy'.normalize('NFD'));
    expect(record?.fields[0]).toBe('Nguyễn Thị Thủy'.normalize('NFC'));
    expect(record?.fields[0]?.length).toBe('Nguyễn Thị Thủy'.normalize('NFC').length);
  });

  it('detects ";" (Vietnamese Excel) and tabs from the header, ignoring separators inside quotes', () => {
    expect(detectDelimiter('a;b;"c,d,e"\n1,2,3,4')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a,b;c,d')).toBe(',');
    expect(parseCsv('a;b\n1;"x;y"')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x;y'] },
    ]);
  });

  it('refuses an unterminated quote naming its line, and text that is not UTF-8', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/Dòng 2/);
    expect(() => parseCsv('a,b\n1,Nguy\uFFFDn')).toThrow(ValidationError);
  });

  it('reads back whatever a quoting writer wrote (property)', () => {
    // U+FFFD is how undecodable bytes arrive, and is refused as "not UTF-8".
    const field = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .map((s) => s.normalize('NFC'))
      .filter((s) => !s.includes('\uFFFD'));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const text = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');
          const parsed = parseCsv(text, ',').map((r) => r.fields);
          // Line breaks inside fields come back as \n.
          const expected = rows.map((r) => r.map((f) => f.replace(/\r\n|\r/g, '\n')));
          expect(parsed).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Function: parseIntroductionCsv', () => {
  it('matches headers with or without diacritics, spaces or case, and English aliases', () => {
    expect(normaliseHeader('Số thẻ đảng')).toBe('sothedang');
    expect(normaliseHeader('so_the_dang')).toBe('sothedang');
    expect(normaliseHeader('ĐỊA CHỈ')).toBe('diachi');
    const parsed = parseIntroductionCsv(
      'partyCardNumber,Họ và tên,Ngày sinh,Giới tính,Loại cư trú,Địa chỉ,Đăng ký từ,Đăng ký đến,Mã nơi cư trú,Đối tượng\n' +
        '123456789,Lê Văn Tám,1/2/1990,Nam,Tạm trú,Hẻm 3,01/01/2025,01/01/2027,phuong-an-hoa,Sinh viên',
    );
    expect(parsed.ignoredColumns).toEqual([]);
    const row = parsed.rows[0];
    expect(row?.ok).toBe(true);
    if (row?.ok) {
      expect(row.request.member).toMatchObject({
        partyCardNumber: '123456789',
        dateOfBirth: '1990-02-01',
        sex: 'male',
        category: 'student',
        residence: { kind: 'temporary', registeredFrom: '2025-01-01' },
      });
    }
  });

  it('names the CSV column of each zod issue', () => {
    const parsed = parseIntroductionCsv(
      'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru\n12,,1990-13-01,khác,thuong_tru,X,2000-01-01,p',
    );
    const row = parsed.rows[0];
    expect(row?.ok).toBe(false);
    if (row && !row.ok) {
      expect(row.issues.map((i) => i.column).sort()).toEqual([
        'gioi_tinh',
        'ho_ten',
        'ngay_sinh',
        'so_the_dang',
      ]);
    }
  });

  it('reads a permanent registration (thường trú) without dates, and asks a temporary one for its period (R2)', () => {
    // Prepare
    const csv =
      'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,ma_noi_cu_tru\n' +
      '123456789,Lê Văn Tám,1990-02-01,Nam,Thường trú,Hẻm 3,phuong-an-hoa\n' +
      '123456780,Lê Thị Ba,1991-02-01,Nữ,Tạm trú,Hẻm 4,phuong-an-hoa';

    // Act
    const parsed = parseIntroductionCsv(csv);

    // Assess
    const [permanent, temporary] = parsed.rows;
    expect(permanent?.ok).toBe(true);
    if (permanent?.ok) {
      expect(permanent.request.member.residence).toEqual({ kind: 'permanent', address: 'Hẻm 3' });
    }
    expect(temporary?.ok).toBe(false);
    if (temporary && !temporary.ok) {
      expect(temporary.issues.map((i) => i.column).sort()).toEqual(['dang_ky_den', 'dang_ky_tu']);
    }
  });

  it('converts dd/MM/yyyy and leaves other text for zod to refuse', () => {
    expect(csvDate('5/9/2026')).toBe('2026-09-05');
    expect(csvDate('05.09.2026')).toBe('2026-09-05');
    expect(csvDate('2026-09-05')).toBe('2026-09-05');
    expect(csvDate('hôm qua')).toBe('hôm qua');
  });
});
