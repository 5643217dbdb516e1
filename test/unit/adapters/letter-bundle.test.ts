// The letter's PDF builder bundled the way the CDK app bundles a Lambda (esbuild, ESM, no node_modules):
// the fonts must then come from `fonts/` next to the bundle, and the diacritics must survive.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILES, fontDirectories } from '../../../shared/adapters/documents/fonts.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');

describe('Function: loadFont in an esbuild bundle', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'letter-bundle-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { loadFont } from '${repo}/shared/adapters/documents/fonts.js';
import { renderIntroductionLetterPdf } from '${repo}/shared/adapters/documents/introduction-letter-pdf.js';
import { introductionLetter } from '${repo}/shared/domain/introduction-letter.js';
export async function render() {
  const content = introductionLetter({
    ruleSet: 'qd213-2020',
    introduction: { id: 'gt-1', memberId: 'm-1', workplaceOrgId: 'w', residenceOrgId: 'r', status: 'issued',
      issuedOn: '2026-03-02', issuedBy: 's', letterNumber: '3-GGT', contactPath: 'standard', version: 1 },
    member: { id: 'm-1', partyCardNumber: '123456789', fullName: 'Ngô Thị Tuyết Mai', dateOfBirth: '1990-01-02',
      sex: 'female', category: 'regular', workplaceOrgId: 'w',
      residence: { kind: 'permanent', address: 'Khu vực 2, phường Hưng Lợi', registeredFrom: '2000-01-01' } },
    workplace: { name: 'Chi bộ Điện lực Ninh Kiều', address: 'Cần Thơ' },
    residence: { name: 'Đảng ủy phường Hưng Lợi' },
  });
  return renderIntroductionLetterPdf(content, { regular: loadFont('regular'), bold: loadFont('bold') });
}
`,
    );
    // As NodejsFunction does with OutputFormat.ESM: one .mjs file, a require shim for CommonJS dependencies.
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile: join(dir, 'out', 'index.mjs'),
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'silent',
    });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const renderInBundle = () =>
    run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(dir, 'out', 'index.mjs'))});
         const pdf = await m.render();
         (await import('node:fs')).writeFileSync(${JSON.stringify(join(dir, 'letter.pdf'))}, pdf);`,
      ],
      // Outside the repository, with no package to resolve the font from.
      { cwd: dir, env: { PATH: process.env.PATH ?? '' } },
    );

  it('fails clearly when the fonts were not copied next to the bundle', async () => {
    await expect(renderInBundle()).rejects.toThrow(/DejaVuSans\.ttf not found/);
  });

  it('renders the letter from fonts/ next to the bundle, diacritics intact', async () => {
    // Prepare: what the CDK commandHooks.afterBundling step does
    const fonts = join(dir, 'out', 'fonts');
    mkdirSync(fonts, { recursive: true });
    const packageDir = fontDirectories().find((d) => d.includes('dejavu-fonts-ttf')) ?? '';
    for (const file of Object.values(FONT_FILES)) copyFileSync(join(packageDir, file), join(fonts, file));

    // Act
    await renderInBundle();

    // Assess
    const parser = new PDFParse({ data: readFileSync(join(dir, 'letter.pdf')) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain('Ngô Thị Tuyết Mai');
    expect(text).toContain('Kính gửi: Đảng ủy phường Hưng Lợi');
    expect(dirname(packageDir)).toMatch(/dejavu-fonts-ttf$/);
  });
});
