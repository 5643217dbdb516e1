// The letter's PDF builder bundled the way the CDK construct bundles a Lambda (esbuild, ESM, no
// node_modules): the fonts then come from the package layout the construct copies beside the bundle
// (fontCopyCommands), or from REPORT_FONT_DIR, and the diacritics survive.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ESM_REQUIRE_BANNER,
  FONTS_PACKAGE_DIR,
  fontCopyCommands,
  PROJECT_ROOT,
} from '../../../infra/constructs/app-function.js';

const run = promisify(execFile);
const repo = PROJECT_ROOT;

describe('Function: loadFont in an esbuild bundle', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'letter-bundle-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { documentFonts } from '${repo}/shared/adapters/documents/fonts.js';
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
    signer: { name: 'Trần Văn Bí', title: 'bi_thu' },
  });
  return renderIntroductionLetterPdf(content, documentFonts());
}
`,
    );
    // As the construct does (OutputFormat.ESM): one .mjs file, a require shim for CommonJS dependencies.
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      outfile: join(dir, 'out', 'index.mjs'),
      banner: { js: ESM_REQUIRE_BANNER },
      logLevel: 'silent',
    });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const renderInBundle = (env: Record<string, string> = {}) =>
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
      { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } },
    );

  const letterText = async () => {
    const parser = new PDFParse({ data: readFileSync(join(dir, 'letter.pdf')) });
    const { text } = await parser.getText();
    await parser.destroy();
    return text;
  };

  it('fails clearly when the fonts were not shipped beside the bundle', async () => {
    await expect(renderInBundle()).rejects.toThrow(/Tinos_400Regular\.ttf not found .*REPORT_FONT_DIR/s);
  });

  it('renders the letter from the fonts shipped beside the bundle, diacritics intact', async () => {
    // Prepare: what the construct runs after esbuild for a needsFonts function
    for (const command of fontCopyCommands(repo, join(dir, 'out'))) execFileSync('sh', ['-c', command]);

    // Act: without REPORT_FONT_DIR (the package is resolved beside the bundle), then with it, as in Lambda
    await renderInBundle();
    const resolved = await letterText();
    await renderInBundle({ REPORT_FONT_DIR: join(dir, 'out', FONTS_PACKAGE_DIR) });
    const configured = await letterText();

    // Assess
    for (const text of [resolved, configured]) {
      expect(text).toContain('Ngô Thị Tuyết Mai');
      expect(text).toContain('Kính gửi: Đảng ủy phường Hưng Lợi');
    }
  });
});
