// Command line for the Telegram Bot API emulator: `npx tsx local/telegram-emulator/cli.ts [--port 8081] [--token id:secret]`.
import { parseArgs } from 'node:util';
import { COMMON_CLI_OPTIONS, commonEmulatorOptions, stopOnSignals } from '../emulator-cli.js';
import { TelegramEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    ...COMMON_CLI_OPTIONS,
    token: { type: 'string' },
    'first-update-id': { type: 'string' },
  },
});

const emulator = new TelegramEmulator({
  ...commonEmulatorOptions(values),
  token: values.token || undefined,
  ...(values['first-update-id'] ? { firstUpdateId: Number(values['first-update-id']) } : {}),
});
const { url } = await emulator.start();
console.log(
  `Telegram Bot API emulator: apiRoot ${url}, token ${emulator.token}, control API ${url}/_emulator/`,
);
stopOnSignals(emulator);
