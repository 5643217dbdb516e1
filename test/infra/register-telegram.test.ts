// infra tests: registering the deployed webhook (infra/register-telegram.ts) against the Bot API emulator —
// the function itself, and the `npm run telegram:register` command line with the token from the environment.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Api } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telegramClientOptions } from '../../chat/channels/telegram/client.js';
import { registerTelegramWebhook, webhookUrl } from '../../infra/register-telegram.js';
import { TelegramEmulator } from '../../local/telegram-emulator/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('Function: webhookUrl', () => {
  it('appends the webhook route to the ApiUrl output, with or without its slash', () => {
    // Act & Assess
    expect(webhookUrl('https://abc.execute-api.ap-southeast-1.amazonaws.com/')).toBe(
      'https://abc.execute-api.ap-southeast-1.amazonaws.com/telegram/webhook',
    );
    expect(webhookUrl('https://abc.execute-api.ap-southeast-1.amazonaws.com')).toBe(
      'https://abc.execute-api.ap-southeast-1.amazonaws.com/telegram/webhook',
    );
    expect(webhookUrl('https://abc.example.org/telegram/webhook')).toBe(
      'https://abc.example.org/telegram/webhook',
    );
  });

  it('refuses plain http except on loopback, and what is not a URL', () => {
    // Act & Assess
    expect(() => webhookUrl('http://abc.example.org/')).toThrow(/https/);
    expect(() => webhookUrl('abc.example.org')).toThrow(/not a URL/);
    expect(webhookUrl('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/telegram/webhook');
  });
});

describe('Function: registerTelegramWebhook', () => {
  const emu = new TelegramEmulator();
  let api: Api;

  beforeAll(async () => {
    await emu.start();
    api = new Api(emu.token, telegramClientOptions(emu.url));
  });

  afterAll(async () => {
    await emu.stop();
  });

  beforeEach(() => {
    emu.reset();
  });

  it('sets the webhook with its secret and installs the default menus in Vietnamese and English', async () => {
    // Prepare
    const url = 'https://abc.example.org/telegram/webhook';

    // Act
    const result = await registerTelegramWebhook(api, { url, secret: 'a-Secret_1' });

    // Assess
    expect(result).toEqual({ url, pendingUpdates: 0 });
    expect(emu.webhook).toMatchObject({ url, secretToken: 'a-Secret_1' });
    const vi = emu.commands().map((c) => c.command);
    expect(vi).toContain('start');
    expect(emu.commands().find((c) => c.command === 'start')?.description).toMatch(/[ăâđêôơư]/i);
    expect(emu.commands({ languageCode: 'en' }).map((c) => c.command)).toEqual(vi);
  });

  it('refuses a secret Telegram would refuse, before calling it', async () => {
    // Act & Assess
    await expect(
      registerTelegramWebhook(api, { url: 'https://abc.example.org/telegram/webhook', secret: 'has space' }),
    ).rejects.toThrow(/A–Z a–z 0–9 _ -/);
    expect(emu.callsOf('setWebhook')).toHaveLength(0);
  });

  it('runs as npm run telegram:register, printing neither the token nor the secret', async () => {
    // Act
    const { stdout } = await run(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['infra/register-telegram.ts', '--stage', 'prod', '--url', 'https://abc.example.org/'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          BOT_TOKEN: emu.token,
          WEBHOOK_SECRET: 'prod-secret_2',
          TELEGRAM_API_ROOT: emu.url,
        },
      },
    );

    // Assess
    expect(emu.webhook).toMatchObject({
      url: 'https://abc.example.org/telegram/webhook',
      secretToken: 'prod-secret_2',
    });
    expect(stdout).toContain('Webhook: https://abc.example.org/telegram/webhook');
    expect(stdout).not.toContain(emu.token);
    expect(stdout).not.toContain('prod-secret_2');
  });

  it('exits with a one-line reason when --url is missing', async () => {
    // Act
    const failure = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['infra/register-telegram.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', BOT_TOKEN: emu.token, WEBHOOK_SECRET: 'x' },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );

    // Assess
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toMatch(/^--url <ApiUrl> is required/);
    expect(emu.callsOf('setWebhook')).toHaveLength(0);
  });
});
