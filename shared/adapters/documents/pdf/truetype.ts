// adapter: reads the TrueType fonts we embed in PDFs (Tinos) — metrics, cmap, advance widths — and
// subsets them by glyph id, so a document carries only the outlines it draws (see pdf/document.ts).
//
// Only what a PDF needs: glyph ids stay as they are (the PDF uses CIDToGIDMap /Identity), unused glyphs
// keep an empty outline, and the subset holds the tables a PDF's FontFile2 must have (head, hhea, maxp,
// hmtx, loca, glyf, cvt , fpgm, prep). No shaping: Vietnamese is precomposed in Tinos.

/** A parsed TrueType font: what layout and embedding need. Lengths are in font units unless noted. */
export interface TrueTypeFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  /** hhea ascender (positive) and descender (negative), and the line gap. */
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly isFixedPitch: boolean;
  readonly weightClass: number;
  /** head's xMin, yMin, xMax, yMax. */
  readonly bbox: readonly [number, number, number, number];
  /** The glyph drawn for a code point; 0 (.notdef) when the font has none. */
  glyphForCodePoint(codePoint: number): number;
  advanceWidth(glyphId: number): number;
  /** The components a composite glyph is built from (empty for a simple or empty glyph). */
  componentsOf(glyphId: number): number[];
  /** A valid TrueType font with the same glyph ids, whose glyphs outside `glyphIds` (and their components) are empty. */
  subset(glyphIds: Iterable<number>): Uint8Array;
}

interface TableRecord {
  offset: number;
  length: number;
}

const tagOf = (view: DataView, at: number) =>
  String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));

// Composite glyph flags (OpenType spec, glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The tables a PDF FontFile2 keeps (PDF 32000-1, 9.9: cmap and the naming tables are not needed). */
const SUBSET_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'] as const;

export function parseTrueType(input: Uint8Array): TrueTypeFont {
  const bytes = input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sfnt = view.getUint32(0);
  if (sfnt !== 0x00010000 && sfnt !== 0x74727565) throw new Error('Not a TrueType font (glyf outlines)');
  const tables = new Map<string, TableRecord>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    tables.set(tagOf(view, at), { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const table = (tag: string): TableRecord => {
    const t = tables.get(tag);
    if (!t) throw new Error(`TrueType font without a ${tag.trim()} table`);
    return t;
  };

  const head = table('head').offset;
  const unitsPerEm = view.getUint16(head + 18);
  const bbox = [
    view.getInt16(head + 36),
    view.getInt16(head + 38),
    view.getInt16(head + 40),
    view.getInt16(head + 42),
  ] as const;
  const indexToLocFormat = view.getInt16(head + 50);

  const hhea = table('hhea').offset;
  const ascent = view.getInt16(hhea + 4);
  const descent = view.getInt16(hhea + 6);
  const lineGap = view.getInt16(hhea + 8);
  const numberOfHMetrics = view.getUint16(hhea + 34);

  const numGlyphs = view.getUint16(table('maxp').offset + 4);
  const hmtx = table('hmtx').offset;
  const advanceWidth = (glyphId: number): number => {
    if (glyphId < 0 || glyphId >= numGlyphs) return 0;
    return view.getUint16(hmtx + 4 * Math.min(glyphId, numberOfHMetrics - 1));
  };

  const loca = table('loca').offset;
  const glyf = table('glyf').offset;
  const glyphRange = (glyphId: number): [number, number] => {
    if (glyphId < 0 || glyphId >= numGlyphs) return [0, 0];
    return indexToLocFormat === 0
      ? [view.getUint16(loca + glyphId * 2) * 2, view.getUint16(loca + glyphId * 2 + 2) * 2]
      : [view.getUint32(loca + glyphId * 4), view.getUint32(loca + glyphId * 4 + 4)];
  };
  const componentsOf = (glyphId: number): number[] => {
    const [start, end] = glyphRange(glyphId);
    if (end - start < 10 || view.getInt16(glyf + start) >= 0) return [];
    const components: number[] = [];
    let at = glyf + start + 10;
    for (;;) {
      const flags = view.getUint16(at);
      components.push(view.getUint16(at + 2));
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return components;
    }
  };

  const os2 = tables.get('OS/2');
  const os2Version = os2 ? view.getUint16(os2.offset) : 0;
  const weightClass = os2 ? view.getUint16(os2.offset + 4) : 400;
  const capHeight = os2 && os2Version >= 2 ? view.getInt16(os2.offset + 88) : ascent;
  const xHeight = os2 && os2Version >= 2 ? view.getInt16(os2.offset + 86) : Math.round(ascent / 2);

  const post = tables.get('post');
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;
  const isFixedPitch = post ? view.getUint32(post.offset + 12) !== 0 : false;

  const cmap = readCmap(view, tables.get('cmap'));
  const postscriptName = readPostscriptName(view, tables.get('name')) ?? 'Font';

  return {
    postscriptName,
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    lineGap,
    capHeight,
    xHeight,
    italicAngle,
    isFixedPitch,
    weightClass,
    bbox,
    glyphForCodePoint: (codePoint) => cmap.get(codePoint) ?? 0,
    advanceWidth,
    componentsOf,
    subset(glyphIds) {
      // Keep .notdef, every requested glyph, and (transitively) the components of composite glyphs.
      const keep = new Set<number>();
      const pending = [0, ...[...glyphIds].filter((g) => g >= 0 && g < numGlyphs)];
      for (let g = pending.pop(); g !== undefined; g = pending.pop()) {
        if (keep.has(g)) continue;
        keep.add(g);
        for (const c of componentsOf(g)) if (!keep.has(c)) pending.push(c);
      }

      // glyf and loca (long offsets): kept glyphs copied, each padded to 4 bytes; the others empty.
      let glyfLength = 0;
      for (const g of keep) {
        const [start, end] = glyphRange(g);
        glyfLength += align4(end - start);
      }
      const newGlyf = new Uint8Array(glyfLength);
      const newLoca = new DataView(new ArrayBuffer((numGlyphs + 1) * 4));
      let offset = 0;
      for (let g = 0; g < numGlyphs; g++) {
        newLoca.setUint32(g * 4, offset);
        if (!keep.has(g)) continue;
        const [start, end] = glyphRange(g);
        newGlyf.set(bytes.subarray(glyf + start, glyf + end), offset);
        offset += align4(end - start);
      }
      newLoca.setUint32(numGlyphs * 4, offset);

      // hmtx keeps its layout (hhea.numberOfHMetrics unchanged); unused glyphs' metrics are zeroed so the
      // table compresses to almost nothing.
      const hmtxRecord = table('hmtx');
      const newHmtx = new Uint8Array(hmtxRecord.length);
      const hmtxView = new DataView(newHmtx.buffer);
      for (const g of keep) {
        if (g < numberOfHMetrics) {
          hmtxView.setUint32(g * 4, view.getUint32(hmtx + g * 4));
        } else {
          const lsbAt = numberOfHMetrics * 4 + (g - numberOfHMetrics) * 2;
          if (lsbAt + 2 <= newHmtx.length) hmtxView.setInt16(lsbAt, view.getInt16(hmtx + lsbAt));
        }
      }
      // A glyph past numberOfHMetrics takes the last full record's advance: keep that record.
      if (numberOfHMetrics > 0) {
        const last = (numberOfHMetrics - 1) * 4;
        hmtxView.setUint32(last, view.getUint32(hmtx + last));
      }

      const headRecord = table('head');
      // A copy (Buffer#slice would share memory with the cached font file).
      const newHead = new Uint8Array(bytes.subarray(head, head + headRecord.length));
      const headView = new DataView(newHead.buffer);
      headView.setUint32(8, 0); // checkSumAdjustment, computed over the whole file below
      headView.setInt16(50, 1); // indexToLocFormat: long offsets

      const out = new Map<string, Uint8Array>([
        ['glyf', newGlyf],
        ['loca', new Uint8Array(newLoca.buffer)],
        ['hmtx', newHmtx],
        ['head', newHead],
      ]);
      for (const tag of SUBSET_TABLES) {
        const record = tables.get(tag);
        if (!out.has(tag) && record)
          out.set(tag, bytes.subarray(record.offset, record.offset + record.length));
      }
      return writeFont(out);
    },
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Sum of big-endian uint32 words, the data zero-padded to 4 bytes (OpenType's table checksum). */
function checksum(data: Uint8Array): number {
  let sum = 0;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.byteLength ? (data[i] ?? 0) : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** An sfnt file from its tables: directory sorted by tag, 4-byte aligned, checksums and head's adjustment. */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const headerLength = 12 + numTables * 16;
  let total = headerLength;
  for (const tag of tags) total += align4(tables.get(tag)?.byteLength ?? 0);
  const file = new Uint8Array(total);
  const view = new DataView(file.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - searchRange);
  let offset = headerLength;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? new Uint8Array(0);
    const at = 12 + i * 16;
    for (let c = 0; c < 4; c++) view.setUint8(at + c, tag.charCodeAt(c));
    view.setUint32(at + 4, checksum(data));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.byteLength);
    file.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += align4(data.byteLength);
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

/** Code point → glyph id from the best Unicode subtable: format 12 (full range) else format 4 (BMP). */
function readCmap(view: DataView, record: TableRecord | undefined): Map<number, number> {
  const map = new Map<number, number>();
  if (!record) return map;
  const base = record.offset;
  const count = view.getUint16(base + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const at = base + 4 + i * 8;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const sub = base + view.getUint32(at + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(sub);
    if (format === 12 && format12 < 0) format12 = sub;
    if (format === 4 && format4 < 0) format4 = sub;
  }
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    for (let i = 0; i < groups; i++) {
      const at = format12 + 16 + i * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
    return map;
  }
  if (format4 >= 0) {
    const segCount = view.getUint16(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    for (let s = 0; s < segCount; s++) {
      const end = view.getUint16(ends + s * 2);
      const start = view.getUint16(starts + s * 2);
      const delta = view.getInt16(deltas + s * 2);
      const rangeOffsetAt = rangeOffsets + s * 2;
      const rangeOffset = view.getUint16(rangeOffsetAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) {
          glyph = (c + delta) & 0xffff;
        } else {
          glyph = view.getUint16(rangeOffsetAt + rangeOffset + (c - start) * 2);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) map.set(c, glyph);
      }
    }
  }
  return map;
}

/** nameID 6 (PostScript name), from the Windows (UTF-16BE) or Macintosh (ASCII) record. */
function readPostscriptName(view: DataView, record: TableRecord | undefined): string | undefined {
  if (!record) return undefined;
  const base = record.offset;
  const count = view.getUint16(base + 2);
  const strings = base + view.getUint16(base + 4);
  for (let i = 0; i < count; i++) {
    const at = base + 6 + i * 12;
    if (view.getUint16(at + 6) !== 6) continue;
    const platform = view.getUint16(at);
    const length = view.getUint16(at + 8);
    const start = strings + view.getUint16(at + 10);
    let name = '';
    if (platform === 3 || platform === 0) {
      for (let c = 0; c + 1 < length; c += 2) name += String.fromCharCode(view.getUint16(start + c));
    } else {
      for (let c = 0; c < length; c++) name += String.fromCharCode(view.getUint8(start + c));
    }
    // A PDF name must not hold delimiters or spaces.
    const clean = name.replace(/[^A-Za-z0-9\-_.+]/g, '');
    if (clean) return clean;
  }
  return undefined;
}
