// `npm run job -- <name> [--now <date>]`: fires one scheduled function in the running local stack, as of a date.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLocalInstant } from './clock.js';
import type { JobRun, JobView } from './control-protocol.js';
import { readSettings, type StackFile, stackFile } from './settings.js';

const USAGE =
  'usage: npm run job -- <name> [--now 2027-10-31 | 2027-10-31T20:00 | <ISO instant>]   (npm run job -- --list)';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function runningStack(): StackFile {
  const file = stackFile(readSettings().dataDir);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackFile;
  } catch {
    return fail('The local stack is not running: start it with `npm start` (in another terminal) first.');
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    return fail('The local stack does not answer: is `npm start` still running?');
  }
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) return fail(body.error ?? `HTTP ${res.status}`);
  return body;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { now: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const stack = runningStack();
const name = positionals[0];
if (values.list || !name) {
  const jobs = await call<JobView[]>(`${stack.gateway}/_local/jobs`);
  if (!name && !values.list) process.stdout.write(`${USAGE}\n\n`);
  for (const job of jobs) {
    process.stdout.write(`${job.name.padEnd(24)} ${job.expression.padEnd(26)} ${job.description}\n`);
  }
  if (jobs.length === 0) process.stdout.write('No scheduled functions are registered yet.\n');
  process.exit(name || values.list ? 0 : 1);
}

let now: string | undefined;
if (values.now) {
  try {
    now = parseLocalInstant(values.now).toISOString();
  } catch (error) {
    fail((error as Error).message);
  }
}
const run = await call<JobRun>(`${stack.gateway}/_local/jobs/${encodeURIComponent(name)}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(now ? { now } : {}),
});
process.stdout.write(
  `${run.name} ran as of ${run.time} in ${run.durationMs} ms; ${run.eventsPublished} events published\n`,
);
if (run.result !== undefined) process.stdout.write(`${JSON.stringify(run.result, null, 2)}\n`);
