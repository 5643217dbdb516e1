// unit tests: the one font loader of the PDF documents (shared/adapters/documents/fonts.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../../../../shared/adapters/documents/fonts.js';

describe('Function: loadFont', () => {
  it('reads each face once per process and hands out the same bytes', () => {
    // Act
    const first = loadFont('italic');
    const second = loadFont('italic');

    // Assess: a TrueType file, the same Buffer (documents parse each font once per Buffer)
    expect(second).toBe(first);
    expect(first.readUInt32BE(0)).toBe(0x00010000);
    expect(loadFont('bold')).not.toBe(loadFont('regular'));
  });

  it('looks only in the folder a renderer names, and says where it looked', () => {
    // Prepare
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));

    // Act and Assess
    try {
      expect(() => loadFont('bold', empty)).toThrow(`Font Tinos_700Bold.ttf not found in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
