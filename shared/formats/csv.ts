// formats: a small RFC 4180 CSV reader for uploads (BOM, quoted fields with commas and line breaks,
// CRLF / LF / CR, "" escapes), keeping the line on which each record starts so errors can name it.
import { ValidationError } from '../domain/errors.js';
import { normaliseText } from '../domain/text.js';

export interface CsvRecord {
  /** The 1-based line of the file on which the record starts (line 1 is the header). */
  line: number;
  fields: string[];
}

/**
 * Vietnamese Excel writes ";" as the list separator; the header line decides (outside quotes):
 * semicolons or tabs when they outnumber commas.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === '\t') tabs++;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas) return '\t';
  return ',';
}

/**
 * Reads CSV text into records. The text is normalised first (NFC, no invisible format characters), so
 * names typed with combining marks compare equal to precomposed ones. Blank lines are skipped. An unterminated quote is a 400.
 */
export function parseCsv(input: string, delimiter?: ',' | ';' | '\t'): CsvRecord[] {
  if (input.includes('\uFFFD')) {
    throw new ValidationError({
      vi: 'Tệp không phải UTF-8: hãy lưu bằng "CSV UTF-8"',
      en: 'The file is not UTF-8: save it as "CSV UTF-8"',
    });
  }
  // The BOM and every other invisible format character go with the normalisation.
  const text = normaliseText(input);
  const sep = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        // A line break inside quotes belongs to the field; count the line either way.
        if (ch === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
      i++;
      continue;
    }
    if (ch === sep) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) {
    throw new ValidationError({
      vi: `Dòng ${quoteLine}: thiếu dấu ngoặc kép đóng`,
      en: `line ${quoteLine}: a quoted field is not closed`,
    });
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
