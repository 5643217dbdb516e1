// Integration (webhook + Telegram emulator, DynamoDB Local): issue 14's "done when" — from an empty table, with
// no seed data: bootstrap → the admin links → a ward and a workplace with their staff → the workplace sends
// the members' CSV → the ward receives them in bulk → the June meeting is planned and the invitations go out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import { RecordingIdentityDirectory } from '../../../shared/adapters/memory/identity-directory.js';
import type { IntroductionStatus } from '../../../shared/domain/introduction.js';
import type { IntroducedMember } from '../../../shared/ports/repositories.js';
import { bootstrapAdministrator, firstAdminId } from '../../../shared/services/bootstrap.js';
import { invitationJobId } from '../../../shared/services/invitations.js';
import { aUser, type BotWorld, createBotWorld } from '../../support/bot-world.js';

const BOARD = 'ban-to-chuc-ct';
const WARD = 'phuong-tan-an';
const WORKPLACE = 'so-tai-chinh';
const MEETING = `${WARD}.2026.06`;
const HEADER = 'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru';
const MEMBERS = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
/** Each step is a few round trips through the webhook; the import and the invitations run on the queue. */
const STEP_TIMEOUT_MS = 60_000;

function membersCsv(): string {
  const lines = [`\uFEFF${HEADER}`];
  for (const [i, name] of MEMBERS.entries())
    lines.push(`${300_000_000 + i},${name},1980-01-0${i + 1},nam,thuong_tru,Khu vực 2,2000-01-01,${WARD}`);
  return `${lines.join('\r\n')}\r\n`;
}

describe('Feature: setting up from an empty table, through the chat alone (issue 14, done when)', () => {
  let world: BotWorld;
  const admin = aUser('Quản');
  const wardStaff = aUser('Thư');
  const chair = aUser('Chủ');
  const workplaceStaff = aUser('Công');
  let seq = 0;

  beforeAll(async () => {
    world = await createBotWorld({ seed: false, now: '2026-06-01T08:00:00+07:00' });
  });
  afterAll(async () => {
    await world.close();
  });

  const last = (user: SimulatedUser) => world.emu.lastBotMessage(user.id);
  const say = (user: SimulatedUser, text: string) => world.emu.sendUserMessage({ user, text });
  const labels = (user: SimulatedUser) =>
    last(user)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (user: SimulatedUser, text: string) =>
    world.emu.pressButton({ user, messageId: last(user)?.messageId ?? 0, text });
  async function introductionsOfWard(status: IntroductionStatus): Promise<IntroducedMember[]> {
    const found: IntroducedMember[] = [];
    for await (const intro of world.repos.introductions.streamOfResidence(WARD, status)) found.push(intro);
    return found;
  }
  /** /canbo as the admin: committee, role, name, no e-mail; then the new staff links with the code sent as a QR image. */
  async function assignAndLink(committee: string, role: string, fullName: string, user: SimulatedUser) {
    await say(admin, '/canbo');
    await press(admin, committee);
    await press(admin, role);
    await say(admin, fullName);
    await press(admin, 'Bỏ qua');
    const caption = last(admin)?.caption ?? '';
    const code = /Mã liên kết: (\S+)/.exec(caption)?.[1] ?? '';
    await say(user, `/start ${code}`);
    return caption;
  }

  it('starts from an empty table: bootstrap makes the board and its administrator, who links with the code', async () => {
    // Prepare
    const before = await world.repos.committees.get(BOARD);

    // Act
    const boot = await bootstrapAdministrator(
      { boardId: BOARD, boardName: 'Ban Tổ chức Thành ủy Cần Thơ', adminName: 'Trần Văn Quản' },
      {
        ...world.repos,
        identity: new RecordingIdentityDirectory(),
        clock: world.clock,
        newCode: () => `BOOT${String(++seq).padStart(4, '0')}`,
      },
    );
    await say(admin, `/start ${boot.linkCode.code}`);

    // Assess
    expect(before).toBeUndefined();
    expect(boot.boardCreated).toBe(true);
    expect(await world.repos.committees.get(BOARD)).toMatchObject({ kind: 'board' });
    expect(await world.repos.chatLinks.byChat('telegram', String(admin.id))).toMatchObject({
      kind: 'staff',
      id: firstAdminId(BOARD),
    });
    expect(last(admin)?.text).toContain('Trần Văn Quản');
  });

  it('/donvimoi creates a ward with two hamlets and a workplace under the board', async () => {
    // Act
    await say(admin, '/donvimoi');
    await press(admin, 'Ban Tổ chức Thành ủy Cần Thơ');
    await press(admin, 'Đảng ủy xã, phường, thị trấn');
    await say(admin, `${WARD}; Đảng ủy phường Tân An; ta-kv1=Khu vực 1, ta-kv2=Khu vực 2`);
    const wardCreated = last(admin)?.text;
    await say(admin, '/donvimoi');
    await press(admin, 'Ban Tổ chức Thành ủy Cần Thơ');
    await press(admin, 'Cơ quan, đơn vị');
    await say(admin, `${WORKPLACE}; Đảng ủy Sở Tài chính`);
    const workplaceCreated = last(admin)?.text;

    // Assess
    expect(wardCreated).toContain('Đã tạo Đảng ủy phường Tân An');
    expect(wardCreated).toContain('Khu vực 1, Khu vực 2');
    expect(workplaceCreated).toContain('Đã tạo Đảng ủy Sở Tài chính');
    const ward = await world.repos.committees.get(WARD);
    expect(ward).toMatchObject({ kind: 'residence', parentId: BOARD, name: 'Đảng ủy phường Tân An' });
    expect(ward?.hamlets).toEqual([
      { id: 'ta-kv1', name: 'Khu vực 1' },
      { id: 'ta-kv2', name: 'Khu vực 2' },
    ]);
    expect(await world.repos.committees.get(WORKPLACE)).toMatchObject({
      kind: 'workplace',
      parentId: BOARD,
      name: 'Đảng ủy Sở Tài chính',
    });
  });

  it('/canbo gives the ward its residence staff and chair and the workplace its staff; each links with the code', async () => {
    // Act
    const toWardStaff = await assignAndLink(
      'Đảng ủy phường Tân An',
      'cán bộ cấp ủy nơi cư trú',
      'Lê Thị Thư',
      wardStaff,
    );
    const toChair = await assignAndLink('Đảng ủy phường Tân An', 'chủ trì cuộc họp', 'Võ Văn Chủ', chair);
    const toWorkplace = await assignAndLink(
      'Đảng ủy Sở Tài chính',
      'cán bộ cấp ủy nơi công tác',
      'Phạm Văn Công',
      workplaceStaff,
    );

    // Assess
    expect(toWardStaff).toContain('cho đồng chí Lê Thị Thư');
    expect(toChair).toContain('cho đồng chí Võ Văn Chủ');
    expect(toWorkplace).toContain('cho đồng chí Phạm Văn Công');
    const wardStaffList = await world.repos.staff.ofCommittee(WARD);
    expect(wardStaffList.map((s) => [s.fullName, s.role]).sort()).toEqual([
      ['Lê Thị Thư', 'residence_staff'],
      ['Võ Văn Chủ', 'chair'],
    ]);
    const workplaceStaffList = await world.repos.staff.ofCommittee(WORKPLACE);
    expect(workplaceStaffList.map((s) => [s.fullName, s.role])).toEqual([
      ['Phạm Văn Công', 'workplace_staff'],
    ]);
    for (const [user, name] of [
      [wardStaff, 'Lê Thị Thư'],
      [chair, 'Võ Văn Chủ'],
      [workplaceStaff, 'Phạm Văn Công'],
    ] as const) {
      const person = [...wardStaffList, ...workplaceStaffList].find((s) => s.fullName === name);
      expect(await world.repos.chatLinks.byChat('telegram', String(user.id))).toMatchObject({
        kind: 'staff',
        id: person?.id,
      });
    }
  });

  it(
    'the workplace staff sends the CSV of 5 members; the job imports them all as introductions to the ward',
    async () => {
      // Act
      await world.emu.sendUserMessage({
        user: workplaceStaff,
        document: { bytes: membersCsv(), fileName: 'dang-vien.csv', mimeType: 'text/csv' },
      });
      await world.queue.drain();

      // Assess
      const texts = world.emu.botMessages(workplaceStaff.id).map((m) => m.text);
      expect(texts).toContain(
        'Đã nhập xong tệp dang-vien.csv: 5 dòng.\n' +
          '• Giới thiệu mới: 5\n' +
          '• Đã có từ trước (không tạo lại): 0\n' +
          '• Dòng lỗi: 0',
      );
      const cards = MEMBERS.map((_, i) => String(300_000_000 + i));
      const members = await world.repos.members.byPartyCards(cards);
      expect(cards.map((card) => [members.get(card)?.fullName, members.get(card)?.workplaceOrgId])).toEqual(
        MEMBERS.map((name) => [name, WORKPLACE]),
      );
      const issued = await introductionsOfWard('issued');
      expect(issued).toHaveLength(MEMBERS.length);
      expect(issued.map((i) => i.memberName).sort()).toEqual([...MEMBERS].sort());
      for (const { introduction } of issued)
        expect(introduction).toMatchObject({ workplaceOrgId: WORKPLACE, residenceOrgId: WARD });
    },
    STEP_TIMEOUT_MS,
  );

  it('the ward staff receives all 5 with /tiepnhan into a hamlet chosen by name', async () => {
    // Act
    await say(wardStaff, '/tiepnhan');
    const listed = labels(wardStaff);
    await press(wardStaff, 'Chọn tất cả đang chờ');
    await press(wardStaff, 'Tiếp nhận 5 đảng viên → chọn ấp, khu vực');
    const hamlets = labels(wardStaff);
    await press(wardStaff, 'Khu vực 2');

    // Assess
    expect(listed).toEqual(expect.arrayContaining(MEMBERS.map((name) => `☐ ${name} — Đảng ủy Sở Tài chính`)));
    expect(hamlets).toEqual(['Khu vực 1', 'Khu vực 2', '« Quay lại', 'Hủy']);
    expect(last(wardStaff)?.text).toBe('Đã tiếp nhận 5 đảng viên về Khu vực 2.');
    const staffId = (await world.repos.chatLinks.byChat('telegram', String(wardStaff.id)))?.id;
    const received = await introductionsOfWard('received');
    expect(received).toHaveLength(MEMBERS.length);
    for (const { introduction } of received)
      expect(introduction).toMatchObject({ receipt: { hamletId: 'ta-kv2', receivedBy: staffId } });
    expect(await introductionsOfWard('issued')).toEqual([]);
  });

  it('the ward staff plans the June meeting with /hop, chaired by the ward chair', async () => {
    // Act
    await say(wardStaff, '/hop');
    await press(wardStaff, 'Đợt tháng 6/2026');
    await say(wardStaff, '20/06/2026');
    await press(wardStaff, '08:00');
    const placePrompt = last(wardStaff);
    await say(wardStaff, 'Hội trường Đảng ủy phường Tân An');
    const chairs = labels(wardStaff);
    await press(wardStaff, 'Võ Văn Chủ');
    await press(wardStaff, 'Dùng nội dung theo hướng dẫn');
    await press(wardStaff, 'Xác nhận');

    // Assess
    // A ward created in the chat has no address: the prompt offers none, only "« Quay lại" and "Hủy".
    expect(placePrompt?.text).toBe('Gõ địa điểm họp (ví dụ: Hội trường Đảng ủy phường):');
    expect(placePrompt?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '« Quay lại',
      'Hủy',
    ]);
    expect(chairs).toEqual(['Võ Văn Chủ', '« Quay lại', 'Hủy']); // R8: only the standing chair, not the residence staff
    expect(last(wardStaff)?.text).toContain(
      'Đã lên lịch cuộc họp đợt tháng 6/2026: 08:00, Thứ Bảy, ngày 20/06/2026',
    );
    const chairId = (await world.repos.chatLinks.byChat('telegram', String(chair.id)))?.id;
    expect(await world.repos.meetings.get(MEETING)).toMatchObject({
      residenceOrgId: WARD,
      date: '2026-06-20',
      time: '08:00',
      place: 'Hội trường Đảng ủy phường Tân An',
      chairStaffId: chairId,
      chairName: 'Võ Văn Chủ',
      status: 'planned',
    });
    expect((await world.repos.outbox.get(`MeetingPlanned:${MEETING}`))?.status).toBe('pending');
  });

  it(
    '/moi runs the invitation job: an invitation is stored for each of the 5 members, and the staff sees the totals',
    async () => {
      // Prepare
      await say(wardStaff, '/moi');
      const menu = last(wardStaff);

      // Act
      await world.emu.pressButton({
        user: wardStaff,
        messageId: menu?.messageId ?? 0,
        data: `moi1|${MEETING}`,
      });
      await world.queue.drain();

      // Assess: the members have no chat linked yet, so every invitation is on the paper list
      const sheet = new Map<string, string>();
      for await (const i of world.repos.invitations.streamSheet(MEETING)) sheet.set(i.memberId, i.delivery);
      const received = await introductionsOfWard('received');
      expect([...sheet.keys()].sort()).toEqual(received.map((i) => i.introduction.memberId).sort());
      expect([...sheet.values()]).toEqual(MEMBERS.map(() => 'no_chat'));
      expect(await world.repos.invitationJobs.get(invitationJobId(MEETING))).toMatchObject({
        run: 1,
        total: 5,
        sent: 0,
        noChat: 5,
        finishedRun: 1,
      });
      const progress = world.emu.message(wardStaff.id, menu?.messageId ?? 0);
      expect(progress?.text).toContain('Đã gửi xong thư mời họp tháng 6/2026 (20/06/2026): 0/5');
      const list = last(wardStaff)?.text ?? '';
      expect(list).toContain('Danh sách 5 đồng chí cần gửi thư mời giấy');
      for (const name of MEMBERS) expect(list).toContain(`${name} — Khu vực 2`);
    },
    STEP_TIMEOUT_MS,
  );
});
