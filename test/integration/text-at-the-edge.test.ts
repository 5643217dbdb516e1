// Integration: free text is normalised once where it enters — an HTTP body and a bot message — so a
// right-to-left override (U+202E) or a zero-width space never reaches a stored name or reason, and a body
// that is not UTF-8 is a 400 that writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createCommittee } from '../../functions/http/admin-committees-create.js';
import { RecordingIdentityDirectory } from '../../shared/adapters/memory/identity-directory.js';
import type { Principal } from '../../shared/domain/roles.js';
import { bootstrapAdministrator, firstAdminId } from '../../shared/services/bootstrap.js';
import { anInvitedMember } from '../support/bot-invitations.js';
import { aPlannedMeeting, type BotWorld, createBotWorld } from '../support/bot-world.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, checkedDeps, type TestDeps, testClock } from '../support/http.js';

const RLO = '\u202E';
const ZWSP = '\u200B';
/** "Hòa" typed with a combining grave accent (o + U+0300): NFC composes it to "ò". */
const DECOMPOSED_HOA = 'Ho\u0300a';

describe('HTTP: text in a request body', () => {
  const BOARD = 'tp-van-ban';
  const ADMIN: Principal = { sub: firstAdminId(BOARD), orgId: BOARD, role: 'admin' };
  let table: TestTable;
  let deps: TestDeps;
  const create = createCommittee(() => deps);

  beforeAll(async () => {
    table = await createTestTable();
    const identity = new RecordingIdentityDirectory();
    deps = checkedDeps(table, { clock: testClock('2026-03-02T03:00:00Z'), identity });
    let seq = 0;
    await bootstrapAdministrator(
      { boardId: BOARD, boardName: 'Ban Tổ chức Thành ủy', adminName: 'Trần Văn Quản' },
      { ...deps.repos, identity, clock: deps.clock, newCode: () => `TXT${++seq}` },
    );
  });
  afterAll(async () => {
    await table.drop();
  });

  it('stores a name without bidi overrides or zero-width characters, composed (NFC)', async () => {
    // Act
    const answer = await call(create, {
      method: 'POST',
      route: '/committees',
      principal: ADMIN,
      body: {
        id: 'phuong-hoa-an',
        name: `Đảng ủy phường ${RLO}An ${ZWSP}${DECOMPOSED_HOA}`,
        kind: 'residence',
        parentId: BOARD,
        hamlets: [{ id: 'ha-kv1', name: `${ZWSP}Khu vực 1${RLO}` }],
      },
    });

    // Assess
    expect(answer.status).toBe(201);
    expect((await deps.repos.committees.get('phuong-hoa-an'))?.name).toBe('Đảng ủy phường An Hòa');
    expect((await deps.repos.committees.get('ha-kv1'))?.name).toBe('Khu vực 1');
  });

  it('refuses a body that is not UTF-8 with a 400 in Vietnamese, writing nothing', async () => {
    // Prepare: Latin-1 bytes for "Hòa" (0xF2 is not UTF-8 on its own)
    const latin1 = Buffer.from(
      '{"id":"phuong-latin","name":"Đảng ủy phường Hòa","kind":"residence","parentId":"tp-van-ban"}',
      'latin1',
    );

    // Act
    const answer = await call(create, {
      method: 'POST',
      route: '/committees',
      principal: ADMIN,
      body: latin1,
      headers: { 'content-type': 'application/json' },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain('nội dung không phải văn bản UTF-8 hợp lệ');
    expect(await deps.repos.committees.get('phuong-latin')).toBeUndefined();
  });

  it('refuses a name that is nothing but invisible characters as empty', async () => {
    // Act
    const answer = await call(create, {
      method: 'POST',
      route: '/committees',
      principal: ADMIN,
      body: { id: 'phuong-trong', name: `${RLO}${ZWSP} `, kind: 'residence', parentId: BOARD },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain('không được để trống');
    expect(await deps.repos.committees.get('phuong-trong')).toBeUndefined();
  });
});

describe('Bot: text in a message', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await createBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it("stores an absence reason without the override that would reverse the staff's paper list", async () => {
    // Prepare
    const meeting = await aPlannedMeeting(world);
    const { member, user, messageId } = await anInvitedMember(world, meeting, 'Lê Văn Đảo');
    await world.emu.pressButton({ user, messageId, text: 'Vắng mặt' });
    await world.emu.pressButton({ user, messageId, text: 'Ốm đau' });

    // Act
    await world.emu.sendUserMessage({ user, text: `Nằm viện${ZWSP} ${RLO}3 ngày` });

    // Assess
    const invitation = await world.repos.invitations.get(meeting.id, member.id);
    expect(invitation?.absence?.text).toBe('Nằm viện 3 ngày');
  });
});
