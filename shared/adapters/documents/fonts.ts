// adapter: finds the DejaVu TrueType fonts (full Vietnamese coverage) in the package, or next to a bundle.
//
// In the repository and in tests the font comes from the `dejavu-fonts-ttf` package. A Lambda bundle
// (esbuild, NodejsFunction) has no node_modules, so the CDK app copies the files next to the bundle,
// as `fonts/DejaVuSans.ttf` and `fonts/DejaVuSans-Bold.ttf` (commandHooks.afterBundling); they are looked
// up beside the bundle (import.meta.url in ESM) and under LAMBDA_TASK_ROOT (CommonJS bundles).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontWeight = keyof typeof FONT_FILES;

/** Directories that may hold the font files, most specific first. */
export function fontDirectories(): string[] {
  const dirs: string[] = [];
  if (process.env.FONT_DIR) dirs.push(process.env.FONT_DIR);
  const here = typeof import.meta.url === 'string' ? import.meta.url : undefined;
  if (here) dirs.push(join(dirname(fileURLToPath(here)), 'fonts'));
  if (process.env.LAMBDA_TASK_ROOT) dirs.push(join(process.env.LAMBDA_TASK_ROOT, 'fonts'));
  try {
    const require = createRequire(here ?? join(process.cwd(), 'index.js'));
    dirs.push(join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf'));
  } catch {
    // bundled without node_modules: the copies next to the bundle are the ones to use
  }
  return dirs;
}

const cache = new Map<FontWeight, Buffer>();

/** The font's bytes, read once per process. */
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
  throw new Error(`Font ${FONT_FILES[weight]} not found (looked in ${dirs.length} places)`);
}
