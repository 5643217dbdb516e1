// adapter: the one place that finds the DejaVu TrueType fonts (full Latin and Vietnamese in one file) the
// PDF documents embed (pdf/document.ts), and reads them as bytes.
//
// Same contract as the CDK construct (`needsFonts`): REPORT_FONT_DIR names the folder of the .ttf files when
// set (in Lambda: the copy shipped beside the bundle); otherwise the `dejavu-fonts-ttf` package is resolved
// from here — in the repository, or in the package layout that the construct copies next to the bundle
// (node_modules/dejavu-fonts-ttf/{package.json,ttf/}). A renderer may name its own folder (`fontDir`).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ENV } from '../../config/table.js';

/** The faces the documents use. test/infra/bundle.test.ts looks for 'DejaVuSans.ttf' to spot this loader. */
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  oblique: 'DejaVuSans-Oblique.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

/** Folders that may hold the font files, most specific first; a renderer's own `fontDir` is the only one. */
export function fontDirectories(env: NodeJS.ProcessEnv = process.env, fontDir?: string): string[] {
  if (fontDir) return [fontDir];
  const dirs: string[] = [];
  const configured = env[ENV.reportFontDir];
  if (configured) dirs.push(configured);
  try {
    dirs.push(join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf'));
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
    const file = join(dir, FONT_FILES[weight]);
    const cached = cache.get(file);
    if (cached) return cached;
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      cache.set(file, bytes);
      return bytes;
    }
  }
  throw new Error(
    `Font ${FONT_FILES[weight]} not found in ${dirs.join(', ') || 'no folder'} (set ${ENV.reportFontDir})`,
  );
}
