// Local runtime: what every start and stop of the local stack shares — the ports checked free before anything
// starts, the teardown that stops what was started in reverse order, and `.data/stack.json`, which tells
// `npm run job` and the tests where the running stack listens.
import { rmSync, writeFileSync } from 'node:fs';
import type { Line } from '../console-log.js';
import { isPortFree } from '../dynamodb-local.js';
import { PortInUseError } from '../gateway.js';
import { type LocalSettings, type StackFile, stackFile } from '../settings.js';

/** Stops what was started, in reverse order, and never lets one failure keep Java running. */
export class Teardown {
  private readonly steps: { what: string; run: () => Promise<void> | void }[] = [];
  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }
  async run(log: Line): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop();
      if (!step) break;
      try {
        await step.run();
      } catch (error) {
        log(`stopping ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** Fails before anything starts when a fixed port is taken, naming the setting that chose it. */
export async function assertPortsFree(settings: LocalSettings): Promise<void> {
  const fixed: [string, number][] = [
    ...(settings.dynamoEndpoint
      ? []
      : ([['DynamoDB Local (DYNAMODB_PORT)', settings.dynamoPort]] as [string, number][])),
    ['HTTP gateway (GATEWAY_PORT)', settings.gatewayPort],
    ...(settings.telegramToken
      ? []
      : ([['Telegram emulator (EMULATOR_PORT)', settings.emulatorPort]] as [string, number][])),
    ['Zalo emulator (ZALO_EMULATOR_PORT)', settings.zaloEmulatorPort],
  ];
  for (const [what, port] of fixed) {
    if (port !== 0 && !(await isPortFree(port))) throw new PortInUseError(what, port);
  }
}

/** A server's start, with EADDRINUSE told as the setting whose port is taken. */
export async function listenOn(what: string, port: number, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(what, port);
    throw error;
  }
}

/** Writes `.data/stack.json` (removed at stop): where the running stack's parts listen, and its pid. */
export function writeStackFile(
  settings: LocalSettings,
  running: Omit<StackFile, 'pid' | 'startedAt'>,
  teardown: Teardown,
): void {
  const file = stackFile(settings.dataDir);
  writeFileSync(
    file,
    JSON.stringify(
      { pid: process.pid, ...running, startedAt: new Date().toISOString() } satisfies StackFile,
      null,
      2,
    ),
  );
  teardown.add('stack file', () => rmSync(file, { force: true }));
}
