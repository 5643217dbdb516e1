// domain: text as people type it, made comparable and safe to show — one normalisation, applied where text
// enters (the HTTP body, the bot's messages, a CSV), so a name compares, sorts and prints the same everywhere.

/**
 * Invisible format characters: zero-width spaces and joiners, direction marks, bidi embeddings, overrides
 * and isolates, word joiners and the BOM. None belongs in a name or a reason, and U+202E (right-to-left
 * override) reverses the rest of a line on the staff's paper list, so they are removed, not refused: they
 * cannot be seen, so a person could not find them to delete them.
 */
const INVISIBLE_FORMAT = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** NFC (so diacritics typed with combining marks compare equal) without invisible format characters. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE_FORMAT, '');
}

/** What a decoder put where bytes were not UTF-8: text holding it was garbled before it reached us. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Length as people count it: characters (code points), not UTF-16 units. */
export function characterCount(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

/** Every string inside a parsed JSON value, normalised (objects and arrays are copied, not changed). */
export function normaliseStrings(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) return value.map(normaliseStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normaliseStrings(v)]),
    );
  }
  return value;
}
