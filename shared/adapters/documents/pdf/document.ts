// adapter: a small PDF document with the part of pdfkit's API our renderers use — text flowed into a
// width (left, center, right, justify; indent; a height with an ellipsis; wrapping by the glyphs' real
// widths, long words broken; a new page when the flow passes the bottom margin), lines and filled
// rectangles, colours, buffered pages for a "Trang i/n" footer. Fonts are TrueType (Tinos), embedded
// as subsets; text is NFC-normalised and a character the font lacks is drawn as glyph 0, never an error.
//
// Coordinates are pdfkit's: points from the top-left corner of the page, y growing downwards.
import { parseTrueType, type TrueTypeFont } from './truetype.js';
import { type DocumentInfo, pdfNumber, type UsedFont, writePdf } from './writer.js';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  /** Per page, as in pdfkit: a footer may set `bottom` to 0 on the page it writes into. */
  margins: Margins;
}

export interface TextOptions {
  /** The column's width; defaults to the page's right margin when lineBreak is not false. */
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Indents the first line of each paragraph. */
  indent?: number;
  /** At most this tall: lines below are dropped (with `ellipsis`, the last line shown ends in "…"). */
  height?: number;
  ellipsis?: boolean | string;
  /** false without a width: one line at (x, y), x moves past it and y stays (pdfkit's semantics). */
  lineBreak?: boolean;
  /** Extra space under each line. */
  lineGap?: number;
}

export interface PdfDocumentOptions {
  /** A4 (the default) or [width, height] in points. */
  size?: 'A4' | readonly [number, number];
  margin?: number;
  margins?: Margins;
  /** TrueType files by the name `font()` takes; `defaultFont` (else the first) is selected at the start. */
  fonts: Record<string, Uint8Array>;
  defaultFont?: string;
  info?: DocumentInfo;
}

const A4: readonly [number, number] = [595.28, 841.89];
const DEFAULT_MARGIN = 72;

type Rgb = readonly [number, number, number];

const NAMED_COLOURS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [1, 1, 1],
  red: [1, 0, 0],
  gray: [0.5, 0.5, 0.5],
  grey: [0.5, 0.5, 0.5],
};

function parseColour(colour: string): Rgb {
  const named = NAMED_COLOURS[colour.toLowerCase()];
  if (named) return named;
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) throw new Error(`Unsupported colour ${colour} (use #rrggbb)`);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const channel = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16) / 255;
  return [channel(0), channel(2), channel(4)];
}

const rgb = (c: Rgb) => c.map((v) => pdfNumber(v)).join(' ');

// Parsing a font takes a few milliseconds; the loaders keep one Buffer per font file, so parse once.
const parsed = new WeakMap<Uint8Array, TrueTypeFont>();
function fontFor(bytes: Uint8Array): TrueTypeFont {
  let font = parsed.get(bytes);
  if (!font) {
    font = parseTrueType(bytes);
    parsed.set(bytes, font);
  }
  return font;
}

interface Page extends PdfPage {
  content: string[];
}

interface Line {
  text: string;
  /** First line of its paragraph (takes the indent). */
  first: boolean;
  /** Last line of its paragraph (never justified). */
  last: boolean;
}

interface GraphicsState {
  fill: Rgb;
  stroke: Rgb;
  lineWidth: number;
}

export class PdfDocument {
  x = 0;
  y = 0;
  page: PdfPage;

  private readonly pages: Page[] = [];
  private current: Page;
  private readonly size: readonly [number, number];
  private readonly margins: Margins;
  private readonly fonts = new Map<string, UsedFont>();
  private readonly info: DocumentInfo;
  private activeFont: UsedFont;
  private fontSizePt = 12;
  private state: GraphicsState = { fill: [0, 0, 0], stroke: [0, 0, 0], lineWidth: 1 };
  private readonly saved: GraphicsState[] = [];
  private path = '';

  constructor(options: PdfDocumentOptions) {
    this.size = options.size === undefined || options.size === 'A4' ? A4 : options.size;
    const m = options.margin ?? DEFAULT_MARGIN;
    this.margins = options.margins ?? { top: m, bottom: m, left: m, right: m };
    this.info = { Creator: 'Liên hệ nơi cư trú', Producer: 'Liên hệ nơi cư trú', ...options.info };
    const names = Object.keys(options.fonts);
    names.forEach((name, i) => {
      const bytes = options.fonts[name];
      if (bytes) this.fonts.set(name, { resource: `F${i + 1}`, font: fontFor(bytes), glyphs: new Map() });
    });
    const first = this.fonts.get(options.defaultFont ?? names[0] ?? '');
    if (!first) throw new Error('A PDF document needs at least one font');
    this.activeFont = first;
    this.current = this.newPage();
    this.page = this.current;
  }

  // --- pages -------------------------------------------------------------------------------------------

  private newPage(): Page {
    const page: Page = {
      width: this.size[0],
      height: this.size[1],
      margins: { ...this.margins },
      content: [],
    };
    this.pages.push(page);
    this.current = page;
    this.page = page;
    this.x = page.margins.left;
    this.y = page.margins.top;
    return page;
  }

  addPage(): this {
    this.newPage();
    return this;
  }

  /** Every page is kept until `end()`, so a footer can be written onto each (pdfkit's bufferPages). */
  bufferedPageRange(): { start: number; count: number } {
    return { start: 0, count: this.pages.length };
  }

  switchToPage(index: number): this {
    const page = this.pages[index];
    if (!page) throw new RangeError(`No page ${index} (the document has ${this.pages.length})`);
    this.current = page;
    this.page = page;
    return this;
  }

  // --- state ---------------------------------------------------------------------------------------------

  font(name: string): this {
    const font = this.fonts.get(name);
    if (!font) throw new Error(`Font ${name} is not registered`);
    this.activeFont = font;
    return this;
  }

  fontSize(size: number): this {
    this.fontSizePt = size;
    return this;
  }

  fillColor(colour: string): this {
    this.state = { ...this.state, fill: parseColour(colour) };
    return this;
  }

  strokeColor(colour: string): this {
    this.state = { ...this.state, stroke: parseColour(colour) };
    return this;
  }

  lineWidth(width: number): this {
    this.state = { ...this.state, lineWidth: width };
    return this;
  }

  /** Saves the colours and the line width (pdfkit's save/restore around a drawing). */
  save(): this {
    this.saved.push(this.state);
    return this;
  }

  restore(): this {
    this.state = this.saved.pop() ?? this.state;
    return this;
  }

  // --- vector graphics -------------------------------------------------------------------------------------

  moveTo(x: number, y: number): this {
    this.path += `${pdfNumber(x)} ${pdfNumber(this.current.height - y)} m\n`;
    return this;
  }

  lineTo(x: number, y: number): this {
    this.path += `${pdfNumber(x)} ${pdfNumber(this.current.height - y)} l\n`;
    return this;
  }

  rect(x: number, y: number, width: number, height: number): this {
    this.path +=
      `${pdfNumber(x)} ${pdfNumber(this.current.height - y - height)} ` +
      `${pdfNumber(width)} ${pdfNumber(height)} re\n`;
    return this;
  }

  stroke(): this {
    this.current.content.push(
      `${rgb(this.state.stroke)} RG ${pdfNumber(this.state.lineWidth)} w\n${this.path}S`,
    );
    this.path = '';
    return this;
  }

  /** Fills the current path; a colour given here stays the fill colour (as in pdfkit). */
  fill(colour?: string): this {
    if (colour) this.fillColor(colour);
    this.current.content.push(`${rgb(this.state.fill)} rg\n${this.path}f`);
    this.path = '';
    return this;
  }

  // --- text ------------------------------------------------------------------------------------------------

  /** Line height at the current font size: ascent − descent + the font's line gap. */
  currentLineHeight(): number {
    const f = this.activeFont.font;
    return ((f.ascent - f.descent + f.lineGap) / f.unitsPerEm) * this.fontSizePt;
  }

  moveDown(lines = 1): this {
    this.y += this.currentLineHeight() * lines;
    return this;
  }

  widthOfString(text: string): number {
    return this.measure(text.normalize('NFC'));
  }

  private measure(text: string): number {
    const f = this.activeFont.font;
    let units = 0;
    for (const ch of text) units += f.advanceWidth(f.glyphForCodePoint(ch.codePointAt(0) ?? 0));
    return (units / f.unitsPerEm) * this.fontSizePt;
  }

  /** How tall `text` flows into `width` at the current font and size (pdfkit's heightOfString). */
  heightOfString(text: string, options: { width: number; lineGap?: number }): number {
    const lines = this.wrap(text.normalize('NFC'), options.width, 0).length;
    return lines * (this.currentLineHeight() + (options.lineGap ?? 0));
  }

  text(text: string, options?: TextOptions): this;
  text(text: string, x?: number, y?: number, options?: TextOptions): this;
  text(raw: string, xOrOptions?: number | TextOptions, y?: number, options: TextOptions = {}): this {
    const opts = typeof xOrOptions === 'object' ? xOrOptions : options;
    if (typeof xOrOptions === 'number') this.x = xOrOptions;
    if (y !== undefined) this.y = y;
    const text = raw.normalize('NFC');
    const width =
      opts.width ??
      (opts.lineBreak === false ? undefined : this.page.width - this.x - this.page.margins.right);

    if (width === undefined) {
      // No wrapping: each line drawn where the cursor is; x moves past it, y stays.
      for (const line of text.split('\n')) {
        this.drawText(line, this.x, this.y);
        this.x += this.measure(line);
      }
      return this;
    }
    this.flow(text, Math.max(width, 0), opts);
    return this;
  }

  private flow(text: string, width: number, opts: TextOptions): void {
    const startX = this.x;
    const indent = opts.indent ?? 0;
    const gap = opts.lineGap ?? 0;
    const bounded = opts.height !== undefined;
    const lines = this.wrap(text, width, indent);
    const lineHeight = this.currentLineHeight();
    const startY = this.y;
    const maxY = () => (bounded ? startY + (opts.height ?? 0) : this.page.height - this.page.margins.bottom);
    if (!bounded && lines.length > 0 && this.y + lineHeight > maxY()) this.addPage();
    this.x = startX;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line;
      const more = i < lines.length - 1;
      let shown = line.text;
      if (bounded) {
        if (i > 0 && this.y + lineHeight > maxY()) break;
        if (opts.ellipsis && more && this.y + 2 * lineHeight > maxY()) {
          shown = this.withEllipsis(shown, width - (line.first ? indent : 0), opts.ellipsis);
          this.drawLine({ ...line, text: shown, last: true }, startX, width, indent, opts.align);
          this.y += lineHeight + gap;
          break;
        }
      }
      this.drawLine(line, startX, width, indent, opts.align);
      this.y += lineHeight + gap;
      if (!bounded && more && this.y + lineHeight > maxY()) {
        this.addPage();
        this.x = startX;
      }
    }
    this.x = startX;
  }

  private withEllipsis(text: string, width: number, ellipsis: true | string): string {
    const mark = ellipsis === true ? '…' : ellipsis;
    let shown = text.trimEnd();
    while (shown && this.measure(shown + mark) > width) shown = [...shown].slice(0, -1).join('').trimEnd();
    return this.measure(shown + mark) <= width ? shown + mark : shown;
  }

  /** Greedy line breaking at spaces by glyph widths; a word wider than the line is broken between letters. */
  private wrap(text: string, width: number, indent: number): Line[] {
    const lines: Line[] = [];
    const fits = (w: number, available: number) => w <= available + 1e-6;
    for (const paragraph of text.split('\n')) {
      const tokens = paragraph.match(/\S+\s*|\s+/g) ?? [];
      const start = lines.length;
      let current = '';
      let currentWidth = 0;
      let available = width - indent;
      const push = () => {
        lines.push({ text: current, first: lines.length === start, last: false });
        current = '';
        currentWidth = 0;
        available = width;
      };
      const place = (token: string) => {
        const word = token.trimEnd();
        if (fits(this.measure(word), available)) {
          current = token;
          currentWidth = this.measure(token);
          return;
        }
        // Too long for a whole line: as many letters as fit on each line (at least one).
        let rest = [...token];
        while (rest.length > 0) {
          let piece = '';
          let pieceWidth = 0;
          let n = 0;
          for (const ch of rest) {
            const w = this.measure(ch);
            if (n > 0 && !/\s/.test(ch) && !fits(pieceWidth + w, available)) break;
            piece += ch;
            pieceWidth += w;
            n++;
          }
          rest = rest.slice(n);
          current = piece;
          currentWidth = pieceWidth;
          if (rest.length > 0) push();
        }
      };
      for (const token of tokens) {
        if (current === '') {
          place(token);
        } else if (fits(currentWidth + this.measure(token.trimEnd()), available)) {
          current += token;
          currentWidth += this.measure(token);
        } else {
          push();
          place(token);
        }
      }
      lines.push({ text: current, first: lines.length === start, last: true });
    }
    // Empty text draws nothing and leaves y where it was (as in pdfkit).
    if (text === '') return [];
    return lines;
  }

  private drawLine(
    line: Line,
    startX: number,
    width: number,
    indent: number,
    align: TextOptions['align'] = 'left',
  ): void {
    const left = startX + (line.first ? indent : 0);
    const lineWidth = width - (line.first ? indent : 0);
    if (align === 'justify' && !line.last) {
      const shown = line.text.trim().replace(/\s+/g, ' ');
      const spaces = shown.split(' ').length - 1;
      if (spaces > 0) {
        const extra = Math.max(0, (lineWidth - this.measure(shown)) / spaces);
        this.drawText(shown, left, this.y, extra);
        return;
      }
    }
    const shown = line.text.trimEnd();
    const w = this.measure(shown);
    const x =
      align === 'center' ? left + (lineWidth - w) / 2 : align === 'right' ? left + lineWidth - w : left;
    this.drawText(shown, x, this.y);
  }

  /** One line of text whose top is at y (pdfkit's default baseline: y + ascent). */
  private drawText(text: string, x: number, y: number, wordSpacing = 0): void {
    if (text === '') return;
    const used = this.activeFont;
    const f = used.font;
    const segments: string[] = [];
    let hex = '';
    const adjust = pdfNumber((-wordSpacing * 1000) / this.fontSizePt);
    for (const ch of text) {
      const glyph = f.glyphForCodePoint(ch.codePointAt(0) ?? 0);
      // Glyph 0 stands for any character the font lacks: extracted, it reads as U+FFFD, not as one of them.
      if (!used.glyphs.has(glyph)) used.glyphs.set(glyph, glyph === 0 ? '\uFFFD' : ch);
      hex += glyph.toString(16).padStart(4, '0');
      if (wordSpacing > 0 && ch === ' ') {
        segments.push(`<${hex}> ${adjust}`);
        hex = '';
      }
    }
    if (hex) segments.push(`<${hex}>`);
    const baseline = this.current.height - y - (f.ascent / f.unitsPerEm) * this.fontSizePt;
    this.current.content.push(
      `BT\n${rgb(this.state.fill)} rg\n/${used.resource} ${pdfNumber(this.fontSizePt)} Tf\n` +
        `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n[${segments.join(' ')}] TJ\nET`,
    );
  }

  // --- output ----------------------------------------------------------------------------------------------

  /** The finished file. */
  end(): Uint8Array {
    return writePdf(
      this.pages.map((p) => ({ width: p.width, height: p.height, content: p.content.join('\n') })),
      [...this.fonts.values()],
      this.info,
    );
  }
}
