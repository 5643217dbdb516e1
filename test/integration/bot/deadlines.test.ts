// Integration: the daily deadlines job on DynamoDB Local with the clock moved — the residence staff are
// reminded of the year-end comments still to write (R17, due 31 October) and the members of their
// self-report (R19, due on the rule set's date), a week before, the day before and once after; each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as deadlinesJob } from '../../../functions/jobs/deadlines.js';
import type { Member } from '../../../shared/domain/member.js';
import { ruleSetPolicy } from '../../../shared/domain/rule-set.js';
import { compileOctoberReport } from '../../../shared/services/october-report.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';

describe('Job: deadlines (R17 comments, R19 self-reports)', () => {
  let world: BotWorld;
  let reported: Member;
  const chairUser = aUser('Chủ');
  const late = aUser('Trễ');
  const done = aUser('Xong');
  const run = (at: string) => deadlinesJob(() => world.deps)({ now: at });
  const texts = (userId: number) => world.emu.botMessages(userId).map((m) => m.text ?? '');
  const count = (userId: number, text: string) => texts(userId).filter((t) => t.includes(text)).length;

  beforeAll(async () => {
    world = await createBotWorld();
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    const lateMember = await addMember(world, { fullName: 'Nguyễn Văn Trễ' });
    reported = await addMember(world, { fullName: 'Trần Thị Xong' });
    await link(world, late, { kind: 'member', id: lateMember.id });
    await link(world, done, { kind: 'member', id: reported.id });
    await world.repos.yearEnd.saveSelfReport(
      {
        memberId: reported.id,
        year: 2026,
        meetingsAttended: 2,
        meetingsAttendedRecorded: 2,
        activities: 'Tham gia tổ dân phố',
        submittedAt: '2026-11-20T01:00:00Z',
        version: 1,
      },
      0,
    );
  });
  afterAll(async () => {
    await world.close();
  });

  it('uses the end of October for the comments and the rule set’s date for the self-reports', () => {
    // Assess
    expect(ruleSetPolicy('hd02-2011')).toMatchObject({ evaluationDue: '10-31', selfReportDue: '12-15' });
    expect(ruleSetPolicy('qd213-2020')).toMatchObject({ evaluationDue: '10-31', selfReportDue: '12-15' });
  });

  it('dispatches nothing before the week of a deadline', async () => {
    // Act
    const result = await run('2026-10-20T09:00:00+07:00');

    // Assess
    expect(result).toMatchObject({ total: 0, failed: [] });
    expect(count(chairUser.id, 'NHẬN XÉT CUỐI NĂM')).toBe(0);
  });

  it('a week before the end of October reminds the staff of the comments left, once however often it runs', async () => {
    // Act
    const first = await run('2026-10-24T09:00:00+07:00');
    const again = await run('2026-10-24T09:00:00+07:00');
    const nextDay = await run('2026-10-25T09:00:00+07:00');

    // Assess
    expect(first).toMatchObject({ total: 1, done: 1, failed: [], counts: { evaluationsLeft: 2, sent: 1 } });
    expect(again?.counts).toEqual(first?.counts); // the same slot: its committee is done
    expect(nextDay?.counts.sent).toBe(0); // the same round: claimed already
    const reminder = world.emu.lastBotMessage(chairUser.id)?.text;
    expect(reminder).toContain('NHẮC HẠN NHẬN XÉT CUỐI NĂM 2026');
    expect(reminder).toContain('còn 2 đảng viên chưa được nhận xét');
    expect(reminder).toContain('31/10/2026 (còn 7 ngày)');
    expect(count(late.id, 'NHẬN XÉT')).toBe(0);
  });

  it('reminds again the day before, and once after the deadline', async () => {
    // Act
    await run('2026-10-30T09:00:00+07:00');
    const after = await run('2026-11-01T09:00:00+07:00');
    await run('2026-11-02T09:00:00+07:00');

    // Assess
    expect(after?.counts).toMatchObject({ sent: 1 });
    expect(count(chairUser.id, '(còn 1 ngày)')).toBe(1);
    expect(count(chairUser.id, 'QUÁ HẠN NHẬN XÉT CUỐI NĂM 2026')).toBe(1);
  });

  it('reminds the members who have not sent their self-report, not those who have', async () => {
    // Act
    const week = await run('2026-12-08T09:00:00+07:00');
    await run('2026-12-09T09:00:00+07:00');
    await run('2026-12-16T09:00:00+07:00');

    // Assess
    expect(week?.counts).toMatchObject({ selfReportsLeft: 1, sent: 1 });
    expect(count(late.id, 'NHẮC HẠN BÁO CÁO CUỐI NĂM 2026')).toBe(1);
    expect(texts(late.id).join('\n')).toContain('Kính gửi đồng chí Nguyễn Văn Trễ');
    expect(count(late.id, 'QUÁ HẠN BÁO CÁO CUỐI NĂM 2026')).toBe(1);
    expect(count(done.id, 'BÁO CÁO CUỐI NĂM')).toBe(0);
    expect(count(chairUser.id, 'BÁO CÁO CUỐI NĂM')).toBe(0);
  });

  it('counts in the report the comments and self-reports still missing past their deadlines', async () => {
    // Prepare
    world.clock.set('2026-12-16T03:00:00Z');

    // Act
    const { report } = await compileOctoberReport({ ...world.repos, clock: world.clock }, RESIDENCE, 2026);

    // Assess
    expect(report.body.evaluations).toMatchObject({ due: 2, missing: 2, selfReportsMissing: 1 });
  });
});
