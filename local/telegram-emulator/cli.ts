// Command line for the Telegram Bot API emulator: `npx tsx local/telegram-emulator/cli.ts [--port 8081] [--token id:secret]`.
import { parseArgs } from 'node:util';
import { TelegramEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'first-update-id': { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
  },
});

const emulator = new TelegramEmulator({
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values.host ? { host: values.host } : {}),
  ...(values.token ? { token: values.token } : {}),
  ...(values['first-update-id'] ? { firstUpdateId: Number(values['first-update-id']) } : {}),
  ...(values['no-rate-limits'] ? { rateLimits: false as const } : {}),
});
const { url } = await emulator.start();
console.log(
  `Telegram Bot API emulator: apiRoot ${url}, token ${emulator.token}, control API ${url}/_emulator/`,
);

function shutdown(): void {
  emulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
