// ports: renders the minutes (biên bản) of a meeting as a PDF document; adapters/documents implements it.
import type { Addendum, Minutes, MinutesPart, MinutesRecord, Seal } from '../domain/minutes.js';

/** Everything the printed minutes show: the record with every attendance row, the parts, signatures, seal. */
export interface MinutesPdfInput {
  meetingId: string;
  record: MinutesRecord;
  state: 'draft' | 'signing' | 'sealed';
  parts: { part: MinutesPart; number: string; title: string; text?: string; filledIn?: string }[];
  signatures: Minutes['signatures'];
  seal?: Seal & { verifies: boolean };
  addenda: Addendum[];
  generatedAt: string;
  /**
   * The issuing committee's parts of the party's document format: the committee it reports to (its name as
   * recorded), the place of the place-and-date line, the number and symbol ("3-BB/ĐU").
   */
  issuer?: { parent?: string; place?: string; number?: string };
}

export interface MinutesPdfRenderer {
  render(input: MinutesPdfInput): Promise<Uint8Array>;
}
