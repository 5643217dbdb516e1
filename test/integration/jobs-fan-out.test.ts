// integration tests: the scheduled jobs fanned out per committee on DynamoDB Local and the in-process queue —
// a run stopped half way and rerun for its slot does every committee exactly once; a task delivered twice works once.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobPorts } from '../../functions/job-ports.js';
import { createHandler as jobWorker } from '../../functions/job-worker.js';
import { sqsEvent } from '../../local/lambda-events.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { InMemoryJobQueue } from '../../shared/adapters/memory/invitation-queue.js';
import type { JobTask } from '../../shared/domain/jobs.js';
import type { ChatMessenger, ChatRecipient } from '../../shared/ports/chat.js';
import type { JobMetrics } from '../../shared/ports/jobs.js';
import type { MeetingRepository } from '../../shared/ports/repositories.js';
import type { ReminderPorts } from '../../shared/services/reminders.js';
import { dispatchJob, type JobPorts, runJobTask } from '../../shared/services/scheduled-jobs.js';
import { aCommittee, aMeeting, aMember, anInvitation } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { type TestClock, type TestDeps, testClock, testDeps } from '../support/http.js';
import { seedReceived } from './reliability/world.js';

const YEAR = 2026;
const CITY = 'thanh-uy-can-tho';
/** Three districts of two or three wards each, under the city's board (the one top-level board). */
const TREE: Record<string, string[]> = {
  'quan-binh-thuy': ['phuong-bt-1', 'phuong-bt-2'],
  'quan-cai-rang': ['phuong-cr-1', 'phuong-cr-2', 'phuong-cr-3'],
  'quan-ninh-kieu': ['phuong-nk-1', 'phuong-nk-2', 'phuong-nk-3'],
};
const WARDS = Object.values(TREE).flat().sort();
const DISTRICTS = Object.keys(TREE);
/** Its first compilation throws (a transient fault), after the task has started. */
const FLAKY_WARD = 'phuong-bt-2';

class FlakyError extends Error {
  override name = 'FlakyError';
}

/** A queue that waits to be told (runNext / drain), so a test can stop it half way, and a metric that counts. */
function harness(clock: TestClock, table: TestTable) {
  const queue = new InMemoryJobQueue({ autoStart: false, retryDelayMs: 0, maxAttempts: 3 });
  const failures: string[] = [];
  const metrics: JobMetrics = { committeeFailed: (job) => failures.push(job) };
  const deps: TestDeps = testDeps(table, { clock, jobQueue: queue, jobMetrics: metrics });
  return { queue, failures, deps };
}

/** The meetings repository as the report reads it, counting each residence committee's compilation. */
function countingMeetings(real: MeetingRepository, compiled: Map<string, number>, failOnce: Set<string>) {
  const counting: MeetingRepository = Object.create(real);
  counting.ofCommittee = async (orgId, year) => {
    if (failOnce.delete(orgId)) throw new FlakyError('transient');
    compiled.set(orgId, (compiled.get(orgId) ?? 0) + 1);
    return real.ofCommittee(orgId, year);
  };
  return counting;
}

async function versionsOf(table: TestTable, orgId: string): Promise<number> {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.report(orgId, YEAR).pk, ':sk': `${YEAR}#v` },
    }),
  );
  return out.Items?.length ?? 0;
}

describe('Use case: the October report job, fanned out per committee', () => {
  let table: TestTable;
  const clock = testClock('2026-10-31T10:00:00Z');
  const at = new Date('2026-10-31T10:00:00Z'); // 17:00 in Vietnam, the schedule's time

  beforeAll(async () => {
    table = await createTestTable();
    const { deps } = harness(clock, table);
    const repos = deps.repos;
    await repos.committees.put(aCommittee({ id: CITY, kind: 'board', name: 'Thành ủy Cần Thơ' }));
    await repos.committees.put(aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }));
    for (const [district, wards] of Object.entries(TREE)) {
      await repos.committees.put(aCommittee({ id: district, kind: 'board', parentId: CITY }));
      for (const ward of wards) {
        await repos.committees.put(aCommittee({ id: ward, kind: 'residence', parentId: district }));
        await repos.committees.put(aCommittee({ id: `${ward}-kv1`, kind: 'hamlet_cell', parentId: ward }));
      }
    }
    await Promise.all(
      WARDS.map(async (ward, w) => {
        for (let i = 0; i <= w % 3; i++) {
          const member = aMember({ id: `${ward}-m${i}`, partyCardNumber: String(700000000 + w * 100 + i) });
          await seedReceived(repos, member, ward, {
            receivedBy: 'res',
            receivedByName: 'Cán bộ',
            hamletId: `${ward}-kv1`,
          });
        }
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await table.drop();
  });

  it('stopped half way (one ward failing), then rerun for its slot: every committee compiled once, the run complete', async () => {
    // Prepare
    const { queue, failures, deps } = harness(clock, table);
    const compiled = new Map<string, number>();
    const base = jobPorts(deps);
    const ports: JobPorts = {
      ...base,
      report: {
        ...base.report,
        meetings: countingMeetings(deps.repos.meetings, compiled, new Set([FLAKY_WARD])),
      },
    };
    queue.setHandler((task) => runJobTask(ports, task));

    // Act: dispatch, let three tasks run (the flaky ward among them), then lose the rest, as a crash would.
    const first = await dispatchJob(ports, 'october-report', at);
    await queue.runNext(3);
    const lost = queue.discard();
    const halfway = await deps.repos.jobRuns.get(first.runId);
    // The scheduler's retry of the same firing, an hour later: the same slot.
    const rerun = await dispatchJob(ports, 'october-report', new Date(at.getTime() + 3600_000));
    await queue.drain();
    const run = await deps.repos.jobRuns.get(first.runId);

    // Assess: half way, two wards done and the flaky one recorded as failed (id and error name only).
    expect(first).toEqual({ runId: `october-report:${YEAR}`, slot: String(YEAR), total: 8, enqueued: 8 });
    expect(lost.length).toBeGreaterThan(0);
    expect(halfway).toMatchObject({
      total: 8,
      done: 2,
      failed: [{ orgId: FLAKY_WARD, errorName: 'FlakyError' }],
    });
    expect(halfway?.finishedAt).toBeUndefined();
    expect(failures).toEqual(['october-report']);
    // The rerun queued only what was missing: the six wards not done (the flaky one included).
    expect(rerun).toMatchObject({ runId: first.runId, total: 8, enqueued: 6 });
    // Every ward compiled exactly once; every ward, district and the city has exactly one stored version.
    expect(Object.fromEntries(compiled)).toEqual(Object.fromEntries(WARDS.map((w) => [w, 1])));
    for (const orgId of [...WARDS, ...DISTRICTS, CITY]) expect(await versionsOf(table, orgId), orgId).toBe(1);
    expect(run).toMatchObject({
      total: 8,
      done: 8,
      failed: [],
      counts: { compiled: 8 },
      roots: [CITY],
      rolledUp: { [CITY]: 8 },
    });
    expect(run?.finishedAt).toBeDefined();
    const city = await deps.repos.reports.get(CITY, YEAR);
    expect(city?.childOrgIds).toEqual(DISTRICTS);
    expect(city?.body.members.active).toBe(WARDS.reduce((sum, _w, i) => sum + (i % 3) + 1, 0));
    expect((await deps.repos.reports.get('quan-cai-rang', YEAR))?.childOrgIds).toEqual(TREE['quan-cai-rang']);
  });

  it('does a task delivered twice once, and a third dispatch of the slot queues nothing', async () => {
    // Prepare: a manual run of another year (its own slot); its tasks wait in the queue.
    const { queue, deps } = harness(clock, table);
    const compiled = new Map<string, number>();
    const base = jobPorts(deps);
    const ports: JobPorts = {
      ...base,
      report: { ...base.report, meetings: countingMeetings(deps.repos.meetings, compiled, new Set()) },
    };
    const other = await dispatchJob(ports, 'october-report', at, { slot: '2027' });
    const task = queue.discard()[0] as JobTask;

    // Act: SQS delivers the same message twice.
    const outcomes = [await runJobTask(ports, task), await runJobTask(ports, task)];
    const again = await dispatchJob(ports, 'october-report', at);

    // Assess
    expect(other).toMatchObject({ runId: 'october-report:2027', enqueued: 8 });
    expect(outcomes).toEqual(['done', 'skipped']);
    expect(Object.fromEntries(compiled)).toEqual({ [task.orgId]: 1 });
    expect((await deps.repos.jobRuns.get(other.runId))?.done).toBe(1);
    // The 2026 slot is complete: a third dispatch queues nothing and compiles nothing.
    expect(again.enqueued).toBe(0);
    expect(queue.pending).toEqual([]);
    expect((await deps.repos.jobRuns.get(again.runId))?.done).toBe(8);
  });
});

describe('Function: job-worker (the SQS consumer)', () => {
  let table: TestTable;
  const clock = testClock('2026-10-31T10:00:00Z');

  beforeAll(async () => {
    table = await createTestTable();
    const { deps } = harness(clock, table);
    await deps.repos.committees.put(aCommittee({ id: 'phuong-w', kind: 'residence' }));
  });
  afterAll(async () => {
    await table.drop();
  });

  it('reports only the failed task as a batch item failure, and drops a message it did not write', async () => {
    // Prepare
    const { deps, failures } = harness(clock, table);
    const task = (orgId: string): JobTask => ({
      job: 'october-report',
      slot: String(YEAR),
      at: '2026-10-31T10:00:00Z',
      kind: 'committee',
      orgId,
    });
    await dispatchJob(jobPorts(deps), 'october-report', new Date('2026-10-31T10:00:00Z'));
    (deps.jobQueue as InMemoryJobQueue).discard();

    // Act
    const out = await jobWorker(() => deps)(
      sqsEvent('jobs', [
        { id: 'ok', body: JSON.stringify(task('phuong-w')) },
        { id: 'missing', body: JSON.stringify(task('khong-ton-tai')) },
        { id: 'garbage', body: '{"job":"drop-tables"}' },
      ]),
    );

    // Assess
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: 'missing' }] });
    expect(failures).toEqual(['october-report']);
    expect(await deps.repos.jobRuns.get(`october-report:${YEAR}`)).toMatchObject({
      total: 1,
      done: 1,
      failed: [{ orgId: 'khong-ton-tai', errorName: 'NotFoundError' }],
    });
  });
});

describe('Use case: the reminders job, fanned out per committee', () => {
  let table: TestTable;
  const clock = testClock('2026-06-17T01:00:00Z');
  const at = new Date('2026-06-17T01:00:00Z'); // 08:00 in Vietnam, three days before the meetings
  const REMINDER_WARDS = ['phuong-a', 'phuong-b', 'phuong-c', 'phuong-d'];
  const MEMBERS_PER_WARD = 3;
  /** The Telegram user whose first reminder fails (a transient Bot API error). */
  const FLAKY_USER = 'tg-phuong-b-1';

  /** Our messenger port, recording every reminder it delivers (the Bot API emulator's count, without it). */
  function recordingMessenger(flaky: Set<string>) {
    const delivered: string[] = [];
    const messenger: ChatMessenger = {
      send: async (to: ChatRecipient) => {
        if (flaky.delete(to.chatId)) throw new FlakyError('Bot API 502');
        delivered.push(to.chatId);
        return {
          ok: true,
          ref: { channel: to.channel, chatId: to.chatId, messageId: String(delivered.length) },
        };
      },
      edit: async () => {
        throw new Error('not used');
      },
      smsText: () => '',
    };
    return { messenger, delivered };
  }

  beforeAll(async () => {
    table = await createTestTable();
    const { deps } = harness(clock, table);
    const repos = deps.repos;
    for (const [w, ward] of REMINDER_WARDS.entries()) {
      await repos.committees.put(aCommittee({ id: ward, kind: 'residence' }));
      const meeting = aMeeting({ id: `${ward}.2026.06`, residenceOrgId: ward, date: '2026-06-20' });
      await repos.meetings.create(meeting);
      for (let i = 0; i < MEMBERS_PER_WARD; i++) {
        const member = aMember({ id: `${ward}-${i}`, partyCardNumber: String(800000000 + w * 100 + i) });
        await repos.members.create(member);
        await repos.invitations.createOnce(
          anInvitation({
            meetingId: meeting.id,
            memberId: member.id,
            residenceOrgId: ward,
            meetingDate: meeting.date,
            delivery: 'sent',
          }),
        );
        const code = `CODE-${ward}-${i}`.toUpperCase();
        await repos.chatLinks.createLinkCode({
          code,
          subject: { kind: 'member', id: member.id },
          createdBy: 'res',
          expiresAt: '2099-01-01T00:00:00Z',
        });
        await repos.chatLinks.useLinkCode(
          code,
          {
            channel: 'telegram',
            userId: `tg-${ward}-${i}`,
            chatId: `tg-${ward}-${i}`,
            linkedAt: at.toISOString(),
          },
          at,
        );
      }
    }
  }, 120_000);
  afterAll(async () => {
    await table.drop();
  });

  it('stopped half way (one send failing), then rerun for its slot: each reminder sent exactly once', async () => {
    // Prepare
    const { queue, failures, deps } = harness(clock, table);
    const { messenger, delivered } = recordingMessenger(new Set([FLAKY_USER]));
    const r = deps.repos;
    const reminderPorts: ReminderPorts = {
      meetings: r.meetings,
      invitations: r.invitations,
      committees: r.committees,
      staff: r.staff,
      chatLinks: r.chatLinks,
      idempotency: r.idempotency,
      messenger,
      clock,
    };
    const ports = jobPorts(deps, async () => reminderPorts);
    queue.setHandler((task) => runJobTask(ports, task));

    // Act: two committees' tasks run (the second has the failing send), the rest is lost; then the rerun.
    const first = await dispatchJob(ports, 'reminders', at);
    await queue.runNext(2);
    queue.discard();
    const halfway = await r.jobRuns.get(first.runId);
    const rerun = await dispatchJob(ports, 'reminders', new Date(at.getTime() + 600_000));
    await queue.drain();
    // And a duplicate delivery of a task already done.
    const duplicate = await runJobTask(ports, {
      job: 'reminders',
      slot: first.slot,
      at: at.toISOString(),
      kind: 'committee',
      orgId: 'phuong-a',
      meetingIds: ['phuong-a.2026.06'],
    });
    const run = await r.jobRuns.get(first.runId);

    // Assess
    expect(first).toEqual({ runId: 'reminders:2026-06-17', slot: '2026-06-17', total: 4, enqueued: 4 });
    expect(halfway).toMatchObject({
      done: 1,
      failed: [{ orgId: 'phuong-b', errorName: 'CommitteeTaskError' }],
    });
    expect(failures).toEqual(['reminders']);
    expect(rerun.enqueued).toBe(3);
    expect(duplicate).toBe('skipped');
    const expected = REMINDER_WARDS.flatMap((w) => [0, 1, 2].map((i) => `tg-${w}-${i}`)).sort();
    expect([...delivered].sort()).toEqual(expected);
    expect(run).toMatchObject({ total: 4, done: 4, failed: [] });
    expect(run?.finishedAt).toBeDefined();
    // The run counts what each committee's successful attempt sent: phuong-b's retry sent only the one left.
    expect(run?.counts).toEqual({ meetings: 4, sent: 3 * MEMBERS_PER_WARD + 1 });
  });
});
