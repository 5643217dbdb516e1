// Integration tests of the Zalo OA token pair on DynamoDB Local and its renewal against the emulator: each refresh token spent once, whatever the concurrency.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPIRY_MARGIN_MS,
  ZaloAccessTokens,
  ZaloApiClient,
  ZaloOaApi,
  ZaloTokenRefreshError,
  ZaloTokensMissingError,
} from '../../chat/channels/zalo/index.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { DynamoStore } from '../../shared/adapters/dynamodb/store.js';
import { DynamoZaloTokenStore } from '../../shared/adapters/dynamodb/zalo-token-store.js';
import { RecordingMetrics } from '../../shared/adapters/memory/recording-metrics.js';
import type { Clock } from '../../shared/ports/common.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

const MEMBERS = Array.from({ length: 20 }, (_, i) => `81000000000000001${String(i).padStart(2, '0')}`);

describe('Class: DynamoZaloTokenStore', () => {
  let table: TestTable;
  let oa = 0;
  /** A store for a fresh OA each test, so tests share the table and nothing else. */
  let store: DynamoZaloTokenStore;
  const now = new Date('2026-12-02T05:00:00Z');
  const pair = { accessToken: 'a1', refreshToken: 'r1', accessExpiresAt: '2026-12-03T06:00:00.000Z' };

  beforeAll(async () => {
    table = await createTestTable();
  });

  afterAll(async () => {
    await table.drop();
  });

  beforeEach(() => {
    oa += 1;
    store = new DynamoZaloTokenStore(new DynamoStore(table), `oa-${oa}`);
  });

  it('installs a pair as the next version and reads it back', async () => {
    // Act
    const first = await store.install(pair, now);
    const second = await store.install({ ...pair, accessToken: 'a2' }, now);

    // Assess
    expect(first.version).toBe(1);
    expect(second.version).toBe(2);
    expect(await store.read()).toEqual({
      ...pair,
      accessToken: 'a2',
      version: 2,
      refreshedAt: now.toISOString(),
    });
  });

  it('lets exactly one of many concurrent claims on a version win, until the claim runs out', async () => {
    // Prepare
    await store.install(pair, now);
    const until = new Date(now.getTime() + 30_000);

    // Act
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.claimRefresh(1, `container-${i}`, until, now)),
    );
    const whileHeld = await store.claimRefresh(1, 'late', until, new Date(now.getTime() + 29_000));
    const afterItRanOut = await store.claimRefresh(1, 'late', until, new Date(now.getTime() + 31_000));

    // Assess
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(whileHeld).toBe(false);
    expect(afterItRanOut).toBe(true);
  });

  it('stores a refreshed pair only over the version it came from, and drops the claim with it', async () => {
    // Prepare
    await store.install(pair, now);
    await store.claimRefresh(1, 'me', new Date(now.getTime() + 30_000), now);
    const next = { accessToken: 'a2', refreshToken: 'r2', accessExpiresAt: '2026-12-04T06:00:00.000Z' };

    // Act
    const saved = await store.saveRefreshed(next, 1, now);
    const savedTwice = await store.saveRefreshed({ ...next, accessToken: 'a3' }, 1, now);

    // Assess
    expect(saved).toBe(true);
    expect(savedTwice).toBe(false);
    const stored = await store.read();
    expect(stored).toMatchObject({ ...next, version: 2 });
    expect(stored?.leaseOwner).toBeUndefined();
  });

  it('gives a claim back only for its owner', async () => {
    // Prepare
    await store.install(pair, now);
    await store.claimRefresh(1, 'me', new Date(now.getTime() + 30_000), now);

    // Act
    await store.releaseRefresh(1, 'someone else');
    const stillHeld = (await store.read())?.leaseOwner;
    await store.releaseRefresh(1, 'me');

    // Assess
    expect(stillHeld).toBe('me');
    expect(await store.claimRefresh(1, 'other', new Date(now.getTime() + 30_000), now)).toBe(true);
  });
});

describe('Class: ZaloAccessTokens', () => {
  let table: TestTable;
  let skew = 0;
  const emu = new ZaloEmulator({ now: () => Date.now() + skew, rateLimits: false });
  const clock: Clock = { now: () => new Date(Date.now() + skew) };
  let client: ZaloApiClient;
  let oa = 0;
  let store: DynamoZaloTokenStore;

  /** One Lambda container: its own in-memory state and claim owner, the shared table and emulator. */
  function container(name: string, metrics?: RecordingMetrics): { tokens: ZaloAccessTokens; api: ZaloOaApi } {
    const tokens = new ZaloAccessTokens({
      store,
      refresher: client,
      app: { appId: emu.appId, appSecret: emu.appSecret },
      clock,
      owner: name,
      ...(metrics ? { metrics } : {}),
    });
    return { tokens, api: new ZaloOaApi(client, tokens) };
  }

  async function installFreshPair(): Promise<{ accessToken: string; refreshToken: string }> {
    const issued = emu.issueTokens();
    await store.install(
      {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        accessExpiresAt: new Date(clock.now().getTime() + issued.expiresIn * 1000).toISOString(),
      },
      clock.now(),
    );
    return issued;
  }

  beforeAll(async () => {
    table = await createTestTable();
    await emu.start();
    client = new ZaloApiClient({ apiBaseUrl: emu.url, oauthBaseUrl: emu.url });
    for (const member of MEMBERS) await emu.follow(member);
  });

  afterAll(async () => {
    await emu.stop();
    await table.drop();
  });

  beforeEach(() => {
    emu.clearCalls();
    oa += 1;
    store = new DynamoZaloTokenStore(new DynamoStore(table), `oa-${oa}`);
  });

  it('20 concurrent sends on an expired token, across 4 containers: one refresh call, 20 delivered', async () => {
    // Prepare
    const issued = await installFreshPair();
    const containers = ['c1', 'c2', 'c3', 'c4'].map((name) => container(name));
    // Each container has sent before, so each holds the old token in memory when Zalo starts refusing it.
    await Promise.all(containers.map((c) => c.tokens.current()));
    emu.expireAccessTokens();
    emu.clearCalls();

    // Act
    const results = await Promise.all(
      MEMBERS.map((member, i) => containers[i % containers.length]?.api.sendText(member, `Giấy mời ${i}`)),
    );

    // Assess
    expect(emu.callsOf('access_token')).toHaveLength(1);
    expect(results.every((r) => typeof r?.messageId === 'string')).toBe(true);
    for (const [i, member] of MEMBERS.entries()) {
      expect(emu.oaMessages(member).filter((m) => m.text === `Giấy mời ${i}`)).toHaveLength(1);
    }
    const stored = await store.read();
    expect(stored?.version).toBe(2);
    expect(stored?.accessToken).not.toBe(issued.accessToken);
    expect(stored?.refreshToken).not.toBe(issued.refreshToken);
    expect(stored?.leaseOwner).toBeUndefined();
    expect(emu.isAccessTokenValid(stored?.accessToken ?? '')).toBe(true);
    // Every send refused with the old token went again once, with the new one: 20 refusals, 20 deliveries.
    const sends = emu.callsOf('message').map((c) => (c.answer as { error: number }).error);
    expect(sends.filter((e) => e === -216)).toHaveLength(20);
    expect(sends.filter((e) => e === 0)).toHaveLength(20);
  });

  it('renews before sending when the stored token is about to expire, without a refused send', async () => {
    // Prepare
    await installFreshPair();
    const { api } = container('c1');
    await api.sendText(MEMBERS[0] ?? '', 'before');

    // Act: a day and some later, inside the renewal margin of the 25-hour token
    skew += 25 * 3600 * 1000 - EXPIRY_MARGIN_MS + 1000;
    await api.sendText(MEMBERS[0] ?? '', 'after');

    // Assess
    expect(emu.callsOf('access_token')).toHaveLength(1);
    expect(emu.callsOf('message').map((c) => (c.answer as { error: number }).error)).toEqual([0, 0]);
  });

  it('lets a container whose pair another already renewed use the new pair without refreshing', async () => {
    // Prepare
    await installFreshPair();
    const first = container('c1');
    const second = container('c2');
    const stale = await second.tokens.current();
    emu.expireAccessTokens();
    await first.api.sendText(MEMBERS[0] ?? '', 'renews');

    // Act
    const renewed = await second.tokens.renew(stale);

    // Assess
    expect(renewed).toBe((await store.read())?.accessToken);
    expect(emu.callsOf('access_token')).toHaveLength(1);
  });

  it('fails with a refresh error (and frees the claim, and counts it for the alarm) when the refresh token was already spent', async () => {
    // Prepare
    const issued = await installFreshPair();
    await client.refreshTokens({ appId: emu.appId, appSecret: emu.appSecret }, issued.refreshToken);
    emu.expireAccessTokens();
    const metrics = new RecordingMetrics();
    const { api } = container('c1', metrics);

    // Act
    let caught: unknown;
    try {
      await api.sendText(MEMBERS[0] ?? '', 'x');
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ZaloTokenRefreshError);
    expect((caught as ZaloTokenRefreshError).code).toBe(-14014);
    const stored = await store.read();
    expect(stored?.version).toBe(1);
    expect(stored?.leaseOwner).toBeUndefined();
    expect(metrics.totals.get('ZaloTokenRefreshFailed')).toBe(1);
  });

  it('says so when no pair was ever installed', async () => {
    // Act
    let caught: unknown;
    try {
      await container('c1').tokens.current();
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(ZaloTokensMissingError);
  });
});
