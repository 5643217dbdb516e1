// Command line for the Zalo OA API emulator: `npx tsx local/zalo-emulator/cli.ts [--port 8082] [--webhook <url>]`.
import { parseArgs } from 'node:util';
import { ZaloEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    webhook: { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
  },
});

const emulator = new ZaloEmulator({
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.host ? { host: values.host } : {}),
  ...(values.webhook ? { webhookUrl: values.webhook } : {}),
  ...(values['no-rate-limits'] ? { rateLimits: false as const } : {}),
});
const { url } = await emulator.start();
// Emulator credentials only: they open nothing outside this loopback process.
console.log(
  `Zalo OA API emulator: ${url} (OpenAPI and OAuth), app ${emulator.appId}, OA ${emulator.oaId}, control API ${url}/_emulator/`,
);
console.log(
  `Initial tokens: access ${emulator.initialTokens.accessToken}, refresh ${emulator.initialTokens.refreshToken}`,
);

function shutdown(): void {
  emulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
