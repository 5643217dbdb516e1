// integration tests: typed storage reads and record migrations on DynamoDB Local (issue 20 item 3): an item that
// does not parse is reported by its key and paths, never its values, by every repository; an old `v` reads in
// the current shape; the backfill rewrites old items once and a rerun changes nothing.
import { gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { backfill } from '../../shared/adapters/dynamodb/backfill.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { invitationItem } from '../../shared/adapters/dynamodb/meeting-repository.js';
import { memberItem } from '../../shared/adapters/dynamodb/member-repository.js';
import { RECORDS, readItem, StoredItemError } from '../../shared/adapters/dynamodb/records.js';
import type { Comment } from '../../shared/domain/comment.js';
import type { CommentRequest, Evaluation } from '../../shared/domain/evaluation.js';
import type { Minutes, MinutesRecord } from '../../shared/domain/minutes.js';
import { emptyReportBody, type OctoberReport } from '../../shared/domain/report.js';
import { keptLinkCodeSchema } from '../../shared/schemas/kept-results.js';
import { aMember, anEvent, anInvitation } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

describe('Typed storage reads and migrations', () => {
  let table: TestTable;
  let repos: Repositories;

  beforeAll(async () => {
    table = await createTestTable();
    repos = createRepositories(table);
  });
  afterAll(async () => {
    await table.drop();
  });

  const put = (item: Record<string, unknown>) =>
    table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
  const stored = async (key: { pk: string; sk: string }) =>
    (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item ?? {};

  /** An invitation as written before issue 15: `smsSent` alone said the letter went by SMS, and `v` was 1. */
  const v1Invitation = (meetingId: string, memberId: string, smsSent: boolean) => {
    const { via: _via, ...item } = invitationItem(
      anInvitation({ meetingId, memberId, memberName: 'Nguyễn Văn Bình', delivery: 'sent' }),
    );
    return { ...item, ...(smsSent ? { smsSent: true } : {}), v: 1 };
  };

  it('a stored member that does not parse is reported with its key and the failing paths, not its values', async () => {
    // Prepare: a member whose category was hand-edited to a value no build knows, and whose residence lost its kind
    const member = aMember({ fullName: 'Trần Thị Hòa', phone: '0912345678' });
    const { residence, ...rest } = memberItem(member);
    await put({ ...rest, residence: { address: 'Số 1 Lê Lợi' }, category: 'khách-mời' });

    // Act
    const read = repos.members.get(member.id);

    // Assess
    const error = await read.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemError);
    const message = (error as StoredItemError).message;
    const key = keys.member(member.id);
    expect(message).toContain(`pk=${key.pk}`);
    expect(message).toContain(`sk=${key.sk}`);
    expect((error as StoredItemError).paths).toEqual(expect.arrayContaining(['category', 'residence.kind']));
    for (const value of ['Trần Thị Hòa', '0912345678', 'khách-mời', 'Số 1 Lê Lợi', String(residence)]) {
      expect(message).not.toContain(value);
    }
  });

  /** A stored item's attributes changed by hand, as a defect or an operator's edit would leave it. */
  const corrupt = async (
    key: { pk: string; sk: string },
    change: (item: Record<string, unknown>) => object,
  ) => put({ ...change(await stored(key)), ...key });

  const NAME = 'Phạm Văn Đức';
  const comment: Comment = {
    id: 'c-typed',
    meetingId: 'typed.2026.06',
    residenceOrgId: 'phuong-typed',
    memberId: 'm-typed',
    authorName: NAME,
    topic: 'Đường làng',
    text: 'Đèn đường hỏng',
    raisedAt: '2026-06-10T01:00:00.000Z',
  };
  const record: MinutesRecord = {
    meeting: {
      residenceOrgId: 'phuong-typed',
      committeeName: 'Đảng ủy phường Typed',
      year: 2026,
      round: 'june',
      date: '2026-06-10',
      time: '08:00',
      place: 'Nhà văn hóa',
      chairName: 'Chủ trì',
    },
    attendance: { total: 1, present: 1, absent: 0 },
    rows: [{ memberId: 'm-typed', name: NAME, present: true }],
    absentees: [],
    previousComments: [],
    comments: [],
    commendations: [],
    frozenAt: '2026-06-10T03:00:00.000Z',
  };
  const minutes = (meetingId: string, withRecord: boolean): Minutes => ({
    meetingId,
    parts: { opening: 'Khai mạc' },
    signatures: {},
    addenda: [],
    ...(withRecord ? { record } : {}),
    version: 1,
  });
  const request: CommentRequest = {
    residenceOrgId: 'phuong-typed',
    memberId: 'm-typed',
    year: 2026,
    reason: 'reward',
    requestedBy: 'Công văn 12',
    requestedOn: '2026-09-01',
    recordedBy: 'staff-1',
    recordedAt: '2026-09-01T01:00:00.000Z',
  };
  const evaluation: Evaluation = {
    residenceOrgId: 'phuong-typed',
    memberId: 'm-typed',
    year: 2026,
    ruleSet: 'qd213-2020',
    form: {
      kind: 'qd213-full',
      criteria: { c1: 1, c2: 1, c3: 1, c4: 1, c5: 1 },
      proposal: 'none',
      otherComments: '',
    },
    flaggedR11: false,
    status: 'draft',
    version: 1,
  };
  const report: OctoberReport = {
    orgId: 'phuong-typed',
    year: 2026,
    version: 1,
    compiledAt: '2026-10-31T10:00:00.000Z',
    scope: 'residence',
    childOrgIds: [],
    body: emptyReportBody(),
  };
  const run = { id: 'reminders:2026-06-10', job: 'reminders' as const, slot: '2026-06-10', total: 2 };
  const AT = '2026-06-10T01:00:00.000Z';

  /**
   * One case per repository that read with a cast before: a valid item written through the repository, one
   * attribute broken by hand (to a value that must not reach the message), then the repository's read.
   */
  const cases: {
    name: string;
    write: () => Promise<unknown>;
    key: { pk: string; sk: string };
    change: (item: Record<string, unknown>) => object;
    read: () => Promise<unknown>;
    path: string;
    value: string;
  }[] = [
    {
      name: 'a comment (comments of a meeting)',
      write: () => repos.comments.add(comment),
      key: keys.comment(comment.meetingId, comment.raisedAt, comment.id),
      change: (i) => ({ ...i, answer: { status: 'xong rồi', text: 'Đã sửa' } }),
      read: () => repos.comments.ofMeeting(comment.meetingId),
      path: 'answer.status',
      value: 'xong rồi',
    },
    {
      name: 'the minutes',
      write: () => repos.minutes.save(minutes('typed.2026.06', false), 0),
      key: keys.minutes('typed.2026.06'),
      change: (i) => ({ ...i, signatures: { chair: { staffId: 's1', name: NAME } } }),
      read: () => repos.minutes.get('typed.2026.06'),
      path: 'signatures.chair.signedAt',
      value: NAME,
    },
    {
      name: "the minutes' record, kept gzipped in parts (reported with the minutes' key)",
      write: () => repos.minutes.save(minutes('typed.2026.10', true), 0),
      key: keys.minutesRecordPart('typed.2026.10', 0),
      change: (i) => ({
        ...i,
        bytes: gzipSync(
          JSON.stringify({ ...record, rows: [{ memberId: 'm-typed', name: NAME, present: 'có' }] }),
        ),
      }),
      read: () => repos.minutes.get('typed.2026.10'),
      path: 'rows.0.present',
      value: NAME,
    },
    {
      name: 'an evaluation',
      write: () => repos.evaluations.save(evaluation, 0),
      key: keys.evaluation('phuong-typed', 2026, 'm-typed'),
      change: (i) => ({ ...i, form: { ...(i.form as object), proposal: 'khen thưởng' } }),
      read: () => repos.evaluations.get('phuong-typed', 2026, 'm-typed'),
      path: 'form.proposal',
      value: 'khen thưởng',
    },
    {
      name: 'a comment request',
      write: () => repos.evaluations.recordCommentRequest(request),
      key: keys.commentRequest('m-typed', 'phuong-typed', 2026),
      change: (i) => ({ ...i, reason: 'bổ nhiệm gấp' }),
      read: () => repos.evaluations.getCommentRequest('phuong-typed', 2026, 'm-typed'),
      path: 'reason',
      value: 'bổ nhiệm gấp',
    },
    {
      name: 'an October report',
      write: () => repos.reports.save(report, undefined),
      key: keys.report('phuong-typed', 2026),
      change: (i) => ({ ...i, body: { ...(i.body as object), commendations: [NAME, 7] } }),
      read: () => repos.reports.get('phuong-typed', 2026),
      path: 'body.commendations.1',
      value: NAME,
    },
    {
      name: "a report's narrative",
      write: () =>
        repos.reports.saveNarrative(
          {
            orgId: 'phuong-typed',
            year: 2026,
            version: 1,
            assessment: 'Tốt',
            updatedBy: 'staff-1',
            updatedAt: AT,
          },
          0,
        ),
      key: keys.reportNarrative('phuong-typed', 2026),
      change: (i) => ({ ...i, assessment: { text: `Khó khăn của ${NAME}` } }),
      read: () => repos.reports.getNarrative('phuong-typed', 2026),
      path: 'assessment',
      value: NAME,
    },
    {
      name: "a chat user's draft",
      write: () =>
        repos.drafts.put(
          { channel: 'telegram', userId: 'u-typed', kind: 'absence', nonce: 'n1', data: {}, updatedAt: AT },
          3600,
        ),
      key: keys.draft('telegram', 'u-typed'),
      change: (i) => ({ ...i, data: `Lý do của ${NAME}` }),
      read: () => repos.drafts.get('telegram', 'u-typed'),
      path: 'data',
      value: NAME,
    },
    {
      name: 'the draft read by the RSVP press with the link and the invitation',
      write: () =>
        repos.drafts.put(
          { channel: 'telegram', userId: 'u-press', kind: 'absence', nonce: 'n1', data: {}, updatedAt: AT },
          3600,
        ),
      key: keys.draft('telegram', 'u-press'),
      change: (i) => ({ ...i, channel: 'viber' }),
      read: () => repos.rsvpPresses.read('telegram', 'u-press', 'typed.2026.06', 'm-typed'),
      path: 'channel',
      value: 'viber',
    },
    {
      name: 'an invitation job',
      write: () =>
        repos.invitationJobs.start({
          id: 'invitations:typed.2026.06',
          meetingId: 'typed.2026.06',
          residenceOrgId: 'phuong-typed',
          startedBy: 'staff-1',
          startedAt: AT,
          run: 1,
          total: 0,
          sent: 0,
          noChat: 0,
          undeliverable: 0,
        }),
      key: keys.job('invitations:typed.2026.06'),
      change: (i) => ({ ...i, sent: 'ba mươi' }),
      read: () => repos.invitationJobs.get('invitations:typed.2026.06'),
      path: 'sent',
      value: 'ba mươi',
    },
    {
      name: 'an import job',
      write: () =>
        repos.importJobs.create({
          id: 'import:telegram:1:2',
          workplaceOrgId: 'cq-typed',
          startedBy: 'staff-1',
          role: 'workplace_staff',
          channel: 'telegram',
          fileId: 'f1',
          fileName: 'danh-sach.csv',
          createdAt: AT,
          report: { channel: 'telegram', chatId: '1' },
        }),
      key: keys.job('import:telegram:1:2'),
      change: (i) => ({ ...i, role: 'khách mời' }),
      read: () => repos.importJobs.get('import:telegram:1:2'),
      path: 'role',
      value: 'khách mời',
    },
    {
      name: "a scheduled job's run",
      write: () => repos.jobRuns.dispatch(run, AT),
      key: keys.job(run.id),
      change: (i) => ({ ...i, job: 'gửi thư' }),
      read: () => repos.jobRuns.get(run.id),
      path: 'job',
      value: 'gửi thư',
    },
    {
      name: "a committee's marker in a run",
      write: async () => {
        await repos.jobRuns.dispatch({ ...run, id: 'reminders:2026-06-11', slot: '2026-06-11' }, AT);
        await repos.jobRuns.markDone('reminders:2026-06-11', 'phuong-typed', { sent: 1 }, AT);
      },
      key: keys.jobTask('reminders:2026-06-11', 'phuong-typed'),
      change: (i) => ({ ...i, status: 'xong' }),
      read: () => repos.jobRuns.statuses('reminders:2026-06-11', ['phuong-typed']),
      path: 'status',
      value: 'xong',
    },
    {
      name: 'an event in the outbox',
      write: () => repos.store.transact([], [anEvent('RsvpRecorded', 'evt-typed')]),
      key: keys.outbox('evt-typed'),
      change: (i) => ({ ...i, event: { ...(i.event as object), type: 'Đã gửi' } }),
      read: () => repos.outbox.get('evt-typed'),
      path: 'event.type',
      value: 'Đã gửi',
    },
    {
      name: "an idempotency key's kept result",
      write: () =>
        repos.idempotency.complete('link-sheet', 'phuong-typed:m-1', 3600, { code: 'K7P2Q9', expiresAt: AT }),
      key: keys.idempotency('link-sheet', 'phuong-typed:m-1'),
      change: (i) => ({ ...i, result: { code: ['ngày mai'], expiresAt: AT } }),
      read: () => repos.idempotency.recall('link-sheet', 'phuong-typed:m-1', keptLinkCodeSchema),
      path: 'code',
      value: 'ngày mai',
    },
  ];

  it.each(cases)('$name: a stored item that does not parse is reported with its key, not cast', async (c) => {
    // Prepare
    await c.write();
    await corrupt(c.key, c.change);

    // Act
    const error = await c.read().catch((e: unknown) => e);

    // Assess: the key of the item (the minutes' own for their record), the path, no value
    expect(error).toBeInstanceOf(StoredItemError);
    const { message, key, paths } = error as StoredItemError;
    const expectedKey = c.key.sk.startsWith('MINUTES#RECORD#') ? keys.minutes('typed.2026.10') : c.key;
    expect(key).toEqual(expectedKey);
    expect(message).toContain(`pk=${expectedKey.pk} sk=${expectedKey.sk}`);
    expect(paths).toContain(c.path);
    expect(message).not.toContain(c.value);
    expect(message).not.toContain(NAME);
  });

  it('an item stored under another type is refused, not read as the asked one', () => {
    // Prepare
    const item = { ...memberItem(aMember({ id: 'm-wrong-type' })), type: 'PartyCard' };

    // Act
    const read = () => readItem('Member', item);

    // Assess
    expect(read).toThrow(StoredItemError);
    expect(read).toThrow(/stored as PartyCard/);
  });

  it('a v1 invitation sent by SMS reads as v2, with the path that carried it', async () => {
    // Prepare
    await put(v1Invitation('mig.2026.06', 'm-sms', true));
    await put(v1Invitation('mig.2026.06', 'm-chat', false));

    // Act
    const bySms = await repos.invitations.get('mig.2026.06', 'm-sms');
    const byChat = await repos.invitations.get('mig.2026.06', 'm-chat');

    // Assess
    expect(bySms).toMatchObject({
      memberId: 'm-sms',
      via: 'sms',
      smsSent: true,
      memberName: 'Nguyễn Văn Bình',
    });
    expect(bySms).not.toHaveProperty('v');
    expect(byChat?.via).toBeUndefined();
    expect(RECORDS.Invitation.version).toBe(2);
  });

  it('new items are written with the current version', async () => {
    // Prepare
    const invitation = anInvitation({ meetingId: 'new.2026.06', memberId: 'm-new' });

    // Act
    await repos.invitations.createOnce(invitation);

    // Assess
    expect((await stored(keys.invitation('new.2026.06', 'm-new'))).v).toBe(2);
  });

  it('the backfill rewrites the old invitations once, keeps what it does not migrate, and a rerun changes nothing', async () => {
    // Prepare: a table of its own (the backfill reads the whole table): three v1 invitations (two by SMS), one
    // current one, and a v1 member (another type)
    const own = await createTestTable();
    onTestFinished(() => own.drop());
    const put = (item: Record<string, unknown>) =>
      own.doc.send(new PutCommand({ TableName: own.tableName, Item: item }));
    const stored = async (key: { pk: string; sk: string }) =>
      (await own.doc.send(new GetCommand({ TableName: own.tableName, Key: key }))).Item ?? {};
    const meeting = 'bf.2026.10';
    await put(v1Invitation(meeting, 'b1', true));
    await put(v1Invitation(meeting, 'b2', true));
    await put({ ...v1Invitation(meeting, 'b3', false), rsvp: 'attending' });
    await put(invitationItem(anInvitation({ meetingId: meeting, memberId: 'b4', via: 'zalo' })));
    await put(memberItem(aMember({ id: 'bf-member' })));

    // Act
    const first = await backfill(own, 'Invitation', { pageSize: 2 });
    const second = await backfill(own, 'Invitation', { pageSize: 2 });

    // Assess
    expect(first).toEqual({ old: 3, rewritten: 3, raced: 0, invalid: [] });
    expect(second).toEqual({ old: 0, rewritten: 0, raced: 0, invalid: [] });
    const b1 = await stored(keys.invitation(meeting, 'b1'));
    expect(b1).toMatchObject({
      v: 2,
      via: 'sms',
      smsSent: true,
      type: 'Invitation',
      memberName: 'Nguyễn Văn Bình',
    });
    expect(b1.gsi1pk).toBe(invitationItem(anInvitation({ meetingId: meeting, memberId: 'b1' })).gsi1pk);
    const b3 = await stored(keys.invitation(meeting, 'b3'));
    expect(b3).toMatchObject({ v: 2, rsvp: 'attending' });
    expect(b3).not.toHaveProperty('via');
    expect((await stored(keys.member('bf-member'))).v).toBe(1);
  });

  it('the backfill reports an old item that does not parse by its key, and leaves it as it is', async () => {
    // Prepare
    const own = await createTestTable();
    onTestFinished(() => own.drop());
    const item = { ...v1Invitation('bad.2026.10', 'x1', true), rsvp: 'có lẽ' };
    await own.doc.send(new PutCommand({ TableName: own.tableName, Item: item }));

    // Act
    const result = await backfill(own, 'Invitation');

    // Assess
    expect(result.rewritten).toBe(0);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toContain(`pk=${keys.invitation('bad.2026.10', 'x1').pk}`);
    expect(result.invalid[0]).toContain('rsvp');
    expect(result.invalid[0]).not.toContain('có lẽ');
    const after = await own.doc.send(
      new GetCommand({ TableName: own.tableName, Key: keys.invitation('bad.2026.10', 'x1') }),
    );
    expect(after.Item?.v).toBe(1);
  });
});
