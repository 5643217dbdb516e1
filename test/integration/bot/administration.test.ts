// Integration (webhook + Telegram emulator): the administrator's set-up in the chat — bootstrap, the admin links,
// /donvimoi makes a ward with hamlets, /canbo assigns its staff with a QR link code, the staff links; /donvi switches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIdentityDirectory } from '../../../shared/adapters/memory/identity-directory.js';
import { bootstrapAdministrator, firstAdminId } from '../../../shared/services/bootstrap.js';
import { aUser, type BotWorld, createBotWorld, RESIDENCE, STAFF } from '../../support/bot-world.js';

const BOARD = 'ban-to-chuc-tp';

describe('Feature: administration in the chat', () => {
  let world: BotWorld;
  const admin = aUser('Quản');
  const newStaff = aUser('Mới');
  let seq = 0;

  beforeAll(async () => {
    world = await createBotWorld();
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

  it('links the bootstrapped administrator', async () => {
    // Assess
    const link = await world.repos.chatLinks.byChat('telegram', String(admin.id));
    expect(link).toMatchObject({ kind: 'staff', id: firstAdminId(BOARD) });
    expect(last(admin)?.text).toContain('Trần Văn Quản');
  });

  it('/donvimoi creates a ward with named hamlets under the board', async () => {
    // Act
    await say(admin, '/donvimoi');
    const parents = labels(admin);
    await press(admin, 'Ban Tổ chức Thành ủy');
    await press(admin, 'Đảng ủy xã, phường, thị trấn');
    await say(admin, 'phuong-moi; Đảng ủy phường Mới; pm-kv1=Khu vực 1, pm-kv2=Khu vực 2');

    // Assess
    expect(parents).toEqual(['Ban Tổ chức Thành ủy']);
    expect(last(admin)?.text).toContain('Đã tạo Đảng ủy phường Mới');
    expect(last(admin)?.text).toContain('Khu vực 1, Khu vực 2');
    const ward = await world.repos.committees.get('phuong-moi');
    expect(ward).toMatchObject({ kind: 'residence', parentId: BOARD });
    expect(ward?.hamlets).toEqual([
      { id: 'pm-kv1', name: 'Khu vực 1' },
      { id: 'pm-kv2', name: 'Khu vực 2' },
    ]);
  });

  it('/canbo assigns the ward its staff with a sign-in e-mail (a malformed one is asked again) and sends the link code as a QR image; the new staff links with it', async () => {
    // Prepare
    const identity = world.deps.identity as RecordingIdentityDirectory;
    const callsBefore = identity.calls.length;

    // Act
    await say(admin, '/canbo');
    await press(admin, 'Đảng ủy phường Mới');
    const roles = labels(admin);
    await press(admin, 'cán bộ cấp ủy nơi cư trú');
    await say(admin, 'Nguyễn Thị Mới');
    const askedEmail = last(admin);
    await say(admin, 'moi@@phuong-moi');
    const reprompt = last(admin);
    const staffAfterBadEmail = await world.repos.staff.ofCommittee('phuong-moi');
    await say(admin, ' Moi.Nguyen@Phuong-Moi.gov.vn ');
    const sent = last(admin);
    const code = /Mã liên kết: (\S+)/.exec(sent?.caption ?? '')?.[1] ?? '';
    await say(newStaff, `/start ${code}`);

    // Assess
    expect(roles).toContain('chủ trì cuộc họp');
    expect(sent?.document?.mimeType).toBe('image/png');
    expect(sent?.caption).toContain(
      'Đã giao cán bộ cấp ủy nơi cư trú tại Đảng ủy phường Mới cho đồng chí Nguyễn Thị Mới',
    );
    expect(askedEmail?.text).toContain('Gửi địa chỉ e-mail của đồng chí Nguyễn Thị Mới');
    expect(askedEmail?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Bỏ qua']);
    expect(reprompt?.text).toBe(
      'Địa chỉ e-mail chưa đúng (ví dụ: ten@donvi.gov.vn). Đồng chí gửi lại, hoặc bấm «Bỏ qua» để giao vai trò không kèm tài khoản.',
    );
    expect(staffAfterBadEmail).toEqual([]);
    expect(sent?.caption).toContain('Tài khoản đăng nhập trang quản trị: moi.nguyen@phuong-moi.gov.vn');
    const staff = await world.repos.staff.ofCommittee('phuong-moi');
    expect(staff.map((s) => [s.fullName, s.role])).toEqual([['Nguyễn Thị Mới', 'residence_staff']]);
    expect((await world.repos.staff.person(staff[0]?.id ?? ''))?.email).toBe('moi.nguyen@phuong-moi.gov.vn');
    expect(identity.calls.slice(callsBefore)).toEqual([
      { op: 'create', user: { email: 'moi.nguyen@phuong-moi.gov.vn', staffId: staff[0]?.id } },
    ]);
    const link = await world.repos.chatLinks.byChat('telegram', String(newStaff.id));
    expect(link).toMatchObject({ kind: 'staff', id: staff[0]?.id });
  });

  it('/canbo without an e-mail: «Bỏ qua» grants the role once, however often it is pressed, and makes no account', async () => {
    // Prepare
    const identity = world.deps.identity as RecordingIdentityDirectory;
    const callsBefore = identity.calls.length;
    await say(admin, '/canbo');
    await press(admin, 'Đảng ủy phường Mới');
    await press(admin, 'cán bộ theo dõi');
    await say(admin, 'Lê Văn Xem');
    const asked = last(admin);
    const pressSkip = () =>
      world.emu.nextUpdate.callbackQuery({ user: admin, messageId: asked?.messageId ?? 0, text: 'Bỏ qua' });
    const skip = pressSkip();
    const skipAgain = pressSkip();

    // Act: the press, the same update delivered again, and a second press of the same button
    await world.emu.deliver(skip);
    const sent = last(admin);
    await world.emu.deliver(skip);
    await world.emu.deliver(skipAgain);

    // Assess
    expect(sent?.caption).toContain('Đã giao cán bộ theo dõi tại Đảng ủy phường Mới cho đồng chí Lê Văn Xem');
    expect(sent?.caption).not.toContain('Tài khoản đăng nhập');
    expect(last(admin)?.messageId).toBe(sent?.messageId);
    const viewers = (await world.repos.staff.ofCommittee('phuong-moi')).filter((s) => s.role === 'viewer');
    expect(viewers.map((s) => s.fullName)).toEqual(['Lê Văn Xem']);
    expect(identity.calls.slice(callsBefore)).toEqual([]);
    expect(world.emu.callbackAnswer(skipAgain.callback_query?.id ?? '')).toMatchObject({
      text: 'Nút này đã cũ hoặc không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất.',
    });
  });

  it('/canbo names a workplace committee’s bí thư, who then signs its introduction letters', async () => {
    // Prepare: a workplace committee under the board.
    await say(admin, '/donvimoi');
    await press(admin, 'Ban Tổ chức Thành ủy');
    await press(admin, 'Cơ quan, đơn vị');
    await say(admin, 'so-moi; Đảng ủy Sở Mới');

    // Act
    await say(admin, '/canbo');
    await press(admin, 'Đảng ủy Sở Mới');
    const roles = labels(admin);
    await press(admin, 'Bí thư cấp ủy (ký giấy giới thiệu)');
    const askedName = last(admin)?.text;
    await say(admin, 'Hoàng Văn Bí');
    await press(admin, 'Bỏ qua');

    // Assess
    expect(roles).toEqual([
      'cán bộ cấp ủy nơi công tác',
      'Bí thư cấp ủy (ký giấy giới thiệu)',
      'Phó bí thư cấp ủy (ký giấy giới thiệu)',
      'cán bộ theo dõi',
    ]);
    expect(askedName).toBe('Gửi họ và tên của Bí thư cấp ủy (ký giấy giới thiệu) tại Đảng ủy Sở Mới:');
    expect(last(admin)?.caption).toContain(
      'Đã giao Bí thư cấp ủy (ký giấy giới thiệu) tại Đảng ủy Sở Mới cho đồng chí Hoàng Văn Bí',
    );
    const staff = await world.repos.staff.ofCommittee('so-moi');
    expect(staff.map((s) => [s.fullName, s.role, s.partyTitle])).toEqual([
      ['Hoàng Văn Bí', 'workplace_staff', 'bi_thu'],
    ]);
  });

  it('refuses /canbo to staff who are not administrators', async () => {
    // Prepare
    const chair = aUser('Chủ');
    const code = 'CHAIR001';
    await world.repos.chatLinks.createLinkCode({
      code,
      subject: { kind: 'staff', id: STAFF.chair?.id ?? '' },
      createdBy: 'test',
      expiresAt: new Date(world.clock.now().getTime() + 3600_000).toISOString(),
    });
    await say(chair, `/start ${code}`);

    // Act
    await say(chair, '/canbo');

    // Assess
    expect(last(chair)?.text).toBe('Lệnh này dành cho quản trị viên của ban tổ chức.');
  });

  it('/donvi lets a person with two assignments choose the committee they act for', async () => {
    // Prepare
    const person = await world.repos.staff.person(firstAdminId(BOARD));
    await world.repos.staff.assign(person ?? { id: firstAdminId(BOARD), fullName: 'x' }, {
      orgId: RESIDENCE,
      role: 'viewer',
    });

    // Act: /donvi answers with the choice of assignment, then (an admin) the committees they manage
    await say(admin, '/donvi');
    const choice = world.emu.botMessages(admin.id).at(-2);
    const choices = choice?.replyMarkup?.inline_keyboard.flat().map((b) => b.text);
    await world.emu.pressButton({
      user: admin,
      messageId: choice?.messageId ?? 0,
      text: 'Đảng ủy phường An Hòa — cán bộ theo dõi',
    });
    const chosen = world.emu.message(admin.id, choice?.messageId ?? 0)?.text;
    await say(admin, '/canbo');

    // Assess
    expect(choices).toEqual([
      'Ban Tổ chức Thành ủy — quản trị viên',
      'Đảng ủy phường An Hòa — cán bộ theo dõi',
    ]);
    expect(chosen).toBe('Đồng chí đang làm việc cho: Đảng ủy phường An Hòa (cán bộ theo dõi).');
    expect(last(admin)?.text).toBe('Lệnh này dành cho quản trị viên của ban tổ chức.');
    expect(await world.repos.chatLinks.byChat('telegram', String(admin.id))).toMatchObject({
      actingFor: { orgId: RESIDENCE, role: 'viewer' },
    });
  });
});
