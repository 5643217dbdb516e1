// Exemptions (R4) and travel notices (R3) count everywhere, on DynamoDB Local: a member under a confirmed
// exemption, or away inside a travel notice's period, raises no R10 notice, is not flagged under R11, is
// recorded in the minutes as exempt / away, and has their own lines in the October report's tallies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import { sendAbsenceNotices } from '../../shared/services/absence-notices.js';
import { getAttendanceSheet } from '../../shared/services/attendance.js';
import { buildMinutesRecord } from '../../shared/services/minutes.js';
import { compileOctoberReport } from '../../shared/services/october-report.js';
import { aMember } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { type TestClock, testClock } from '../support/http.js';
import {
  STAFF,
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
} from '../support/meeting-world.js';

describe('Feature: exemptions (R4) and travel notices (R3) count in every count', () => {
  let table: TestTable;
  let repos: Repositories;
  let clock: TestClock;
  let june: Meeting;
  let october: Meeting;
  const members = {
    exempt: aMember({ id: 'm-mien', fullName: 'Nguyễn Văn Miễn', partyCardNumber: '310000001' }),
    away: aMember({ id: 'm-xa', fullName: 'Lê Thị Xa', partyCardNumber: '310000002' }),
    silent: aMember({ id: 'm-im', fullName: 'Trần Văn Im', partyCardNumber: '310000003' }),
  };
  const ports = () => ({ ...repos, clock });

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
    clock = testClock('2026-06-21T13:00:00Z');
    await seedWard(repos);
    for (const m of Object.values(members)) await seedReceivedMember(repos, m);
    june = await seedMeeting(repos, {
      id: `${WARD}.2026.06`,
      year: 2026,
      round: 'june',
      date: '2026-06-20',
      status: 'held',
    });
    october = await seedMeeting(repos, {
      id: `${WARD}.2026.10`,
      year: 2026,
      round: 'october',
      date: '2026-10-17',
      status: 'held',
    });
    // Nobody answered either invitation nor came.
    for (const meeting of [june, october]) {
      for (const m of Object.values(members))
        await seedInvitation(repos, meeting, m, { attendance: 'absent' });
    }
    // R4: an exemption confirmed by the workplace covers both meetings.
    await repos.members.addExemption({
      id: 'ex-mien',
      memberId: 'm-mien',
      reason: 'Học lớp cao cấp lý luận chính trị',
      from: '2026-03-01',
      confirmedBy: 'wp-1',
      confirmedAt: '2026-02-20T01:00:00Z',
    });
    // R3: a travel notice covers the June meeting only.
    await repos.members.addTravelNotice({
      id: 'tr-xa',
      memberId: 'm-xa',
      reason: 'Giám sát công trình tại Cà Mau',
      from: '2026-06-01',
      until: '2026-07-15',
      recordedBy: 'wp-1',
      recordedAt: '2026-05-28T01:00:00Z',
    });
  });
  afterAll(async () => {
    await table.drop();
  });

  it('raises no absence notice (R10) for the exempt member nor for the one away on a travel notice', async () => {
    // Act
    const run = await sendAbsenceNotices(ports(), june);

    // Assess
    expect(run).toMatchObject({ checked: 3, raised: 1, excused: 2 });
    expect(await repos.absenceNotices.get(june.id, 'm-im')).toMatchObject({ ground: 'no_reply' });
    expect(await repos.absenceNotices.get(june.id, 'm-mien')).toBeUndefined();
    expect(await repos.absenceNotices.get(june.id, 'm-xa')).toBeUndefined();
  });

  it('records the exempt member as exempt and the traveller as away in the minutes’ attendance', async () => {
    // Act
    const record = await buildMinutesRecord(ports(), june, clock.now(), { withRows: false });

    // Assess
    const status = Object.fromEntries(record.absentees.map((a) => [a.memberId, a.status]));
    expect(status).toEqual({ 'm-mien': 'exempt', 'm-xa': 'travel', 'm-im': 'no_reply' });
  });

  it('shows the exempt member and the traveller as such on the attendance sheet, as the minutes will', async () => {
    // Act
    const sheet = await getAttendanceSheet(ports(), STAFF.secretary, june.id, { limit: 10 });

    // Assess
    const status = Object.fromEntries(sheet.rows.map((r) => [r.memberId, r.absence?.status]));
    expect(status).toEqual({ 'm-mien': 'exempt', 'm-xa': 'travel', 'm-im': 'no_reply' });
  });

  it('raises the notice for the traveller at a meeting outside the travel notice’s period', async () => {
    // Prepare
    clock.set('2026-10-18T13:00:00Z');

    // Act
    const run = await sendAbsenceNotices(ports(), october);

    // Assess
    expect(run).toMatchObject({ checked: 3, raised: 2, excused: 1 });
    expect(await repos.absenceNotices.get(october.id, 'm-xa')).toMatchObject({ ground: 'no_reply' });
    expect(await repos.absenceNotices.get(october.id, 'm-mien')).toBeUndefined();
  });

  it('flags only the member without an excuse under R11, and counts the others on their own lines', async () => {
    // Prepare
    clock.set('2026-10-31T10:00:00Z');

    // Act
    const { report } = await compileOctoberReport(ports(), WARD, 2026);

    // Assess
    expect(report.body.bothMeetingsMissed).toEqual(['m-im']);
    const lines = report.body.meetings.map((t) => ({
      round: t.round,
      invited: t.invited,
      exempt: t.absentExempt,
      travelling: t.absentTravelling,
      noReply: t.noReply,
    }));
    expect(lines).toEqual([
      { round: 'june', invited: 3, exempt: 1, travelling: 1, noReply: 1 },
      { round: 'october', invited: 3, exempt: 1, travelling: 0, noReply: 2 },
    ]);
  });
});
