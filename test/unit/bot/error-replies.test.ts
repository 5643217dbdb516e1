// Unit: domain errors as bot replies — every conflict code has one, a refusal says what is wrong in the chat's
// language, and a broken rule names its topic and the detail.
import { describe, expect, it } from 'vitest';
import { errorText } from '../../../chat/errors.js';
import { en } from '../../../chat/i18n/en.js';
import { vi } from '../../../chat/i18n/vi.js';
import { CONFLICT_CODES, ConflictError, RuleViolationError } from '../../../shared/domain/errors.js';

const cancelled = new ConflictError(
  { vi: 'Cuộc họp đã bị hủy: không gửi giấy mời', en: 'The meeting is cancelled: no invitations are sent' },
  'meeting_cancelled',
);

describe('Function: errorText', () => {
  it("answers a refusal with the record's own words, in the chat's language, as a sentence", () => {
    // Act
    const inVietnamese = errorText(vi, cancelled);
    const inEnglish = errorText(en, cancelled);

    // Assess
    expect(inVietnamese).toBe('Cuộc họp đã bị hủy: không gửi giấy mời.');
    expect(inEnglish).toBe('The meeting is cancelled: no invitations are sent.');
  });

  it('asks to press again after a lost race, whatever the words say', () => {
    // Act
    const reply = errorText(vi, new ConflictError({ vi: 'Phiên bản cũ', en: 'Stale' }, 'stale_version'));

    // Assess
    expect(reply).toBe(vi.errors.busy);
  });

  it('gives every conflict code a reply that is not empty, in both languages', () => {
    // Act
    const replies = CONFLICT_CODES.flatMap((code) =>
      [vi, en].map((t) => errorText(t, new ConflictError({ vi: 'lý do', en: 'reason' }, code))),
    );

    // Assess
    expect(replies.every((r) => r.trim().length > 1)).toBe(true);
  });

  it('names the rule by its topic, then the detail, never by its number', () => {
    // Prepare
    const error = new RuleViolationError('R15', {
      vi: 'chủ trì và thư ký phải là hai đồng chí khác nhau',
      en: 'the chair and the secretary must be two different people',
    });

    // Act
    const reply = errorText(vi, error);

    // Assess
    expect(reply).toBe(
      'Thao tác này trái với quy định về nội dung cuộc họp: chủ trì và thư ký phải là hai đồng chí khác nhau.',
    );
    expect(reply).not.toMatch(/R\d/);
  });
});
