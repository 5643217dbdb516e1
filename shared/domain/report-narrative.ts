// domain: the report's narrative (R22) — the three sections a reporting committee's staff write before
// compiling (assessment, difficulties, proposals), as the guidance asks of a written report beside its
// figures. Stored per committee and year, versioned; compiling copies it into the report (a later edit
// needs a recompile to reach the documents).
import { ValidationError } from './errors.js';
import { characterCount, normaliseText, REPLACEMENT_CHARACTER } from './text.js';

/** In the order the written report prints them. */
export const NARRATIVE_SECTIONS = ['assessment', 'difficulties', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/** A section's length in characters: about a page and a half of the printed report. */
export const NARRATIVE_SECTION_MAX = 4000;

/** The sections' texts; a section not written yet is absent. */
export type NarrativeTexts = Partial<Record<NarrativeSection, string>>;

export interface ReportNarrative extends NarrativeTexts {
  orgId: string;
  year: number;
  /** 1 at the first save; increases on every save that changed a section (an identical save keeps it). */
  version: number;
  /** The principal's subject (a staff id), never a name. */
  updatedBy: string;
  updatedAt: string;
}

/** What a compiled report carries of the narrative: the texts as they were, and the version copied. */
export interface CompiledNarrative extends NarrativeTexts {
  version: number;
}

/** C0 controls and DEL, except tab, line feed and carriage return (what people type in a long text). */
function hasControlCharacters(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/**
 * A section as typed, made safe to store and print: NFC without invisible format characters, trimmed, line
 * endings as "\n". Refused (ValidationError, Vietnamese issue) when nothing is left, when it is longer than
 * NARRATIVE_SECTION_MAX characters, or when it holds control characters or text garbled in transit.
 */
export function normaliseNarrativeSection(section: NarrativeSection, value: string): string {
  const text = normaliseText(value).replace(/\r\n?/g, '\n').trim();
  const refuse = (message: string) => {
    throw new ValidationError(
      { vi: 'Phần nhận định chưa hợp lệ', en: 'The narrative section is not valid' },
      [{ path: [section], message }],
    );
  };
  if (text.length === 0) refuse('không được để trống');
  if (characterCount(text) > NARRATIVE_SECTION_MAX) refuse(`tối đa ${NARRATIVE_SECTION_MAX} ký tự`);
  if (hasControlCharacters(text)) refuse('có ký tự điều khiển không hợp lệ');
  if (text.includes(REPLACEMENT_CHARACTER)) refuse('có ký tự không đọc được (lỗi mã hóa)');
  return text;
}

/**
 * The narrative after an edit of one or more sections (the others kept), or undefined when the edit
 * changes nothing (a repeated save: idempotent, no new version). An edit naming no section is refused.
 */
export function narrativeAfterEdit(
  existing: ReportNarrative | undefined,
  edit: NarrativeTexts,
  who: { orgId: string; year: number; by: string; now: Date },
): ReportNarrative | undefined {
  const given = NARRATIVE_SECTIONS.filter((s) => edit[s] !== undefined);
  if (given.length === 0) {
    throw new ValidationError({ vi: 'Chưa có phần nào để lưu', en: 'No section given' }, [
      {
        path: [],
        message: 'cần ít nhất một phần: đánh giá chung, khó khăn vướng mắc hoặc kiến nghị đề xuất',
      },
    ]);
  }
  const texts: NarrativeTexts = { ...sectionsOf(existing) };
  for (const s of given) texts[s] = normaliseNarrativeSection(s, edit[s] ?? '');
  if (existing && sameNarrativeTexts(existing, texts)) return undefined;
  return {
    orgId: who.orgId,
    year: who.year,
    ...texts,
    version: (existing?.version ?? 0) + 1,
    updatedBy: who.by,
    updatedAt: who.now.toISOString(),
  };
}

/** Only the sections' texts of a narrative (or of a compiled report's copy). */
export function sectionsOf(narrative: NarrativeTexts | undefined): NarrativeTexts {
  const texts: NarrativeTexts = {};
  for (const s of NARRATIVE_SECTIONS) {
    const text = narrative?.[s];
    if (text !== undefined) texts[s] = text;
  }
  return texts;
}

export function sameNarrativeTexts(a: NarrativeTexts | undefined, b: NarrativeTexts | undefined): boolean {
  return NARRATIVE_SECTIONS.every((s) => a?.[s] === b?.[s]);
}

/** True when no section is written. */
export function isNarrativeEmpty(narrative: NarrativeTexts | undefined): boolean {
  return NARRATIVE_SECTIONS.every((s) => !narrative?.[s]);
}

/** The copy a compiled report carries, or undefined when nothing is written. */
export function compiledNarrative(narrative: ReportNarrative | undefined): CompiledNarrative | undefined {
  if (!narrative || isNarrativeEmpty(narrative)) return undefined;
  return { ...sectionsOf(narrative), version: narrative.version };
}
