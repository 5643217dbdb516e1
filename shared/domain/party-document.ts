// domain: the wording of the parts of a party document (Hướng dẫn 36-HD/VPTW on the format of party
// documents) that come from the committee's records: the party organisation's name above the issuing
// committee, the issuing body's abbreviation in the number and symbol ("Số 12-GGT/ĐU"), the place of the
// place-and-date line and the line itself ("Phường Hưng Lợi, ngày 05 tháng 01 năm 2027"). Pure: the
// renderers in adapters/documents only lay these strings out.
import { formatVietnameseLongDate, type IsoDate } from './dates.js';

/** The kinds of documents we number, by the symbol of their type in the number ("12-GGT/ĐU"). */
export const DOCUMENT_KIND_SYMBOL = { letter: 'GGT', report: 'BC', minutes: 'BB', invitation: 'GM' } as const;
export type DocumentKind = keyof typeof DOCUMENT_KIND_SYMBOL;

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');
const lower = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi');

/** Committee names by their first words: the organisation ("đảng bộ …") each one leads, and its symbol. */
const COMMITTEE_PREFIXES: readonly { prefix: string; organisation: string; symbol: string }[] = [
  { prefix: 'đảng ủy', organisation: 'đảng bộ', symbol: 'ĐU' },
  { prefix: 'đảng uỷ', organisation: 'đảng bộ', symbol: 'ĐU' },
  { prefix: 'đảng bộ', organisation: 'đảng bộ', symbol: 'ĐU' },
  { prefix: 'chi ủy', organisation: 'chi bộ', symbol: 'CB' },
  { prefix: 'chi uỷ', organisation: 'chi bộ', symbol: 'CB' },
  { prefix: 'chi bộ', organisation: 'chi bộ', symbol: 'CB' },
  { prefix: 'quận ủy', organisation: 'đảng bộ quận', symbol: 'QU' },
  { prefix: 'huyện ủy', organisation: 'đảng bộ huyện', symbol: 'HU' },
  { prefix: 'thị ủy', organisation: 'đảng bộ thị xã', symbol: 'TU' },
  { prefix: 'thành ủy', organisation: 'đảng bộ thành phố', symbol: 'TU' },
  { prefix: 'tỉnh ủy', organisation: 'đảng bộ tỉnh', symbol: 'TU' },
];

function splitCommittee(name: string): { prefix?: (typeof COMMITTEE_PREFIXES)[number]; rest: string } {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const lowered = lower(clean);
  const prefix = COMMITTEE_PREFIXES.find((p) => lowered === p.prefix || lowered.startsWith(`${p.prefix} `));
  return prefix ? { prefix, rest: clean.slice(prefix.prefix.length).trim() } : { rest: clean };
}

/**
 * The party organisation a committee leads, in capitals, for the line above the issuing committee:
 * "Quận ủy Quận 1" → "ĐẢNG BỘ QUẬN 1", "Đảng ủy phường Hưng Lợi" → "ĐẢNG BỘ PHƯỜNG HƯNG LỢI". A name we do
 * not recognise is kept as it is.
 */
export function partyOrganisationName(committeeName: string): string {
  const { prefix, rest } = splitCommittee(committeeName);
  if (!prefix) return upper(committeeName.trim());
  // "Quận ủy Quận 1": the district's word is already in the rest.
  const kindWord = prefix.organisation.split(' ').slice(2).join(' ');
  const restStartsWithKind = kindWord !== '' && lower(rest).startsWith(`${kindWord} `);
  const organisation = restStartsWithKind
    ? prefix.organisation.split(' ').slice(0, 2).join(' ')
    : prefix.organisation;
  return upper(`${organisation} ${rest}`.trim());
}

/** The issuing body's abbreviation in a number and symbol: "ĐU" for a đảng ủy, "CB" for a chi bộ. */
export function issuerSymbol(committeeName: string): string {
  return splitCommittee(committeeName).prefix?.symbol ?? 'ĐU';
}

/** "12-BC/ĐU": the number a counter gave, the document type's symbol, the issuing body's abbreviation. */
export function documentNumber(sequence: number, kind: DocumentKind, committeeName: string): string {
  return `${sequence}-${DOCUMENT_KIND_SYMBOL[kind]}/${issuerSymbol(committeeName)}`;
}

/**
 * A stored number as printed: "12-GGT" (letters numbered before the symbol carried the issuer) gets the
 * issuing body's abbreviation; a number typed in by staff ("05/GGT", "12-GGT/ĐU") is printed as it is.
 */
export function withIssuerSymbol(stored: string, committeeName: string): string {
  return /^\d+-[A-ZĐ]+$/u.test(stored) ? `${stored}/${issuerSymbol(committeeName)}` : stored;
}

/**
 * The place of the place-and-date line: the last part of the committee's address ("…, Cần Thơ"), else the
 * locality in its name ("Đảng ủy phường Hưng Lợi" → "Phường Hưng Lợi").
 */
export function documentPlace(committee: { name: string; address?: string | undefined }): string | undefined {
  const parts = committee.address
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const fromAddress = parts?.at(-1);
  if (fromAddress) return fromAddress;
  const { prefix, rest } = splitCommittee(committee.name);
  if (!prefix || !rest) return undefined;
  return rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1);
}

/** "Phường Hưng Lợi, ngày 05 tháng 01 năm 2027" (the renderer sets it in italics). */
export function placeAndDate(place: string | undefined, date: IsoDate): string {
  return `${place ? `${place}, ` : ''}${formatVietnameseLongDate(date)}`;
}
