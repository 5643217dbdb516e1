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
  for (const section of await pendingSections(wants)) {
    sections.push(section);
    console.log(consoleTable(section));
  }
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

const ANALYSIS = '';

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
