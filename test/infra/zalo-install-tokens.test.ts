// infra tests: `npx tsx infra/zalo.ts install-tokens` — the operator's refresh token spent once at Zalo (the
// emulator here) and the pair it gives stored in the table (DynamoDB Local) as the channel reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloApiClient } from '../../chat/channels/zalo/api-client.js';
import { ZaloTokenRefreshError } from '../../chat/channels/zalo/errors.js';
import { installZaloTokens, main } from '../../infra/zalo.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { DynamoStore } from '../../shared/adapters/dynamodb/store.js';
import { DynamoZaloTokenStore } from '../../shared/adapters/dynamodb/zalo-token-store.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

describe('Function: installZaloTokens', () => {
  const emulator = new ZaloEmulator({ rateLimits: false });
  let table: TestTable;
  let store: DynamoZaloTokenStore;

  beforeAll(async () => {
    await emulator.start();
    table = await createTestTable();
    store = new DynamoZaloTokenStore(new DynamoStore(table), emulator.oaId);
  });

  afterAll(async () => {
    await emulator.stop();
    await table.drop();
  });

  const input = (refreshToken: string) => ({
    app: { appId: emulator.appId, appSecret: emulator.appSecret },
    refreshToken,
    client: new ZaloApiClient({ oauthBaseUrl: emulator.url, apiBaseUrl: emulator.url }),
    store,
    clock: { now: () => new Date('2027-05-20T02:00:00Z') },
  });

  it('spends the refresh token once and stores the pair Zalo gives, valid for sending', async () => {
    // Prepare
    const { refreshToken } = emulator.issueTokens();

    // Act
    const stored = await installZaloTokens(input(refreshToken));

    // Assess
    expect(stored.version).toBe(1);
    expect(stored.accessExpiresAt).toBe('2027-05-21T03:00:00.000Z'); // 25 hours on
    expect(await store.read()).toMatchObject({ accessToken: stored.accessToken, version: 1 });
    expect(emulator.isAccessTokenValid(stored.accessToken)).toBe(true);
    expect(emulator.callsOf('access_token')).toHaveLength(1);
  });

  it('stores nothing when Zalo refuses the refresh token (already spent)', async () => {
    // Prepare
    const { refreshToken } = emulator.issueTokens();
    await installZaloTokens(input(refreshToken));
    const before = await store.read();

    // Act
    const again = installZaloTokens(input(refreshToken));

    // Assess
    await expect(again).rejects.toBeInstanceOf(ZaloTokenRefreshError);
    expect(await store.read()).toEqual(before);
  });
});

describe('Function: main (zalo CLI)', () => {
  it('refuses a stage whose settings have no zalo block, before any call', async () => {
    // Prepare
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: unknown) => errors.push(String(line));

    // Act
    const code = await main(['install-tokens', '--stage', 'dev'], { ZALO_REFRESH_TOKEN: 'x' }).finally(() => {
      console.error = original;
    });

    // Assess
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain('infra/stages/dev.ts has no zalo block');
  });
});
