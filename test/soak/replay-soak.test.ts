// Soak: the October report job run many times over the same data stores each report once (idempotent
// recompilation), and the R10 job run repeatedly raises each notice once — long versions of npm test's checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/deps.js';
import { createHandler as absenceNoticesJob } from '../../functions/jobs/absence-notices.js';
import { compileOctoberReport } from '../../shared/services/october-report.js';
import { loadRoutes, OCTOBER_2025, seedWorld, WORLD_NOW, YEAR } from '../integration/reliability/world.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testClock, testDeps } from '../support/http.js';
import { WARD } from '../support/meeting-world.js';

const REPEATS = Number(process.env.SOAK_REPEATS ?? 50);

describe('Function: jobs repeated many times (soak)', () => {
  let table: TestTable;
  let deps: AppDeps;

  beforeAll(async () => {
    table = await createTestTable();
    const clock = testClock(WORLD_NOW);
    deps = testDeps(table, { clock });
    await seedWorld(deps, clock, await loadRoutes(() => deps));
    clock.set(WORLD_NOW);
  }, 180_000);
  afterAll(async () => {
    await table.drop();
  });

  it(`keeps one report version and one R10 notice per member over ${REPEATS} concurrent reruns`, async () => {
    // Prepare
    const ports = { ...deps.repos, clock: deps.clock };
    const before = await deps.repos.reports.get(WARD, YEAR);
    const notices = async () =>
      (await deps.repos.outbox.pending(1000)).events.filter((e) => e.type === 'AbsentWithoutNotice');
    const noticesBefore = await notices();

    // Act
    await Promise.all(
      Array.from({ length: REPEATS }, (_, i) =>
        i % 2 === 0
          ? compileOctoberReport(ports, WARD, YEAR).catch((e: unknown) => {
              // Two compilations racing on a changed report: one stores it, the other is refused, never both.
              if ((e as { code?: string }).code !== 'report_conflict') throw e;
            })
          : absenceNoticesJob(() => deps)({ meetingId: OCTOBER_2025 }),
      ),
    );

    // Assess
    const after = await deps.repos.reports.get(WARD, YEAR);
    expect(after?.version).toBe(before?.version);
    expect((await notices()).map((e) => e.id).sort()).toEqual(noticesBefore.map((e) => e.id).sort());
  });
});
