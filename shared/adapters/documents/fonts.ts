// adapter: the one place that finds the Tinos TrueType fonts the PDF documents embed (pdf/document.ts), and
// reads them as bytes. Tinos is metrically compatible with Times New Roman, the face of the party's document
// format (Hướng dẫn 36-HD/VPTW), covers all of Vietnamese and is under the SIL Open Font License (its
// LICENSE_FONT ships with it). Our writer has no per-glyph fallback, so DejaVu is no longer loaded.
//
// Same contract as the CDK construct (`needsFonts`): REPORT_FONT_DIR names the folder of the fonts when set
// (in Lambda: the copy of the package shipped beside the bundle); otherwise the `@expo-google-fonts/tinos`
// package is resolved from here — in the repository, or in the package layout that the construct copies next
// to the bundle (node_modules/@expo-google-fonts/tinos/{package.json,LICENSE_FONT,<style>/Tinos_*.ttf}). A
// folder may hold the files in the package's sub-folders or flat. A renderer may name its own folder
// (`fontDir`).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { ENV } from '../../config/table.js';

/** The npm package the faces come from (the construct copies it beside a bundle). */
export const FONT_PACKAGE = '@expo-google-fonts/tinos';
/** Its licence file, shipped with the fonts. */
export const FONT_LICENCE_FILE = 'LICENSE_FONT';

/**
 * The faces the documents use, by their path inside the package. test/infra/bundle.test.ts looks for
 * 'Tinos_400Regular.ttf' to spot this loader in a bundle.
 */
export const FONT_FILES = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

/** Folders that may hold the font files, most specific first; a renderer's own `fontDir` is the only one. */
export function fontDirectories(env: NodeJS.ProcessEnv = process.env, fontDir?: string): string[] {
  if (fontDir) return [fontDir];
  const dirs: string[] = [];
  const configured = env[ENV.reportFontDir];
  if (configured) dirs.push(configured);
  try {
    dirs.push(dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`)));
  } catch {
    // a bundle shipped without the package layout: only REPORT_FONT_DIR can help
  }
  return dirs;
}

const cache = new Map<string, Buffer>();

/**
 * The font's bytes, read once per process (the same Buffer each time, so a document parses it once);
 * fails naming where it looked.
 */
export function loadFont(weight: FontWeight = 'regular', fontDir?: string): Buffer {
  const dirs = fontDirectories(process.env, fontDir);
  for (const dir of dirs) {
    for (const file of [join(dir, FONT_FILES[weight]), join(dir, basename(FONT_FILES[weight]))]) {
      const cached = cache.get(file);
      if (cached) return cached;
      if (existsSync(file)) {
        const bytes = readFileSync(file);
        cache.set(file, bytes);
        return bytes;
      }
    }
  }
  throw new Error(
    `Font ${basename(FONT_FILES[weight])} not found in ${dirs.join(', ') || 'no folder'} (set ${ENV.reportFontDir})`,
  );
}

/** The three faces every document registers, by the names the renderers select them with. */
export function documentFonts(fontDir?: string): { regular: Buffer; bold: Buffer; italic: Buffer } {
  return {
    regular: loadFont('regular', fontDir),
    bold: loadFont('bold', fontDir),
    italic: loadFont('italic', fontDir),
  };
}
