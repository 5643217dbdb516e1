// bench (2) RSVP path and (3) invitation fan-out: the real webhook handler and invitation job against the
// Telegram emulator and a private DynamoDB Local, each figure beside its floor in the same run.
import { performance } from 'node:perf_hooks';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { invitationWiring } from '../../functions/chat-deps.js';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-definition.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import type { Channel } from '../../shared/ports/repositories.js';
import { invitationPorts } from '../../shared/services/invitation-wiring.js';
import { invitationJobId, startInvitations } from '../../shared/services/invitations.js';
import { planMeeting } from '../../shared/services/meetings.js';
import { inviteInChat, type LinkedMember, linkedMembers } from '../support/bot-invitations.js';
import {
  aPlannedMeeting,
  type BotWorld,
  createBotWorld,
  RESIDENCE,
  STAFF,
  type WorldOptions,
} from '../support/bot-world.js';
import { aLinkedPerson, CHANNELS, type ChatPerson, inviteOn } from '../support/chat-channels.js';
import type { TestTable } from '../support/dynamo.js';
import type { Row, Section } from './report-format.js';
import { ms, percentile, pool, ratio, x } from './stats.js';

const P50_LIMIT = 1.5;
/** Issue 19: what the member waits for (until the spinner stops) against one read, one write and one round trip. */
const VISIBLE_LIMIT = 1.2;
const RATE_TARGET = 0.95;
const CHAIR = { sub: STAFF.chair?.id ?? 'chair-1', orgId: RESIDENCE, role: 'chair' as const };

export async function benchWorld(
  endpoint: string,
  tableName: string,
  options: WorldOptions,
): Promise<BotWorld> {
  const ctx = createDynamoContext({ endpoint, tableName });
  await ensureTable(ctx.client, ctx.tableName);
  const table: TestTable = {
    ...ctx,
    drop: async () => {
      await ctx.client.send(new DeleteTableCommand({ TableName: tableName }));
      ctx.client.destroy();
    },
  };
  return createBotWorld({ ...options, table });
}

export async function octoberMeeting(world: BotWorld): Promise<Meeting> {
  return benchMeeting(world, 2026, 'october', '2026-10-17');
}

async function benchMeeting(
  world: BotWorld,
  year: number,
  round: Meeting['round'],
  date: string,
): Promise<Meeting> {
  const planned = await planMeeting(
    CHAIR,
    RESIDENCE,
    { year, round, date, time: '08:00', place: 'Hội trường Đảng ủy phường An Hòa', chairStaffId: 'chair-1' },
    { ...world.repos, clock: world.clock },
  );
  return planned.meeting;
}

interface LatencyTimes {
  /** Press → the webhook answered (what the function spends, Bot API calls included). */
  server: number[];
  /** Press → answerCallbackQuery reached Telegram (the spinner stops). */
  visible: number[];
  /** One GetItem + the RSVP's TransactWriteItems + one Bot API round trip, measured one after the other. */
  floor: number[];
  failures: number;
}

/**
 * Issue 19's network view: the same press with every Bot API call paying `latencyMs` of round trip (the
 * emulator's `apiLatencyMs`), one press at a time, each beside its floor measured right after it.
 */
async function pressWithLatency(
  world: BotWorld,
  meeting: Meeting,
  members: readonly LinkedMember[],
  latencyMs: number,
): Promise<LatencyTimes> {
  const targets = await telegramTargets(world, members, meeting);
  const doc = world.table.doc;
  const TableName = world.table.tableName;
  const out: LatencyTimes = { server: [], visible: [], floor: [], failures: 0 };
  world.emu.setApiLatency(latencyMs);
  try {
    for (const [i, target] of targets.entries()) {
      const t0 = Date.now();
      const answered = await target.press();
      out.server.push(Date.now() - t0);
      const call = world.emu.callsOf('answerCallbackQuery').findLast((c) => c.time >= t0 && c.ok);
      if (!answered || !call) out.failures += 1;
      else out.visible.push(call.time - t0);
      // The floor, right after: read the invitation, write it back with its event, one Bot API round trip.
      const f0 = performance.now();
      const got = await doc.send(
        new GetCommand({ TableName, Key: keys.invitation(meeting.id, target.member.id) }),
      );
      const item = got.Item as Record<string, unknown> & { version: number };
      const eventId = `RsvpRecorded:${meeting.id}:latency-floor:${i}`;
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: { ...item, version: item.version + 1 },
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': item.version },
              },
            },
            {
              Put: {
                TableName,
                Item: { ...keys.outbox(eventId), id: eventId, type: 'OutboxEvent' },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      await fetch(`${world.emu.url}/bot${world.emu.token}/getMe`);
      out.floor.push(performance.now() - f0);
    }
  } finally {
    world.emu.setApiLatency(0);
  }
  return out;
}

interface Timed {
  times: number[];
  failures: number;
}

/** One member's fresh invitation on one channel, and how to press its "Tham dự" (true: answered). */
interface PressTarget {
  member: Member;
  press(): Promise<boolean>;
}

/** Presses "Tham dự" for each target (a fresh invitation each) and times webhook → stored → answered. */
async function pressAll(
  world: BotWorld,
  meeting: Meeting,
  targets: readonly PressTarget[],
  concurrency: number,
): Promise<Timed> {
  let failures = 0;
  const times = await pool(targets, concurrency, async (target) => {
    const t0 = performance.now();
    const answered = await target.press();
    const took = performance.now() - t0;
    if (!answered) failures += 1;
    return took;
  });
  // Stored? (checked after the clock stops)
  await pool(targets, 16, async ({ member }) => {
    const invitation = await world.repos.invitations.get(meeting.id, member.id);
    if (invitation?.rsvp !== 'attending') failures += 1;
  });
  return { times, failures };
}

/** Telegram: the letter's "Tham dự" as a callback_query; answered when answerCallbackQuery reached the emulator. */
async function telegramTargets(
  world: BotWorld,
  members: readonly LinkedMember[],
  meeting: Meeting,
): Promise<PressTarget[]> {
  return pool(members, 8, async (linked) => {
    const messageId = await inviteInChat(world, meeting, linked);
    return {
      member: linked.member,
      press: async () => {
        // The letter's own button: it names the member, so the press takes its one-read path (issue 19).
        const delivery = await world.emu.pressButton({ user: linked.user, messageId, text: 'Tham dự' });
        const answered = world.emu.callbackAnswer(delivery.update.callback_query?.id ?? '');
        return delivery.status === 200 && answered !== undefined;
      },
    };
  });
}

/**
 * Zalo: the letter's "Tham dự" button, which Zalo sends back as a signed `user_send_text` event carrying the
 * button's payload; answered when the new state ("Đồng chí đã trả lời: THAM DỰ.") reached the emulator.
 */
async function zaloTargets(
  world: BotWorld,
  people: readonly { member: Member; person: ChatPerson }[],
  meeting: Meeting,
): Promise<PressTarget[]> {
  const emu = world.zalo?.emu;
  if (!emu) throw new Error('bench: the RSVP world has no Zalo channel');
  return pool(people, 8, async ({ member, person }) => {
    await inviteOn(world, meeting, member, person);
    const letter = person.messages().at(-1);
    if (!letter?.buttons.includes('Tham dự')) throw new Error('bench: no Zalo letter with "Tham dự"');
    return {
      member,
      press: async () => {
        const before = emu.seq;
        const delivery = await emu.pressButton(person.chatId, letter.id, { title: 'Tham dự' });
        const state = emu
          .oaMessages(person.chatId)
          .find((m) => m.seq > before && m.text?.includes('THAM DỰ'));
        return delivery.status === 200 && state !== undefined;
      },
    };
  });
}

/** The floor: one TransactWriteItems of the same two items the press writes (invitation + outbox event). */
async function floorWrites(
  world: BotWorld,
  meeting: Meeting,
  members: readonly { member: Member }[],
  rounds: number,
  concurrency: number,
): Promise<number[]> {
  const doc = world.table.doc;
  const TableName = world.table.tableName;
  const templates = await pool(members, 16, async ({ member }) => {
    const inv = await doc.send(new GetCommand({ TableName, Key: keys.invitation(meeting.id, member.id) }));
    const item = inv.Item as Record<string, unknown> & { version: number };
    const event = await doc.send(
      new GetCommand({
        TableName,
        Key: keys.outbox(`RsvpRecorded:${meeting.id}:${member.id}:${item.version}`),
      }),
    );
    if (!event.Item) throw new Error('bench: the RSVP event was not in the outbox');
    return { item, event: event.Item as Record<string, unknown> };
  });
  const versions = templates.map((t) => t.item.version);
  let seq = 0;
  const jobs = Array.from({ length: rounds }, (_, i) => i % templates.length);
  return pool(jobs, concurrency, async (index) => {
    const template = templates[index];
    if (!template) throw new Error('bench: no template');
    const previous = versions[index] ?? 0;
    versions[index] = previous + 1;
    const eventId = `RsvpRecorded:${meeting.id}:floor:${seq++}`;
    const t0 = performance.now();
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...template.item, version: previous + 1 },
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': previous },
            },
          },
          {
            Put: {
              TableName,
              Item: { ...template.event, ...keys.outbox(eventId), id: eventId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return performance.now() - t0;
  });
}

export interface RsvpOptions {
  presses: number;
  concurrency: number;
  /** The Bot API round trip of the network view (0 leaves it out); presses of it are at most `presses`. */
  latencyMs?: number;
  latencyPresses?: number;
  /** The channels whose webhook is timed (each against the same floor); both by default. */
  channels?: readonly Channel[];
}

export async function rsvpSection(options: RsvpOptions): Promise<Section> {
  const started = Date.now();
  const channels = options.channels ?? CHANNELS;
  const db = await startDynamoDbLocal();
  let world: BotWorld | undefined;
  try {
    world = await benchWorld(db.endpoint, 'bench-rsvp', { zalo: channels.includes('zalo') });
    const w = world;
    const june = await aPlannedMeeting(world);
    const october = await octoberMeeting(world);
    // Per channel: its linked members and their June and October letters, each pressed once.
    const runs: { channel: Channel; june: PressTarget[]; october: PressTarget[] }[] = [];
    for (const channel of channels) {
      if (channel === 'telegram') {
        const members = await linkedMembers(w, options.presses, 'Nguyễn', 16);
        runs.push({
          channel,
          june: await telegramTargets(w, members, june),
          october: await telegramTargets(w, members, october),
        });
      } else {
        const people = await pool(
          Array.from({ length: options.presses }, (_, i) => i),
          16,
          (i) => aLinkedPerson(w, 'zalo', `Phạm Văn Số${i + 1}`),
        );
        runs.push({
          channel,
          june: await zaloTargets(w, people, june),
          october: await zaloTargets(w, people, october),
        });
      }
    }
    // Sequential presses on each channel, then the floor; the same 50 at a time.
    const seq = new Map<Channel, Timed>();
    for (const run of runs) seq.set(run.channel, await pressAll(world, june, run.june, 1));
    const floorMembers = runs[0]?.june ?? [];
    const seqFloor = await floorWrites(world, june, floorMembers, options.presses, 1);
    const conc = new Map<Channel, Timed>();
    for (const run of runs)
      conc.set(run.channel, await pressAll(world, october, run.october, options.concurrency));
    const concFloor = await floorWrites(world, october, floorMembers, options.presses, options.concurrency);
    const latencyMs = options.latencyMs ?? 0;
    const telegramRun = runs.find((r) => r.channel === 'telegram');
    const latency =
      latencyMs > 0 && telegramRun
        ? await pressWithLatency(
            world,
            await benchMeeting(world, 2027, 'june', '2027-06-19'),
            (
              await linkedMembers(w, Math.min(options.presses, options.latencyPresses ?? 100), 'Lê', 16)
            ).slice(),
            latencyMs,
          )
        : undefined;
    const row = (label: string, values: number[], floor: number[], p: number, judged: boolean): Row => {
      const v = percentile(values, p);
      const f = percentile(floor, p);
      const q = ratio(v, f);
      return {
        figure: `${label} p${p}`,
        value: ms(v),
        floor: ms(f),
        ratio: x(q),
        target: judged ? `≤ ${P50_LIMIT}×` : '—',
        verdict: judged ? (q <= P50_LIMIT ? 'met' : 'not met') : '—',
      };
    };
    const rows: Row[] = [];
    const modes = [
      { label: `${options.presses} sequential`, timed: seq, floor: seqFloor },
      {
        label: `${options.presses} concurrent (${options.concurrency} at a time)`,
        timed: conc,
        floor: concFloor,
      },
    ];
    for (const mode of modes)
      for (const p of [50, 95])
        for (const run of runs)
          rows.push(
            row(
              `${run.channel}: ${mode.label}`,
              mode.timed.get(run.channel)?.times ?? [],
              mode.floor,
              p,
              p === 50,
            ),
          );
    if (latency) {
      const judged = (label: string, values: number[], limit: number): Row => {
        const v = percentile(values, 50);
        const f = percentile(latency.floor, 50);
        const q = ratio(v, f);
        return {
          figure: `telegram, ${latencyMs} ms Bot API round trip: ${label} p50`,
          value: ms(v),
          floor: ms(f),
          ratio: x(q),
          target: `≤ ${limit}×`,
          verdict: q <= limit ? 'met' : 'not met',
        };
      };
      rows.push(judged('server time', latency.server, P50_LIMIT));
      rows.push(judged('user-visible time (spinner stops)', latency.visible, VISIBLE_LIMIT));
    }
    const failures = (channel: Channel) =>
      (seq.get(channel)?.failures ?? 0) + (conc.get(channel)?.failures ?? 0);
    const notes = [
      `Path on Telegram: the emulator posts a real callback_query update ("Tham dự" under a real invitation message) to the webhook handler (bot/lambda/telegram-webhook.ts served on loopback); the clock stops when the webhook has answered, by which time the RSVP is stored (pressAttend, issue 19: one BatchGetItem of the chat link, the invitation and the chat's draft, then one TransactWriteItems of the update's claim, the invitation, its RsvpRecorded outbox event and the checks that the meeting and committee still read as the letter copied on the invitation), the edit of the invitation has reached the emulator (one Bot API call), and answerCallbackQuery has come back in the webhook's response (grammY's webhook reply) and been run by the emulator.`,
      ...(channels.includes('zalo')
        ? [
            'Path on Zalo: the press of "Tham dự" under the letter, as Zalo delivers it — a `user_send_text` event whose text is the button\'s payload, signed with `X-ZEvent-Signature` by the Zalo emulator (local/zalo-emulator) — to the Zalo webhook handler Lambda runs (bot/lambda/zalo-webhook.ts served on loopback: signature and age check, the msg_id claim, then the same feature code); the clock stops when the webhook has answered, by which time the RSVP is stored by the same pressAttend and the acknowledgement and the new state (two new messages: Zalo cannot edit) have reached the emulator.',
          ]
        : []),
      ...(latency
        ? [
            `Network view (issue 19): every Bot API call over HTTP pays ${latencyMs} ms of round trip in the emulator (half before Telegram records it, half back), a realistic Lambda-to-Telegram trip. ${latency.server.length} presses one at a time on fresh invitations of another meeting; server time stops when the webhook answered, user-visible time when answerCallbackQuery reached the emulator (the spinner stops). Floor, measured right after each press: one GetItem of the invitation, the same TransactWriteItems (the invitation and an outbox event) and one Bot API round trip (getMe) — what one press cannot do without. ${latency.failures} presses failed.`,
          ]
        : []),
      `Every press was checked afterwards: ${channels.map((c) => `${c} ${failures(c)}`).join(', ')} failed (unanswered, non-200 or not stored).`,
      `Each press is a member's first answer to a fresh invitation (${options.presses} linked members per channel; June invitations for the sequential run, October ones for the concurrent run), so every press really writes. The channels run one after the other on the same table, each beside the same floor.`,
      'Floor: a raw TransactWriteItems of the same two items (the invitation item as stored, with the version condition, and the outbox event item) on the same DynamoDB Local, sequential and 50 at a time like the presses.',
      ...(channels.includes('zalo')
        ? [
            "On Zalo the same feature code runs after the webhook checked the event's SHA-256 MAC and its age and claimed its msg_id (a conditional write, like Telegram's update_id); Zalo cannot edit or show a toast, so the two answers are two new messages sent side by side (the acknowledgement, and the letter's new state with its buttons), each an OpenAPI call with the OA's access token read from its cache. The work is the same as Telegram's, so the ratio should be too; a difference between the two rows is the transport (the signature, the event's parsing into an update), not the feature.",
          ]
        : []),
      "What the path does beyond the floor (issue 19 item 3): one BatchGetItem (the chat link, the invitation, the draft) before the floor's TransactWriteItems, which holds the update's claim too (a conditional put), two ConditionChecks (the meeting and the committee still read as the letter's copy) and the chat's stamp when due; one Bot API call (editMessageText) with the answer in the webhook's response; plus the webhook round trip and grammY's parsing. Before issue 19 the press was seven GetItems, two PutItems and two TransactWriteItems (the claim, the actor, the meeting, invitation, draft and committee, the chat's stamp) and two Bot API calls. The sequential and concurrent floors are the TransactWriteItems alone, so those ratios count the read and the HTTP work as overhead; the network view's floor is the issue's (one GetItem, the transaction, one Bot API round trip). The webhook's own trip (Telegram to the function and back) has no latency in the emulator, in the press as in the floor.",
    ];
    return {
      id: 'rsvp',
      title: '2. RSVP path',
      status: 'measured',
      rows,
      notes,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world?.close().catch(() => undefined);
    await db.stop();
  }
}

export interface FanOutOptions {
  members: number;
  globalPerSecond: number;
  perChatPerSecond: number;
  /** Invitation tasks the in-process queue runs at once. */
  concurrency: number;
}

function invitationSends(world: BotWorld, from: number, meeting: Meeting) {
  const day = meeting.date.split('-').reverse().join('/');
  return world.emu.calls
    .slice(from)
    .filter((c) => c.method === 'sendMessage' && String(c.params.text ?? '').includes(day));
}

export async function fanOutSection(options: FanOutOptions): Promise<Section> {
  const started = Date.now();
  const db = await startDynamoDbLocal();
  let world: BotWorld | undefined;
  try {
    const limits = { globalPerSecond: options.globalPerSecond, perChatPerSecond: options.perChatPerSecond };
    world = await benchWorld(db.endpoint, 'bench-fanout', {
      queueConcurrency: options.concurrency,
      throttle: limits,
    });
    const members = await linkedMembers(world, options.members, 'Trần', 16);
    const june = await aPlannedMeeting(world);
    const october = await octoberMeeting(world);
    const { messenger, throttler } = await world.deps.telegram();
    const ports = invitationPorts(invitationWiring(world.deps, messenger));
    world.emu.setRateLimits({ ...limits, windowMs: 1000 });

    // Full run: the job from start to the last invitation sent.
    const from = world.emu.calls.length;
    const retriedBefore = throttler.stats.retried;
    const delayedBefore = throttler.stats.delayed;
    const t0 = performance.now();
    await startInvitations(CHAIR, june.id, undefined, ports);
    await world.queue.drain();
    const seconds = (performance.now() - t0) / 1000;
    const sends = invitationSends(world, from, june);
    const ok = sends.filter((c) => c.ok);
    const first = ok[0]?.time ?? 0;
    const last = ok.at(-1)?.time ?? 0;
    const sendSeconds = Math.max(0.001, (last - first) / 1000);
    const rate = ok.length > 1 ? (ok.length - 1) / sendSeconds : 0;
    const fraction = rate / options.globalPerSecond;
    const fourTwentyNine = sends.filter((c) => c.errorCode === 429).length;
    const perChatFull = new Map<string, number>();
    for (const c of ok) perChatFull.set(String(c.chatId), (perChatFull.get(String(c.chatId)) ?? 0) + 1);
    const lostFull = members.filter((m) => !perChatFull.has(String(m.user.id))).length;
    const twiceFull = [...perChatFull.values()].filter((n) => n > 1).length;

    // Killed half way and resumed: the queue's waiting tasks are lost once half the invitations went out.
    const fromKill = world.emu.calls.length;
    await startInvitations(CHAIR, october.id, undefined, ports);
    const half = Math.floor(options.members / 2);
    while (invitationSends(world, fromKill, october).filter((c) => c.ok).length < half)
      await new Promise((r) => setTimeout(r, 5));
    const lostTasks = world.queue.discard();
    await world.queue.drain(); // the in-flight tasks of the dead process finish or not; nothing more starts
    const sentAtKill = invitationSends(world, fromKill, october).filter((c) => c.ok).length;
    await startInvitations(CHAIR, october.id, undefined, ports); // run 2 re-enqueues what is not delivered
    await world.queue.drain();
    await world.queue.enqueue(lostTasks); // …and the queue redelivers the lost run's tasks (at least once)
    await world.queue.drain();
    const perChat = new Map<string, number>();
    for (const c of invitationSends(world, fromKill, october).filter((s) => s.ok))
      perChat.set(String(c.chatId), (perChat.get(String(c.chatId)) ?? 0) + 1);
    const lost = members.filter((m) => !perChat.has(String(m.user.id))).length;
    const twice = [...perChat.values()].filter((n) => n > 1).length;
    const job = await world.repos.invitationJobs.get(invitationJobId(october.id));

    const rows: Row[] = [
      {
        figure: `${options.members.toLocaleString('en')} invitations, achieved send rate`,
        value: `${rate.toFixed(1)} msg/s`,
        floor: `${options.globalPerSecond} msg/s (emulator limit)`,
        ratio: fraction.toFixed(3),
        target: `≥ ${RATE_TARGET} of the limit`,
        verdict: fraction >= RATE_TARGET ? 'met' : 'not met',
      },
      {
        figure: '429 answers received (full run)',
        value: String(fourTwentyNine),
        floor: '0',
        ratio: '—',
        target: '—',
        verdict: '—',
      },
      {
        figure: 'full run: invitations lost / sent twice',
        value: `${lostFull} / ${twiceFull}`,
        floor: '0 / 0',
        ratio: '—',
        target: '0 / 0',
        verdict: lostFull === 0 && twiceFull === 0 ? 'met' : 'not met',
      },
      {
        figure: 'killed at half way, resumed: lost / sent twice',
        value: `${lost} / ${twice}`,
        floor: '0 / 0',
        ratio: '—',
        target: '0 / 0',
        verdict: lost === 0 && twice === 0 ? 'met' : 'not met',
      },
    ];
    const notes = [
      options.members === 10_000
        ? 'Full size, as the issue asks (10,000 members).'
        : `Reduced from the issue's 10,000 members to ${options.members.toLocaleString('en')} to keep \`npm run bench\` within 15 minutes on 2 shared cores (BENCH_FANOUT_MEMBERS sets it): linking each member through the webhook and sending at the limit cost about the same per member, and the rate is a steady-state figure that does not depend on the count once the run lasts more than a few seconds.`,
      `Limits: the emulator enforces ${options.globalPerSecond} messages/s overall and ${options.perChatPerSecond}/s per chat (sliding 1 s window); the bot's throttler is set to the same limits. The in-process queue runs ${options.concurrency} tasks at once.`,
      `Rate: invitations accepted by the emulator divided by the time between the first and the last accepted one (${ok.length.toLocaleString('en')} in ${sendSeconds.toFixed(1)} s; the whole job including creating ${options.members.toLocaleString('en')} invitation items took ${seconds.toFixed(1)} s). The throttler retried ${throttler.stats.retried - retriedBefore} calls after a 429 and delayed ${throttler.stats.delayed - delayedBefore} to keep within the limits.`,
      `Kill: October invitations to the same members; once ${half.toLocaleString('en')} were sent, the queue's ${lostTasks.length.toLocaleString('en')} waiting tasks were thrown away (a dead process); ${sentAtKill.toLocaleString('en')} had gone out when the in-flight tasks finished. The staff then pressed again (run 2), and afterwards the lost run's tasks were redelivered as well (SQS at-least-once). Job record after: ${job ? `run ${job.run}, sent ${job.sent}/${job.total}` : 'missing'}. Counted from the emulator's record of accepted sendMessage calls per chat.`,
    ];
    if (fraction < RATE_TARGET)
      notes.push(
        `Why the rate target is not met: the limiter is not what binds (${fourTwentyNine} answers of 429; the rate barely moves with the queue's concurrency — in trial runs of 300 members 8 tasks at once gave 40 msg/s and 96 gave 44 msg/s). Each invitation costs about ten DynamoDB requests (the lease's read and conditional write, the meeting, the committee, the member's chat links, the mark-sent transaction with its outbox event, the idempotency claim of the count, the job counter), and DynamoDB Local, the emulator and the bot share 2 cores here, so the job runs at what the machine can store, not at what Telegram allows. In the cloud DynamoDB's throughput is not the bound, and the SQS worker's concurrency divides the rate (chat/channels/telegram/throttler.ts); to come nearer the limit on one machine, the job would have to drop work per invitation (e.g. fold the lease into the mark-sent write), which trades away the at-most-once guarantee the kill test checks.`,
      );
    return {
      id: 'fan-out',
      title: '3. Invitation fan-out',
      status: 'measured',
      rows,
      notes,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world?.close().catch(() => undefined);
    await db.stop();
  }
}
