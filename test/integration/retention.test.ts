// integration tests: the retention job (docs/privacy.md) on DynamoDB Local with the clock moved past each keeping
// time — before a limit nothing changes; after it exactly what privacy.md lists changes, once, and never in the logs.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as retentionJob } from '../../functions/jobs/retention.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { InMemoryJobQueue } from '../../shared/adapters/memory/invitation-queue.js';
import { ANONYMISED_NAME, REMOVED_TEXT } from '../../shared/domain/privacy.js';
import { aCommittee, aMeeting, aMember, anIntroduction, anInvitation } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { type TestDeps, testClock, testDeps } from '../support/http.js';

const WARD = 'phuong-an-hoa';
const MEETING = `${WARD}.2026.06`;
const REASON = 'Tôi nằm viện mổ ruột thừa, vợ tôi là Lê Thị Mai gọi 0987654321';
/** 31 October 2026 + 90 days: the first day the reasons of 2026 lose their text (Vietnam time). */
const REASON_LIMIT = '2027-01-29';
/** The moved member's contact ended on 15 August 2026; two years later they are anonymised. */
const ENDED_ON = '2026-08-15';
const CONTACT_LIMIT = '2028-08-15';

const staying = aMember({ id: 'm-staying', fullName: 'Nguyễn Thị Hồng Nhung', partyCardNumber: '100000001' });
const moved = aMember({
  id: 'm-moved',
  fullName: 'Phạm Quốc Bảo',
  phone: '0911222333',
  partyCardNumber: '100000002',
  partyCell: 'Chi bộ Khoa Nội',
});

/** 08:00 in Vietnam on a date: after the 03:00 schedule, on the same Vietnamese day. */
const morningOf = (date: string) => `${date}T01:00:00Z`;

describe('Use case: retention of personal data, run by the scheduled job', () => {
  let table: TestTable;
  let deps: TestDeps;
  const clock = testClock(morningOf('2026-12-01'));
  const logLines: string[] = [];

  async function runOn(date: string) {
    clock.set(morningOf(date));
    const run = await retentionJob(() => deps)({ scheduledTime: morningOf(date) });
    return run;
  }

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, {
      clock,
      jobQueue: new InMemoryJobQueue({ retryDelayMs: 0 }),
      logger: createLogger((line) => logLines.push(line)),
    });
    const repos = deps.repos;
    await repos.committees.put(aCommittee({ id: WARD, kind: 'residence' }));
    await repos.committees.put(aCommittee({ id: 'so-y-te', kind: 'workplace' }));
    await repos.meetings.create(aMeeting({ id: MEETING, residenceOrgId: WARD, status: 'held' }));
    for (const member of [staying, moved]) {
      await repos.members.create(member);
      const intro = anIntroduction({ id: `intro-${member.id}`, memberId: member.id, residenceOrgId: WARD });
      await repos.introductions.issue(intro, member.fullName);
      const receipt = {
        receivedOn: '2026-02-15',
        receivedBy: 'res',
        receivedByName: 'Cán bộ',
        hamletId: 'kv-1',
      };
      await repos.introductions.save(
        { ...intro, status: 'received', receipt, version: 2 },
        member.fullName,
        1,
      );
    }
    const movedIntro = await repos.introductions.get(`intro-${moved.id}`);
    if (!movedIntro) throw new Error('seed: no introduction');
    await repos.introductions.save(
      {
        ...movedIntro,
        status: 'ended',
        end: { endedOn: ENDED_ON, reason: 'moved', endedBy: 'res' },
        version: 3,
      },
      moved.fullName,
      2,
    );
    await repos.invitations.createOnce(
      anInvitation({
        meetingId: MEETING,
        memberId: staying.id,
        memberName: staying.fullName,
        rsvp: 'absent',
        absence: {
          category: 'illness',
          text: REASON,
          submittedAt: '2026-06-18T03:00:00Z',
          confirmation: 'confirmed',
          decidedBy: 'work-staff',
          decidedAt: '2026-06-19T03:00:00Z',
        },
        attendance: 'absent',
      }),
    );
    await repos.invitations.createOnce(
      anInvitation({
        meetingId: MEETING,
        memberId: moved.id,
        memberName: moved.fullName,
        attendance: 'present',
      }),
    );
    await repos.members.addExemption({
      id: 'ex-moved',
      memberId: moved.id,
      reason: 'Điều trị ung thư dài ngày',
      from: '2026-03-01',
      until: '2026-07-31',
      confirmedBy: 'work-staff',
      confirmedAt: '2026-03-01T02:00:00Z',
    });
    await repos.comments.add({
      id: 'c-moved',
      meetingId: MEETING,
      residenceOrgId: WARD,
      memberId: moved.id,
      authorName: moved.fullName,
      topic: 'Vệ sinh môi trường',
      text: 'Đề nghị thu gom rác đúng giờ',
      raisedAt: '2026-06-20T02:00:00Z',
    });
    for (const [member, userId] of [
      [staying, 'tg-staying'],
      [moved, 'tg-moved'],
    ] as const) {
      await repos.chatLinks.createLinkCode({
        code: `CODE-${userId}`.toUpperCase(),
        subject: { kind: 'member', id: member.id },
        createdBy: 'res',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      const at = new Date('2026-03-01T00:00:00Z');
      await repos.chatLinks.useLinkCode(
        `CODE-${userId}`.toUpperCase(),
        { channel: 'telegram', userId, chatId: userId, linkedAt: at.toISOString() },
        at,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await table.drop();
  });

  it('changes nothing the day before the reasons’ limit', async () => {
    // Act
    const run = await runOn('2027-01-28');

    // Assess
    expect(run?.finishedAt).toBeDefined();
    expect(run?.counts).toMatchObject({ reasonTexts: 0, members: 0, renamed: 0, chatLinks: 0 });
    const invitation = await deps.repos.invitations.get(MEETING, staying.id);
    expect(invitation?.absence?.text).toBe(REASON);
    expect((await deps.repos.members.get(moved.id))?.fullName).toBe(moved.fullName);
  });

  it('on the limit removes the reason’s free text only: the category, the decision and everyone’s names stay', async () => {
    // Act
    const run = await runOn(REASON_LIMIT);

    // Assess
    expect(run?.counts).toMatchObject({ reasonTexts: 1, members: 0 });
    const invitation = await deps.repos.invitations.get(MEETING, staying.id);
    expect(invitation?.absence).toEqual({
      category: 'illness',
      submittedAt: '2026-06-18T03:00:00Z',
      confirmation: 'confirmed',
      decidedBy: 'work-staff',
      decidedAt: '2026-06-19T03:00:00Z',
    });
    expect(invitation?.rsvp).toBe('absent');
    expect((await deps.repos.members.get(moved.id))?.phone).toBe(moved.phone);
    expect(await deps.repos.chatLinks.byChat('telegram', 'tg-moved')).toBeDefined();
  });

  it('a rerun the next day finds nothing left to do, and no longer reads the sheet', async () => {
    // Act
    const run = await runOn('2027-01-30');

    // Assess
    expect(run?.counts).toMatchObject({ reasonTexts: 0, members: 0, renamed: 0, chatLinks: 0 });
    expect(await deps.repos.privacy.reasonTextsRemoved(MEETING)).toBe(true);
  });

  it('a run stopped before its marker: the next one reads the sheet again and removes only what is left', async () => {
    // Prepare: the marker lost (a crash after the writes), and one text left behind
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.reasonTextsRemoved(MEETING) }),
    );
    const moved2026 = await deps.repos.invitations.get(MEETING, moved.id);
    if (!moved2026) throw new Error('seed: no invitation');
    await deps.repos.invitations.save(
      {
        ...moved2026,
        rsvp: 'absent',
        absence: {
          category: 'family',
          text: 'Con ốm',
          submittedAt: '2026-06-18T03:00:00Z',
          confirmation: 'pending',
        },
        version: moved2026.version + 1,
      },
      moved2026.version,
    );

    // Act
    const run = await runOn('2027-01-31');

    // Assess
    expect(run?.counts).toMatchObject({ reasonTexts: 1 });
    expect((await deps.repos.invitations.get(MEETING, moved.id))?.absence).toEqual({
      category: 'family',
      submittedAt: '2026-06-18T03:00:00Z',
      confirmation: 'pending',
    });
    expect((await deps.repos.invitations.get(MEETING, staying.id))?.absence?.category).toBe('illness');
    expect(await deps.repos.privacy.reasonTextsRemoved(MEETING)).toBe(true);
  });

  it('changes nothing for the moved member the day before two years after their contact ended', async () => {
    // Act
    const run = await runOn('2028-08-14');

    // Assess
    expect(run?.counts).toMatchObject({ members: 0 });
    expect((await deps.repos.members.get(moved.id))?.fullName).toBe(moved.fullName);
  });

  it('on that limit anonymises the moved member everywhere their name was copied, keeping the counts', async () => {
    // Act
    const run = await runOn(CONTACT_LIMIT);

    // Assess: the counts of what changed
    expect(run?.counts).toMatchObject({ reasonTexts: 0, members: 1, renamed: 4, chatLinks: 1 });
    // the member record: name, phone, address, cell and exact birth date gone; card, category, birth year kept
    const member = await deps.repos.members.get(moved.id);
    expect(member).toMatchObject({
      fullName: ANONYMISED_NAME,
      partyCardNumber: moved.partyCardNumber,
      category: moved.category,
      dateOfBirth: `${moved.dateOfBirth.slice(0, 4)}-01-01`,
      anonymisedAt: new Date(morningOf(CONTACT_LIMIT)).toISOString(),
    });
    expect(member?.phone).toBeUndefined();
    expect(member?.partyCell).toBeUndefined();
    expect(member?.residence.address).not.toBe(moved.residence.address);
    // the copies: invitation, comment, the introduction's collated list (its index keys), the chat link
    const invitation = await deps.repos.invitations.get(MEETING, moved.id);
    expect(invitation).toMatchObject({ memberName: ANONYMISED_NAME, attendance: 'present', rsvp: 'absent' });
    expect((await deps.repos.comments.ofMember(moved.id))[0]?.authorName).toBe(ANONYMISED_NAME);
    const ended = await deps.repos.introductions.ofResidence(WARD, { status: 'ended', limit: 10 });
    expect(ended.items.map((i) => i.memberName)).toEqual([ANONYMISED_NAME]);
    expect(await deps.repos.chatLinks.byChat('telegram', 'tg-moved')).toBeUndefined();
    // the exemption's reason (health) gone from the item and from the copy the report reads; its period kept
    const facts = await deps.repos.members.factsOfMany([moved.id]);
    for (const exemptions of [
      await deps.repos.members.exemptions(moved.id),
      facts.get(moved.id)?.exemptions,
    ]) {
      expect(exemptions).toEqual([
        expect.objectContaining({
          id: 'ex-moved',
          reason: REMOVED_TEXT,
          from: '2026-03-01',
          until: '2026-07-31',
        }),
      ]);
    }
    expect(await deps.repos.chatLinks.ofSubject({ kind: 'member', id: moved.id })).toEqual([]);
    // the member whose contact goes on is untouched
    expect(await deps.repos.members.get(staying.id)).toEqual(staying);
    expect(await deps.repos.chatLinks.byChat('telegram', 'tg-staying')).toBeDefined();
    // the meeting's sheet still counts both
    const sheet = await deps.repos.invitations.sheet(MEETING, { limit: 10 });
    expect(sheet.items).toHaveLength(2);
  });

  it('a rerun after anonymising changes nothing', async () => {
    // Prepare
    const before = await deps.repos.members.get(moved.id);

    // Act
    const run = await runOn('2028-08-16');

    // Assess
    expect(run?.counts).toMatchObject({ reasonTexts: 0, members: 0, renamed: 0, chatLinks: 0 });
    expect(await deps.repos.members.get(moved.id)).toEqual(before);
  });

  it('wrote no personal data into its logs', () => {
    // Assess
    const logs = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of [
      REASON,
      'ruột thừa',
      'ung thư',
      moved.fullName,
      staying.fullName,
      moved.phone ?? '',
      'tg-moved',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});
