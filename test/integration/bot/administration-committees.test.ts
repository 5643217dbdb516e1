// Integration (webhook + Telegram emulator): the administrator keeps the tree in the chat — from /donvi a committee's
// detail renames, moves (a cycle refused), closes (then new staff refused), adds a ward's hamlet, lists and revokes
// staff (the revoked person refused at once); a committee CSV sent as a file (on Telegram or Zalo) is imported,
// failed lines sent back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIdentityDirectory } from '../../../shared/adapters/memory/identity-directory.js';
import { bootstrapAdministrator, firstAdminId } from '../../../shared/services/bootstrap.js';
import { createCommittee } from '../../../shared/services/committees.js';
import { assignStaff } from '../../../shared/services/staff-assignments.js';
import { aUser, type BotWorld, createBotWorld, link, STAFF } from '../../support/bot-world.js';
import { aChatPerson, linkPerson } from '../../support/chat-channels.js';

const BOARD = 'ban-to-chuc-tp';
const DISTRICT = 'quan-ninh-kieu';
const SUB_BOARD = 'ban-xay-dung-dang';
const WARD = 'phuong-cai-khe';
const WORK = 'so-cong-thuong';

describe('Feature: the administrator keeps the committees in the chat', () => {
  let world: BotWorld;
  const admin = aUser('Quản');
  const wardStaff = aUser('Thu');
  const adminPrincipal = { sub: firstAdminId(BOARD), orgId: BOARD, role: 'admin' as const };
  let seq = 0;

  beforeAll(async () => {
    world = await createBotWorld({ zalo: true });
    const ports = { committees: world.repos.committees, clock: world.clock };
    const boot = await bootstrapAdministrator(
      { boardId: BOARD, boardName: 'Ban Tổ chức Thành ủy', adminName: 'Trần Văn Quản' },
      {
        ...world.repos,
        identity: new RecordingIdentityDirectory(),
        clock: world.clock,
        newCode: () => `BOOT${String(++seq).padStart(4, '0')}`,
      },
    );
    await world.emu.sendUserMessage({ user: admin, text: `/start ${boot.linkCode.code}` });
    // A district under the board, a board under the district (for the cycle), a ward and a workplace.
    await createCommittee(
      adminPrincipal,
      { id: DISTRICT, name: 'Quận ủy Ninh Kiều', kind: 'board', parentId: BOARD },
      ports,
    );
    await createCommittee(
      adminPrincipal,
      { id: SUB_BOARD, name: 'Ban Xây dựng Đảng Ninh Kiều', kind: 'board', parentId: DISTRICT },
      ports,
    );
    await createCommittee(
      adminPrincipal,
      {
        id: WARD,
        name: 'Đảng ủy phường Cái Khế',
        kind: 'residence',
        parentId: BOARD,
        hamlets: [{ id: 'ck-kv1', name: 'Khu vực 1' }],
      },
      ports,
    );
    await createCommittee(
      adminPrincipal,
      { id: WORK, name: 'Đảng ủy Sở Công Thương', kind: 'workplace', parentId: BOARD },
      ports,
    );
  });
  afterAll(async () => {
    await world.close();
  });

  const last = (user: { id: number }) => world.emu.lastBotMessage(user.id);
  const say = (user: ReturnType<typeof aUser>, text: string) => world.emu.sendUserMessage({ user, text });
  const labels = (user: { id: number }) =>
    last(user)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (user: ReturnType<typeof aUser>, text: string) =>
    world.emu.pressButton({ user, messageId: last(user)?.messageId ?? 0, text });
  /** /donvi, then the committee's button in the list of committees the admin manages. */
  async function openDetail(name: string) {
    await say(admin, '/donvi');
    await press(admin, name);
  }

  it('/donvi lists the committees the administrator manages; a committee opens its detail', async () => {
    // Act
    await say(admin, '/donvi');
    const list = labels(admin);
    await press(admin, 'Đảng ủy phường Cái Khế');

    // Assess
    expect(list).toEqual([
      'Ban Tổ chức Thành ủy',
      'Quận ủy Ninh Kiều',
      'Đảng ủy phường Cái Khế',
      'Đảng ủy Sở Công Thương',
      'Ban Xây dựng Đảng Ninh Kiều',
    ]);
    expect(last(admin)?.text).toBe(
      'Đảng ủy phường Cái Khế\n• Loại: Đảng ủy xã, phường, thị trấn\n• Trực thuộc: Ban Tổ chức Thành ủy\n• Ấp, khu vực: Khu vực 1',
    );
    expect(labels(admin)).toEqual([
      'Đổi tên',
      'Chuyển đơn vị cấp trên',
      'Giải thể',
      'Ấp, khu vực',
      'Cán bộ',
      '« Danh sách đơn vị',
    ]);
  });

  it('renames a committee with the typed name', async () => {
    // Act
    await openDetail('Đảng ủy Sở Công Thương');
    await press(admin, 'Đổi tên');
    const asked = last(admin)?.text;
    await say(admin, '  Đảng ủy Sở Công Thương thành phố ');

    // Assess
    expect(asked).toBe('Gửi tên mới của Đảng ủy Sở Công Thương:');
    expect(last(admin)?.text).toBe(
      'Đã đổi tên Đảng ủy Sở Công Thương thành Đảng ủy Sở Công Thương thành phố.',
    );
    expect(await world.repos.committees.get(WORK)).toMatchObject({
      name: 'Đảng ủy Sở Công Thương thành phố',
      parentId: BOARD,
    });
    expect(await world.repos.drafts.get('telegram', String(admin.id))).toBeUndefined();
  });

  it('moves a committee under another board of the administrator; the press delivered again and pressed again changes nothing more', async () => {
    // Prepare
    await openDetail('Đảng ủy Sở Công Thương thành phố');
    await press(admin, 'Chuyển đơn vị cấp trên');
    const choices = labels(admin);
    const menu = last(admin);
    const pressDistrict = () =>
      world.emu.nextUpdate.callbackQuery({
        user: admin,
        messageId: menu?.messageId ?? 0,
        text: 'Quận ủy Ninh Kiều',
      });
    const move = pressDistrict();
    const moveAgain = pressDistrict();

    // Act
    const first = await world.emu.deliver(move);
    const moved = await world.repos.committees.get(WORK);
    const redelivered = await world.emu.deliver(move);
    const again = await world.emu.deliver(moveAgain);

    // Assess
    expect(choices).toEqual(['Quận ủy Ninh Kiều', 'Ban Xây dựng Đảng Ninh Kiều', '« Quay lại']);
    expect([first.status, redelivered.status, again.status]).toEqual([200, 200, 200]);
    expect(moved?.parentId).toBe(DISTRICT);
    expect(world.emu.message(admin.id, menu?.messageId ?? 0)?.text).toBe(
      'Đã chuyển Đảng ủy Sở Công Thương thành phố về trực thuộc Quận ủy Ninh Kiều.',
    );
    expect(await world.repos.committees.get(WORK)).toEqual(moved);
  });

  it('refuses to move a committee under its own descendant and leaves the tree as it was', async () => {
    // Prepare
    const before = await world.repos.committees.get(DISTRICT);

    // Act
    await openDetail('Quận ủy Ninh Kiều');
    await press(admin, 'Chuyển đơn vị cấp trên');
    await press(admin, 'Ban Xây dựng Đảng Ninh Kiều');

    // Assess
    expect(last(admin)?.text).toBe('Không chuyển được: đơn vị cấp trên mới nằm trong chính đơn vị này');
    expect(await world.repos.committees.get(DISTRICT)).toEqual(before);
    expect((await world.repos.committees.get(SUB_BOARD))?.parentId).toBe(DISTRICT);
  });

  it("adds a ward's hamlet by its name (also after an attempt that stopped half-way); the same name again adds nothing", async () => {
    // Prepare: an earlier attempt stopped after writing a hamlet's cell, before the ward listed it
    await world.repos.committees.put({
      id: 'phuong-cai-khe-khu-vuc-2',
      name: 'Khu vực 2',
      kind: 'hamlet_cell',
      parentId: WARD,
    });

    // Act
    await openDetail('Đảng ủy phường Cái Khế');
    await press(admin, 'Ấp, khu vực');
    await press(admin, 'Thêm ấp, khu vực');
    await say(admin, 'Khu vực 2');
    const retried = last(admin)?.text;
    await openDetail('Đảng ủy phường Cái Khế');
    await press(admin, 'Ấp, khu vực');
    const list = last(admin)?.text;
    await press(admin, 'Thêm ấp, khu vực');
    await say(admin, 'Khu vực Bến Ninh Kiều');
    const added = last(admin)?.text;
    await openDetail('Đảng ủy phường Cái Khế');
    await press(admin, 'Ấp, khu vực');
    await press(admin, 'Thêm ấp, khu vực');
    await say(admin, 'khu vực bến ninh kiều');

    // Assess
    expect(retried).toBe('Đã thêm Khu vực 2 vào Đảng ủy phường Cái Khế.');
    expect(list).toBe('Ấp, khu vực của Đảng ủy phường Cái Khế:\n• Khu vực 1\n• Khu vực 2');
    expect(added).toBe('Đã thêm Khu vực Bến Ninh Kiều vào Đảng ủy phường Cái Khế.');
    expect(last(admin)?.text).toBe('Đảng ủy phường Cái Khế đã có khu vực bến ninh kiều.');
    expect((await world.repos.committees.get(WARD))?.hamlets).toEqual([
      { id: 'ck-kv1', name: 'Khu vực 1' },
      { id: 'phuong-cai-khe-khu-vuc-2', name: 'Khu vực 2' },
      { id: 'phuong-cai-khe-khu-vuc-ben-ninh-kieu', name: 'Khu vực Bến Ninh Kiều' },
    ]);
    // The hamlet cell R5's receipt check reads.
    expect(await world.repos.committees.get('phuong-cai-khe-khu-vuc-ben-ninh-kieu')).toMatchObject({
      kind: 'hamlet_cell',
      parentId: WARD,
      name: 'Khu vực Bến Ninh Kiều',
    });
  });

  it("lists a committee's staff and revokes a role after a confirmation; the revoked person is refused at once", async () => {
    // Prepare
    const identity = world.deps.identity as RecordingIdentityDirectory;
    const assigned = await assignStaff(
      adminPrincipal,
      {
        orgId: WARD,
        role: 'residence_staff',
        fullName: 'Nguyễn Thị Thu',
        email: 'thu@caikhe.gov.vn',
      },
      {
        ...world.repos,
        identity,
        clock: world.clock,
        ids: { next: (prefix: string) => `${prefix}-thu-1` },
        newCode: () => `THU${String(++seq).padStart(5, '0')}`,
      },
    );
    await link(world, wardStaff, { kind: 'staff', id: assigned.person.id });
    await say(wardStaff, '/donvi');
    const beforeRevoke = last(wardStaff)?.text;

    // Act
    await openDetail('Đảng ủy phường Cái Khế');
    await press(admin, 'Cán bộ');
    const list = last(admin)?.text;
    await press(admin, 'Thu hồi: Nguyễn Thị Thu — cán bộ cấp ủy nơi cư trú');
    const confirm = last(admin);
    const question = confirm?.text;
    const pressConfirm = () =>
      world.emu.nextUpdate.callbackQuery({
        user: admin,
        messageId: confirm?.messageId ?? 0,
        text: 'Xác nhận thu hồi',
      });
    const revoke = pressConfirm();
    const revokeAgain = pressConfirm();
    await world.emu.deliver(revoke);
    const revoked = world.emu.message(admin.id, confirm?.messageId ?? 0)?.text;
    await world.emu.deliver(revoke);
    await world.emu.deliver(revokeAgain);
    await say(wardStaff, '/donvi');

    // Assess
    expect(beforeRevoke).toBe(
      'Đồng chí đang làm việc cho: Đảng ủy phường Cái Khế (cán bộ cấp ủy nơi cư trú).',
    );
    expect(list).toBe('Cán bộ của Đảng ủy phường Cái Khế:\n• Nguyễn Thị Thu — cán bộ cấp ủy nơi cư trú');
    expect(question).toContain(
      'Thu hồi vai trò cán bộ cấp ủy nơi cư trú tại Đảng ủy phường Cái Khế của đồng chí Nguyễn Thị Thu?',
    );
    expect(revoked).toBe(
      'Đã thu hồi vai trò cán bộ cấp ủy nơi cư trú tại Đảng ủy phường Cái Khế của đồng chí Nguyễn Thị Thu.',
    );
    expect(world.emu.message(admin.id, confirm?.messageId ?? 0)?.text).toBe(
      'Vai trò này đã được thu hồi trước đó.',
    );
    expect(await world.repos.staff.assignmentsOf(assigned.person.id)).toEqual([]);
    expect(await world.repos.staff.ofCommittee(WARD)).toEqual([]);
    // Their last assignment gone, their sign-in account is disabled too.
    expect(identity.calls.filter((c) => c.op === 'disable')).toEqual([
      { op: 'disable', email: 'thu@caikhe.gov.vn' },
    ]);
    expect(last(wardStaff)?.text).toContain('Tài khoản Telegram này chưa được liên kết.');
  });

  it('closes a committee after a confirmation (once, however often confirmed), keeps it, and refuses new staff for it', async () => {
    // Prepare: the role menu of /canbo opened before the committee closes
    await say(admin, '/canbo');
    await press(admin, 'Đảng ủy phường Cái Khế');
    const roleMenu = last(admin);

    // Act
    await openDetail('Đảng ủy phường Cái Khế');
    await press(admin, 'Giải thể');
    const asked = last(admin);
    const question = asked?.text;
    const pressConfirm = () =>
      world.emu.nextUpdate.callbackQuery({
        user: admin,
        messageId: asked?.messageId ?? 0,
        text: 'Xác nhận giải thể',
      });
    const close = pressConfirm();
    const closeAgain = pressConfirm();
    await world.emu.deliver(close);
    const closed = await world.repos.committees.get(WARD);
    world.clock.advance(60_000);
    await world.emu.deliver(close);
    await world.emu.deliver(closeAgain);
    const afterRepeats = await world.repos.committees.get(WARD);
    await world.emu.pressButton({
      user: admin,
      messageId: roleMenu?.messageId ?? 0,
      text: 'cán bộ theo dõi',
    });
    await say(admin, 'Phạm Văn Muộn');
    await press(admin, 'Bỏ qua');
    const refused = last(admin)?.text;
    await say(admin, '/canbo');
    const open = labels(admin);

    // Assess
    expect(question).toContain('Giải thể Đảng ủy phường Cái Khế?');
    expect(world.emu.message(admin.id, asked?.messageId ?? 0)?.text).toBe(
      'Đã giải thể Đảng ủy phường Cái Khế. Lịch sử của đơn vị vẫn được giữ lại.',
    );
    expect(closed?.closedAt).toBe(new Date(world.clock.now().getTime() - 60_000).toISOString());
    expect(afterRepeats).toEqual(closed);
    expect(closed).toMatchObject({ name: 'Đảng ủy phường Cái Khế', hamlets: expect.any(Array) });
    expect(refused).toBe('Đơn vị đã giải thể, không giao thêm cán bộ');
    expect(await world.repos.staff.ofCommittee(WARD)).toEqual([]);
    expect(open).not.toContain('Đảng ủy phường Cái Khế');
  });

  describe('a committee CSV sent as a file', () => {
    const HEADER = 'ma_don_vi,ten,loai,ma_cap_tren,ap_khu_vuc';
    const good = [
      HEADER,
      'phuong-an-cu,Đảng ủy phường An Cư,phuong_xa,quan-ninh-kieu,ac-kv1: Khu vực 1 | ac-kv2: Khu vực 2',
      'so-du-lich,Đảng ủy Sở Du lịch,co_quan,ban-to-chuc-tp,',
    ].join('\r\n');
    let goodFile: ReturnType<BotWorld['emu']['nextUpdate']['message']>;

    it('creates the committees of a valid file and says so; the update delivered again imports nothing twice', async () => {
      // Prepare
      goodFile = world.emu.nextUpdate.message({
        user: admin,
        document: { bytes: `\uFEFF${good}\r\n`, fileName: 'don-vi.csv', mimeType: 'text/csv' },
      });

      // Act
      const first = await world.emu.deliver(goodFile);
      const answers = world.emu.botMessages(admin.id).length;
      const again = await world.emu.deliver(goodFile);

      // Assess
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(last(admin)?.text).toBe('Đã nhập xong tệp don-vi.csv: 2 dòng, tạo mới 2 đơn vị.');
      expect(world.emu.botMessages(admin.id)).toHaveLength(answers);
      expect(await world.repos.committees.get('phuong-an-cu')).toMatchObject({
        kind: 'residence',
        parentId: DISTRICT,
        hamlets: [
          { id: 'ac-kv1', name: 'Khu vực 1' },
          { id: 'ac-kv2', name: 'Khu vực 2' },
        ],
      });
      expect(await world.repos.committees.get('ac-kv2')).toMatchObject({ kind: 'hamlet_cell' });
      expect(await world.repos.committees.get('so-du-lich')).toMatchObject({
        kind: 'workplace',
        parentId: BOARD,
      });
    });

    it('sends the failed lines with their reasons and writes nothing of a file with errors', async () => {
      // Prepare: line 2 is fine, 3 reuses an id, 4 names no known parent, 5 has no such kind
      const bad = [
        HEADER,
        'phuong-binh-thuy,Đảng ủy phường Bình Thủy,phuong_xa,quan-ninh-kieu,bt-kv1: Khu vực 1',
        'so-du-lich,Đảng ủy Sở Du lịch mới,co_quan,ban-to-chuc-tp,',
        'so-xay-dung,Đảng ủy Sở Xây dựng,co_quan,quan-khong-co,',
        'truong-x,Trường X,cong_ty,ban-to-chuc-tp,',
      ].join('\r\n');

      // Act
      await world.emu.sendUserMessage({
        user: admin,
        document: { bytes: bad, fileName: 'don-vi-2.csv', mimeType: 'text/csv' },
      });
      const [summary, file] = world.emu.botMessages(admin.id).slice(-2);
      const content = world.emu.document(file?.document?.fileId ?? '')?.bytes.toString('utf8') ?? '';

      // Assess
      expect(summary?.text).toContain('Tệp don-vi-2.csv: 3/4 dòng có lỗi, nên chưa tạo đơn vị nào');
      expect(file?.document?.fileName).toBe('loi-don-vi-2.csv');
      expect(
        content
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toEqual([
        'dong,ma_loi,ly_do',
        '3,duplicate_id,"Mã đơn vị ""so-du-lich"" đã được dùng"',
        '4,not_found,không tìm thấy đơn vị cấp trên (mã cấp trên không đúng)',
        '5,validation_failed,"cột loai: loại đơn vị: ban_to_chuc, quan_huyen, phuong_xa, co_quan, truong hoặc luc_luong_vu_trang"',
      ]);
      expect(await world.repos.committees.get('phuong-binh-thuy')).toBeUndefined();
      expect(await world.repos.committees.get('so-du-lich')).toMatchObject({ name: 'Đảng ủy Sở Du lịch' });
    });

    it('refuses a whole file without the required columns, and a file that is not a CSV, writing nothing', async () => {
      // Act
      await world.emu.sendUserMessage({
        user: admin,
        document: { bytes: 'ma_don_vi,ten\r\nso-thieu-cot,Đảng ủy Sở Thiếu cột\r\n', fileName: 'thieu.csv' },
      });
      const missing = last(admin)?.text;
      await world.emu.sendUserMessage({ user: admin, document: { bytes: 'PK', fileName: 'don-vi.xlsx' } });

      // Assess
      expect(missing).toBe(
        'Không đọc được tệp danh sách đơn vị: Thiếu cột bắt buộc: ma_don_vi, ten, loai, ma_cap_tren',
      );
      expect(last(admin)?.text).toContain('Đồng chí gửi danh sách đơn vị dưới dạng tệp CSV');
      expect(await world.repos.committees.get('so-thieu-cot')).toBeUndefined();
    });

    it("takes a workplace staff member's file as members and refuses it from other staff: no committee is made", async () => {
      // Prepare
      const workplace = aUser('Công');
      const residence = aUser('Thư');
      await link(world, workplace, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
      await link(world, residence, { kind: 'staff', id: STAFF.residence?.id ?? '' });
      const file = [HEADER, 'so-gia-mao,Đảng ủy Sở Giả mạo,co_quan,ban-to-chuc-tp,'].join('\r\n');

      // Act
      const sent = world.emu.nextUpdate.message({
        user: workplace,
        document: { bytes: file, fileName: 'don-vi.csv', mimeType: 'text/csv' },
      });
      await world.emu.deliver(sent);
      await world.emu.sendUserMessage({
        user: residence,
        document: { bytes: file, fileName: 'don-vi.csv', mimeType: 'text/csv' },
      });
      await world.queue.drain();

      // Assess
      expect(await world.repos.committees.get('so-gia-mao')).toBeUndefined();
      const job = await world.repos.importJobs.get(
        `import:telegram:${workplace.id}:${sent.message?.message_id ?? 0}`,
      );
      expect(job).toMatchObject({ workplaceOrgId: STAFF.workplace?.orgId, fileName: 'don-vi.csv' });
      expect(last(residence)?.text).toBe(
        'Chỉ cán bộ cấp ủy nơi công tác mới gửi danh sách đảng viên (tệp CSV) để nhập.',
      );
    });

    it('takes the same file from the administrator linked on Zalo too (downloaded from Zalo, not Telegram)', async () => {
      // Prepare: the same administrator, linked on Zalo as well
      const onZalo = await aChatPerson(world, 'zalo', 'Quản');
      await linkPerson(world, onZalo, { kind: 'staff', id: firstAdminId(BOARD) });
      const file = [HEADER, 'so-ngoai-vu,Đảng ủy Sở Ngoại vụ,co_quan,ban-to-chuc-tp,'].join('\r\n');

      // Act
      const status = await onZalo.sendFile({
        fileName: 'don-vi-zalo.csv',
        bytes: file,
        mimeType: 'text/csv',
      });

      // Assess
      expect(status).toBe(200);
      expect(onZalo.messages().at(-1)?.text).toBe(
        'Đã nhập xong tệp don-vi-zalo.csv: 1 dòng, tạo mới 1 đơn vị.',
      );
      expect(await world.repos.committees.get('so-ngoai-vu')).toMatchObject({
        kind: 'workplace',
        parentId: BOARD,
      });
    });
  });
});
