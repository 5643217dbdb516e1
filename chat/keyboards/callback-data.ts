// keyboards: the shape of button data — a versioned prefix, then fields separated by "|".
//
// The prefix names the feature and the version of its data (`rsvp1`, `hop1`, …). A button whose
// prefix or arity no feature knows (an old deployment's button, a forged press) falls through to the
// catch-all handler, which answers it as stale. Bump the version when a codec's fields change.
const SEP = '|';

export function encodeCallback(prefix: string, parts: readonly string[]): string {
  for (const part of parts) {
    if (part.includes(SEP)) throw new Error(`Button data field may not contain "${SEP}"`);
  }
  return [prefix, ...parts].join(SEP);
}

/** The fields after `prefix`, or undefined when the data is not this prefix's with `arity` fields. */
export function decodeCallback(data: string, prefix: string, arity: number): string[] | undefined {
  const parts = data.split(SEP);
  if (parts[0] !== prefix || parts.length !== arity + 1) return undefined;
  return parts.slice(1);
}

/** Matches every button data of a prefix (for grammY's `callbackQuery`). */
export function prefixPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\|`);
}
