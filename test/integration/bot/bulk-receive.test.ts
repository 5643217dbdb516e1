// Integration: /tiepnhan — residence staff tick pending introductions page by page (or all), choose the
// hamlet by name and receive them at once through the webhook; a failed receipt is named with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, type BotWorld, createBotWorld, link, RESIDENCE, STAFF } from '../../support/bot-world.js';
import { aMember, anIntroduction } from '../../support/builders.js';

const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Văn Cường',
  'Phạm Thị Dung',
  'Hoàng Văn Em',
  'Võ Thị Giang',
  'Đặng Văn Hải',
  'Bùi Thị Hoa',
  'Đỗ Văn Khoa',
  'Hồ Thị Lan',
];

describe('Feature: /tiepnhan receives pending introductions in bulk', () => {
  let world: BotWorld;
  const staffUser = aUser('Thư');
  /** The packed data of the hamlet button "Khu vực 1", kept to press it again once the dialogue is over. */
  let hamletOneData: string | undefined;
  const workplaceUser = aUser('Công');
  const last = () => world.emu.lastBotMessage(staffUser.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: staffUser, messageId: last()?.messageId ?? 0, text });

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-03-10T09:00:00+07:00' });
    for (const [i, fullName] of NAMES.entries()) {
      const member = aMember({ id: `bm-${i}`, fullName, partyCardNumber: String(200_000_000 + i) });
      await world.repos.introductions.issue(
        anIntroduction({ id: `bi-${i}`, memberId: member.id, residenceOrgId: RESIDENCE }),
        fullName,
        { newMember: member },
      );
    }
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('refuses /tiepnhan to workplace staff', async () => {
    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/tiepnhan' });

    // Assess
    expect(world.emu.lastBotMessage(workplaceUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi cư trú mới tiếp nhận đảng viên.',
    );
  });

  it('lists 8 a page with ticks, receives every ticked one into the hamlet chosen by name, and names the failure', async () => {
    // Prepare: the list, one tick on page 1
    await world.emu.sendUserMessage({ user: staffUser, text: '/tiepnhan' });
    const firstPage = labels();
    await press('☐ Lê Văn Cường — Chi bộ Sở Y tế');
    const afterTick = labels();
    await press('Trang sau ▶');
    const secondPage = labels();
    await press('Chọn tất cả đang chờ');
    // Meanwhile the workplace ends one introduction: its receipt must fail, the others go through.
    const ended = await world.repos.introductions.get('bi-9');
    if (!ended) throw new Error('fixture missing');
    await world.repos.introductions.save({ ...ended, status: 'ended', version: 2 }, 'Hồ Thị Lan', 1);
    await press('Tiếp nhận 10 đảng viên → chọn ấp, khu vực');
    const hamlets = labels();
    const hamletOne = last()
      ?.replyMarkup?.inline_keyboard.flat()
      .find((b) => b.text === 'Khu vực 1');
    hamletOneData = hamletOne && 'callback_data' in hamletOne ? hamletOne.callback_data : undefined;

    // Act
    await press('Khu vực 2');
    const report = last()?.text;

    // Assess
    expect(firstPage).toHaveLength(8 + 1 + 1 + 1); // 8 members, next page, tick all, cancel
    expect(firstPage[0]).toBe('☐ Nguyễn Văn An — Chi bộ Sở Y tế');
    expect(afterTick).toContain('☑ Lê Văn Cường — Chi bộ Sở Y tế');
    expect(afterTick).toContain('Tiếp nhận 1 đảng viên → chọn ấp, khu vực');
    expect(secondPage).toEqual([
      '☐ Đỗ Văn Khoa — Chi bộ Sở Y tế',
      '☐ Hồ Thị Lan — Chi bộ Sở Y tế',
      '◀ Trang trước',
      'Chọn tất cả đang chờ',
      'Tiếp nhận 1 đảng viên → chọn ấp, khu vực',
      'Hủy',
    ]);
    expect(hamlets).toEqual(['Khu vực 1', 'Khu vực 2', 'Khu vực 3', '« Quay lại', 'Hủy']);
    expect(report).toBe(
      'Đã tiếp nhận 9 đảng viên về Khu vực 2.\n\nKhông tiếp nhận được 1 đảng viên:\n' +
        '• Hồ Thị Lan: giấy giới thiệu đã kết thúc hoặc ngày tiếp nhận không hợp lệ',
    );
    for (let i = 0; i < 9; i++) {
      const intro = await world.repos.introductions.get(`bi-${i}`);
      expect(intro).toMatchObject({ status: 'received', receipt: { hamletId: 'kv-2', receivedBy: 'res-1' } });
    }
    expect(await world.repos.introductions.get('bi-9')).toMatchObject({ status: 'ended', version: 2 });
  });

  it('changes nothing when the hamlet button is pressed again (the dialogue is over)', async () => {
    // Prepare
    const before = await world.repos.introductions.get('bi-0');
    const messageId = last()?.messageId ?? 0;

    // Act
    const delivery = await world.emu.pressButton({
      user: staffUser,
      messageId,
      data: hamletOneData ?? '',
      force: true,
    });

    // Assess
    expect(delivery.status).toBe(200);
    expect(await world.repos.introductions.get('bi-0')).toEqual(before);
    expect(await world.repos.introductions.ofResidence(RESIDENCE, { status: 'issued', limit: 10 })).toEqual({
      items: [],
    });
  });
});
