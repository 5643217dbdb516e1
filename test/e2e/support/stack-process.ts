// E2E support: runs `npm start`'s entry (local/start.ts) as a child process on free ports with an in-memory
// DynamoDB Local, fires jobs through `npm run job`'s entry, and checks that stopping it leaves nothing running.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, type StackFile, stackFile } from '../../../local/settings.js';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

export interface StackProcess {
  readonly info: StackFile;
  readonly dataDir: string;
  /** Everything the stack printed so far (stdout and stderr). */
  output(): string;
  /** `npm run job -- <name> --now <date>` against this stack; resolves with what it printed. */
  job(name: string, now?: string): Promise<string>;
  /** Ctrl-C: SIGINT, wait for the exit; throws if the stack or its Java process is still alive. */
  stop(): Promise<void>;
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Keeps everything a child prints (stdout and stderr, in order of arrival). */
function capture(child: ChildProcess): () => string {
  let out = '';
  const add = (c: Buffer) => {
    out += c.toString();
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => out;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = capture(child);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out: out() }));
  });
}

export async function startStackProcess(
  options: { clock?: string; timeoutMs?: number } = {},
): Promise<StackProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-he-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DYNAMODB_PORT: '0',
    GATEWAY_PORT: '0',
    EMULATOR_PORT: '0',
    ZALO_EMULATOR_PORT: '0',
    DYNAMODB_IN_MEMORY: '1',
    LOCAL_DATA_DIR: dataDir,
    LOCAL_RELAY_INTERVAL_MS: '100',
    ...(options.clock ? { LOCAL_CLOCK: options.clock } : {}),
  };
  // Whatever the developer's shell says, this stack is the emulator's and has a DynamoDB of its own.
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'DYNAMODB_ENDPOINT']) delete env[name];
  // `npm start`'s entry under Node with tsx's loader, not through the tsx CLI: the CLI relays a SIGINT to its child
  // and SIGKILLs it when the child has not acknowledged within 30 ms, which on a loaded machine killed the stack
  // before its teardown ran and left DynamoDB Local behind (the stop check then failed).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = capture(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const file = stackFile(dataDir);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  // The stack writes stack.json once everything answers; the banner follows it.
  while (!(existsSync(file) && output().includes('Stop: Ctrl-C'))) {
    if (child.exitCode !== null)
      throw new Error(`The local stack exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local stack did not come up in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const info = JSON.parse(readFileSync(file, 'utf8')) as StackFile;

  return {
    info,
    dataDir,
    output,
    job: async (name, now) => {
      const { code, out } = await run(['local/job.ts', name, ...(now ? ['--now', now] : [])], env);
      if (code !== 0) throw new Error(`npm run job -- ${name} failed (${code}): ${out}`);
      return out;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      const code = await Promise.race([
        exited,
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
      ]);
      const javaLeft = alive(info.dynamodbPid);
      const stackLeft = alive(child.pid) && child.exitCode === null;
      if (stackLeft) child.kill('SIGKILL');
      if (javaLeft && info.dynamodbPid) process.kill(info.dynamodbPid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      if (code === 'timeout' || stackLeft) throw new Error(`The stack did not stop on SIGINT:\n${output()}`);
      if (javaLeft) throw new Error('DynamoDB Local (java) was still running after the stack stopped');
    },
  };
}
