// Integration tests of Zalo's outbound side (issue 15) against DynamoDB Local and the emulator: notices inside the reply window go as replies, others proactive and counted per month; ZNS templates to a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloMessenger } from '../../chat/channels/zalo/messenger.js';
import { ZaloOutbound } from '../../chat/channels/zalo/outbound.js';
import { ZaloRenderer } from '../../chat/channels/zalo/renderer.js';
import { ZaloZnsSender } from '../../chat/channels/zalo/zns.js';
import type { ZaloRuntime } from '../../functions/zalo-deps.js';
import type { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { DynamoZaloOutboundStore } from '../../shared/adapters/dynamodb/zalo-outbound-store.js';
import { RecordingMetrics } from '../../shared/adapters/memory/recording-metrics.js';
import { DEFAULT_OUTBOUND_SETTINGS } from '../../shared/config/zalo.js';
import type { ChatRecipient, Notice } from '../../shared/ports/chat.js';
import { type BotWorld, createBotWorld } from '../support/bot-world.js';
import { aMeeting } from '../support/builders.js';

const HOUR = 3600_000;
const meeting = aMeeting({ id: 'phuong-an-hoa.2026.06', date: '2026-06-20', time: '08:00' });
const invitation: Notice = {
  kind: 'invitation',
  meeting,
  committeeName: 'Đảng ủy phường An Hòa',
  memberName: 'Nguyễn Thị Lan',
};
const reminder: Notice = {
  kind: 'reminder',
  which: 'three_days',
  daysLeft: 3,
  meeting,
  committeeName: 'Đảng ủy phường An Hòa',
  memberName: 'Nguyễn Thị Lan',
};

let world: BotWorld;
let emu: ZaloEmulator;
let runtime: ZaloRuntime;
let nextUser = 1;

beforeAll(async () => {
  world = await createBotWorld({ zalo: true, now: '2026-06-10T09:00:00+07:00' });
  const zalo = world.zalo;
  const built = await world.deps.zalo();
  if (!zalo || !built) throw new Error('The world has no Zalo side');
  emu = zalo.emu;
  runtime = built;
});

afterAll(async () => {
  await world.close();
});

/** A Zalo user who follows the OA (set on the emulator: no follow event, so no greeting is sent). */
function aFollower(): ChatRecipient {
  const user = emu.addUser({ id: `82000000000000${String(nextUser++).padStart(5, '0')}` });
  user.following = true;
  return { channel: 'zalo', chatId: user.id };
}

/**
 * The user writes once without the bot answering (the webhook is detached; the record the webhook would make
 * is made as it makes it, with no reply spent): the user's msg_id.
 */
async function writesUnanswered(to: ChatRecipient): Promise<string> {
  const webhook = emu.webhookUrl;
  emu.webhookUrl = undefined;
  try {
    const delivery = await emu.sendText(to.chatId, 'Vâng');
    const message = delivery.event.message as { msg_id: string };
    await runtime.outbound.recordInbound(to.chatId, message.msg_id, world.clock.now(), 0);
    return message.msg_id;
  } finally {
    emu.webhookUrl = webhook;
  }
}

const kinds = (to: ChatRecipient) => emu.oaMessages(to.chatId).map((m) => m.kind);

describe('Class: ZaloMessenger (reply window)', () => {
  it('sends a notice to a user who wrote an hour ago as a reply quoting their message', async () => {
    // Prepare: the user writes through the webhook; the bot's answer quotes it (one reply spent)
    const to = aFollower();
    const delivery = await emu.sendText(to.chatId, 'Xin chào');
    const msgId = (delivery.event.message as { msg_id: string }).msg_id;
    world.clock.advance(HOUR);

    // Act
    const outcome = await runtime.messenger.send(to, invitation);

    // Assess
    expect(delivery.status).toBe(200);
    expect(outcome.ok).toBe(true);
    expect(emu.oaMessages(to.chatId).at(-1)).toMatchObject({ kind: 'reply', quotes: msgId });
    // The webhook recorded the message with the reply its answer spent, and the notice took one more.
    expect(await runtime.outbound.lastInbound(to.chatId)).toEqual({
      msgId,
      at: expect.any(String),
      replies: 2,
    });
  });

  it('sends 8 notices after one user message as replies and the 9th proactive, as Zalo counts them', async () => {
    // Prepare
    const to = aFollower();
    const msgId = await writesUnanswered(to);

    // Act
    for (let i = 0; i < 9; i++) await runtime.messenger.send(to, invitation);

    // Assess
    expect(kinds(to)).toEqual([...Array<string>(8).fill('reply'), 'proactive']);
    expect(
      emu
        .oaMessages(to.chatId)
        .slice(0, 8)
        .every((m) => m.quotes === msgId),
    ).toBe(true);
    expect(emu.oaMessages(to.chatId)[8]?.quotes).toBeUndefined();
  });

  it('counts the replies the bot spent answering the user: 7 notices left as replies, then proactive', async () => {
    // Prepare
    const to = aFollower();
    await emu.sendText(to.chatId, 'Xin chào');

    // Act
    for (let i = 0; i < 8; i++) await runtime.messenger.send(to, invitation);

    // Assess: the emulator (Zalo's model) agrees with ours on every message
    expect(kinds(to)).toEqual([...Array<string>(8).fill('reply'), 'proactive']);
  });

  it('sends a notice proactive to a user silent for 3 days', async () => {
    // Prepare
    const to = aFollower();
    await writesUnanswered(to);
    world.clock.advance(72 * HOUR);

    // Act
    const outcome = await runtime.messenger.send(to, invitation);

    // Assess
    expect(outcome.ok).toBe(true);
    expect(emu.oaMessages(to.chatId)).toEqual([expect.objectContaining({ kind: 'proactive' })]);
    expect(emu.oaMessages(to.chatId)[0]?.quotes).toBeUndefined();
  });

  it('takes exactly 8 free replies among 20 concurrent notices to one user who wrote once', async () => {
    // Prepare
    const to = aFollower();
    const msgId = await writesUnanswered(to);
    const month = (await runtime.messenger.allowance(world.clock.now()))?.used ?? 0;

    // Act
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => runtime.messenger.send(to, invitation)),
    );

    // Assess
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(kinds(to).filter((k) => k === 'reply')).toHaveLength(8);
    expect(kinds(to).filter((k) => k === 'proactive')).toHaveLength(12);
    expect(emu.oaMessages(to.chatId).filter((m) => m.quotes === msgId)).toHaveLength(8);
    expect((await runtime.outbound.lastInbound(to.chatId))?.replies).toBe(8);
    expect((await runtime.messenger.allowance(world.clock.now()))?.used).toBe(month + 12);
  });
});

describe('Method: allowance (proactive quota)', () => {
  it('counts the proactive messages of the Vietnamese month; the next month starts at 0', async () => {
    // Prepare: a messenger over its own counter (another OA id), with a free quota of 2
    const metrics = new RecordingMetrics();
    const outbound = new ZaloOutbound({
      store: new DynamoZaloOutboundStore(world.repos.store, 'quota-oa', world.clock.now),
      clock: world.clock,
      settings: { ...DEFAULT_OUTBOUND_SETTINGS, proactiveFreePerMonth: 2 },
      metrics,
    });
    const messenger = new ZaloMessenger(new ZaloRenderer(runtime.oa, world.repos.callbackData), outbound);
    const to = aFollower();
    world.clock.set('2026-06-30T23:00:00+07:00');

    // Act
    for (let i = 0; i < 3; i++) await messenger.send(to, invitation);
    const june = await messenger.allowance(world.clock.now());
    // 00:30 on 1 July in Vietnam is still 30 June in UTC: the month is Vietnam's.
    world.clock.set('2026-07-01T00:30:00+07:00');
    const julyBefore = await messenger.allowance(world.clock.now());
    await messenger.send(to, invitation);
    const julyAfter = await messenger.allowance(world.clock.now());

    // Assess
    expect(june).toEqual({ channel: 'zalo', used: 3, free: 2 });
    expect(julyBefore).toEqual({ channel: 'zalo', used: 0, free: 2 });
    expect(julyAfter?.used).toBe(1);
    // Past the free quota the message still went (paid), and the metric says so, once.
    expect(kinds(to)).toEqual(['proactive', 'proactive', 'proactive', 'proactive']);
    expect(metrics.total('ZaloProactiveOverQuota')).toBe(1);
  });

  it('passes through the channel router: the Zalo allowance of the deployment', async () => {
    // Prepare
    const { messenger } = await world.deps.telegram();
    const now = world.clock.now();

    // Act
    const routed = await messenger.allowance?.(now);

    // Assess
    expect(routed).toEqual(await runtime.messenger.allowance(now));
    expect(routed).toMatchObject({ channel: 'zalo', free: 1000 });
  });
});

describe('Class: ZaloZnsSender', () => {
  const TEMPLATE = '301234';
  const PARAMS = ['member_name', 'committee_name', 'meeting_time', 'meeting_place', 'how_to_answer'];
  const znsSender = () => new ZaloZnsSender(runtime.oa, { invitation: TEMPLATE });

  beforeAll(() => {
    emu.approveZnsTemplate(TEMPLATE, PARAMS);
  });

  it('sends an invitation to a phone as the approved template, with short Vietnamese values', async () => {
    // Prepare
    const before = emu.znsMessages().length;

    // Act
    const outcome = await znsSender().send('0912 345 678', invitation, 'inv-1');

    // Assess
    expect(outcome).toBe('sent');
    expect(emu.znsMessages().slice(before)).toEqual([
      expect.objectContaining({
        phone: '84912345678',
        templateId: TEMPLATE,
        trackingId: 'inv-1',
        templateData: {
          member_name: 'Nguyễn Thị Lan',
          committee_name: 'Đảng ủy phường An Hòa',
          meeting_time: '08:00 20/06/2026',
          meeting_place: 'Hội trường phường An Hòa',
          how_to_answer: 'Nhắn cho OA hoặc gọi chi bộ',
        },
      }),
    ]);
  });

  it('answers refused for a phone with no Zalo account (the next path is SMS)', async () => {
    // Prepare
    emu.setZnsUnreachable('0987000111');

    // Act
    const outcome = await znsSender().send('0987000111', invitation, 'inv-2');

    // Assess
    expect(outcome).toBe('refused');
    expect(emu.callsOf('zns').at(-1)?.answer).toMatchObject({ error: -118 });
  });

  it('answers no_template for a reminder without a configured template, and for other notices', async () => {
    // Prepare
    const calls = emu.callsOf('zns').length;

    // Act
    const forReminder = await znsSender().send('0912345678', reminder, 'rem-1');
    const forOther = await znsSender().send(
      '0912345678',
      { kind: 'both_meetings_missed', year: 2026, memberName: 'Nguyễn Thị Lan' },
      'x-1',
    );
    const deployed = await world.deps.zns?.send('0912345678', invitation, 'inv-3');

    // Assess: nothing asked of Zalo; the world's deployment has no template configured
    expect([forReminder, forOther, deployed]).toEqual(['no_template', 'no_template', 'no_template']);
    expect(emu.callsOf('zns')).toHaveLength(calls);
  });

  it('renews an expired access token once and sends', async () => {
    // Prepare
    emu.expireAccessTokens();
    const refreshes = emu.callsOf('access_token').length;
    const before = emu.znsMessages().length;

    // Act
    const outcome = await znsSender().send('0912345679', invitation, 'inv-4');

    // Assess
    expect(outcome).toBe('sent');
    expect(emu.callsOf('access_token')).toHaveLength(refreshes + 1);
    expect(
      emu
        .callsOf('zns')
        .slice(-2)
        .map((c) => (c.answer as { error: number }).error),
    ).toEqual([-124, 0]);
    expect(emu.znsMessages()).toHaveLength(before + 1);
  });

  it('throws on a gateway failure (HTTP 500), so the job retries; waits out one rate-limit answer (-32) and sends once', async () => {
    // Prepare
    const before = emu.znsMessages().length;
    emu.injectFault({ endpoint: 'zns', httpStatus: 500 });

    // Act / Assess
    await expect(znsSender().send('0912345678', invitation, 'inv-5')).rejects.toThrow(/HTTP 500/);
    emu.injectFault({ endpoint: 'zns', error: -32 });
    await expect(znsSender().send('0912345678', invitation, 'inv-6')).resolves.toBe('sent');
    expect(emu.znsMessages()).toHaveLength(before + 1);
  });
});
