// Test support: the text runs of a PDF with where they sit and the font they are set in (pdfjs-dist), so a
// test can check a layout — which column a line is in, whether it is italic — and not only the words.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextRun {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Left edge and width in points; `top` from the top of the page (the baseline), as people read it. */
  x: number;
  width: number;
  top: number;
  size: number;
  /** The embedded font's name without its subset tag, e.g. "Tinos-Italic". */
  font: string;
}

export interface PdfLayout {
  pageWidth: number;
  pageCount: number;
  runs: TextRun[];
}

export async function pdfLayout(bytes: Uint8Array): Promise<PdfLayout> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false })
    .promise;
  try {
    const runs: TextRun[] = [];
    let pageWidth = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, , width = 0, height = 0] = page.view;
      pageWidth = width;
      const content = await page.getTextContent();
      // The fonts are resolved once the page's operators were read.
      await page.getOperatorList();
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const font = page.commonObjs.get(item.fontName) as { name?: string } | undefined;
        const [size = 0, , , , x = 0, y = 0] = item.transform as number[];
        runs.push({
          page: n,
          text: item.str,
          x,
          width: item.width,
          top: height - y,
          size,
          font: (font?.name ?? '').replace(/^[A-Z]{6}\+/, ''),
        });
      }
    }
    return { pageWidth, pageCount: pdf.numPages, runs };
  } finally {
    await pdf.destroy();
  }
}

/** The run whose text matches, failing the test with the runs seen when there is none. */
export function runOf(layout: PdfLayout, match: string | RegExp, page?: number): TextRun {
  const found = layout.runs.find(
    (r) =>
      (page === undefined || r.page === page) &&
      (typeof match === 'string' ? r.text.includes(match) : match.test(r.text)),
  );
  if (!found) {
    throw new Error(`No text run ${String(match)} in: ${layout.runs.map((r) => r.text).join(' | ')}`);
  }
  return found;
}

export const centreOf = (run: TextRun) => run.x + run.width / 2;
