// adapter: the DejaVu TrueType fonts (full Latin and Vietnamese in one file) as bytes, for pdfkit.
//
// Same contract as the other PDF adapters and the CDK construct (`needsFonts`): REPORT_FONT_DIR names the
// folder of the .ttf files when set (in Lambda: the copy shipped beside the bundle); otherwise the
// `dejavu-fonts-ttf` package is resolved from here — in the repository, or in the package layout that
// the construct copies next to the bundle (node_modules/dejavu-fonts-ttf/{package.json,ttf/}).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ENV } from '../../config/table.js';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontWeight = keyof typeof FONT_FILES;

/** Folders that may hold the font files, most specific first. */
export function fontDirectories(env: NodeJS.ProcessEnv = process.env): string[] {
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

const cache = new Map<FontWeight, Buffer>();

/** The font's bytes, read once per process; fails naming where it looked. */
export function loadFont(weight: FontWeight = 'regular'): Buffer {
  const cached = cache.get(weight);
  if (cached) return cached;
  const dirs = fontDirectories();
  for (const dir of dirs) {
    const file = join(dir, FONT_FILES[weight]);
    if (existsSync(file)) {
      const bytes = readFileSync(file);
      cache.set(weight, bytes);
      return bytes;
    }
  }
  throw new Error(
    `Font ${FONT_FILES[weight]} not found in ${dirs.join(', ') || 'no folder'} (set ${ENV.reportFontDir})`,
  );
}
