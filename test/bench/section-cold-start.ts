// bench (1): every function in the registry bundled like the CDK construct does, its size, and its cold start.
import { BACKGROUND_FUNCTIONS, HTTP_ROUTES } from '../../shared/config/functions.js';
import { type BuiltBundle, bundleEntry, bundleFloor, bundleSettings } from './bundle.js';
import { measureColdStarts } from './cold-start.js';
import type { Row, Section } from './report-format.js';
import { kib, ms, ratio, x } from './stats.js';

const COLD_START_LIMIT = 1.5;
const SIZE_LIMIT_KIB = 400;
const BOT_SIZE_LIMIT_KIB = 700;

export interface ColdStartOptions {
  rounds: number;
}

export async function coldStartSection(
  options: ColdStartOptions,
): Promise<{ section: Section; settings: string }> {
  const started = Date.now();
  const { source, options: esbuildOptions } = await bundleSettings();
  const entries = [
    ...HTTP_ROUTES.map((r) => ({ name: r.name, entry: r.entry, bot: r.bot === true })),
    ...BACKGROUND_FUNCTIONS.map((f) => ({ name: f.name, entry: f.entry, bot: f.bot === true })),
  ];
  // Several routes can share one handler file (one bundle): bundle and time each file once.
  const byEntry = new Map<string, { names: string[]; bot: boolean }>();
  for (const e of entries) {
    const seen = byEntry.get(e.entry);
    if (seen) seen.names.push(e.name);
    else byEntry.set(e.entry, { names: [e.name], bot: e.bot });
  }
  const floor = await bundleFloor(esbuildOptions);
  const bundles: (BuiltBundle & { label: string; bot: boolean })[] = [];
  for (const [entry, { names, bot }] of byEntry) {
    const b = await bundleEntry(names[0] as string, entry, esbuildOptions);
    bundles.push({ ...b, label: names.join(', '), bot });
  }
  const results = await measureColdStarts([floor, ...bundles], options.rounds);
  const floorMs = results[0]?.medianMs ?? Number.NaN;
  const rows: Row[] = [];
  for (const [i, b] of bundles.entries()) {
    const r = results[i + 1];
    if (!r) continue;
    const q = ratio(r.medianMs, floorMs);
    rows.push({
      figure: `cold start: ${b.label}`,
      value: ms(r.medianMs),
      floor: ms(floorMs),
      ratio: x(q),
      target: `≤ ${COLD_START_LIMIT}×`,
      verdict: q <= COLD_START_LIMIT ? 'met' : 'not met',
    });
  }
  for (const b of bundles) {
    const limit = b.bot ? BOT_SIZE_LIMIT_KIB : SIZE_LIMIT_KIB;
    rows.push({
      figure: `size: ${b.label}`,
      value: `${kib(b.bytes)} (gzip ${kib(b.gzipBytes)})`,
      floor: `${kib(floor.bytes)} (gzip ${kib(floor.gzipBytes)})`,
      ratio: x(ratio(b.bytes, floor.bytes)),
      target: `≤ ${limit} KiB minified`,
      verdict: b.bytes <= limit * 1024 ? 'met' : 'not met',
    });
  }
  const notes = [
    `Median over ${options.rounds} fresh \`node\` processes per bundle (${process.version}), started one at a time in round-robin order (floor included) after one unmeasured warm-up start each; the time runs from spawn until the child has imported the bundle and found \`handler\` to be a function.`,
    'Floor: a bundle holding only the DynamoDB document client (created at module scope) and a one-line handler, built with the same settings. Node’s own start-up (~40 ms) is inside both figures, as it is inside Lambda’s init.',
    'Size limits: 400 KiB minified for an ordinary function, 700 KiB for a bundle that carries grammY (`bot: true` in the registry). Gzipped size is given for reference (Lambda limits the zipped package).',
    esbuildOptions.external?.length
      ? `Externals (${esbuildOptions.external.join(', ')}) are not in the bundle — the Lambda runtime provides the AWS SDK — so they load from node_modules here, in the floor as well.`
      : 'Nothing is external: the AWS SDK is inside every bundle, the floor included.',
    `Functions measured: ${bundles.length} bundles for ${entries.length} registry entries (HTTP_ROUTES + BACKGROUND_FUNCTIONS at this commit).`,
  ];
  const notMet = rows.filter((r) => r.verdict === 'not met');
  if (notMet.length)
    notes.push(`Not met: ${notMet.map((r) => r.figure).join('; ')}. See the analysis below.`);
  return {
    settings: source,
    section: {
      id: 'cold-start',
      title: '1. Cold start and bundle size',
      status: 'measured',
      rows,
      notes,
      seconds: (Date.now() - started) / 1000,
    },
  };
}
