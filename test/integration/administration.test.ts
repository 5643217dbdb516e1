// Integration (DynamoDB Local): the administrator's routes and use cases — bootstrap, the tree, staff grants and
// revokes, the claims check on every call, the committees' CSV — with the stored state checked after each refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as closeCommittee } from '../../functions/http/admin-committees-close.js';
import { createHandler as createCommittee } from '../../functions/http/admin-committees-create.js';
import { createHandler as importCommittees } from '../../functions/http/admin-committees-import.js';
import { createHandler as moveCommittee } from '../../functions/http/admin-committees-move.js';
import { createHandler as updateCommittee } from '../../functions/http/admin-committees-update.js';
import { createHandler as assignStaff } from '../../functions/http/admin-staff-assign.js';
import { createHandler as listStaff } from '../../functions/http/admin-staff-list.js';
import { createHandler as revokeStaff } from '../../functions/http/admin-staff-revoke.js';
import { createHandler as committeeMembers } from '../../functions/http/committees-members.js';
import { createHandler as preToken } from '../../functions/identity/pre-token-generation.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { RecordingIdentityDirectory } from '../../shared/adapters/memory/identity-directory.js';
import type { Principal } from '../../shared/domain/roles.js';
import { bootstrapAdministrator, firstAdminId } from '../../shared/services/bootstrap.js';
import { chatActor } from '../../shared/services/chat-actors.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, checkedDeps, type TestDeps, testClock } from '../support/http.js';

const BOARD = 'tp-can-tho';
const DISTRICT = 'quan-ninh-kieu';
const OTHER = 'quan-cai-rang';
const ADMIN: Principal = { sub: firstAdminId(BOARD), orgId: BOARD, role: 'admin' };

let seq = 0;
const newCode = () => `CODE${String(++seq).padStart(4, '0')}`;

describe('HTTP: administration (committees, staff, sign-in claims)', () => {
  let table: TestTable;
  let deps: TestDeps;
  let identity: RecordingIdentityDirectory;
  const d = () => deps;
  const h = {
    create: createCommittee(d),
    update: updateCommittee(d),
    move: moveCommittee(d),
    close: closeCommittee(d),
    import: importCommittees(d),
    assign: assignStaff(d, { botUsername: () => 'lienhe_test_bot', newCode }),
    list: listStaff(d),
    revoke: revokeStaff(d),
    members: committeeMembers(d),
  };
  const create = (body: Record<string, unknown>, principal: Principal = ADMIN) =>
    call<Record<string, unknown>>(h.create, { method: 'POST', route: '/committees', body, principal });
  const assign = (orgId: string, body: Record<string, unknown>, principal: Principal = ADMIN) =>
    call<{ personId: string; code: string; deepLink: string; qrPng: string; outcome: string }>(h.assign, {
      method: 'POST',
      route: '/committees/{id}/staff',
      pathParameters: { id: orgId },
      body,
      principal,
    });

  beforeAll(async () => {
    table = await createTestTable();
    identity = new RecordingIdentityDirectory();
    deps = checkedDeps(table, { clock: testClock('2026-03-02T03:00:00Z'), identity });
    // The first administrator, from an empty table, as `npm run admin -- bootstrap` does.
    await bootstrapAdministrator(
      { boardId: BOARD, boardName: 'Ban Tổ chức Thành ủy Cần Thơ', adminName: 'Trần Văn Quản' },
      { ...deps.repos, identity, clock: deps.clock, newCode },
    );
    expect(
      (await create({ id: DISTRICT, name: 'Quận ủy Ninh Kiều', kind: 'board', parentId: BOARD })).status,
    ).toBe(201);
    expect(
      (await create({ id: OTHER, name: 'Quận ủy Cái Răng', kind: 'board', parentId: BOARD })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await table.drop();
  });

  describe('bootstrap', () => {
    it('is idempotent: a second run creates nothing and prints a fresh code', async () => {
      // Prepare
      const ports = { ...deps.repos, identity, clock: deps.clock, newCode };
      const input = { boardId: BOARD, boardName: 'Ban Tổ chức Thành ủy Cần Thơ', adminName: 'Trần Văn Quản' };

      // Act
      const again = await bootstrapAdministrator(input, ports);

      // Assess
      expect(again.boardCreated).toBe(false);
      expect(again.assignment).toBe('exists');
      expect(await deps.repos.staff.assignmentsOf(ADMIN.sub)).toHaveLength(1);
      expect(await deps.repos.chatLinks.getLinkCode(again.linkCode.code)).toMatchObject({
        subject: { kind: 'staff', id: ADMIN.sub },
      });
    });
  });

  describe('committees', () => {
    it('creates a ward with its hamlets (named cells stored with it) and refuses a duplicate id, writing nothing', async () => {
      // Prepare
      const ward = {
        id: 'phuong-an-hoa',
        name: 'Đảng ủy phường An Hòa',
        kind: 'residence',
        parentId: DISTRICT,
        hamlets: [
          { id: 'ah-kv1', name: 'Khu vực 1' },
          { id: 'ah-kv2', name: 'Khu vực 2' },
        ],
      };

      // Act
      const first = await create(ward);
      const duplicate = await create({
        ...ward,
        name: 'Khác',
        hamlets: [{ id: 'ah-kv9', name: 'Khu vực 9' }],
      });

      // Assess
      expect(first.status).toBe(201);
      expect(duplicate.status).toBe(409);
      expect(JSON.stringify(duplicate.json)).toContain('đã được dùng');
      expect((await deps.repos.committees.get('phuong-an-hoa'))?.name).toBe('Đảng ủy phường An Hòa');
      expect(await deps.repos.committees.get('ah-kv9')).toBeUndefined();
      expect(await deps.repos.committees.get('ah-kv1')).toMatchObject({
        kind: 'hamlet_cell',
        parentId: 'phuong-an-hoa',
      });
    });

    it('refuses a move under its own descendant (409 cycle), and nothing moves', async () => {
      // Prepare
      await create({ id: 'khoi-1', name: 'Đảng bộ khối 1', kind: 'board', parentId: DISTRICT });

      // Act
      const res = await call(h.move, {
        method: 'POST',
        route: '/committees/{id}/move',
        pathParameters: { id: DISTRICT },
        body: { parentId: 'khoi-1' },
        principal: ADMIN,
      });

      // Assess
      expect(res.status).toBe(409);
      expect(JSON.stringify(res.json)).toContain('nằm trong chính đơn vị này');
      expect((await deps.repos.committees.get(DISTRICT))?.parentId).toBe(BOARD);
    });

    it("refuses an admin of another subtree (403 in Vietnamese), and an admin's own board", async () => {
      // Prepare
      const other = await assign(OTHER, { role: 'admin', fullName: 'Lê Thị Khác' });
      const otherAdmin: Principal = { sub: other.json.personId, orgId: OTHER, role: 'admin' };

      // Act
      const intoDistrict = await create(
        { id: 'xa-la', name: 'Đảng ủy xã Lạ', kind: 'residence', parentId: DISTRICT },
        otherAdmin,
      );
      const renameOwn = await call(h.update, {
        method: 'PUT',
        route: '/committees/{id}',
        pathParameters: { id: OTHER },
        body: { name: 'Tên mới' },
        principal: otherAdmin,
      });

      // Assess
      expect(other.status).toBe(201);
      expect(intoDistrict.status).toBe(403);
      expect(JSON.stringify(intoDistrict.json)).toContain('quản trị viên');
      expect(renameOwn.status).toBe(403);
      expect(await deps.repos.committees.get('xa-la')).toBeUndefined();
      expect((await deps.repos.committees.get(OTHER))?.name).toBe('Quận ủy Cái Răng');
    });

    it('renames a hamlet and adds one, keeping the old ids; removing one is refused', async () => {
      // Prepare
      await create({
        id: 'phuong-cai-khe',
        name: 'Đảng ủy phường Cái Khế',
        kind: 'residence',
        parentId: DISTRICT,
        hamlets: [{ id: 'ck-kv1', name: 'KV 1' }],
      });
      const put = (body: unknown) =>
        call(h.update, {
          method: 'PUT',
          route: '/committees/{id}',
          pathParameters: { id: 'phuong-cai-khe' },
          body,
          principal: ADMIN,
        });

      // Act
      const changed = await put({
        hamlets: [
          { id: 'ck-kv1', name: 'Khu vực 1' },
          { id: 'ck-kv2', name: 'Khu vực 2' },
        ],
      });
      const removed = await put({ hamlets: [{ id: 'ck-kv2', name: 'Khu vực 2' }] });

      // Assess
      expect(changed.status).toBe(200);
      expect(removed.status).toBe(400);
      const ward = await deps.repos.committees.get('phuong-cai-khe');
      expect(ward?.hamlets?.map((x) => x.name)).toEqual(['Khu vực 1', 'Khu vực 2']);
      expect((await deps.repos.committees.get('ck-kv1'))?.name).toBe('Khu vực 1');
      expect(await deps.repos.committees.get('ck-kv2')).toMatchObject({ kind: 'hamlet_cell' });
    });

    it('closes a committee (kept, marked closed) and refuses new staff there', async () => {
      // Prepare
      await create({ id: 'so-cu', name: 'Chi bộ Sở cũ', kind: 'workplace', parentId: DISTRICT });

      // Act
      const closed = await call(h.close, {
        method: 'POST',
        route: '/committees/{id}/close',
        pathParameters: { id: 'so-cu' },
        principal: ADMIN,
      });
      const staff = await assign('so-cu', { role: 'workplace_staff', fullName: 'Phan Văn Muộn' });

      // Assess
      expect(closed.status).toBe(200);
      expect((await deps.repos.committees.get('so-cu'))?.closedAt).toBe('2026-03-02T03:00:00.000Z');
      expect(staff.status).toBe(409);
      expect(await deps.repos.staff.ofCommittee('so-cu')).toEqual([]);
    });

    it('imports committees from a CSV; a malformed file reports each bad line and writes nothing', async () => {
      // Prepare
      const bad = [
        'ma_don_vi,ten,loai,ma_cap_tren,ap_khu_vuc',
        `phuong-tan-an,Đảng ủy phường Tân An,phuong_xa,${DISTRICT},ta-kv1: Khu vực 1 | ta-kv2: Khu vực 2`,
        `so-gd,Đảng ủy Sở Giáo dục,co_quan,${DISTRICT},`,
        `phuong-x,,phuong_xa,${DISTRICT},`,
        `so-gd,Trùng,co_quan,${DISTRICT},`,
        `truong-y,Trường Y,truong,khong-co,`,
      ].join('\n');
      const good = bad.split('\n').slice(0, 3).join('\n');
      const send = (csv: string) =>
        call<{ created: number; failed: number; errors: { line: number; code: string }[] }>(h.import, {
          method: 'POST',
          route: '/committees/import',
          headers: { 'content-type': 'text/csv; charset=utf-8' },
          body: csv,
          principal: ADMIN,
        });

      // Act
      const refused = await send(bad);
      const afterRefusal = await deps.repos.committees.get('phuong-tan-an');
      const accepted = await send(good);

      // Assess
      expect(refused.status).toBe(200);
      expect(refused.json.created).toBe(0);
      expect(refused.json.errors.map((e) => [e.line, e.code])).toEqual([
        [4, 'validation_failed'],
        [5, 'duplicate_in_file'],
        [6, 'not_found'],
      ]);
      expect(afterRefusal).toBeUndefined();
      expect(accepted.json.created).toBe(2);
      expect((await deps.repos.committees.get('phuong-tan-an'))?.hamlets).toEqual([
        { id: 'ta-kv1', name: 'Khu vực 1' },
        { id: 'ta-kv2', name: 'Khu vực 2' },
      ]);
    });
  });

  describe('staff', () => {
    it('assigns with a link code, deep link and QR; the same person may hold a second committee', async () => {
      // Prepare
      await create({
        id: 'phuong-hung-loi',
        name: 'Đảng ủy phường Hưng Lợi',
        kind: 'residence',
        parentId: DISTRICT,
      });
      await create({
        id: 'so-tai-chinh',
        name: 'Đảng ủy Sở Tài chính',
        kind: 'workplace',
        parentId: DISTRICT,
      });

      // Act
      const first = await assign('phuong-hung-loi', {
        role: 'residence_staff',
        fullName: 'Ngô Thị Hai',
        email: 'Hai.Ngo@example.org',
      });
      const second = await assign('so-tai-chinh', { role: 'workplace_staff', personId: first.json.personId });
      const repeat = await assign('so-tai-chinh', { role: 'workplace_staff', personId: first.json.personId });

      // Assess
      expect(first.status).toBe(201);
      expect(first.json.deepLink).toBe(`https://t.me/lienhe_test_bot?start=${first.json.code}`);
      expect(first.json.qrPng.startsWith('data:image/png;base64,')).toBe(true);
      expect(second.status).toBe(201);
      expect(repeat.status).toBe(200);
      expect(repeat.json.outcome).toBe('exists');
      const held = await deps.repos.staff.assignmentsOf(first.json.personId);
      expect(held.map((a) => [a.orgId, a.role]).sort()).toEqual([
        ['phuong-hung-loi', 'residence_staff'],
        ['so-tai-chinh', 'workplace_staff'],
      ]);
      expect(identity.users.get('hai.ngo@example.org')).toMatchObject({
        staffId: first.json.personId,
        enabled: true,
      });
    });

    it('refuses a role the caller may not grant: a non-admin, and a role the committee cannot hold', async () => {
      // Prepare
      const staffBody = { role: 'residence_staff', fullName: 'Đinh Văn Ba' };
      const boardStaff = await assign(DISTRICT, { role: 'board_staff', fullName: 'Vũ Thị Bốn' });
      const asBoardStaff: Principal = { sub: boardStaff.json.personId, orgId: DISTRICT, role: 'board_staff' };
      const before = await deps.repos.staff.ofCommittee('phuong-an-hoa');

      // Act
      const byNonAdmin = await assign('phuong-an-hoa', staffBody, asBoardStaff);
      const wrongRole = await assign('phuong-an-hoa', { role: 'admin', fullName: 'Đinh Văn Ba' });

      // Assess
      expect(byNonAdmin.status).toBe(403);
      expect(wrongRole.status).toBe(403);
      expect(JSON.stringify(wrongRole.json)).toContain('không có quyền giao vai trò này');
      expect(await deps.repos.staff.ofCommittee('phuong-an-hoa')).toEqual(before);
    });

    it('a revoked assignment stops working at once (403 on the next call, chat actor gone, sign-in refused)', async () => {
      // Prepare
      const granted = await assign('phuong-an-hoa', {
        role: 'residence_staff',
        fullName: 'Hoàng Văn Năm',
        email: 'nam@example.org',
      });
      const nam: Principal = { sub: granted.json.personId, orgId: 'phuong-an-hoa', role: 'residence_staff' };
      const members = () =>
        call(h.members, {
          method: 'GET',
          route: '/committees/{id}/members',
          pathParameters: { id: 'phuong-an-hoa' },
          principal: nam,
        });
      await deps.repos.chatLinks.useLinkCode(
        granted.json.code,
        { channel: 'telegram', userId: '555', chatId: '555', linkedAt: '2026-03-02T03:00:00Z' },
        deps.clock.now(),
      );
      const before = await members();

      // Act
      const revoked = await call(h.revoke, {
        method: 'DELETE',
        route: '/committees/{id}/staff/{personId}/{role}',
        pathParameters: { id: 'phuong-an-hoa', personId: nam.sub, role: 'residence_staff' },
        principal: ADMIN,
      });
      const after = await members();
      const actor = await chatActor('telegram', '555', deps.repos);
      const signIn = await preToken(() => deps)({
        version: '2',
        triggerSource: 'TokenGeneration_Authentication',
        region: 'ap-southeast-1',
        userPoolId: 'pool',
        userName: 'nam@example.org',
        callerContext: { awsSdkVersion: '3', clientId: 'client' },
        request: { userAttributes: { 'custom:staff_id': nam.sub }, groupConfiguration: {} },
        response: { claimsAndScopeOverrideDetails: {} },
      }).catch((e: Error) => e);

      // Assess
      expect(before.status).toBe(200);
      expect(revoked.status).toBe(200);
      expect(after.status).toBe(403);
      expect(JSON.stringify(after.json)).toContain('không còn');
      expect(actor).toBeUndefined();
      expect(String(signIn)).toContain('không giữ vai trò nào');
      expect(identity.users.get('nam@example.org')?.enabled).toBe(false);
    });

    it('a token naming a committee its holder is not assigned to is refused (403)', async () => {
      // Prepare
      const forged: Principal = { sub: ADMIN.sub, orgId: DISTRICT, role: 'admin' };

      // Act
      const res = await call(h.list, {
        method: 'GET',
        route: '/committees/{id}/staff',
        pathParameters: { id: DISTRICT },
        principal: forged,
      });

      // Assess
      expect(res.status).toBe(403);
    });

    it('pre-token generation sets orgId and role from the assignment asked for in clientMetadata', async () => {
      // Prepare
      const granted = await assign(DISTRICT, { role: 'viewer', fullName: 'Lý Thị Sáu' });
      await assign('phuong-an-hoa', { role: 'viewer', personId: granted.json.personId });
      const event = (clientMetadata?: Record<string, string>) => ({
        version: '2',
        triggerSource: 'TokenGeneration_Authentication' as const,
        region: 'ap-southeast-1',
        userPoolId: 'pool',
        userName: 'sau@example.org',
        callerContext: { awsSdkVersion: '3', clientId: 'client' },
        request: {
          userAttributes: { 'custom:staff_id': granted.json.personId },
          groupConfiguration: {},
          ...(clientMetadata ? { clientMetadata } : {}),
        },
        response: { claimsAndScopeOverrideDetails: {} },
      });

      // Act
      const first = await preToken(() => deps)(event());
      const chosen = await preToken(() => deps)(event({ orgId: 'phuong-an-hoa' }));
      const notHeld = await preToken(() => deps)(event({ orgId: OTHER })).catch((e: Error) => e);

      // Assess
      // Without a choice: one of the person's assignments (the first in the table's order).
      expect(
        first.response.claimsAndScopeOverrideDetails.idTokenGeneration?.claimsToAddOrOverride,
      ).toMatchObject({
        staffId: granted.json.personId,
        role: 'viewer',
      });
      expect(
        chosen.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
      ).toMatchObject({
        orgId: 'phuong-an-hoa',
      });
      expect(String(notHeld)).toContain('đơn vị đã chọn');
    });

    it('an older one-assignment record keeps working and gains a second assignment without losing the first', async () => {
      // Prepare
      await deps.repos.staff.put({
        id: 'st-cu',
        orgId: 'phuong-an-hoa',
        role: 'chair',
        fullName: 'Tạ Văn Cũ',
      });

      // Act
      const res = await assign(DISTRICT, { role: 'viewer', personId: 'st-cu' });

      // Assess
      expect(res.status).toBe(201);
      const held = await deps.repos.staff.assignmentsOf('st-cu');
      expect(held.map((a) => `${a.orgId}/${a.role}`).sort()).toEqual([
        'phuong-an-hoa/chair',
        `${DISTRICT}/viewer`,
      ]);
      const meta = await deps.repos.staff.person('st-cu');
      expect(meta).toEqual({ id: 'st-cu', fullName: 'Tạ Văn Cũ' });
      const raw = await table.doc.send(
        new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
          TableName: table.tableName,
          Key: keys.staff('st-cu'),
        }),
      );
      expect(raw.Item?.v).toBe(2);
      expect((await deps.repos.staff.ofCommittee('phuong-an-hoa')).map((s) => s.id)).toContain('st-cu');
    });
  });
});
