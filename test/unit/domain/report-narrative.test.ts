// Unit: the report's narrative (R22) — a section normalised like every free text and refused when empty, too
// long or garbled; an edit keeps the other sections, and an edit that changes nothing gives no new version.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  compiledNarrative,
  isNarrativeEmpty,
  NARRATIVE_SECTION_MAX,
  narrativeAfterEdit,
  normaliseNarrativeSection,
  type ReportNarrative,
} from '../../../shared/domain/report-narrative.js';

const WHO = { orgId: 'phuong-an-hoa', year: 2026, by: 'chair-1', now: new Date('2026-10-20T03:00:00Z') };

const stored: ReportNarrative = {
  orgId: 'phuong-an-hoa',
  year: 2026,
  version: 1,
  assessment: 'Đảng viên giữ mối liên hệ tốt.',
  updatedBy: 'staff-1',
  updatedAt: '2026-10-19T03:00:00.000Z',
};

describe('Function: normaliseNarrativeSection', () => {
  it('composes diacritics (NFC), removes invisible format characters, trims and unifies line endings', () => {
    // Act
    const text = normaliseNarrativeSection('assessment', ' Tốt\u200B.\r\nKhá\u202E.\r'.normalize('NFD'));

    // Assess
    expect(text).toBe('Tốt.\nKhá.');
  });

  it.each([
    ['empty once normalised', ' \u200B\u2060\n ', 'không được để trống'],
    ['too long', 'a'.repeat(NARRATIVE_SECTION_MAX + 1), `tối đa ${NARRATIVE_SECTION_MAX} ký tự`],
    ['a control character', 'Khó khăn\u0007', 'có ký tự điều khiển không hợp lệ'],
    ['garbled in transit', 'Kiến nghị \uFFFD', 'có ký tự không đọc được (lỗi mã hóa)'],
  ])('refuses a section %s, naming the section', (_case, value, message) => {
    // Act
    const act = () => normaliseNarrativeSection('proposals', value);

    // Assess
    expect(act).toThrow(ValidationError);
    try {
      act();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([{ path: ['proposals'], message }]);
    }
  });

  it(`accepts exactly ${NARRATIVE_SECTION_MAX} characters, counted as people count them`, () => {
    // Prepare: "ệ" precomposed is one character (one UTF-16 unit); an emoji is one character (two units)
    const text = `${'ệ'.repeat(NARRATIVE_SECTION_MAX - 1)}🙂`;

    // Act + Assess
    expect(normaliseNarrativeSection('assessment', text)).toBe(text);
  });
});

describe('Function: narrativeAfterEdit', () => {
  it('starts at version 1 with the sections given', () => {
    // Act
    const next = narrativeAfterEdit(undefined, { proposals: ' Tăng cường nhắc nhở. ' }, WHO);

    // Assess
    expect(next).toEqual({
      orgId: 'phuong-an-hoa',
      year: 2026,
      proposals: 'Tăng cường nhắc nhở.',
      version: 1,
      updatedBy: 'chair-1',
      updatedAt: '2026-10-20T03:00:00.000Z',
    });
  });

  it('keeps the sections not given and increases the version', () => {
    // Act
    const next = narrativeAfterEdit(stored, { difficulties: 'Đi công tác xa.' }, WHO);

    // Assess
    expect(next).toMatchObject({
      version: 2,
      assessment: 'Đảng viên giữ mối liên hệ tốt.',
      difficulties: 'Đi công tác xa.',
    });
  });

  it('gives nothing new when the texts are the same once normalised (a repeated save)', () => {
    // Act
    const next = narrativeAfterEdit(stored, { assessment: '  Đảng viên giữ mối liên hệ tốt.\u200B' }, WHO);

    // Assess
    expect(next).toBeUndefined();
  });

  it('refuses an edit naming no section', () => {
    // Act + Assess
    expect(() => narrativeAfterEdit(stored, {}, WHO)).toThrow(ValidationError);
  });
});

describe('Function: compiledNarrative', () => {
  it('copies the texts and the version, and nothing when no section is written', () => {
    // Act + Assess
    expect(compiledNarrative(stored)).toEqual({ version: 1, assessment: 'Đảng viên giữ mối liên hệ tốt.' });
    expect(compiledNarrative(undefined)).toBeUndefined();
    expect(isNarrativeEmpty({})).toBe(true);
  });
});
