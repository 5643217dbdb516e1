// unit tests: the TrueType reader and subsetter, checked against fontkit (an independent parser) on Tinos, the documents' face.
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../../../../shared/adapters/documents/fonts.js';
import { parseTrueType } from '../../../../shared/adapters/documents/pdf/truetype.js';

const VIETNAMESE = ['ư', 'ơ', 'ằ', 'ặ', 'ễ', 'ỹ', 'đ', 'Đ', 'Ư', 'Ợ', 'ẫ', 'ỵ'];
const codePoint = (ch: string) => ch.codePointAt(0) ?? 0;

function tables(font: Uint8Array): Map<string, { offset: number; length: number; checksum: number }> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const out = new Map<string, { offset: number; length: number; checksum: number }>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    out.set(tag, {
      checksum: view.getUint32(at + 4),
      offset: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
    });
  }
  return out;
}

function sum32(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.byteLength + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.byteLength; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('Function: parseTrueType', () => {
  const bytes = loadFont('regular');
  const font = parseTrueType(bytes);
  const oracle = fontkit.create(bytes);

  it.each(VIETNAMESE)('finds the glyph fontkit finds for %s, with the same advance width', (ch) => {
    // Act
    const glyph = font.glyphForCodePoint(codePoint(ch));

    // Assess
    expect(glyph).toBeGreaterThan(0);
    expect(glyph).toBe(oracle.glyphForCodePoint(codePoint(ch)).id);
    expect(font.advanceWidth(glyph)).toBe(oracle.glyphForCodePoint(codePoint(ch)).advanceWidth);
  });

  it('reads the metrics fontkit reads', () => {
    // Assess
    expect(font.numGlyphs).toBe(oracle.numGlyphs);
    expect(font.unitsPerEm).toBe(oracle.unitsPerEm);
    expect(font.ascent).toBe(oracle.ascent);
    expect(font.descent).toBe(oracle.descent);
    expect(font.postscriptName).toBe('Tinos-Regular');
  });

  it('maps a code point the font lacks to glyph 0', () => {
    // Act and Assess: a CJK ideograph and a private-use code point (Tinos has neither)
    expect(font.glyphForCodePoint(codePoint('中'))).toBe(0);
    expect(font.glyphForCodePoint(0x10ffff)).toBe(0);
  });

  it('reads the BMP from the format 4 subtable when the font has no format 12', () => {
    // Prepare: the same font with its format 12 encoding records renamed to an unknown platform
    const patched = new Uint8Array(bytes);
    const view = new DataView(patched.buffer);
    const cmap = tables(patched).get('cmap')?.offset ?? 0;
    for (let i = 0; i < view.getUint16(cmap + 2); i++) {
      const at = cmap + 4 + i * 8;
      if (view.getUint16(cmap + view.getUint32(at + 4)) === 12) view.setUint16(at, 99);
    }

    // Act
    const bmpOnly = parseTrueType(patched);

    // Assess
    for (const ch of [...VIETNAMESE, 'A', 'z', ' ', '—', '…']) {
      expect(bmpOnly.glyphForCodePoint(codePoint(ch)), ch).toBe(font.glyphForCodePoint(codePoint(ch)));
    }
  });

  it('lists the components of a composite glyph', () => {
    // Act: Ạ is built from A and the dot below in Tinos
    const components = font.componentsOf(font.glyphForCodePoint(codePoint('Ạ')));

    // Assess
    expect(components).toContain(font.glyphForCodePoint(codePoint('A')));
    expect(components).toHaveLength(2);
    expect(font.componentsOf(font.glyphForCodePoint(codePoint('a')))).toEqual([]);
  });
});

describe('Method: subset', () => {
  const bytes = loadFont('bold');
  const before = createHash('sha256').update(bytes).digest('hex');
  const font = parseTrueType(bytes);
  const text = 'Nguyễn Thị Hồng Nhung — ặ ỹ Đ';
  const used = [...new Set([...text].map((ch) => font.glyphForCodePoint(codePoint(ch))))];
  const subset = font.subset(used);

  it('keeps the glyph ids, the advances and the outlines of the glyphs used, as fontkit reads them', () => {
    // Act
    const original = fontkit.create(bytes);
    const reread = fontkit.create(Buffer.from(subset));

    // Assess
    expect(reread.numGlyphs).toBe(original.numGlyphs);
    for (const glyph of used) {
      expect(reread.getGlyph(glyph).advanceWidth).toBe(original.getGlyph(glyph).advanceWidth);
      expect(reread.getGlyph(glyph).path.toSVG()).toBe(original.getGlyph(glyph).path.toSVG());
    }
  });

  it('empties the glyphs not used, and is a fraction of the font', () => {
    // Prepare
    const unused = font.glyphForCodePoint(codePoint('Q'));

    // Act
    const reread = fontkit.create(Buffer.from(subset));

    // Assess
    expect(used).not.toContain(unused);
    expect(reread.getGlyph(unused).path.commands).toEqual([]);
    expect(fontkit.create(bytes).getGlyph(unused).path.commands.length).toBeGreaterThan(0);
    expect(subset.byteLength).toBeLessThan(bytes.byteLength / 4);
  });

  it('leaves the font it read untouched (the loader shares one Buffer per process)', () => {
    // Assess
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(before);
  });

  it('re-parses with our own reader: glyph count, advances and composite components', () => {
    // Act
    const reread = parseTrueType(subset);

    // Assess
    expect(reread.numGlyphs).toBe(font.numGlyphs);
    const composite = font.glyphForCodePoint(codePoint('ặ'));
    expect(reread.componentsOf(composite)).toEqual(font.componentsOf(composite));
    for (const glyph of used) expect(reread.advanceWidth(glyph)).toBe(font.advanceWidth(glyph));
  });

  it('writes the tables a PDF FontFile2 needs, each with its checksum, and the whole-file adjustment', () => {
    // Act
    const directory = tables(subset);

    // Assess
    expect([...directory.keys()]).toEqual([
      'cvt ',
      'fpgm',
      'glyf',
      'head',
      'hhea',
      'hmtx',
      'loca',
      'maxp',
      'prep',
    ]);
    for (const [tag, t] of directory) {
      expect(t.offset % 4, tag).toBe(0);
      if (tag !== 'head') expect(t.checksum, tag).toBe(sum32(subset.subarray(t.offset, t.offset + t.length)));
    }
    expect(sum32(subset)).toBe(0xb1b0afba);
  });
});
