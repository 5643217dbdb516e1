// adapter: serialises a finished document to PDF 1.7 bytes — the pages' content streams, the embedded
// fonts (Type0 / CIDFontType2, Identity-H, a subset of the TrueType as FontFile2, a ToUnicode CMap so text
// extraction gives the exact Vietnamese back), /Info, the xref table and the trailer.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { TrueTypeFont } from './truetype.js';

/** A font as the document used it: which glyphs, and the text each glyph stands for. */
export interface UsedFont {
  /** The resource name in content streams, e.g. F1. */
  resource: string;
  font: TrueTypeFont;
  /** glyph id → the Unicode text it was drawn for (the first seen). */
  glyphs: Map<number, string>;
}

export interface PageOutput {
  width: number;
  height: number;
  content: string;
}

export interface DocumentInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: Date;
}

const encoder = new TextEncoder();

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE with a byte-order mark. */
export function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

/** A number as PDF writes it: at most 4 decimals, no exponent, no trailing zeros. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${n}`);
  const rounded = Math.round(n * 10_000) / 10_000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function pdfDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `(D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z)`
  );
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex.toUpperCase();
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

/** Six capital letters naming the subset (PDF 32000-1, 9.6.4), derived from its content so output is stable. */
function subsetTag(name: string, glyphIds: number[]): string {
  const digest = createHash('sha256')
    .update(`${name}:${glyphIds.join(',')}`)
    .digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}

/** The ToUnicode CMap: each glyph id (2-byte CID under Identity-H) back to its text. */
function toUnicodeCMap(glyphs: Map<number, string>): string {
  const entries = [...glyphs.entries()].sort((a, b) => a[0] - b[0]);
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(
      `${part.length} beginbfchar\n${part.map(([g, t]) => `<${hex4(g)}> <${utf16Hex(t)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The W array: runs of consecutive glyph ids with their widths in 1/1000 em. */
function widthsArray(font: TrueTypeFont, glyphIds: number[]): string {
  const scale = 1000 / font.unitsPerEm;
  const runs: string[] = [];
  let i = 0;
  while (i < glyphIds.length) {
    const start = glyphIds[i] ?? 0;
    const widths: string[] = [];
    let next = start;
    while (i < glyphIds.length && glyphIds[i] === next) {
      widths.push(pdfNumber(Math.round(font.advanceWidth(next) * scale * 100) / 100));
      next++;
      i++;
    }
    runs.push(`${start} [${widths.join(' ')}]`);
  }
  return `[${runs.join(' ')}]`;
}

class ObjectWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private readonly offsets: number[] = [];
  private nextId = 1;

  reserve(): number {
    return this.nextId++;
  }

  write(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? encoder.encode(text) : text;
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
  }

  object(id: number, body: string): void {
    this.offsets[id] = this.length;
    this.write(`${id} 0 obj\n${body}\nendobj\n`);
  }

  stream(id: number, dict: string, data: Uint8Array, compress = true): void {
    const payload = compress ? deflateSync(data) : data;
    const filter = compress ? ' /Filter /FlateDecode' : '';
    this.offsets[id] = this.length;
    this.write(`${id} 0 obj\n<< ${dict}${filter} /Length ${payload.byteLength} >>\nstream\n`);
    this.write(payload);
    this.write('\nendstream\nendobj\n');
  }

  finish(rootId: number, infoId: number): Uint8Array {
    const xrefAt = this.length;
    const size = this.nextId;
    const lines = ['xref', `0 ${size}`, '0000000000 65535 f '];
    for (let id = 1; id < size; id++) {
      const offset = this.offsets[id];
      if (offset === undefined) throw new Error(`PDF object ${id} was reserved but never written`);
      lines.push(`${String(offset).padStart(10, '0')} 00000 n `);
    }
    // The file identifier (PDF 32000-1, 14.4): a digest of the content, so the same document gets the same id.
    const digest = createHash('md5');
    for (const chunk of this.chunks) digest.update(chunk);
    const id = digest.digest('hex');
    this.write(
      `${lines.join('\n')}\ntrailer\n<< /Size ${size} /Root ${rootId} 0 R /Info ${infoId} 0 R /ID [<${id}> <${id}>] >>\n` +
        `startxref\n${xrefAt}\n%%EOF\n`,
    );
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }
}

/** The whole file. Fonts no page used are left out. */
export function writePdf(pages: PageOutput[], fonts: UsedFont[], info: DocumentInfo): Uint8Array {
  const w = new ObjectWriter();
  // The binary comment line tells transfer tools the file is not text.
  w.write('%PDF-1.7\n%');
  w.write(new Uint8Array([0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  const rootId = w.reserve();
  const pagesId = w.reserve();
  const infoId = w.reserve();

  const fontRefs: string[] = [];
  for (const used of fonts) {
    if (used.glyphs.size === 0) continue;
    const { font } = used;
    const glyphIds = [...new Set([0, ...used.glyphs.keys()])].sort((a, b) => a - b);
    const baseFont = `${subsetTag(font.postscriptName, glyphIds)}+${font.postscriptName}`;
    const scale = 1000 / font.unitsPerEm;
    const type0 = w.reserve();
    const cidFont = w.reserve();
    const descriptor = w.reserve();
    const fontFile = w.reserve();
    const toUnicode = w.reserve();
    // Flags (PDF 32000-1, 9.8.2): 1 fixed pitch, 4 symbolic (glyphs outside the standard Latin set), 64 italic.
    const flags = (font.isFixedPitch ? 1 : 0) | 4 | (font.italicAngle !== 0 ? 64 : 0);
    const bbox = font.bbox.map((v) => pdfNumber(Math.round(v * scale))).join(' ');
    const stemV = Math.round(10 + 220 * ((Math.max(font.weightClass, 50) - 50) / 900) ** 2);
    w.object(
      type0,
      `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H ` +
        `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
    w.object(
      cidFont,
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} ` +
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ' +
        `/FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity ` +
        `/DW ${pdfNumber(Math.round(font.advanceWidth(0) * scale))} /W ${widthsArray(font, glyphIds)} >>`,
    );
    w.object(
      descriptor,
      `<< /Type /FontDescriptor /FontName /${baseFont} /Flags ${flags} /FontBBox [${bbox}] ` +
        `/ItalicAngle ${pdfNumber(font.italicAngle)} /Ascent ${pdfNumber(Math.round(font.ascent * scale))} ` +
        `/Descent ${pdfNumber(Math.round(font.descent * scale))} /CapHeight ${pdfNumber(Math.round(font.capHeight * scale))} ` +
        `/XHeight ${pdfNumber(Math.round(font.xHeight * scale))} /StemV ${stemV} /FontFile2 ${fontFile} 0 R >>`,
    );
    const subset = font.subset(glyphIds);
    w.stream(fontFile, `/Length1 ${subset.byteLength}`, subset);
    w.stream(toUnicode, '', encoder.encode(toUnicodeCMap(used.glyphs)));
    fontRefs.push(`/${used.resource} ${type0} 0 R`);
  }
  const resources = `<< /Font << ${fontRefs.join(' ')} >> >>`;

  const pageIds: number[] = [];
  for (const page of pages) {
    const pageId = w.reserve();
    const contentId = w.reserve();
    w.stream(contentId, '', encoder.encode(page.content));
    w.object(
      pageId,
      `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}] ` +
        `/Resources ${resources} /Contents ${contentId} 0 R >>`,
    );
    pageIds.push(pageId);
  }
  w.object(
    pagesId,
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
  );
  w.object(rootId, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`);

  const entries: string[] = [];
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const) {
    const value = info[key];
    if (value) entries.push(`/${key} ${pdfString(value)}`);
  }
  entries.push(`/CreationDate ${pdfDate(info.CreationDate ?? new Date())}`);
  w.object(infoId, `<< ${entries.join(' ')} >>`);
  return w.finish(rootId, infoId);
}
