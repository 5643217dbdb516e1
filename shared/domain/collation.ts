// domain: Vietnamese collation, as a byte-sortable key so DynamoDB sort keys and in-memory sorts agree.
//
// Vietnamese lists of people are ordered by the given name (the last word: "An" in "Lê Văn An"), then
// by the family and middle names. Letters follow the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ …
// u ư …); tones only break ties, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.

const ALPHABET = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
] as const;

// Digits sort before letters; anything else sorts after, by code point, so no name is ever dropped.
const DIGIT_BASE = 1;
const LETTER_BASE = DIGIT_BASE + 10;

const TONE_MARKS: Record<string, number> = {
  '\u0300': 1, // huyền
  '\u0309': 2, // hỏi
  '\u0303': 3, // ngã
  '\u0301': 4, // sắc
  '\u0323': 5, // nặng
};

const LETTER_MARKS: Record<string, Record<string, string>> = {
  '\u0306': { a: 'ă' }, // breve
  '\u0302': { a: 'â', e: 'ê', o: 'ô' }, // circumflex
  '\u031b': { o: 'ơ', u: 'ư' }, // horn
};

function code(n: number): string {
  return n.toString(36).padStart(3, '0');
}

interface Letter {
  primary: string;
  tone: number;
}

function letters(text: string): Letter[] {
  const out: Letter[] = [];
  const chars = [...text.toLowerCase().normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    let base = chars[i] ?? '';
    if (/\p{M}/u.test(base)) continue; // a stray mark with no base letter
    let tone = 0;
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1] ?? '')) {
      const mark = chars[++i] ?? '';
      const toneValue = TONE_MARKS[mark];
      if (toneValue !== undefined) tone = toneValue;
      else base = LETTER_MARKS[mark]?.[base] ?? base;
    }
    if (/\s/u.test(base)) continue;
    const index = (ALPHABET as readonly string[]).indexOf(base);
    let primary: string;
    if (index >= 0) primary = code(LETTER_BASE + index);
    else if (/[0-9]/.test(base)) primary = code(DIGIT_BASE + Number(base));
    else primary = code(LETTER_BASE + ALPHABET.length + (base.codePointAt(0) ?? 0));
    out.push({ primary, tone });
  }
  return out;
}

/** Splits a full name into the given name (last word) and the rest (family and middle names). */
export function splitVietnameseName(fullName: string): { givenName: string; rest: string } {
  const words = fullName.trim().split(/\s+/u).filter(Boolean);
  const givenName = words.pop() ?? '';
  return { givenName, rest: words.join(' ') };
}

/**
 * A string whose plain (byte/UTF-16) order is the Vietnamese order of the names it was made from.
 * Used inside DynamoDB sort keys, so paged listings come out already collated.
 */
export function vietnameseNameSortKey(fullName: string): string {
  const { givenName, rest } = splitVietnameseName(fullName);
  const given = letters(givenName);
  const others = letters(rest);
  const primary = (ls: Letter[]) => ls.map((l) => l.primary).join('');
  const tones = (ls: Letter[]) => ls.map((l) => String(l.tone)).join('');
  // '!' sorts before every code character, so "An" comes before "Anh" and the given name decides first.
  return `${primary(given)}!${primary(others)}!${tones(given)}${tones(others)}`;
}

export function compareVietnameseNames(a: string, b: string): number {
  const ka = vietnameseNameSortKey(a);
  const kb = vietnameseNameSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a new array sorted by the Vietnamese order of the name `nameOf` picks. */
export function sortByVietnameseName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: vietnameseNameSortKey(nameOf(item)), name: nameOf(item) }))
    .sort((x, y) =>
      x.key !== y.key ? (x.key < y.key ? -1 : 1) : x.name < y.name ? -1 : x.name > y.name ? 1 : 0,
    )
    .map((x) => x.item);
}
