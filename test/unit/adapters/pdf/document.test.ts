// unit tests: the PDF document's layout (wrapping by glyph widths, page breaks, a footer on every buffered
// page, ellipsis, alignment) and its output, read back with pdf-parse (pdf.js) as any reader would.
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../../../../shared/adapters/documents/fonts.js';
import { PdfDocument } from '../../../../shared/adapters/documents/pdf/document.js';

const newDoc = (info?: { Title?: string; Author?: string }) =>
  new PdfDocument({
    size: 'A4',
    margin: 56,
    fonts: { regular: loadFont('regular'), bold: loadFont('bold') },
    ...(info ? { info } : {}),
  });

async function read(bytes: Uint8Array): Promise<{ pages: string[]; title?: string; author?: string }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    const meta = info.info as { Title?: string; Author?: string } | undefined;
    return { pages: text.pages.map((p) => p.text), title: meta?.Title, author: meta?.Author };
  } finally {
    await parser.destroy();
  }
}

const SENTENCE = 'Đảng viên Nguyễn Thị Hồng Nhung giữ mối liên hệ với cấp ủy nơi cư trú, dự họp đầy đủ. ';

describe('Method: text', () => {
  it('wraps at the width by the glyphs’ real widths, filling each line as far as it goes', async () => {
    // Prepare
    const doc = newDoc().fontSize(11);
    const width = 220;

    // Act
    doc.text(SENTENCE.repeat(3), 56, 56, { width });
    const { pages } = await read(doc.end());
    const lines = (pages[0] ?? '').split('\n').filter(Boolean);

    // Assess: every line fits, and the next line's first word would not have fitted on it
    expect(lines.length).toBeGreaterThan(3);
    lines.forEach((line, i) => {
      expect(doc.widthOfString(line), line).toBeLessThanOrEqual(width + 0.01);
      const next = lines[i + 1]?.split(' ')[0];
      if (next) expect(doc.widthOfString(`${line} ${next}`), line).toBeGreaterThan(width);
    });
    expect(lines.join(' ')).toBe(SENTENCE.repeat(3).trim());
  });

  it('moves y down one line height per line, and x back to where the text started', () => {
    // Prepare
    const doc = newDoc().fontSize(10);
    const lineHeight = doc.currentLineHeight();

    // Act
    doc.text('một\nhai\nba', 100, 200, { width: 300 });

    // Assess
    expect(doc.y).toBeCloseTo(200 + 3 * lineHeight, 6);
    expect(doc.x).toBe(100);
    // Tinos: ascent 1825, descent −443, line gap 87 per 2048 units
    expect(lineHeight).toBeCloseTo(10 * ((1825 + 443 + 87) / 2048), 6);
  });

  it('breaks a word longer than the line between letters', async () => {
    // Prepare
    const doc = newDoc().fontSize(10);
    const word = 'Đ'.repeat(60);

    // Act
    doc.text(word, 56, 56, { width: 100 });
    const lines = ((await read(doc.end())).pages[0] ?? '').split('\n').filter(Boolean);

    // Assess
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(doc.widthOfString(line)).toBeLessThanOrEqual(100);
    expect(lines.join('')).toBe(word);
  });

  it('starts a new page when the flow passes the bottom margin, at the top margin and the same x', async () => {
    // Prepare
    const doc = newDoc().fontSize(12);

    // Act
    doc.text(
      Array.from({ length: 80 }, (_, i) => `Dòng ${i + 1}: Nguyễn Thị Hồng Nhung`).join('\n'),
      80,
      56,
      { width: 400 },
    );
    const { pages } = await read(doc.end());

    // Assess: 80 lines of 14 pt do not fit one A4 page (about 52 do)
    expect(pages.length).toBe(2);
    expect(pages[0]).toContain('Dòng 1:');
    expect(pages[1]).toContain('Dòng 80:');
    expect(doc.bufferedPageRange().count).toBe(2);
    expect(doc.x).toBe(80);
    expect(doc.y).toBeLessThan(841.89 - 56);
  });

  it('cuts the text at the height, ending the last line shown with an ellipsis', async () => {
    // Prepare
    const doc = newDoc().fontSize(10);
    const twoLines = doc.currentLineHeight() * 2 + 1;

    // Act
    doc.text(SENTENCE.repeat(4), 56, 56, { width: 150, height: twoLines, ellipsis: true });
    const lines = ((await read(doc.end())).pages[0] ?? '').split('\n').filter(Boolean);

    // Assess
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(doc.widthOfString(lines[1] ?? '')).toBeLessThanOrEqual(150);
  });

  it('aligns right and center inside the width, and justifies every line but a paragraph’s last', async () => {
    // Prepare
    const doc = newDoc().fontSize(10);

    // Act
    doc.text('phải', 56, 56, { width: 200, align: 'right' });
    doc.text('giữa', 56, 100, { width: 200, align: 'center' });
    doc.text(SENTENCE.repeat(2), 56, 150, { width: 200, align: 'justify' });
    const bytes = doc.end();
    const content = await pageContent(bytes);

    // Assess: the x of each text line (Tm) and, when justified, the space stretch (TJ adjustments)
    const xs = [...content.matchAll(/1 0 0 1 ([\d.]+) [\d.]+ Tm/g)].map((m) => Number(m[1]));
    expect(xs[0]).toBeCloseTo(256 - doc.widthOfString('phải'), 3);
    expect(xs[1]).toBeCloseTo(56 + (200 - doc.widthOfString('giữa')) / 2, 3);
    const justified = content.split('ET').slice(2, -2);
    for (const line of justified) expect(line).toMatch(/> -[\d.]+ </);
    expect(content.split('ET').at(-2)).not.toMatch(/> -[\d.]+ </);
  });

  it('gives back the exact text, NFC-normalised, and draws a character the font lacks as glyph 0', async () => {
    // Prepare
    const doc = newDoc({ Title: 'Biên bản cuộc họp tháng Mười', Author: 'Đảng ủy phường Hưng Lợi' });

    // Act: ế decomposed (e + circumflex + acute), then a CJK ideograph Tinos does not have
    doc.text('Nguye\u0302\u0303n Thị ươằặễỹđĐ', 56, 56);
    expect(() => doc.text('中', 56, 100)).not.toThrow();
    const result = await read(doc.end());

    // Assess
    expect(result.pages[0]).toContain('Nguyễn Thị ươằặễỹđĐ');
    expect(result.pages[0]).toContain('\uFFFD');
    expect(result.pages[0]).not.toContain('中');
    expect(result.title).toBe('Biên bản cuộc họp tháng Mười');
    expect(result.author).toBe('Đảng ủy phường Hưng Lợi');
  });

  it('draws one line at the cursor with lineBreak false and no width, moving x past it', () => {
    // Prepare
    const doc = newDoc().fontSize(8);

    // Act
    doc.text('Cuộc họp tháng 6', 100, 300, { lineBreak: false });

    // Assess
    expect(doc.x).toBeCloseTo(100 + doc.widthOfString('Cuộc họp tháng 6'), 6);
    expect(doc.y).toBe(300);
  });
});

describe('Method: switchToPage', () => {
  it('writes a "Trang i/n" footer on every buffered page', async () => {
    // Prepare
    const doc = newDoc().fontSize(11);
    doc.text(Array.from({ length: 150 }, (_, i) => `Dòng ${i + 1}`).join('\n'));
    const { count } = doc.bufferedPageRange();

    // Act
    for (let i = 0; i < count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0;
      doc.fontSize(8).text(`Trang ${i + 1}/${count}`, 56, doc.page.height - 36, {
        width: doc.page.width - 112,
        align: 'center',
        lineBreak: false,
      });
    }
    const { pages } = await read(doc.end());

    // Assess: no extra page appeared, each carries its own number
    expect(count).toBe(3);
    expect(pages).toHaveLength(3);
    pages.forEach((text, i) => {
      expect(text).toContain(`Trang ${i + 1}/3`);
    });
  });
});

describe('Method: end', () => {
  it('writes an xref table whose offsets each point at their object', () => {
    // Prepare
    const doc = newDoc();
    doc.font('bold').text('BIÊN BẢN').font('regular').text('Đã ký: Trần Văn Chủ');
    doc.save().rect(56, 200, 40, 20).fill('#2f6db5').restore();
    doc.moveTo(56, 240).lineTo(300, 240).lineWidth(0.3).strokeColor('#999999').stroke();

    // Act
    const bytes = doc.end();
    const text = Buffer.from(bytes).toString('latin1');

    // Assess
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const [, size] = /xref\n0 (\d+)\n/.exec(text.slice(xrefAt)) ?? [];
    const entries = text
      .slice(xrefAt)
      .split('\n')
      .slice(3, 2 + Number(size));
    expect(entries.length).toBe(Number(size) - 1);
    entries.forEach((entry, i) => {
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(text).toContain('/Subtype /CIDFontType2');
    expect(text).toContain('/CIDToGIDMap /Identity');
    expect(text).toContain('/Encoding /Identity-H');
    expect(bytes.byteLength).toBeLessThan(40_000);
  });
});

/** The first page's content stream, inflated. */
async function pageContent(bytes: Uint8Array): Promise<string> {
  const { inflateSync } = await import('node:zlib');
  const text = Buffer.from(bytes).toString('latin1');
  const pageObj = /\/Type \/Page \/Parent[\s\S]*?\/Contents (\d+) 0 R/.exec(text);
  const id = pageObj?.[1];
  const at = text.indexOf(`\n${id} 0 obj\n`);
  const start = text.indexOf('stream\n', at) + 'stream\n'.length;
  const length = Number(/\/Length (\d+)/.exec(text.slice(at, start))?.[1]);
  return inflateSync(Buffer.from(bytes.subarray(start, start + length))).toString('latin1');
}

describe('Production code', () => {
  it('imports no pdfkit (our writer replaced it; pdfkit + fontkit broke the 400 KiB bundle budget)', async () => {
    // Prepare
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../../../../infra/constructs/app-function.js');
    const files = ['shared', 'chat', 'functions', 'bot', 'local', 'infra'].flatMap((dir) =>
      readdirSync(join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.includes('node_modules'))
        .map((f) => join(PROJECT_ROOT, dir, f)),
    );

    // Act
    const importers = files.filter((f) =>
      /from ['"](pdfkit|fontkit)['"]|require\(['"](pdfkit|fontkit)['"]\)/.test(readFileSync(f, 'utf8')),
    );

    // Assess
    expect(files.length).toBeGreaterThan(100);
    expect(importers).toEqual([]);
  });
});
