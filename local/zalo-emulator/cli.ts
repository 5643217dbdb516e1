// Command line for the Zalo OA API emulator: `npx tsx local/zalo-emulator/cli.ts [--port 8082] [--webhook <url>]`.
import { parseArgs } from 'node:util';
import { COMMON_CLI_OPTIONS, commonEmulatorOptions, stopOnSignals } from '../emulator-cli.js';
import { ZaloEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    ...COMMON_CLI_OPTIONS,
    webhook: { type: 'string' },
  },
});

const emulator = new ZaloEmulator({
  ...commonEmulatorOptions(values),
  webhookUrl: values.webhook || undefined,
});
const { url } = await emulator.start();
// Emulator credentials only: they open nothing outside this loopback process.
console.log(
  `Zalo OA API emulator: ${url} (OpenAPI and OAuth), app ${emulator.appId}, OA ${emulator.oaId}, control API ${url}/_emulator/`,
);
console.log(
  `Initial tokens: access ${emulator.initialTokens.accessToken}, refresh ${emulator.initialTokens.refreshToken}`,
);
stopOnSignals(emulator);
