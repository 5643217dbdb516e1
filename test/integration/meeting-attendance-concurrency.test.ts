// Concurrency and exactly-once on DynamoDB Local: twenty staff toggling at once lose no update, and the R10
// job run twice (and after sealing) sends each notice once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as attendanceGet } from '../../functions/http/meeting-attendance-get.js';
import { createHandler as attendanceSet } from '../../functions/http/meeting-attendance-set.js';
import { createHandler as absenceJob } from '../../functions/jobs/absence-notices.js';
import { BACKGROUND_FUNCTIONS, HTTP_ROUTES } from '../../shared/config/functions.js';
import { effectiveAttendance } from '../../shared/domain/attendance.js';
import type { Principal } from '../../shared/domain/roles.js';
import {
  type AttendanceSheetView,
  openAttendance,
  toggleAttendance,
} from '../../shared/services/attendance.js';
import { aMember } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type TestClock, type TestDeps, testClock, testDeps, tokenFor } from '../support/http.js';
import {
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
  WORKPLACE,
} from '../support/meeting-world.js';

const MEETING = `${WARD}.2026.06`;
const staffOfWard = (i: number): Principal => ({
  sub: `res-${i}`,
  orgId: WARD,
  role: i % 3 === 0 ? 'chair' : i % 3 === 1 ? 'secretary' : 'residence_staff',
});

describe('Function: attendance under concurrency, and the R10 job', () => {
  let table: TestTable;
  let deps: TestDeps;
  let clock: TestClock;
  const memberIds = Array.from({ length: 12 }, (_, i) => `m-${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    table = await createTestTable();
    clock = testClock('2026-06-20T01:00:00Z');
    deps = testDeps(table, { clock });
    await seedWard(deps.repos);
    const meeting = await seedMeeting(deps.repos, { id: MEETING, date: '2026-06-20', time: '08:00' });
    const names = ['Nguyễn Văn Bình', 'Trần Thị Lan', 'Lê Hoàng Sơn', 'Phạm Minh Châu'];
    for (const [i, id] of memberIds.entries()) {
      const member = await seedReceivedMember(
        deps.repos,
        aMember({ id, fullName: `${names[i % names.length]} ${i}`, partyCardNumber: String(300000000 + i) }),
      );
      await seedInvitation(deps.repos, meeting, member, {
        // m-00…m-03 said they come, m-04…m-07 gave a reason the workplace confirmed, the rest never replied.
        rsvp: i < 4 ? 'attending' : i < 8 ? 'absent' : 'none',
        ...(i >= 4 && i < 8
          ? {
              absence: {
                category: 'family' as const,
                submittedAt: '2026-06-15T00:00:00Z',
                confirmation: 'confirmed' as const,
              },
            }
          : {}),
      });
    }
    await openAttendance({ ...deps.repos, clock }, staffOfWard(0), MEETING);
  });
  afterAll(async () => {
    await table.drop();
  });

  it('applies twenty simultaneous one-tap toggles of one member, none lost (optimistic locking + retry)', async () => {
    // Prepare
    const before = await deps.repos.invitations.get(MEETING, 'm-00');
    const ports = { ...deps.repos, clock };

    // Act
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => toggleAttendance(ports, staffOfWard(i), MEETING, 'm-00')),
    );
    const elapsedMs = performance.now() - started;
    const after = await deps.repos.invitations.get(MEETING, 'm-00');

    // Assess
    expect(results.every((r) => r.changed)).toBe(true);
    // An even number of flips brings the row back where it was, and each flip is one version.
    expect(after && effectiveAttendance(after)).toBe(before && effectiveAttendance(before));
    expect(after?.version).toBe((before?.version ?? 0) + 20);
    console.info(`20 concurrent toggles of one row: ${elapsedMs.toFixed(0)} ms`);
  });

  it('ends consistent when twenty staff set different rows at once through the route', async () => {
    // Prepare
    const targets = memberIds.slice(0, 10).flatMap((memberId, i) => [
      { memberId, present: i % 2 === 0 },
      { memberId, present: i % 2 === 0 },
    ]);
    const tokens = await Promise.all(targets.map((_, i) => tokenFor(staffOfWard(i))));
    const setRoute = attendanceSet(() => deps);

    // Act
    const started = performance.now();
    const answers = await Promise.all(
      targets.map((t, i) =>
        call(setRoute, {
          method: 'PUT',
          route: '/meetings/{id}/attendance/{memberId}',
          pathParameters: { id: MEETING, memberId: t.memberId },
          body: { present: t.present },
          token: tokens[i] as string,
        }),
      ),
    );
    const elapsedMs = performance.now() - started;
    const sheet = await call<AttendanceSheetView>(
      attendanceGet(() => deps),
      {
        method: 'GET',
        route: '/meetings/{id}/attendance',
        pathParameters: { id: MEETING },
        query: { limit: '100' },
        token: tokens[0] as string,
      },
    );

    // Assess
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const rows = new Map(sheet.json.rows.map((r) => [r.memberId, r.present]));
    for (const t of targets) expect(rows.get(t.memberId)).toBe(t.present);
    // Rows 0–9 alternate present/absent (5 present); m-10 and m-11 never replied (absent).
    expect(sheet.json.totals).toMatchObject({ total: 12, present: 5, absent: 7 });
    const presentRows = sheet.json.rows.filter((r) => r.present).length;
    expect(presentRows).toBe(sheet.json.totals.present);
    console.info(`20 concurrent PUTs over 10 rows: ${elapsedMs.toFixed(0)} ms`);
  });

  it('sends each R10 notice once however often the job runs, and only for past meetings', async () => {
    // Prepare
    const job = absenceJob(() => deps);
    const outboxNotices = async () =>
      (await deps.repos.outbox.pending(500)).events.filter((e) => e.type === 'AbsentWithoutNotice');

    // Act
    const onTheDay = await job({});
    clock.set('2026-06-21T13:00:00Z'); // 20:00 in Vietnam, the day after
    const first = await job({});
    const second = await job({});
    clock.set('2026-06-22T13:00:00Z'); // the next day's run: another slot, the same meeting looked at again
    const nextDay = await job({});
    const forced = await job({ meetingId: MEETING });
    const notices = await outboxNotices();

    // Assess
    expect(onTheDay).toMatchObject({ total: 0, done: 0, failed: [], counts: {} });
    // Absent now: m-01, m-03, m-05, m-07, m-09 (set absent; m-05 and m-07 had confirmed reasons),
    // m-10, m-11 (no reply) → without notice: m-01, m-03, m-09 (said they come), m-10, m-11.
    expect(first).toMatchObject({
      total: 1,
      done: 1,
      failed: [],
      counts: { meetings: 1, checked: 12, raised: 5 },
    });
    // The same slot again: its one committee is done, so nothing runs and the numbers stay.
    expect(second).toMatchObject({
      id: 'absence-notices:2026-06-21',
      done: 1,
      counts: { meetings: 1, checked: 12, raised: 5 },
    });
    expect(nextDay).toMatchObject({ done: 1, counts: { meetings: 1, checked: 12, raised: 0 } });
    expect(forced).toEqual({ meetings: 1, checked: 12, raised: 0 });
    expect(notices.map((e) => e.data.memberId).sort()).toEqual(['m-01', 'm-03', 'm-09', 'm-10', 'm-11']);
    expect(new Set(notices.map((e) => e.id)).size).toBe(notices.length);
    expect(notices.every((e) => e.orgIds.includes(WORKPLACE))).toBe(true);
    const guard = await deps.repos.absenceNotices.get(MEETING, 'm-10');
    expect(guard).toMatchObject({
      workplaceOrgId: WORKPLACE,
      residenceOrgId: WARD,
      meetingDate: '2026-06-20',
    });
  });

  it('registers every route and the job with exactly the grants they need', () => {
    // Prepare
    // The meeting record's routes. The planning routes that tell people in their chats are not among them:
    // sending the invitations (issue 4), moving or calling off a meeting and answers on behalf (issue 16).
    const mine = HTTP_ROUTES.filter(
      (r) => (r.path.startsWith('/meetings/') && !r.bot) || r.path === '/absence-notices',
    );

    // Assess
    expect(mine).toHaveLength(13);
    for (const r of mine) {
      expect(r.auth).toBe(true);
      expect(r.entry).toBe(`functions/http/${r.name}.ts`);
      // Printing the paper invitations takes the round's number once and keeps it on the meeting: a write.
      const reads = r.method === 'GET' && r.name !== 'meeting-paper-invitations-pdf';
      expect(r.grants).toEqual(reads ? ['table:read'] : ['table:read', 'table:write']);
    }
    const job = BACKGROUND_FUNCTIONS.find((f) => f.name === 'absence-notices');
    expect(job?.trigger).toEqual({ kind: 'schedule', expression: 'cron(0 20 * * ? *)' });
    expect(job?.grants).toEqual(['table:read', 'table:write', 'job-queue:send']);
  });
});
