// unit tests: an imported file's rows before any read — invalid rows and a party card's second line refused
// in the file's order (R1: a member is introduced once), and what a row's failure says.
import { describe, expect, it } from 'vitest';
import { ConflictError, RuleViolationError, ValidationError } from '../../../shared/domain/errors.js';
import {
  importRowError,
  type ParsedRow,
  screenIntroductionRows,
} from '../../../shared/domain/import-rows.js';

type Request = { member: { partyCardNumber: string; fullName: string } };
const row = (line: number, card: string): ParsedRow<Request> => ({
  line,
  ok: true,
  request: { member: { partyCardNumber: card, fullName: `Người ${line}` } },
});

describe('The rows of an imported file', () => {
  it('keeps the first line of each party card and refuses the others, naming the first', () => {
    // Prepare
    const rows: ParsedRow<Request>[] = [
      row(2, '001'),
      { line: 3, ok: false, issues: [{ path: ['ho_ten'], message: 'không được để trống' }] },
      row(4, '002'),
      row(5, '001'),
    ];

    // Act
    const { valid, refused } = screenIntroductionRows(rows);

    // Assess
    expect(valid.map((v) => v.line)).toEqual([2, 4]);
    expect(refused).toEqual([
      {
        line: 3,
        code: 'validation_failed',
        message: 'Dòng không hợp lệ',
        en: 'The row is not valid',
        issues: [{ path: ['ho_ten'], message: 'không được để trống' }],
      },
      {
        line: 5,
        code: 'duplicate_in_file',
        message: 'Trùng số thẻ đảng với dòng 2',
        en: 'Same party card number as line 2',
      },
    ]);
  });

  it('reports a broken rule with its rule, a conflict with its code, and anything else as retryable', () => {
    // Act
    const rule = importRowError(
      7,
      new RuleViolationError('R2', { vi: 'cần thời hạn tạm trú', en: 'a period' }),
    );
    const invalid = importRowError(8, new ValidationError({ vi: 'Sai', en: 'Wrong' }, [{ path: ['x'] }]));
    const conflict = importRowError(9, new ConflictError({ vi: 'Đã có', en: 'Exists' }, 'member_exists'));
    const other = importRowError(10, new Error('ThrottlingException'));

    // Assess
    expect(rule).toMatchObject({ line: 7, code: 'rule_violation', rule: 'R2' });
    expect(invalid).toMatchObject({ line: 8, code: 'validation_failed', issues: [{ path: ['x'] }] });
    expect(conflict).toMatchObject({ line: 9, code: 'member_exists', message: 'Đã có' });
    expect(other).toEqual({
      line: 10,
      code: 'internal',
      message: 'Lỗi hệ thống, hãy gửi lại tệp',
      en: 'Internal error, send the file again',
    });
  });
});
