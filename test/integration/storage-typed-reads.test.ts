// integration tests: typed storage reads and record migrations on DynamoDB Local (issue 20 item 3): an item that
// does not parse is reported by its key and paths, never its values; an old `v` reads in the current shape; the
// backfill rewrites old items once and a rerun changes nothing.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { backfill } from '../../shared/adapters/dynamodb/backfill.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { invitationItem } from '../../shared/adapters/dynamodb/meeting-repository.js';
import { memberItem } from '../../shared/adapters/dynamodb/member-repository.js';
import { RECORDS, readItem, StoredItemError } from '../../shared/adapters/dynamodb/records.js';
import { aMember, anInvitation } from '../support/builders.js';
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
