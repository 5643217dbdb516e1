// bench: `npm run bench` — every figure beside its floor, printed and written to docs/benchmarks.md.
// Never part of `npm test` (test/bench is outside vitest's include).
import { execSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ZALO_RATE_LIMITS } from '../../local/zalo-emulator/index.js';
import type { Channel } from '../../shared/ports/repositories.js';
import { CHANNELS } from '../support/chat-channels.js';
import { OUT_DIR, ROOT } from './bundle.js';
import { consoleTable, markdown, type Section } from './report-format.js';
import { fanOutSection, rsvpSection } from './section-bot.js';
import { coldStartSection } from './section-cold-start.js';
import { largeWardSection } from './section-large-ward.js';
import { reportSection } from './section-report.js';
import { zaloFanOutSection } from './section-zalo-fan-out.js';

async function main() {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
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
      // Issue 19's size: 100 committees of 1,000 members (100,000), at least once outside npm test.
      wards: Number(process.env.BENCH_REPORT_WARDS ?? 100),
      membersPerWard: Number(process.env.BENCH_REPORT_MEMBERS ?? 1000),
    });
    sections.push(section);
    console.log(consoleTable(section));
  }
  if (wants('rsvp')) {
    const section = await rsvpSection({
      presses: Number(process.env.BENCH_RSVP_PRESSES ?? 1000),
      latencyMs: Number(process.env.BENCH_RSVP_LATENCY_MS ?? 150),
      latencyPresses: Number(process.env.BENCH_RSVP_LATENCY_PRESSES ?? 100),
      concurrency: 50,
      channels: channelsOf(process.env.BENCH_RSVP_CHANNELS),
    });
    sections.push(section);
    console.log(consoleTable(section));
  }
  if (wants('fan-out')) {
    const section = await fanOutSection({
      members: Number(process.env.BENCH_FANOUT_MEMBERS ?? 2000),
      globalPerSecond: 300,
      perChatPerSecond: 1,
      concurrency: Number(process.env.BENCH_FANOUT_CONCURRENCY ?? 16),
    });
    sections.push(section);
    console.log(consoleTable(section));
  }
  if (wants('fan-out-zalo')) {
    const members = Number(process.env.BENCH_ZALO_FANOUT_MEMBERS ?? 1000);
    const section = await zaloFanOutSection({
      members,
      concurrency: Number(process.env.BENCH_FANOUT_CONCURRENCY ?? 16),
      // Zalo's documented limit per app.
      perMinute: Number(process.env.BENCH_ZALO_LIMIT_PER_MINUTE ?? DEFAULT_ZALO_RATE_LIMITS.perWindow),
      tightPerMinute: Number(process.env.BENCH_ZALO_TIGHT_LIMIT_PER_MINUTE ?? Math.ceil(members / 2)),
    });
    sections.push(section);
    console.log(consoleTable(section));
  }
  if (wants('large-ward')) {
    const section = await largeWardSection({
      members: Number(process.env.BENCH_WARD_MEMBERS ?? 5000),
      rounds: Number(process.env.BENCH_WARD_ROUNDS ?? 10),
    });
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
      runSettings: runSettings(loadAtStart, loadavg()[0] ?? 0),
    });
    writeFileSync(join(ROOT, 'docs/benchmarks.md'), `${doc}\n${ANALYSIS}`);
    // The doc is checked by `biome check` like every file: write it in the project's format.
    execSync('npx biome format --write docs/benchmarks.md', { cwd: ROOT, stdio: 'ignore' });
    console.log('\nwrote docs/benchmarks.md');
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  console.log(`bench finished in ${(totalSeconds / 60).toFixed(1)} min`);
}

/** `telegram,zalo` (the default: both, one row each beside the same floor), or one of them. */
function channelsOf(value: string | undefined): Channel[] {
  if (!value) return [...CHANNELS];
  const asked = value.split(',').map((c) => c.trim());
  const unknown = asked.filter((c) => !CHANNELS.includes(c as Channel));
  if (unknown.length) throw new Error(`BENCH_RSVP_CHANNELS: unknown channel ${unknown.join(', ')}`);
  return asked as Channel[];
}

/** The BENCH_* variables set for this run (else the defaults apply) and the 1-minute load average. */
function runSettings(loadAtStart: number, loadAtEnd: number): string {
  const set = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_'))
    .map(([key, value]) => `${key}=${value}`)
    .sort();
  const sizes = set.length ? `\`${set.join(' ')}\`` : 'the default sizes';
  return `${sizes}; load average ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end on ${cpus().length} cores (other work on the machine slows absolute times; ratios are measured side by side)`;
}

const ANALYSIS = `## Reading the results

- **Cold start and size.** Every figure includes Node's own start (the floor's time is mostly that plus
  loading the AWS SDK's DynamoDB client). A function's extra time over the floor is the parse and evaluation
  of its own code: zod schemas built at import, middy, jose, grammY for the bot functions. The bundles are
  built with the CDK construct's settings (infra/constructs/app-function.ts): the AWS SDK stays external
  (the runtime provides it), zod is imported as a namespace, grammY runs on Node's fetch (its node-fetch
  fallback is aliased away), and the documents come from our own PDF and XLSX writers
  (shared/adapters/documents/pdf, xlsx) instead of pdfkit + fontkit and exceljs. The bot functions stay
  above 1.5× (about 1.55–1.65× on a quiet machine): on top of grammY they import the SSM client, which reads
  the bot token and webhook secret on the first invocation anyway; importing it lazily would only move that
  time from the start to the first request, so it is not done (the SNS and SQS clients, used on rare paths,
  are loaded lazily).
- **Machine.** 2 shared cores: other work on the machine moves single figures by 10–20 %; medians over
  BENCH_ROUNDS processes (20 by default) and floors measured in the same rounds keep the ratios comparable,
  not the absolute times.
- **Bot paths.** Sections 2 and 3 drive the real webhook handlers and invitation job against the Telegram
  emulator (local/telegram-emulator), the Zalo emulator (local/zalo-emulator) and their own DynamoDB Local;
  see each section's notes for what the floor is and why a ratio is what it is. The RSVP press is timed on
  both channels in one world, each row beside the same floor. Zalo's limit is per minute (4,000 calls per
  app), not per second: the fan-out on Zalo counts the busiest minute against it, and its last run lowers
  the limit below the job's pace so that the back-off on -32 (chat/channels/zalo/oa.ts) is exercised.
`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
