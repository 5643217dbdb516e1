// keyboards: /baocao's buttons — write (or replace) a section of the report's narrative, or compile (R22).

import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '../../shared/domain/report-narrative.js';

export const REPORT_PREFIX = 'bc1';
export const REPORT_PATTERN = prefixPattern(REPORT_PREFIX);

export const REPORT_OPS = ['write', 'compile'] as const;
export type ReportOp = (typeof REPORT_OPS)[number];

export interface ReportAction {
  year: number;
  op: ReportOp;
  /** The section to write (ignored by compile). */
  section: NarrativeSection;
}

/** The sections by one letter each, so the data stays short: a, d, p. */
const SECTION_CODE: Record<NarrativeSection, string> = { assessment: 'a', difficulties: 'd', proposals: 'p' };

export const reportData = {
  encode(action: ReportAction): string {
    return encodeCallback(REPORT_PREFIX, [String(action.year), action.op, SECTION_CODE[action.section]]);
  },
  decode(data: string): ReportAction | undefined {
    const parts = decodeCallback(data, REPORT_PREFIX, 3);
    if (!parts) return undefined;
    const [year = '', op = '', code = ''] = parts;
    const section = NARRATIVE_SECTIONS.find((s) => SECTION_CODE[s] === code);
    if (!/^\d{4}$/.test(year) || !(REPORT_OPS as readonly string[]).includes(op) || !section)
      return undefined;
    return { year: Number(year), op: op as ReportOp, section };
  },
};
