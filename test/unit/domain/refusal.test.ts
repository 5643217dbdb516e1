// unit tests: a refusal carried as data by a queued task (issue 19) words the same as the error it came from.
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  errorOfRefusal,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  refusalOf,
  ValidationError,
} from '../../../shared/domain/errors.js';

describe('Domain: refusals told later', () => {
  it('rebuilds each kind of domain error from its refusal, code and words kept', () => {
    // Prepare
    const errors = [
      new ConflictError({ vi: 'Biên bản đã niêm phong', en: 'Sealed' }, 'minutes_sealed'),
      new RuleViolationError('R15', {
        vi: 'biên bản còn thiếu phần: 2.6 Kết luận',
        en: 'the minutes lack: 2.6',
      }),
      new ForbiddenError({ vi: 'Không có quyền', en: 'Not allowed' }),
      new NotFoundError('meeting'),
      new ValidationError({ vi: 'Dữ liệu không hợp lệ', en: 'Invalid' }),
    ];

    // Act
    const rebuilt = errors.map((e) => {
      const refusal = refusalOf(e);
      // A queued task's outcome travels as JSON.
      return refusal && errorOfRefusal(JSON.parse(JSON.stringify(refusal)));
    });

    // Assess
    rebuilt.forEach((r, i) => {
      const e = errors[i];
      expect(r?.constructor).toBe(e?.constructor);
      expect([r?.code, r?.message, r?.en]).toEqual([e?.code, e?.message, e?.en]);
    });
    expect((rebuilt[1] as RuleViolationError).rule).toBe('R15');
  });

  it('gives no refusal for a failure, which the queue retries instead', () => {
    // Act + Assess
    expect(refusalOf(new Error('ECONNRESET'))).toBeUndefined();
    expect(refusalOf('text')).toBeUndefined();
  });
});
