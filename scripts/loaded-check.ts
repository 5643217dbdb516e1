// check: the suite stays green on a busy machine (issue 20). Keeps every core busy with spinning processes, runs the
// README's test command several times in a row, and fails at the first red run. A test that passes only on a quiet
// machine waits for a fixed time or depends on another test's state; this is how such a test is found.
//
//   npm run test:loaded                      # three runs, one spinner per core
//   npm run test:loaded -- --runs 1 --spinners 4
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    spinners: { type: 'string', default: String(availableParallelism()) },
  },
});
const runs = Number(values.runs);
const spinnerCount = Number(values.spinners);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(spinnerCount) || spinnerCount < 0) {
  console.error('usage: loaded-check [--runs N ≥ 1] [--spinners N ≥ 0]');
  process.exit(2);
}

/** A process that keeps one core busy until it is killed. */
function spinner(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function npmTest(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const spinners = Array.from({ length: spinnerCount }, spinner);
const stop = () => {
  for (const s of spinners) s.kill('SIGKILL');
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const results: { run: number; code: number; seconds: number; load: number }[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    console.log(`\nloaded-check: run ${run}/${runs} with ${spinnerCount} spinning processes`);
    const started = Date.now();
    const code = await npmTest();
    const result = { run, code, seconds: Math.round((Date.now() - started) / 1000), load: loadavg()[0] ?? 0 };
    results.push(result);
    console.log(
      `loaded-check: run ${run} ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${result.seconds} s, load ${result.load.toFixed(1)}`,
    );
    if (code !== 0) break;
  }
} finally {
  stop();
}
const passed = results.filter((r) => r.code === 0).length;
console.log(`\nloaded-check: ${passed} of ${runs} runs in a row passed`);
process.exit(passed === runs ? 0 : 1);
