// Logs: everything the end-to-end flows write to stdout and stderr (where Lambda's logs and EMF metrics go) is
// captured, and no phone number, absence-reason text or member's full name appears in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDeps, createAppDeps } from '../../../functions/deps.js';
import { createHandler as jobWorker } from '../../../functions/job-worker.js';
import { createHandler as absenceNoticesJob } from '../../../functions/jobs/absence-notices.js';
import { createHandler as octoberReportJob } from '../../../functions/jobs/october-report.js';
import { createHandler as retentionJob } from '../../../functions/jobs/retention.js';
import { runQueueTask } from '../../../functions/queue-worker.js';
import { sqsEvent } from '../../../local/lambda-events.js';
import { createRepositories } from '../../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../../shared/adapters/logger.js';
import { createEmfMetrics } from '../../../shared/adapters/metrics.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';
import { createTestTable, type TestTable } from '../../support/dynamo.js';
import { type TestClock, testClock, testConfig } from '../../support/http.js';
import { type CapturedOutput, captureOutput } from '../../support/output.js';
import { EXPECTATIONS } from './expectations.js';
import {
  ABSENCE_TEXT,
  CONSULTATION,
  callRaw,
  loadRoutes,
  PEOPLE,
  PRINCIPALS,
  seedWorld,
  tokenKey,
  WORLD_NOW,
  YEAR,
} from './world.js';

// A phone number as it stands in text or JSON: not inside a longer word. Request ids are random UUIDs, and
// their hex holds a 10-digit run between letters often enough (`…a0113352649f…`, CI stop 26) to fail a
// digits-only boundary; a decimal's fraction (`12.0113352649`) is not a phone either.
const PHONE_SHAPE = /(?<![\w.])(0|\+84)\d{9}(?!\w)/g;

describe('Function: log output of the end-to-end flows', () => {
  let table: TestTable;
  let deps: AppDeps;
  let clock: TestClock;
  let output: CapturedOutput;

  beforeAll(async () => {
    table = await createTestTable();
    clock = testClock(WORLD_NOW);
    // The production logger and metrics, printing as in Lambda; stdout and stderr are captured for the whole flow.
    deps = createAppDeps(testConfig(table), {
      repos: createRepositories(table),
      clock,
      logger: createLogger(),
      metrics: createEmfMetrics(),
      // What a route queues runs here too, so the tasks' log lines are captured with the rest.
      queueRunner: runQueueTask,
      // The world signs tokens for principals it does not all store: the stored-assignment check (issue 14)
      // is tested in test/integration/administration.test.ts.
      assignments: undefined,
    });
    output = captureOutput();
    try {
      // The meeting (June and a sealed October), comments, year end and the report, through the routes.
      const routes = await loadRoutes(() => deps);
      const world = await seedWorld(deps, clock, routes);
      clock.set(WORLD_NOW);
      // Every route once by every role (successes, refusals and bad input all log through the same path).
      for (const { def, handler } of routes) {
        const req = EXPECTATIONS[def.name]?.request(world, 'chair') ?? {};
        for (const p of PRINCIPALS) {
          await callRaw(handler, {
            method: def.method,
            route: def.path,
            ...(req.pathParameters ? { pathParameters: req.pathParameters } : {}),
            ...(req.query ? { query: req.query } : {}),
            rawBody: JSON.stringify(req.body ?? { text: PEOPLE.own.fullName, note: PEOPLE.peer.phone }),
            token: world.tokens.get(tokenKey(p.role, p.side)) as string,
          });
        }
      }
      await absenceNoticesJob(() => deps)({});
      await octoberReportJob(() => deps)({ year: YEAR });
      // Retention years later: every keeping time passed, reasons' text and ended members' names go (privacy.md).
      await retentionJob(() => deps)({ now: `${YEAR + 3}-12-01T01:00:00Z` });
      // A job task for a committee that does not exist logs its failure (and the metric) too.
      const failures = await jobWorker(() => deps)(
        sqsEvent('jobs', [
          {
            body: JSON.stringify({
              job: 'october-report',
              slot: String(YEAR),
              at: WORLD_NOW,
              kind: 'committee',
              orgId: 'khong-ton-tai',
            }),
          },
        ]),
      );
      expect(failures.batchItemFailures).toHaveLength(1);
    } finally {
      output.restore();
    }
  }, 180_000);
  afterAll(async () => {
    await table.drop();
  });

  it('captured the flows’ log lines (JSON, one per line)', () => {
    // Prepare
    const lines = output
      .text()
      .split('\n')
      .filter((l) => l.startsWith('{'));

    // Assess
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((l) => l.includes('"jobId":"october-report:'))).toBe(true);
    expect(lines.some((l) => l.includes('"jobId":"absence-notices:'))).toBe(true);
    expect(lines.some((l) => l.includes('"jobId":"retention:'))).toBe(true);
    // The jobs' lines name their run; the report's compile and the failed committee were counted in EMF lines.
    expect(lines.some((l) => l.includes(`"correlation_id":"october-report:${YEAR}"`))).toBe(true);
    expect(lines.some((l) => l.includes('"Namespace":"LienHe"') && l.includes('"ReportsCompiled"'))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes('"Namespace":"LienHe"') && l.includes('"JobCommitteesFailed"'))).toBe(
      true,
    );
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('holds no phone number, absence-reason text or member’s full name', () => {
    // Prepare
    const text = output.text();
    const people = Object.values(PEOPLE);
    const forbidden = [
      ...people.map((p) => p.fullName),
      ...people.map((p) => p.phone ?? ''),
      ABSENCE_TEXT,
      CONSULTATION.hamletHeadName,
      CONSULTATION.policeHeadName,
    ].filter(Boolean);

    // Assess
    expect(
      forbidden.filter((f) => text.includes(f) || text.includes(JSON.stringify(f).slice(1, -1))),
    ).toEqual([]);
    // Any Vietnamese phone number shape at all (0 + 9 digits, or +84 …), standing as a word.
    expect(text.match(PHONE_SHAPE) ?? []).toEqual([]);
  });
});

describe('Function: log output of a bot flow', () => {
  let world: BotWorld;
  let output: CapturedOutput;
  const REASON = 'Mổ ruột thừa tại Bệnh viện Chợ Rẫy, nghỉ hai tuần';
  const memberName = 'Hoàng Thị Bảo Mật';
  const phone = '0987654321';

  beforeAll(async () => {
    world = await createBotWorld();
    output = captureOutput();
    try {
      // Linking, /moi, the RSVP with a typed reason, the workplace's decision, free text with a phone.
      const meeting = await aPlannedMeeting(world);
      const chair = aUser('Chủ');
      const workplace = aUser('Công');
      const user = aUser('Mật');
      const unlinked = await addMember(world, { fullName: 'Trịnh Văn Chưa Nối', phone: '0911222333' });
      await link(world, chair, { kind: 'staff', id: STAFF.chair?.id ?? '' });
      await link(world, workplace, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
      const member = await addMember(world, { fullName: memberName, phone });
      await link(world, user, { kind: 'member', id: member.id });
      await world.emu.sendUserMessage({ user: chair, text: '/moi' });
      const menu = world.emu.lastBotMessage(chair.id);
      await world.emu.pressButton({
        user: chair,
        messageId: menu?.messageId ?? 0,
        data: `moi1|${meeting.id}`,
      });
      await world.queue.drain();
      const letter = world.emu.botMessages(user.id).find((m) => m.text?.startsWith('THƯ MỜI HỌP'));
      await world.emu.pressButton({ user, messageId: letter?.messageId ?? 0, text: 'Vắng mặt' });
      await world.emu.pressButton({ user, messageId: letter?.messageId ?? 0, text: 'Ốm đau' });
      await world.emu.sendUserMessage({ user, text: REASON });
      await relayAndNotify(world);
      const card = world.emu.lastBotMessage(workplace.id);
      await world.emu.pressButton({ user: workplace, messageId: card?.messageId ?? 0, text: 'Xác nhận' });
      await relayAndNotify(world);
      await world.emu.sendUserMessage({ user, text: `Số của tôi là ${phone}, tên ${memberName}` });
      await world.emu.sendUserMessage({ user: aUser('Lạ'), text: `/start ${unlinked.fullName}` });
      world.emu.injectFault({ method: 'sendMessage', chatId: user.id, status: 500, times: 1 });
      await world.emu.sendUserMessage({ user, text: '/help' });
      // The member's own data (/dulieu) holds all of it: none of it may reach the logs.
      await world.emu.sendUserMessage({ user, text: '/dulieu' });
    } finally {
      output.restore();
    }
  }, 120_000);
  afterAll(async () => {
    await world.close();
  });

  it('logs the flow and holds no phone number, absence-reason text or member’s full name', () => {
    // Prepare
    const text = [...world.logs, output.text()].join('\n');
    const forbidden = [memberName, phone, REASON, 'Trịnh Văn Chưa Nối', '0911222333'];

    // Assess
    expect(world.logs.length).toBeGreaterThan(3);
    expect(world.sms.sent.map((s) => s.phone)).toContain('0911222333'); // the flow did reach the phone
    expect(
      forbidden.filter((f) => text.includes(f) || text.includes(JSON.stringify(f).slice(1, -1))),
    ).toEqual([]);
    expect(text.match(PHONE_SHAPE) ?? []).toEqual([]);
  });
});
