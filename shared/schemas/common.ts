// schemas: primitives shared by every request and record schema (zod 4).
import * as z from 'zod';
import './locale.js';
import { isValidIsoDate } from '../domain/dates.js';
import { characterCount, normaliseText, REPLACEMENT_CHARACTER } from '../domain/text.js';

/** Ids we mint and accept: URL-safe, no dots (meeting ids use dots as separators). */
export const idSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'chỉ gồm chữ không dấu, số, "-" và "_" (tối đa 64 ký tự)');

export const isoDateSchema = z.string().trim().refine(isValidIsoDate, 'ngày theo dạng YYYY-MM-DD');

export const localTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ theo dạng HH:mm');

/** Vietnamese phone numbers: 0xxxxxxxxx or +84xxxxxxxxx, spaces and dots allowed and removed. */
export const phoneSchema = z
  .string()
  .transform((v) => v.replace(/[\s.]/g, ''))
  .pipe(z.string().regex(/^(0|\+84)\d{9,10}$/, 'số điện thoại Việt Nam (0… hoặc +84…)'));

/** C0 controls and DEL, except tab, line feed and carriage return, which people do type. */
export function hasControlCharacters(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/**
 * Free text a person typed: normalised (NFC, no invisible format characters such as bidi overrides),
 * trimmed, at most `max` characters, no control characters and nothing garbled in transit.
 */
export const textSchema = (max: number) =>
  z
    .string()
    .transform((v) => normaliseText(v).trim())
    .pipe(
      z
        .string()
        .min(1, 'không được để trống')
        .refine((v) => characterCount(v) <= max, `tối đa ${max} ký tự`)
        .refine((v) => !hasControlCharacters(v), 'có ký tự điều khiển không hợp lệ')
        .refine((v) => !v.includes(REPLACEMENT_CHARACTER), 'có ký tự không đọc được (lỗi mã hóa)'),
    );

export const fullNameSchema = textSchema(120);

export const yearSchema = z.coerce.number().int().min(2000).max(2100);

/** A sign-in e-mail (lower-cased: Cognito user names compare as typed). */
export const emailSchemaOptional = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('địa chỉ e-mail không hợp lệ'))
  .optional();
