// Concurrency: twenty staff toggling attendance through the route at once, over a few rows, with random
// repeats: every row ends where the parity of its flips says, and its version counts every flip (no lost update).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../functions/deps.js';
import { createHandler as attendanceSet } from '../../../functions/http/meeting-attendance-set.js';
import { effectiveAttendance } from '../../../shared/domain/attendance.js';
import type { Principal } from '../../../shared/domain/roles.js';
import { openAttendance, toggleAttendance } from '../../../shared/services/attendance.js';
import { aMember } from '../../support/builders.js';
import { createTestTable, type TestTable } from '../../support/dynamo.js';
import { call, type TestClock, testClock, testDeps, tokenFor } from '../../support/http.js';
import {
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
} from '../../support/meeting-world.js';

const MEETING = `${WARD}.2026.06`;
/** Rounds of 20 concurrent staff: a few in `npm test`, many under `npm run test:soak`. */
const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 3);
const staff = (i: number): Principal => ({
  sub: ['chair-1', 'sec-1', 'res-1'][i % 3] as string,
  orgId: WARD,
  role: (['chair', 'secretary', 'residence_staff'] as const)[i % 3] ?? 'chair',
});

describe('Function: twenty staff taking attendance at once', () => {
  let table: TestTable;
  let deps: AppDeps;
  let clock: TestClock;
  const rows = ['c-0', 'c-1', 'c-2', 'c-3'];

  beforeAll(async () => {
    table = await createTestTable();
    clock = testClock('2026-06-20T02:00:00Z');
    deps = testDeps(table, { clock });
    await seedWard(deps.repos);
    const meeting = await seedMeeting(deps.repos, { id: MEETING, date: '2026-06-20', time: '08:00' });
    for (const [i, id] of rows.entries()) {
      const m = await seedReceivedMember(
        deps.repos,
        aMember({ id, fullName: `Lê Văn Điểm ${i}`, partyCardNumber: String(620000000 + i) }),
      );
      await seedInvitation(deps.repos, meeting, m, { rsvp: 'attending' });
    }
    await openAttendance({ ...deps.repos, clock }, staff(0), MEETING);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('loses no toggle: each row flips exactly as many times as it was toggled', async () => {
    // Prepare
    const before = new Map(
      await Promise.all(rows.map(async (r) => [r, await deps.repos.invitations.get(MEETING, r)] as const)),
    );
    const flips = new Map(rows.map((r) => [r, 0]));

    // Act
    for (let round = 0; round < ROUNDS; round++) {
      const targets = Array.from(
        { length: 20 },
        () => rows[Math.floor(Math.random() * rows.length)] as string,
      );
      for (const t of targets) flips.set(t, (flips.get(t) ?? 0) + 1);
      const results = await Promise.all(
        targets.map((t, i) => toggleAttendance({ ...deps.repos, clock }, staff(i), MEETING, t)),
      );
      expect(results.every((r) => r.changed)).toBe(true);
    }

    // Assess
    for (const r of rows) {
      const was = before.get(r);
      const now = await deps.repos.invitations.get(MEETING, r);
      const n = flips.get(r) ?? 0;
      expect(now?.version, r).toBe((was?.version ?? 0) + n);
      // A row opened unmarked shows its RSVP's forecast (issue 19): the flips start from what it shows.
      const shown = was && effectiveAttendance(was);
      expect(now && effectiveAttendance(now), r).toBe(
        n % 2 === 0 ? shown : shown === 'present' ? 'absent' : 'present',
      );
    }
  });

  it('ends with the last-chosen value on each row when twenty staff set rows through the route at once', async () => {
    // Prepare
    const handler = attendanceSet(() => deps);
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenFor(staff(i))));
    // Everyone on a row agrees on its value, so the end state is determined despite the race.
    const want = new Map(rows.map((r, i) => [r, i % 2 === 0]));

    // Act
    const answers = await Promise.all(
      tokens.map((token, i) => {
        const memberId = rows[i % rows.length] as string;
        return call(handler, {
          method: 'PUT',
          route: '/meetings/{id}/attendance/{memberId}',
          pathParameters: { id: MEETING, memberId },
          body: { present: want.get(memberId) },
          token,
        });
      }),
    );

    // Assess
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const r of rows) {
      const now = await deps.repos.invitations.get(MEETING, r);
      expect(now?.attendance, r).toBe(want.get(r) ? 'present' : 'absent');
    }
  });
});
