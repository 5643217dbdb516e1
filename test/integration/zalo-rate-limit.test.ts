// Integration tests of Zalo's call limit (-32) on the send path: ZaloOaApi waits it out within a bound and never sends twice, and the invitation job to members on Zalo loses nobody past the limit — against the emulator and DynamoDB Local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_ZALO_RATE_LIMIT_BACK_OFF,
  ZaloAccessTokens,
  ZaloApiClient,
  ZaloOaApi,
  ZaloRateLimitedError,
} from '../../chat/channels/zalo/index.js';
import { invitationWiring } from '../../functions/chat-deps.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { DynamoStore } from '../../shared/adapters/dynamodb/store.js';
import { DynamoZaloTokenStore } from '../../shared/adapters/dynamodb/zalo-token-store.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Clock } from '../../shared/ports/common.js';
import { invitationPorts } from '../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../shared/services/invitations.js';
import { aPlannedMeeting, type BotWorld, createBotWorld, RESIDENCE, STAFF } from '../support/bot-world.js';
import { aLinkedPerson, inviteOn } from '../support/chat-channels.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

const USERS = Array.from({ length: 10 }, (_, i) => `81000000000000002${String(i).padStart(2, '0')}`);
const errorsOf = (emu: ZaloEmulator) =>
  emu.callsOf('message').map((c) => (c.answer as { error: number }).error);

describe('Class: ZaloOaApi, past the call limit', () => {
  let table: TestTable;
  let skew = 0;
  const emu = new ZaloEmulator({ now: () => Date.now() + skew });
  const clock: Clock = { now: () => new Date(Date.now() + skew) };
  let client: ZaloApiClient;
  let oa = 0;
  /** What the back-off waited, in all; its waits move the emulator's clock instead of the test's. */
  let slept: number[];

  function api(): ZaloOaApi {
    const tokens = new ZaloAccessTokens({
      store: new DynamoZaloTokenStore(new DynamoStore(table), `oa-limit-${oa}`),
      refresher: client,
      app: { appId: emu.appId, appSecret: emu.appSecret },
      clock,
    });
    return new ZaloOaApi(client, tokens, {
      // A wait moves the emulator's clock by as much (concurrent waits add up: time runs faster, not slower).
      sleep: async (ms) => {
        slept.push(ms);
        skew += ms;
      },
      random: () => 0.5,
    });
  }

  beforeAll(async () => {
    table = await createTestTable();
    await emu.start();
    client = new ZaloApiClient({ apiBaseUrl: emu.url, oauthBaseUrl: emu.url });
    for (const user of USERS) await emu.follow(user);
  });

  afterAll(async () => {
    await emu.stop();
    await table.drop();
  });

  beforeEach(async () => {
    oa += 1;
    slept = [];
    emu.disableRateLimits();
    emu.clearCalls();
    const issued = emu.issueTokens();
    await new DynamoZaloTokenStore(new DynamoStore(table), `oa-limit-${oa}`).install(
      {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        accessExpiresAt: new Date(clock.now().getTime() + issued.expiresIn * 1000).toISOString(),
      },
      clock.now(),
    );
  });

  it('waits out -32 and sends once the minute has slid, each message exactly once', async () => {
    // Prepare
    const sender = api();
    emu.setRateLimits({ perWindow: 5, windowMs: 60_000 });

    // Act: ten sends at once, twice what the minute allows
    const sent = await Promise.all(USERS.map((user, i) => sender.sendText(user, `Giấy mời ${i}`)));

    // Assess
    expect(sent.every((s) => typeof s.messageId === 'string')).toBe(true);
    for (const [i, user] of USERS.entries())
      expect(emu.oaMessages(user).map((m) => m.text)).toEqual([`Giấy mời ${i}`]);
    const errors = errorsOf(emu);
    expect(errors.filter((e) => e === 0)).toHaveLength(10);
    expect(errors.filter((e) => e === -32).length).toBe(sender.stats.rateLimited);
    expect(sender.stats.rateLimited).toBeGreaterThan(0);
    expect(sender.stats.gaveUp).toBe(0);
  });

  it('gives up with ZaloRateLimitedError within its bound when the limit does not lift, having sent nothing', async () => {
    // Prepare
    const sender = api();
    const user = USERS[0] ?? '';
    const before = emu.oaMessages(user).length;
    emu.setRateLimits({ perWindow: 0, windowMs: 60_000 });

    // Act
    const sending = sender.sendText(user, 'Giấy mời');

    // Assess
    await expect(sending).rejects.toBeInstanceOf(ZaloRateLimitedError);
    const waited = slept.reduce((a, b) => a + b, 0);
    const { maxWaitMs, maxDelayMs } = DEFAULT_ZALO_RATE_LIMIT_BACK_OFF;
    expect(waited).toBeGreaterThan(maxWaitMs - maxDelayMs);
    expect(waited).toBeLessThanOrEqual(maxWaitMs);
    expect(Math.max(...slept)).toBeLessThanOrEqual(maxDelayMs);
    expect(errorsOf(emu)).toHaveLength(slept.length + 1);
    expect(errorsOf(emu).every((e) => e === -32)).toBe(true);
    expect(emu.oaMessages(user)).toHaveLength(before);
    expect(sender.stats.gaveUp).toBe(1);
  });
});

describe('Invitation job on Zalo past the call limit', () => {
  let world: BotWorld;
  let meeting: Meeting;

  beforeAll(async () => {
    // The emulator's window is on the world's clock, which stands still: the window slides only when the test
    // moves it, so Zalo's refusals do not depend on how fast this machine sends.
    world = await createBotWorld({ zalo: true });
    meeting = await aPlannedMeeting(world);
  });

  afterAll(async () => {
    await world.close();
  });

  it('delivers one letter to every member although Zalo refuses calls past its limit', async () => {
    // Prepare
    const people = [];
    for (let i = 1; i <= 8; i++) people.push(await aLinkedPerson(world, 'zalo', `Đinh Văn Số${i}`));
    const emu = world.zalo?.emu;
    if (!emu) throw new Error('no Zalo in this world');
    const { messenger } = await world.deps.telegram();
    const ports = invitationPorts(invitationWiring(world.deps, messenger));
    emu.clearCalls();
    emu.setRateLimits({ perWindow: 3, windowMs: 60_000 });

    // Act: three letters fit the window and the fourth is refused (-32) however fast the machine is; each time
    // Zalo has refused a call the test moves the clock past the window, as a minute passing would.
    await startInvitations(
      { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' },
      meeting.id,
      undefined,
      ports,
    );
    let drained = false;
    const draining = world.queue.drain().finally(() => {
      drained = true;
    });
    let refused = 0;
    while (!drained) {
      await Promise.race([draining, emu.waitForChange(100)]);
      const now = errorsOf(emu).filter((e) => e === -32).length;
      if (now > refused) {
        refused = now;
        world.clock.advance(60_000);
      }
    }
    await draining;

    // Assess
    for (const { person } of people)
      expect(person.messages().filter((m) => m.text?.includes('20/06/2026'))).toHaveLength(1);
    expect(errorsOf(emu)).toContain(-32);
    expect(world.queue.failed).toEqual([]);
    for (const { member } of people)
      expect(await world.repos.invitations.get(meeting.id, member.id)).toMatchObject({ delivery: 'sent' });
  });

  it('stores a press while Zalo refuses every call, and answers the webhook once its replies gave up', async () => {
    // Prepare
    world.zalo?.emu.disableRateLimits();
    const { member, person } = await aLinkedPerson(world, 'zalo', 'Đinh Thị Mai');
    await inviteOn(world, meeting, member, person);
    const emu = world.zalo?.emu;
    if (!emu) throw new Error('no Zalo in this world');
    const seen = person.messages().length;
    emu.clearCalls();
    emu.setRateLimits({ perWindow: 0, windowMs: 60_000 });

    // Act
    const status = await person.press('Tham dự');

    // Assess
    expect(await world.repos.invitations.get(meeting.id, member.id)).toMatchObject({ rsvp: 'attending' });
    expect(person.messages()).toHaveLength(seen);
    const refused = emu.callsOf('message');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c) => (c.answer as { error: number }).error === -32)).toBe(true);
    expect(status).toBe(200);
    emu.disableRateLimits();
  });
});
