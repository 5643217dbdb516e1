// Integration test of the stack's real-Telegram mode: with TELEGRAM_BOT_TOKEN the same bot long-polls its Bot API
// (here an emulator standing in for api.telegram.org, through TELEGRAM_API_ROOT) instead of sitting behind a webhook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realTelegramIdentity, TelegramTokenError } from '../../../local/bot-runtime.js';
import { readSettings } from '../../../local/settings.js';
import { type LocalStack, startLocalStack } from '../../../local/stack.js';
import { TelegramEmulator } from '../../../local/telegram-emulator/index.js';
import { localEndpoint } from '../../support/dynamo.js';

const an = { id: 7200000001, first_name: 'An', language_code: 'vi' };

describe('Function: startLocalStack with TELEGRAM_BOT_TOKEN', () => {
  const telegram = new TelegramEmulator({
    token: '7777777:RealModeTokenForTheLocalStackTest_0',
    rateLimits: false,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-he-polling-'));
  const lines: string[] = [];
  let stack: LocalStack;

  beforeAll(async () => {
    await telegram.start();
    stack = await startLocalStack(
      readSettings({
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.url,
        DYNAMODB_ENDPOINT: localEndpoint(),
        TABLE_NAME: `t-polling-${Date.now()}`,
        GATEWAY_PORT: '0',
        ZALO_EMULATOR_PORT: '0',
        LOCAL_DATA_DIR: dataDir,
        LOCAL_CLOCK: '2027-05-20T09:00',
      }),
      (line) => lines.push(line),
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await telegram.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('long-polls the Bot API with the same bot, with no webhook and no emulator of its own', async () => {
    // Act
    await telegram.sendUserMessage({ user: an, text: '/start' });
    const reply = await telegram.waitForBotMessage(an.id, { timeoutMs: 20_000 });

    // Assess
    expect(reply.text).toContain('Nguyễn Văn An');
    expect(telegram.webhook).toBeUndefined();
    expect(telegram.callsOf('getUpdates').length).toBeGreaterThan(0);
    expect(stack.urls.emulator).toBeUndefined();
    expect(lines.some((l) => l.includes('is long-polling Telegram'))).toBe(true);
    expect(lines.some((l) => l.includes('not started here'))).toBe(true);
  });

  it('stops polling when the stack stops', async () => {
    // Act
    await stack.stop();
    const before = telegram.callsOf('getUpdates').length;
    await new Promise((r) => setTimeout(r, 300));

    // Assess
    expect(telegram.callsOf('getUpdates').length).toBe(before);
    expect(lines.some((l) => l.includes('stopping') && l.includes('failed'))).toBe(false);
  });
});

describe('Function: realTelegramIdentity', () => {
  const telegram = new TelegramEmulator({ token: '8888888:AnotherTokenForTheIdentityTest_0' });

  beforeAll(async () => {
    await telegram.start();
  });

  afterAll(async () => {
    await telegram.stop();
  });

  it('reads the bot from getMe, and turns a refused token into one clear line', async () => {
    // Act
    const identity = await realTelegramIdentity(telegram.token, telegram.url);
    const refused = await realTelegramIdentity('8888888:wrong', telegram.url).catch((e: unknown) => e);

    // Assess
    expect(identity).toMatchObject({ id: 8888888, username: 'emulated_bot', apiRoot: telegram.url });
    expect(refused).toBeInstanceOf(TelegramTokenError);
    expect((refused as Error).message).toBe(
      'TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized): check the token.',
    );
  });
});
