// Unit: the bot's configuration and secrets — env locally, SSM SecureString parameters in AWS, read once.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { botInfoFromConfig } from '../../../chat/channels/telegram/bot-info.js';
import { loadBotSecrets } from '../../../functions/chat-deps.js';
import { loadBotConfig, telegramDeepLink } from '../../../shared/config/bot.js';
import { loadConfig } from '../../../shared/config/env.js';
import { loadZaloConfig } from '../../../shared/config/zalo.js';

describe('Function: loadBotConfig', () => {
  it('reads the bot identity, limits and queue; SMS go through SNS only inside Lambda (or when asked)', () => {
    // Act
    const local = loadBotConfig({ BOT_USERNAME: 'lienhe_bot', TELEGRAM_PER_CHAT_PER_SECOND: '2' });
    const aws = loadBotConfig({
      BOT_USERNAME: 'lienhe_bot',
      BOT_TOKEN_PARAMETER: '/lienhe-prod/telegram/bot-token',
      WEBHOOK_SECRET_PARAMETER: '/lienhe-prod/telegram/webhook-secret',
      AWS_LAMBDA_FUNCTION_NAME: 'lienhe-prod-invitation-worker',
    });

    // Assess
    expect(local).toMatchObject({
      botUsername: 'lienhe_bot',
      throttle: { globalPerSecond: 30, perChatPerSecond: 2 },
      smsViaSns: false,
    });
    expect(local.invitationQueueUrl).toBeUndefined();
    expect(aws).toMatchObject({ smsViaSns: true, tokenParameter: '/lienhe-prod/telegram/bot-token' });
    expect(() => loadBotConfig({ WEBHOOK_SECRET: 'has spaces' })).toThrow(/WEBHOOK_SECRET/);
    expect(telegramDeepLink('lienhe_bot', 'ABCD2345')).toBe('https://t.me/lienhe_bot?start=ABCD2345');
  });

  it('builds botInfo without getMe: the id from BOT_ID, else from the token', () => {
    // Act / Assess
    expect(botInfoFromConfig('123456:secret', { botUsername: 'lienhe_bot' })).toMatchObject({
      id: 123456,
      is_bot: true,
      username: 'lienhe_bot',
    });
    expect(botInfoFromConfig('123456:secret', { botId: 99, botUsername: 'b' }).id).toBe(99);
    expect(() => botInfoFromConfig('nonsense', { botUsername: 'b' })).toThrow(/BOT_ID/);
  });
});

describe('Function: loadBotSecrets', () => {
  it('takes the secrets from the environment locally and from SSM (decrypted) in AWS', async () => {
    // Prepare
    const asked: unknown[] = [];
    const ssm = {
      send: async (command: { input: { Name: string; WithDecryption: boolean } }) => {
        asked.push(command.input);
        return { Parameter: { Value: command.input.Name.endsWith('bot-token') ? '1:tok' : 'sec_ret' } };
      },
    } as unknown as Pick<SSMClient, 'send'>;

    // Act
    const local = await loadBotSecrets(
      loadBotConfig({ BOT_TOKEN: '1:local-token', WEBHOOK_SECRET: 'local' }),
      ssm,
    );
    const aws = await loadBotSecrets(
      loadBotConfig({ BOT_TOKEN_PARAMETER: '/p/bot-token', WEBHOOK_SECRET_PARAMETER: '/p/webhook-secret' }),
      ssm,
    );

    // Assess
    expect(local).toEqual({ token: '1:local-token', webhookSecret: 'local' });
    expect(aws).toEqual({ token: '1:tok', webhookSecret: 'sec_ret' });
    expect(asked).toEqual([
      { Name: '/p/bot-token', WithDecryption: true },
      { Name: '/p/webhook-secret', WithDecryption: true },
    ]);
    await expect(loadBotSecrets(loadBotConfig({}), ssm)).rejects.toThrow(/not configured/);
  });
});

describe('Function: the settings loaders', () => {
  it('name the variable an operator set wrong, and read an empty one as unset', () => {
    // Act
    const cleared = loadConfig({ DYNAMODB_ENDPOINT: '', AWS_REGION: 'ap-southeast-1' });
    const zalo = loadZaloConfig({ ZALO_APP_ID: '123', ZALO_OA_ID: '456', ZALO_REPLY_WINDOW_HOURS: '24' });

    // Assess
    expect(cleared.dynamoEndpoint).toBeUndefined();
    expect(() => loadConfig({ JWT_SECRET: 'too short' })).toThrow(/JWT_SECRET: /);
    expect(() => loadBotConfig({ TELEGRAM_API_ROOT: 'not a url' })).toThrow(/TELEGRAM_API_ROOT: /);
    expect(() => loadZaloConfig({ ZALO_APP_ID: '123', ZALO_OA_ID: 'oa' })).toThrow(/ZALO_OA_ID: /);
    expect(zalo?.outbound).toEqual({
      replyWindowMs: 24 * 3600_000,
      freeRepliesPerMessage: 8,
      proactiveFreePerMonth: 1000,
    });
  });
});
