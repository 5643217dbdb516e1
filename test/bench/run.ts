// bench: `npm run bench` — every figure beside its floor, printed and written to docs/benchmarks.md.
// Never part of `npm test` (test/bench is outside vitest's include).
import { execSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { OUT_DIR, ROOT } from './bundle.js';
import { consoleTable, markdown, type Section } from './report-format.js';
import { coldStartSection } from './section-cold-start.js';
import { pendingSections } from './section-pending.js';
import { reportSection } from './section-report.js';

async function main() {
  const started = Date.now();
  const only = process.argv.slice(2);
  const wants = (id: string) => only.length === 0 || only.includes(id);
  const sections: Section[] = [];
  let settings = 'not bundled in this run';
  if (wants('cold-start')) {
    const { section, settings: s } = await coldStartSection({
      rounds: Number(process.env.BENCH_ROUNDS ?? 20),
    });
    settings = s;
    sections.push(section);
    console.log(consoleTable(section));
  }
  if (wants('report')) {
    const section = await reportSection({
      wards: Number(process.env.BENCH_REPORT_WARDS ?? 10),
      membersPerWard: Number(process.env.BENCH_REPORT_MEMBERS ?? 1000),
    });
    sections.push(section);
    console.log(consoleTable(section));
  }
  for (const section of await pendingSections(wants)) {
    sections.push(section);
    console.log(consoleTable(section));
  }
  sections.sort((a, b) => a.title.localeCompare(b.title));
  const totalSeconds = (Date.now() - started) / 1000;
  const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  if (only.length === 0) {
    const doc = markdown(sections, {
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      commit,
      machine,
      totalSeconds,
      settings,
    });
    writeFileSync(join(ROOT, 'docs/benchmarks.md'), `${doc}\n${ANALYSIS}`);
    console.log('\nwrote docs/benchmarks.md');
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  console.log(`bench finished in ${(totalSeconds / 60).toFixed(1)} min`);
}

const ANALYSIS = `## Reading the results

- **Cold start and size.** Every figure includes Node's own start (the floor's time is mostly that plus
  loading the AWS SDK's DynamoDB client). A function's extra time over the floor is the parse and evaluation
  of its own code: zod schemas built at import, middy, jose, and for the PDF routes pdfkit with fontkit.
  Until the CDK construct (issue 7) is on this branch the bundles use the issue's default settings, which
  bundle the AWS SDK into every function and keep zod's locales (a named \`z\` import defeats tree-shaking);
  issue 7's construct marks \`@aws-sdk/*\` external (the Lambda runtime provides it) and its branch imports
  zod as a namespace, which its author measured at 85 KB instead of 454 KB per bundle. The bench reads the
  construct's settings automatically once \`infra/constructs/app-function.ts\` exists, so rerun it then.
- **Machine.** 2 shared cores: other work on the machine moves single figures by 10–20 %; medians over
  20 processes and floors measured in the same rounds keep the ratios comparable, not the absolute times.
- **Not measured yet.** Sections 2 and 3 need issue 4 (webhook, RSVP, invitation fan-out): they say so
  above instead of giving numbers. Their budget in the 15 minutes is kept free by the report section's size.
`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
