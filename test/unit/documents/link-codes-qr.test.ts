// Unit: the link-code sheet's QR codes — the modules drawn are exactly the matrix the qrcode library computes.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrRects } from '../../../shared/adapters/documents/link-codes-pdf.js';

describe('QR codes on the link-code sheet', () => {
  it('draws, as filled rectangles, exactly the dark modules of QRCode.create for the deep link', () => {
    // Prepare
    const text = 'https://t.me/lienhe_noicutru_bot?start=K7M2Q9XA';
    const expected = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const module = 2;

    // Act
    const matrix = qrMatrix(text);
    const rects = qrRects(matrix, 10, 20, module);
    // Read the drawing back: every rectangle covers a run of modules in one row.
    const drawn = Array.from({ length: expected.size }, () => Array<boolean>(expected.size).fill(false));
    for (const r of rects) {
      const row = (r.y - 20) / module;
      expect(r.height).toBe(module);
      for (let c = (r.x - 10) / module; c < (r.x - 10 + r.width) / module; c++) {
        const cells = drawn[row] as boolean[];
        expect(cells[c]).toBe(false); // no module drawn twice
        cells[c] = true;
      }
    }

    // Assess
    expect(matrix).toHaveLength(expected.size);
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) {
        expect(drawn[row]?.[col]).toBe(Boolean(expected.get(row, col)));
      }
    }
  });
});
