// adapter: id generation (time-ordered, URL-safe) and the system clock.
import { randomBytes, randomInt } from 'node:crypto';
import type { IdGenerator } from '../ports/common.js';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeTime(ms: number): string {
  let out = '';
  let n = ms;
  for (let i = 0; i < 10; i++) {
    out = (ALPHABET[n % 32] ?? '0') + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** ULID-like ids: 10 characters of time then 12 of randomness, so ids sort roughly by creation. */
export const timeOrderedIds: IdGenerator = {
  next(prefix?: string): string {
    const random = [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join('');
    const id = `${encodeTime(Date.now())}${random}`;
    return prefix ? `${prefix}-${id}` : id;
  },
};

/** The code alphabet: no 0/O/1/I/L, which people misread when a code is printed or read aloud. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Short human-typable codes, for deep links and things read aloud. Each character is drawn uniformly
 * (randomInt rejects the bytes that would favour some letters: 256 is not a multiple of 31).
 */
export function randomCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
