// Integration test of the Zalo webhook transport: the emulator POSTs signed events to a loopback endpoint that verifies, refuses stale or forged ones, and claims each msg_id once on DynamoDB Local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_EVENT_AGE_MS,
  readZaloWebhook,
  ZALO_EVENT_SCOPE,
  type ZaloEvent,
  zaloEventClaim,
} from '../../chat/channels/zalo/index.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoStore } from '../../shared/adapters/dynamodb/store.js';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/support-repositories.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { startZaloWebhookReceiver, type ZaloWebhookReceiver } from '../support/zalo-webhook.js';

const ALICE = '8100000000000000001';

describe('Zalo webhook transport: signature, stale window, dedup by msg_id', () => {
  // The emulator's clock runs ahead of the webhook's when a test sets `lag`: its events then look old on arrival.
  let lag = 0;
  const emu = new ZaloEmulator({ now: () => Date.now() - lag, rateLimits: false });
  let table: TestTable;
  let idempotency: DynamoIdempotencyStore;
  let receiver: ZaloWebhookReceiver;
  /** What the endpoint acted on, in order: the stand-in for the bot. */
  const handled: ZaloEvent[] = [];
  let failNextHandling = false;

  /** The stored claim of an event key (a conditional put with a TTL), if any. */
  async function claimOf(key: string): Promise<Record<string, unknown> | undefined> {
    return new DynamoStore(table).get(keys.idempotency(ZALO_EVENT_SCOPE, key));
  }

  beforeAll(async () => {
    table = await createTestTable();
    idempotency = new DynamoIdempotencyStore(new DynamoStore(table));
    const secrets = { appId: emu.appId, oaSecretKey: emu.oaSecretKey };
    // The order the webhook function will follow: verify, then claim, then act; a failed act gives the claim back.
    receiver = await startZaloWebhookReceiver(async (request) => {
      const inbound = readZaloWebhook(secrets, request.rawBody, request.signature, Date.now());
      if (!inbound.ok) return inbound.reason === 'malformed' ? 400 : 401;
      const claim = zaloEventClaim(inbound.event);
      if (claim && !(await idempotency.claim(claim.scope, claim.key, claim.ttlSeconds))) return 200;
      if (failNextHandling) {
        failNextHandling = false;
        if (claim) await idempotency.release(claim.scope, claim.key);
        return 500;
      }
      handled.push(inbound.event);
      return 200;
    });
    emu.webhookUrl = receiver.url;
    await emu.start();
  });

  afterAll(async () => {
    await emu.stop();
    await receiver.close();
    await table.drop();
  });

  beforeEach(() => {
    lag = 0;
    handled.length = 0;
    failNextHandling = false;
  });

  it('handles an event replayed five times once, and answers every copy 200', async () => {
    // Prepare
    const first = await emu.sendText(ALICE, 'Vắng mặt');

    // Act
    const replays = [];
    for (let i = 0; i < 5; i++) replays.push(await emu.redeliver(first));

    // Assess
    expect([first, ...replays].map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ kind: 'text', userId: ALICE, text: 'Vắng mặt' });
  });

  it('handles concurrent copies of one event once', async () => {
    // Prepare
    const first = await emu.follow(ALICE);

    // Act
    const copies = await Promise.all(Array.from({ length: 5 }, () => emu.redeliver(first)));

    // Assess
    expect(copies.every((d) => d.status === 200)).toBe(true);
    expect(handled.map((e) => e.kind)).toEqual(['follow']);
  });

  it('refuses a bad signature with 401 and acts on nothing', async () => {
    // Prepare
    const genuine = await emu.sendText(ALICE, 'Tham dự');
    handled.length = 0;
    const forgedBody = genuine.rawBody
      .replace('Tham dự', 'Vắng mặt')
      .replace(/"msg_id":"[0-9a-f]+"/, '"msg_id":"f0"');

    // Act
    const forged = await emu.redeliver({ ...genuine, rawBody: forgedBody });
    const unsigned = await emu.redeliver({ ...genuine, signature: '' });

    // Assess
    expect(forged.status).toBe(401);
    expect(unsigned.status).toBe(401);
    expect(handled).toEqual([]);
    expect(await claimOf('msg:f0')).toBeUndefined();
  });

  it('refuses a genuinely signed event older than the window with 401, without claiming it', async () => {
    // Prepare: the emulator stamps its events six minutes in the past
    lag = MAX_EVENT_AGE_MS + 60_000;

    // Act
    const stale = await emu.sendText(ALICE, 'Tham dự');
    lag = 0;
    const fresh = await emu.sendText(ALICE, 'Tham dự');

    // Assess
    expect(stale.status).toBe(401);
    expect(fresh.status).toBe(200);
    expect(handled).toHaveLength(1);
    const staleMsgId = (stale.event.message as { msg_id: string }).msg_id;
    const freshMsgId = (fresh.event.message as { msg_id: string }).msg_id;
    expect(await claimOf(`msg:${staleMsgId}`)).toBeUndefined();
    expect(await claimOf(`msg:${freshMsgId}`)).toMatchObject({ ttl: expect.any(Number) });
  });

  it("handles Zalo's retry of an event whose first handling failed", async () => {
    // Prepare
    failNextHandling = true;
    const first = await emu.sendText(ALICE, 'ABC123');

    // Act
    const retry = await emu.redeliver(first);

    // Assess
    expect(first.status).toBe(500);
    expect(retry.status).toBe(200);
    expect(handled).toHaveLength(1);
  });
});
