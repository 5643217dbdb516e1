// R10 waits for the workplace, on DynamoDB Local: a pending reason is no notice at sealing time; a rejected
// one is, at once; one still undecided the rule set's number of days after the meeting is; a later
// confirmation withdraws that notice, and the daily job looks back far enough to see it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { addDays } from '../../shared/domain/dates.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import { ruleSetPolicy } from '../../shared/domain/rule-set.js';
import { decideAbsenceReason } from '../../shared/services/absence-confirmations.js';
import { meetingsDueForAbsenceNotices, sendAbsenceNotices } from '../../shared/services/absence-notices.js';
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
  WORKPLACE,
} from '../support/meeting-world.js';

const MEETING_DATE = '2026-06-20';
const DECISION_DAYS = ruleSetPolicy('hd02-2011').absenceDecisionDays;
const submittedAt = '2026-06-15T02:00:00Z';
const pendingReason = { category: 'illness' as const, submittedAt, confirmation: 'pending' as const };

describe('Feature: R10 waits for the workplace’s decision on a reason', () => {
  let table: TestTable;
  let repos: Repositories;
  let clock: TestClock;
  let meeting: Meeting;
  const members = {
    waiting: aMember({ id: 'm-cho', fullName: 'Nguyễn Văn Chờ', partyCardNumber: '300000001' }),
    rejected: aMember({ id: 'm-bac', fullName: 'Lê Thị Bác', partyCardNumber: '300000002' }),
    silent: aMember({ id: 'm-im', fullName: 'Trần Văn Im', partyCardNumber: '300000003' }),
    late: aMember({ id: 'm-tre', fullName: 'Phạm Thị Trễ', partyCardNumber: '300000004' }),
  };
  const ports = () => ({ ...repos, clock });
  const notice = (memberId: string) => repos.absenceNotices.get(meeting.id, memberId);
  const decide = (memberId: string, decision: 'confirmed' | 'rejected') =>
    decideAbsenceReason(STAFF.workplace, meeting.id, memberId, decision, ports());

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
    clock = testClock('2026-06-21T13:00:00Z');
    await seedWard(repos);
    for (const m of Object.values(members)) await seedReceivedMember(repos, m);
    meeting = await seedMeeting(repos, {
      id: `${WARD}.2026.06`,
      year: 2026,
      round: 'june',
      date: MEETING_DATE,
      time: '08:00',
      status: 'held',
    });
    for (const m of [members.waiting, members.rejected, members.late]) {
      await seedInvitation(repos, meeting, m, {
        rsvp: 'absent',
        absence: pendingReason,
        attendance: 'absent',
      });
    }
    await seedInvitation(repos, meeting, members.silent, { attendance: 'absent' });
  });
  afterAll(async () => {
    await table.drop();
  });

  it('reports a reason still waiting for the workplace as pending, not as an absence without notice', async () => {
    // Act
    const run = await sendAbsenceNotices(ports(), meeting);

    // Assess
    expect(run).toMatchObject({ checked: 4, raised: 1, pending: 3 });
    expect(await notice('m-cho')).toBeUndefined();
    expect(await notice('m-im')).toMatchObject({ ground: 'no_reply', workplaceOrgId: WORKPLACE });
    expect(await repos.outbox.get(`AbsentWithoutNotice:${meeting.id}:m-cho`)).toBeUndefined();
  });

  it('raises the notice at once when the workplace rejects the reason after the meeting', async () => {
    // Act
    await decide('m-bac', 'rejected');

    // Assess
    expect(await notice('m-bac')).toMatchObject({ ground: 'rejected' });
    const outbox = await repos.outbox.get(`AbsentWithoutNotice:${meeting.id}:m-bac`);
    expect(outbox?.event.orgIds).toEqual([WORKPLACE, WARD]);
  });

  it('tells the workplace "still not confirmed" once the rule set’s days have passed, and the daily job still sees the meeting', async () => {
    // Prepare
    const dayBefore = addDays(MEETING_DATE, DECISION_DAYS - 1);
    const dueDay = addDays(MEETING_DATE, DECISION_DAYS);

    // Act
    clock.set(`${dayBefore}T13:00:00Z`);
    const early = await sendAbsenceNotices(ports(), meeting);
    clock.set(`${dueDay}T13:00:00Z`);
    const due = await meetingsDueForAbsenceNotices(repos, dueDay);
    const run = await sendAbsenceNotices(ports(), meeting);
    const again = await sendAbsenceNotices(ports(), meeting);

    // Assess
    expect(early).toMatchObject({ raised: 0, pending: 2 });
    expect(due.map((m) => m.id)).toContain(meeting.id);
    expect(run).toMatchObject({ raised: 2, pending: 0 });
    expect(again.raised).toBe(0);
    expect(await notice('m-cho')).toMatchObject({ ground: 'undecided' });
    expect(await notice('m-tre')).toMatchObject({ ground: 'undecided' });
  });

  it('withdraws the "still not confirmed" notice when the reason is confirmed later, off the workplace’s list', async () => {
    // Act
    await decide('m-tre', 'confirmed');
    const list = await repos.absenceNotices.pendingOfWorkplace(WORKPLACE, { limit: 20 });
    const rerun = await sendAbsenceNotices(ports(), meeting);

    // Assess
    expect((await notice('m-tre'))?.withdrawnAt).toBeDefined();
    expect(list.items.map((n) => n.memberId).sort()).toEqual(['m-bac', 'm-cho', 'm-im']);
    expect(rerun).toMatchObject({ raised: 0, withdrawn: 0 });
  });
});
