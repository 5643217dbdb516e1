// types: the few fontkit calls the TrueType tests use (fontkit, still installed under pdfkit, is their
// independent oracle; it ships no type definitions).
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { toSVG(): string; commands: unknown[] };
  }
  export interface Font {
    numGlyphs: number;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(glyphId: number): Glyph;
  }
  export function create(buffer: Buffer): Font;
}
