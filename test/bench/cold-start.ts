// bench (1): cold start — a fresh `node` process until the bundle's `handler` is ready, against the floor bundle.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { BuiltBundle } from './bundle.js';
import { median } from './stats.js';

/** The child imports the bundle, checks `handler` is a function and says so; the parent times spawn → that line. */
const CHILD = `const m = await import(process.argv[1]);
if (typeof m.handler !== 'function') { console.error('no handler'); process.exit(2); }
process.stdout.write('ready\\n');`;

export function timeColdStart(bundle: BuiltBundle): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', CHILD, pathToFileURL(bundle.file).href],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Lambda sets these; the handlers read them lazily, but a module may look at AWS_REGION at import.
        env: { ...process.env, AWS_REGION: 'ap-southeast-1', NODE_NO_WARNINGS: '1' },
      },
    );
    let readyAt: bigint | undefined;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!readyAt && chunk.toString().includes('ready')) readyAt = process.hrtime.bigint();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || !readyAt)
        return reject(new Error(`${bundle.name}: exit ${code}\n${stderr.slice(-2000)}`));
      resolvePromise(Number(readyAt - started) / 1e6);
    });
  });
}

export interface ColdStartResult {
  name: string;
  medianMs: number;
  samples: number[];
}

/**
 * Round-robin over the bundles (floor included) so drift on a shared machine hits every bundle alike;
 * one process at a time, so the two cores are not shared between measured starts.
 */
export async function measureColdStarts(bundles: readonly BuiltBundle[], rounds: number) {
  const samples = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  // One unmeasured start each warms the OS file cache, as Lambda's own cache would be for a deployed package.
  for (const b of bundles) await timeColdStart(b);
  for (let r = 0; r < rounds; r++) {
    for (const b of bundles) samples.get(b.name)?.push(await timeColdStart(b));
  }
  return bundles.map(
    (b): ColdStartResult => ({
      name: b.name,
      samples: samples.get(b.name) ?? [],
      medianMs: median(samples.get(b.name) ?? []),
    }),
  );
}
