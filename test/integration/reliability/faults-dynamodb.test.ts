// Faults: DynamoDB Local itself stopped in the middle of the October report job (R22) and started again on
// the same data: the job's next run finishes every committee, and no report is lost, wrong or stored twice.
// This file starts its own DynamoDB Local on a temporary folder, so it can stop and restart it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppDeps, createAppDeps } from '../../../functions/deps.js';
import { createHandler as octoberReportJob } from '../../../functions/jobs/october-report.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local.js';
import { createDynamoContext, type DynamoContext } from '../../../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../../../shared/adapters/dynamodb/index.js';
import { keys } from '../../../shared/adapters/dynamodb/keys.js';
import { ensureTable } from '../../../shared/adapters/dynamodb/table-definition.js';
import { createLogger } from '../../../shared/adapters/logger.js';
import { InMemoryJobQueue } from '../../../shared/adapters/memory/invitation-queue.js';
import { aCommittee, aMember } from '../../support/builders.js';
import { TEST_JWT, testClock } from '../../support/http.js';
import { seedReceived } from './world.js';

const BOARD = 'quan-ninh-kieu';
const WARDS = Array.from({ length: 6 }, (_, i) => `phuong-${i + 1}`);
const MEMBERS_PER_WARD = 25;
const YEAR = 2026;

describe('Function: the October report job when DynamoDB goes away and comes back', () => {
  let dir: string;
  let db: DynamoDbLocal;
  let ctx: DynamoContext;
  let repos: Repositories;
  let deps: AppDeps;
  const logLines: string[] = [];

  const connect = (endpoint: string) => {
    ctx = createDynamoContext({ endpoint, tableName: 'reliability-faults' });
    repos = createRepositories(ctx);
    deps = createAppDeps(
      { tableName: ctx.tableName, region: 'ap-southeast-1', jwt: TEST_JWT },
      {
        repos,
        clock: testClock('2026-10-31T10:00:00Z'),
        logger: createLogger((l) => logLines.push(l)),
        // One task at a time, as the job ran before it fanned out, so the crash lands half way.
        jobQueue: new InMemoryJobQueue({ concurrency: 1, retryDelayMs: 50 }),
        // Principals signed here are not all stored (the stored-assignment check is tested elsewhere).
        assignments: undefined,
      },
    );
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lienhe-faults-'));
    db = await startDynamoDbLocal({ dbPath: dir });
    connect(db.endpoint);
    await ensureTable(ctx.client, ctx.tableName);
    await repos.committees.put(aCommittee({ id: BOARD, kind: 'board', name: 'Quận ủy Ninh Kiều' }));
    await repos.committees.put(aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }));
    await Promise.all(
      WARDS.map(async (ward, w) => {
        await repos.committees.put(
          aCommittee({ id: ward, kind: 'residence', name: `Đảng ủy phường ${w + 1}`, parentId: BOARD }),
        );
        for (let i = 0; i < MEMBERS_PER_WARD + w; i++) {
          const member = aMember({
            id: `${ward}-m${i}`,
            fullName: `Nguyễn Văn Số ${i}`,
            partyCardNumber: String(500000000 + w * 1000 + i),
          });
          await seedReceived(repos, member, ward, {
            receivedBy: 'res',
            receivedByName: 'Cán bộ',
            hamletId: 'kv-1',
          });
        }
      }),
    );
  }, 180_000);
  afterAll(async () => {
    ctx?.client.destroy();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops half way with failures reported, then a rerun after the restart completes every committee once', async () => {
    // Prepare
    const job = octoberReportJob(() => deps);
    const port = db.port;

    // Act: start the job, stop DynamoDB Local as soon as the first ward's report is stored.
    const firstRun = job({ year: YEAR }).then(
      (summary) => ({ summary, error: undefined as unknown }),
      (error: unknown) => ({ summary: undefined, error }),
    );
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      !(await repos.reports.get(WARDS[0] as string, YEAR).catch(() => undefined))
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await db.stop();
    const interrupted = await firstRun;
    db = await startDynamoDbLocal({ dbPath: dir, port });
    connect(db.endpoint);
    const storedAfterCrash = await Promise.all(WARDS.map((w) => repos.reports.get(w, YEAR)));
    const resumed = await job({ year: YEAR });
    const again = await job({ year: YEAR });

    // Assess: the crash was real (some committees failed or the job threw) and left work undone.
    const failedFirst = interrupted.summary?.failed.length ?? WARDS.length + 1;
    expect(failedFirst).toBeGreaterThan(0);
    expect(storedAfterCrash.filter(Boolean).length).toBeLessThan(WARDS.length);
    // The rerun finished everything, the one after changed nothing.
    expect(resumed?.failed).toEqual([]);
    expect(resumed).toMatchObject({ total: WARDS.length, done: WARDS.length });
    expect(again).toMatchObject({ failed: [], done: WARDS.length, counts: resumed?.counts });
    for (const [w, ward] of WARDS.entries()) {
      const report = await repos.reports.get(ward, YEAR);
      expect(report?.body.members.introduced, ward).toBe(MEMBERS_PER_WARD + w);
      expect(report?.body.members.active, ward).toBe(MEMBERS_PER_WARD + w);
      // Exactly one stored version per ward: nothing compiled twice into a new version.
      const versions = await ctx.doc.send(
        new (await import('@aws-sdk/lib-dynamodb')).QueryCommand({
          TableName: ctx.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': keys.report(ward, YEAR).pk, ':sk': `${YEAR}#v` },
        }),
      );
      expect(versions.Items?.length, ward).toBe(1);
    }
    const board = await repos.reports.get(BOARD, YEAR);
    const expectedTotal = WARDS.reduce((sum, _w, i) => sum + MEMBERS_PER_WARD + i, 0);
    expect(board?.body.members.introduced).toBe(expectedTotal);
    expect(board?.childOrgIds.sort()).toEqual([...WARDS].sort());
  }, 180_000);
});
