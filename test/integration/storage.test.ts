import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/support-repositories.js';
import { compareVietnameseNames } from '../../shared/domain/collation.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { emptyReportBody, type OctoberReport } from '../../shared/domain/report.js';
import { ROWS_PER_TRANSACTION, TRANSACTIONS_IN_FLIGHT } from '../../shared/services/import.js';
import {
  aCommittee,
  aMeeting,
  aMember,
  anEvent,
  anIntroduction,
  anInvitation,
  inBatches,
} from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

const GIVEN = [
  'An',
  'Ánh',
  'Ân',
  'Bình',
  'Châu',
  'Dũng',
  'Đạt',
  'Giang',
  'Hòa',
  'Hùng',
  'Khánh',
  'Lan',
  'Minh',
  'Nhung',
  'Ơn',
  'Phúc',
  'Quý',
  'Sơn',
  'Thảo',
  'Uyên',
  'Ương',
  'Vy',
  'Yến',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[(i * 7) % GIVEN.length]}`;
/** Pads items past 500 bytes so 2,000 of them exceed DynamoDB's 1 MB page. */
const PADDING = 'Ghi chú theo dõi của cấp ủy nơi công tác. '.repeat(12);

describe('Storage: the ten access patterns on DynamoDB Local', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });
  afterAll(async () => {
    await table.drop();
  });

  describe('Pattern 1: member by id, by chat account, by link code', () => {
    it('finds a member by id and by party card, and links a chat with a single-use code', async () => {
      // Prepare
      const member = aMember({ id: 'm-p1', partyCardNumber: '100000001' });
      await repos.members.create(member);
      const now = new Date('2026-05-01T03:00:00Z');
      await repos.chatLinks.createLinkCode({
        code: 'CODE1',
        subject: { kind: 'member', id: member.id },
        createdBy: 'staff-res',
        expiresAt: new Date(now.getTime() + 72 * 3600_000).toISOString(),
      });

      // Act
      const first = await repos.chatLinks.useLinkCode(
        'CODE1',
        { channel: 'telegram', userId: '5001', chatId: '5001', linkedAt: now.toISOString() },
        now,
      );
      const again = await repos.chatLinks.useLinkCode(
        'CODE1',
        { channel: 'telegram', userId: '5002', chatId: '5002', linkedAt: now.toISOString() },
        now,
      );

      // Assess
      expect(await repos.members.get('m-p1')).toEqual(member);
      expect((await repos.members.byPartyCard('100000001'))?.id).toBe('m-p1');
      expect(first).toEqual({ ok: true, subject: { kind: 'member', id: 'm-p1' } });
      expect(again).toEqual({ ok: false, reason: 'used' });
      expect(await repos.chatLinks.byChat('telegram', '5001')).toMatchObject({ kind: 'member', id: 'm-p1' });
      expect(await repos.chatLinks.ofSubject({ kind: 'member', id: 'm-p1' })).toHaveLength(1);
      expect(await repos.chatLinks.byChat('telegram', '5002')).toBeUndefined();

      // Act: the member blocks the bot (my_chat_member → kicked).
      await repos.chatLinks.setBlocked('telegram', '5001', true);

      // Assess: both copies say so, and the member record itself is untouched.
      expect((await repos.chatLinks.byChat('telegram', '5001'))?.blocked).toBe(true);
      expect((await repos.chatLinks.ofSubject({ kind: 'member', id: 'm-p1' }))[0]?.blocked).toBe(true);
      expect(await repos.members.get('m-p1')).toEqual(member);
    });

    it('links a Zalo account, refuses an expired or unknown code, and one chat for two people', async () => {
      // Prepare
      await repos.members.create(aMember({ id: 'm-zalo' }));
      await repos.members.create(aMember({ id: 'm-other' }));
      const now = new Date('2026-05-01T03:00:00Z');
      const code = (c: string, id: string, hours: number) =>
        repos.chatLinks.createLinkCode({
          code: c,
          subject: { kind: 'member', id },
          createdBy: 's',
          expiresAt: new Date(now.getTime() + hours * 3600_000).toISOString(),
        });
      await code('Z1', 'm-zalo', 72);
      await code('Z2', 'm-other', 72);
      await code('OLD', 'm-other', -1);
      const link = { channel: 'zalo' as const, userId: 'z-77', chatId: 'z-77', linkedAt: now.toISOString() };

      // Act / Assess
      expect(await repos.chatLinks.useLinkCode('Z1', link, now)).toEqual({
        ok: true,
        subject: { kind: 'member', id: 'm-zalo' },
      });
      expect(await repos.chatLinks.useLinkCode('Z2', link, now)).toEqual({
        ok: false,
        reason: 'chat_already_linked',
      });
      expect(await repos.chatLinks.useLinkCode('OLD', { ...link, userId: 'z-78' }, now)).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await repos.chatLinks.useLinkCode('NOPE', { ...link, userId: 'z-79' }, now)).toEqual({
        ok: false,
        reason: 'unknown',
      });
      expect((await repos.chatLinks.byChat('zalo', 'z-77'))?.id).toBe('m-zalo');
      // The failed attempt left Z2 usable.
      expect((await repos.chatLinks.getLinkCode('Z2'))?.usedAt).toBeUndefined();
    });

    it('refuses a second member with the same party card number', async () => {
      await repos.members.create(aMember({ id: 'm-card-1', partyCardNumber: '200000002' }));
      await expect(
        repos.members.create(aMember({ id: 'm-card-2', partyCardNumber: '200000002' })),
      ).rejects.toMatchObject({
        code: 'member_exists',
      });
      expect(await repos.members.get('m-card-2')).toBeUndefined();
    });
  });

  describe('Pattern 2: members of a residence committee (and of a workplace), paged past 1 MB', () => {
    const ward = 'ward-big';
    const count = 2000;

    beforeAll(async () => {
      const issues = Array.from({ length: count }, (_, i) => {
        const member = aMember({ id: `big-${i}`, fullName: nameOf(i), workplaceOrgId: `work-${i % 2}` });
        return {
          introduction: anIntroduction({
            id: `intro-big-${i}`,
            memberId: member.id,
            residenceOrgId: ward,
            workplaceOrgId: member.workplaceOrgId,
            status: 'received',
            followerName: PADDING,
            receipt: {
              receivedOn: '2026-03-01',
              receivedBy: 's',
              receivedByName: 'Cán bộ',
              hamletId: `kv-${i % 3}`,
            },
          }),
          memberName: member.fullName,
          newMember: member,
        };
      });
      // The import's path (issueMany, its rows per transaction and transactions in flight): 2,000 single-issue
      // transactions took over the 240 s hook guard on a loaded machine, while the file's own queries took seconds.
      const chunks = Array.from({ length: Math.ceil(count / ROWS_PER_TRANSACTION) }, (_, c) =>
        issues.slice(c * ROWS_PER_TRANSACTION, (c + 1) * ROWS_PER_TRANSACTION),
      );
      await inBatches(chunks, TRANSACTIONS_IN_FLIGHT, (chunk) => repos.introductions.issueMany(chunk));
      // A hang guard sized to the seeding, as the large ward's (vitest.large.config.ts): 2,000 members took 34 s
      // for the whole file on a quiet machine, and ran past the global 240 s on a loaded one.
    }, 900_000);

    it('needs more than one DynamoDB page, and the stream returns every member once, collated', async () => {
      // Prepare: one unbounded Query stops at 1 MB.
      const raw = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `RES#${ward}#received` },
        }),
      );

      // Act
      const all: string[] = [];
      const names: string[] = [];
      for await (const m of repos.introductions.streamOfResidence(ward, 'received')) {
        all.push(m.introduction.memberId);
        names.push(m.memberName);
      }

      // Assess
      expect(raw.LastEvaluatedKey).toBeDefined();
      expect(raw.Items?.length ?? 0).toBeLessThan(count);
      expect(new Set(all).size).toBe(count);
      // Sorted by hamlet first (the key starts with it), then by Vietnamese name inside each hamlet.
      const hamlet0 = names.slice(0, Math.ceil(count / 3));
      expect(hamlet0).toEqual([...hamlet0].sort(compareVietnameseNames));
    });

    it('pages one hamlet with a cursor, in Vietnamese order, without gaps or repeats', async () => {
      // Act
      const seen: string[] = [];
      const names: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repos.introductions.ofResidence(ward, {
          status: 'received',
          hamletId: 'kv-1',
          limit: 250,
          cursor,
        });
        seen.push(...page.items.map((m) => m.introduction.memberId));
        names.push(...page.items.map((m) => m.memberName));
        cursor = page.cursor;
        pages++;
      } while (cursor);

      // Assess
      const expected = Array.from({ length: count }, (_, i) => i).filter((i) => i % 3 === 1).length;
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(names).toEqual([...names].sort(compareVietnameseNames));
    });

    it('lists the members a workplace introduced', async () => {
      const page = await repos.introductions.ofWorkplace('work-1', { status: 'received', limit: 50 });
      expect(page.items).toHaveLength(50);
      expect(page.items.every((m) => m.introduction.workplaceOrgId === 'work-1')).toBe(true);
      expect(page.cursor).toBeDefined();
    });

    it('rejects a cursor it did not mint', async () => {
      await expect(
        repos.introductions.ofResidence(ward, { status: 'received', limit: 10, cursor: 'not-a-cursor' }),
      ).rejects.toMatchObject({ code: 'invalid_cursor' });
    });
  });

  describe('Pattern 3: the active introduction of a member and its history', () => {
    it('keeps one active introduction, ends it (R7) and allows a new one, with history kept', async () => {
      // Prepare
      const member = aMember({ id: 'm-hist' });
      const first = anIntroduction({ id: 'intro-h1', memberId: member.id, issuedOn: '2025-01-05' });
      await repos.introductions.issue(first, member.fullName, {
        newMember: member,
        events: [anEvent('IntroductionIssued', 'IntroductionIssued:intro-h1')],
      });

      // Act: a second active introduction is refused and writes nothing.
      const second = repos.introductions.issue(
        anIntroduction({ id: 'intro-h2', memberId: member.id, issuedOn: '2026-01-05' }),
        member.fullName,
        { events: [anEvent('IntroductionIssued', 'IntroductionIssued:intro-h2')] },
      );

      // Assess
      await expect(second).rejects.toMatchObject({ code: 'active_introduction' });
      expect(await repos.introductions.get('intro-h2')).toBeUndefined();
      expect(await repos.outbox.get('IntroductionIssued:intro-h2')).toBeUndefined();
      expect((await repos.outbox.get('IntroductionIssued:intro-h1'))?.status).toBe('pending');

      // Act: end the first, then introduce again.
      await repos.introductions.save(
        {
          ...first,
          status: 'ended',
          version: 2,
          end: { endedOn: '2025-12-31', reason: 'moved', endedBy: 's' },
        },
        member.fullName,
        1,
      );
      await repos.introductions.issue(
        anIntroduction({
          id: 'intro-h3',
          memberId: member.id,
          residenceOrgId: 'phuong-khac',
          issuedOn: '2026-01-05',
        }),
        member.fullName,
      );

      // Assess
      const history = await repos.introductions.ofMember(member.id);
      expect(history.map((i) => [i.id, i.status])).toEqual([
        ['intro-h1', 'ended'],
        ['intro-h3', 'issued'],
      ]);
    });
  });

  describe('Pattern 4: meetings of a committee by year and round', () => {
    it('finds meetings by year and refuses a second meeting for the same round', async () => {
      // Prepare
      await repos.meetings.create(
        aMeeting({ id: 'ward-m.2026.06', residenceOrgId: 'ward-m', round: 'june' }),
      );
      await repos.meetings.create(
        aMeeting({ id: 'ward-m.2026.10', residenceOrgId: 'ward-m', round: 'october', date: '2026-10-24' }),
      );
      await repos.meetings.create(
        aMeeting({ id: 'ward-m.2025.10', residenceOrgId: 'ward-m', year: 2025, round: 'october' }),
      );

      // Act
      const again = repos.meetings.create(
        aMeeting({ id: 'ward-m.2026.06', residenceOrgId: 'ward-m', place: 'Khác' }),
      );

      // Assess
      await expect(again).rejects.toMatchObject({ code: 'meeting_exists' });
      expect((await repos.meetings.ofCommittee('ward-m', 2026)).map((m) => m.round)).toEqual([
        'june',
        'october',
      ]);
      expect(await repos.meetings.ofCommittee('ward-m')).toHaveLength(3);
      expect((await repos.meetings.find('ward-m', 2026, 'june'))?.place).toBe('Hội trường phường An Hòa');
    });
  });

  describe('Pattern 5: the attendance sheet in one Query, paged past 1 MB', () => {
    const meetingId = 'ward-sheet.2026.06';
    const count = 2000;

    beforeAll(async () => {
      const indexes = Array.from({ length: count }, (_, i) => i);
      await inBatches(indexes, 16, (i) =>
        repos.invitations.createOnce(
          anInvitation({
            meetingId,
            memberId: `sheet-${String(i).padStart(4, '0')}`,
            memberName: nameOf(i),
            rsvp: 'absent',
            absence: {
              category: 'other',
              text: PADDING,
              submittedAt: '2026-06-01T00:00:00Z',
              confirmation: 'confirmed',
            },
          }),
        ),
      );
      await repos.comments.add({
        id: 'c-in-sheet',
        meetingId,
        residenceOrgId: 'ward-sheet',
        memberId: 'sheet-0001',
        authorName: 'x',
        topic: 'Đèn đường',
        text: 'Đèn đường hẻm 5 hỏng',
        raisedAt: '2026-06-01T00:00:00.000Z',
      });
    });

    it('reads every invitation of the meeting (and nothing else) across pages', async () => {
      // Act
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repos.invitations.sheet(meetingId, { limit: 600, cursor });
        ids.push(...page.items.map((i) => i.memberId));
        cursor = page.cursor;
        pages++;
      } while (cursor);
      let streamed = 0;
      for await (const _ of repos.invitations.streamSheet(meetingId)) streamed++;
      const raw = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inv)',
          ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}`, ':inv': 'INV#' },
        }),
      );

      // Assess
      expect(raw.LastEvaluatedKey).toBeDefined();
      expect(new Set(ids).size).toBe(count);
      expect(pages).toBe(4);
      expect(streamed).toBe(count);
    });

    it('creates an invitation only once however often it is retried', async () => {
      const invitation = anInvitation({ meetingId, memberId: 'sheet-0007' });
      expect(
        await repos.invitations.createOnce(invitation, { events: [anEvent('InvitationSent', 'inv-retry')] }),
      ).toBe(false);
      expect(await repos.outbox.get('inv-retry')).toBeUndefined();
    });
  });

  describe('Pattern 6 and 9: an RSVP with optimistic locking, and pending absence confirmations', () => {
    it('fails a stale write with a conflict and stores no outbox item for it', async () => {
      // Prepare
      const meetingId = 'ward-rsvp.2026.06';
      const base = anInvitation({ meetingId, memberId: 'm-rsvp', workplaceOrgId: 'work-rsvp' });
      await repos.invitations.createOnce(base);
      const loaded = (await repos.invitations.get(meetingId, 'm-rsvp')) as Invitation;
      const absent: Invitation = {
        ...loaded,
        rsvp: 'absent',
        absence: { category: 'illness', submittedAt: '2026-06-10T00:00:00Z', confirmation: 'pending' },
        version: loaded.version + 1,
      };

      // Act: two writers start from the same version; the second one is stale.
      await repos.invitations.save(absent, loaded.version, {
        events: [anEvent('AbsenceReasonSubmitted', 'rsvp-ok', ['work-rsvp'])],
      });
      const stale = repos.invitations.save(
        { ...loaded, rsvp: 'attending', version: loaded.version + 1 },
        loaded.version,
        {
          events: [anEvent('RsvpRecorded', 'rsvp-stale')],
        },
      );

      // Assess
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      expect(await repos.outbox.get('rsvp-stale')).toBeUndefined();
      expect((await repos.outbox.get('rsvp-ok'))?.status).toBe('pending');
      expect((await repos.invitations.get(meetingId, 'm-rsvp'))?.rsvp).toBe('absent');
      const pending = await repos.invitations.pendingAbsences('work-rsvp', { limit: 10 });
      expect(pending.items.map((i) => i.memberId)).toEqual(['m-rsvp']);

      // Act: the workplace confirms (R9): the reason leaves the pending list.
      const confirmed: Invitation = {
        ...absent,
        absence: {
          ...(absent.absence as NonNullable<Invitation['absence']>),
          confirmation: 'confirmed',
          decidedBy: 'w',
        },
        version: absent.version + 1,
      };
      await repos.invitations.save(confirmed, absent.version);

      // Assess
      expect((await repos.invitations.pendingAbsences('work-rsvp', { limit: 10 })).items).toEqual([]);
      expect((await repos.invitations.ofMember('m-rsvp', 2026)).map((i) => i.meetingId)).toEqual([meetingId]);
    });
  });

  describe('Pattern 7: comments of a meeting and their answers at the next', () => {
    it('lists the comments of a meeting and keeps the answer given at the next one', async () => {
      // Prepare
      const comment = {
        id: 'c1',
        meetingId: 'ward-c.2026.06',
        residenceOrgId: 'ward-c',
        memberId: 'm-c',
        authorName: 'Lê Văn Tám',
        topic: 'An ninh trật tự',
        text: 'Đề nghị lắp camera đầu hẻm 12',
        raisedAt: '2026-06-15T02:00:00.000Z',
      };
      await repos.comments.add(comment);

      // Act
      await repos.comments.save({
        ...comment,
        answer: {
          status: 'not_done',
          text: 'Chưa có kinh phí',
          reason: 'Ngân sách năm nay đã phân bổ',
          remedy: 'Vận động xã hội hóa',
          answeredAtMeetingId: 'ward-c.2026.10',
          answeredBy: 'chair-1',
          answeredAt: '2026-10-24T02:00:00.000Z',
        },
      });

      // Assess
      const listed = await repos.comments.ofMeeting('ward-c.2026.06');
      expect(listed).toHaveLength(1);
      expect(listed[0]?.answer?.answeredAtMeetingId).toBe('ward-c.2026.10');
      expect(await repos.comments.ofMember('m-c')).toHaveLength(1);
    });
  });

  describe('Pattern 8: evaluations of a committee for a year, of a member across years', () => {
    it('reads both ways', async () => {
      // Prepare
      const duty = { mark: 'good' as const, comment: 'Tốt' };
      const evaluation = (memberId: string, year: number) => ({
        residenceOrgId: 'ward-e',
        memberId,
        year,
        ruleSet: 'hd02-2011' as const,
        form: {
          kind: 'hd02-4duties' as const,
          duties: { d1: duty, d2: duty, d3: duty, d4: duty },
          proposal: 'none' as const,
        },
        flaggedR11: false,
        status: 'draft' as const,
        version: 1,
      });
      await repos.evaluations.save(evaluation('m-e1', 2025), 0);
      await repos.evaluations.save(evaluation('m-e1', 2026), 0);
      await repos.evaluations.save(evaluation('m-e2', 2026), 0);

      // Act
      const of2026: string[] = [];
      for await (const e of repos.evaluations.ofCommittee('ward-e', 2026)) of2026.push(e.memberId);

      // Assess
      expect(of2026).toEqual(['m-e1', 'm-e2']);
      expect((await repos.evaluations.ofMember('m-e1')).map((e) => e.year)).toEqual([2025, 2026]);
      await expect(repos.evaluations.save(evaluation('m-e2', 2026), 0)).rejects.toBeInstanceOf(ConflictError);
    });
  });

  describe('Pattern 10: the October report of a committee, and all reports under a parent', () => {
    it('stores versions and lists the children of a district for a year', async () => {
      // Prepare
      await repos.committees.put(aCommittee({ id: 'quan-ninh-kieu', kind: 'board' }));
      await repos.committees.put(
        aCommittee({ id: 'ward-r1', kind: 'residence', parentId: 'quan-ninh-kieu' }),
      );
      await repos.committees.put(
        aCommittee({ id: 'ward-r2', kind: 'residence', parentId: 'quan-ninh-kieu' }),
      );
      const report = (orgId: string, version: number): OctoberReport => ({
        orgId,
        year: 2026,
        version,
        compiledAt: '2026-10-31T10:00:00.000Z',
        scope: 'residence',
        childOrgIds: [],
        body: emptyReportBody(),
      });

      // Act
      await repos.reports.save(report('ward-r1', 1), 'quan-ninh-kieu');
      await repos.reports.save(report('ward-r1', 2), 'quan-ninh-kieu');
      await repos.reports.save(report('ward-r2', 1), 'quan-ninh-kieu');
      const duplicate = repos.reports.save(report('ward-r2', 1), 'quan-ninh-kieu');

      // Assess
      await expect(duplicate).rejects.toMatchObject({ code: 'report_conflict' });
      expect((await repos.reports.get('ward-r1', 2026))?.version).toBe(2);
      expect((await repos.reports.underParent('quan-ninh-kieu', 2026)).map((r) => r.orgId)).toEqual([
        'ward-r1',
        'ward-r2',
      ]);
      expect((await repos.committees.children('quan-ninh-kieu')).map((c) => c.id)).toEqual([
        'ward-r1',
        'ward-r2',
      ]);
    });
  });

  describe('Outbox and idempotency', () => {
    it('lists pending events oldest first and takes sent ones off the list', async () => {
      // Prepare
      const id = 'outbox-probe';
      await repos.meetings.create(aMeeting({ id: 'ward-o.2026.06', residenceOrgId: 'ward-o' }), {
        events: [{ ...anEvent('MeetingPlanned', id), occurredAt: '2000-01-01T00:00:00.000Z' }],
      });

      // Act
      const before = (await repos.outbox.pending(500)).events;
      await repos.outbox.markSent(id);
      const after = (await repos.outbox.pending(500)).events;

      // Assess
      expect(before.map((e) => e.id)).toContain(id);
      expect(before[0]?.id).toBe(id);
      expect(after.map((e) => e.id)).not.toContain(id);
      expect((await repos.outbox.get(id))?.status).toBe('sent');
    });

    it('claims a key once', async () => {
      expect(await repos.idempotency.claim('telegram-update', '42', 3600)).toBe(true);
      expect(await repos.idempotency.claim('telegram-update', '42', 3600)).toBe(false);
      await repos.idempotency.complete('http', 'k1', 3600, { status: 201 });
      expect(await repos.idempotency.recall('http', 'k1', z.object({ status: z.number() }))).toEqual({
        status: 201,
      });
      const item = await repos.store.get(keys.idempotency('telegram-update', '42'));
      expect(typeof item?.ttl).toBe('number');
    });

    it('takes over a record past its TTL that DynamoDB has not deleted yet, and a claim whose holder died', async () => {
      // Prepare: a store whose clock the test moves; one key claimed for an hour, one in progress for 40 s.
      let now = new Date('2027-06-01T01:00:00Z');
      const store = new DynamoIdempotencyStore(repos.store, () => now);
      expect(await store.claim('http', 'expired', 3600)).toBe(true);
      expect(await store.claim('webhook', 'dies', 3600, { inProgressSeconds: 40 })).toBe(true);
      expect(await store.claim('webhook', 'finishes', 3600, { inProgressSeconds: 40 })).toBe(true);
      await store.complete('webhook', 'finishes', 3600, null);

      // Act: 30 s later (still in progress), then 41 s (the holder's time is up), then past the hour.
      now = new Date('2027-06-01T01:00:30Z');
      const whileRunning = await store.claim('webhook', 'dies', 3600, { inProgressSeconds: 40 });
      const statusWhileRunning = await store.status('webhook', 'dies');
      now = new Date('2027-06-01T01:00:41Z');
      const statusAfterDeath = await store.status('webhook', 'dies');
      const afterDeath = await store.claim('webhook', 'dies', 3600, { inProgressSeconds: 40 });
      const completedLater = await store.claim('webhook', 'finishes', 3600, { inProgressSeconds: 40 });
      const completedStatus = await store.status('webhook', 'finishes');
      const expiredEarly = await store.claim('http', 'expired', 3600);
      now = new Date('2027-06-01T02:00:01Z');
      const expiredLate = await store.claim('http', 'expired', 3600);

      // Assess
      expect([whileRunning, statusWhileRunning]).toEqual([false, 'in_progress']);
      expect([statusAfterDeath, afterDeath]).toEqual([undefined, true]);
      expect([completedLater, completedStatus]).toEqual([false, 'completed']);
      expect([expiredEarly, expiredLate]).toEqual([false, true]);
    });
  });
});
