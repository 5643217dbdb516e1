// Integration: /cuoinam — workplace staff see in the bot which members' year-end comments arrived from the residence
// committees (R17, R21), the missing ones first, with hamlets by name; others are refused; the staff menu lists it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../../../bot/features/workplace-year-end.js';
import { commandsFor } from '../../../chat/commands.js';
import { catalogue } from '../../../chat/i18n/index.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';
import { hd02Form, seedEvaluation } from '../../support/year-end-seed.js';

describe('Feature: the workplace year-end view in the bot (/cuoinam)', () => {
  let world: BotWorld;
  const workplaceUser = aUser('Công');
  const residenceUser = aUser('Thư');

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T03:00:00Z' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    await link(world, residenceUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    const arrived = await addMember(world, { fullName: 'Nguyễn Văn An', hamletId: 'kv-2' });
    await addMember(world, { fullName: 'Trần Thị Bình' });
    await addMember(world, { fullName: 'Lê Văn Ánh', hamletId: 'kv-2' });
    await seedEvaluation(world.repos, {
      residenceOrgId: RESIDENCE,
      memberId: arrived.id,
      form: hd02Form('commend'),
      status: 'submitted',
    });
  });
  afterAll(async () => {
    await world.close();
  });

  it('lists the members whose comment is missing first, then those received with the date, each with ward and hamlet by name', async () => {
    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/cuoinam' });

    // Assess
    const text = world.emu.lastBotMessage(workplaceUser.id)?.text ?? '';
    expect(text).toContain('NHẬN XÉT CUỐI NĂM 2026 CỦA CẤP ỦY NƠI CƯ TRÚ\nĐã nhận 1/3 đảng viên.');
    expect(text).toContain(
      [
        'Chưa nhận (2):',
        // R17: past the end of October, a comment not received is marked missing.
        '1. Lê Văn Ánh — Đảng ủy phường An Hòa, Khu vực 2 — dự họp 0/0 — chưa có nhận xét (quá hạn) — chưa tự báo cáo',
        '2. Trần Thị Bình — Đảng ủy phường An Hòa, Khu vực 1 — dự họp 0/0 — chưa có nhận xét (quá hạn) — chưa tự báo cáo',
        '',
        'Đã nhận (1):',
        '1. Nguyễn Văn An — Đảng ủy phường An Hòa, Khu vực 2 — nhận ngày 28/10/2026 — dự họp 0/0 — chưa tự báo cáo',
      ].join('\n'),
    );
    expect(text).not.toMatch(/kv-\d|m-\d{3}/); // no internal ids
  });

  it('marks the self-reports missing once their date has passed (R19)', async () => {
    // Prepare
    world.clock.set('2026-12-16T03:00:00Z');

    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/cuoinam' });

    // Assess
    const text = world.emu.lastBotMessage(workplaceUser.id)?.text ?? '';
    expect(text).toContain(
      '1. Nguyễn Văn An — Đảng ủy phường An Hòa, Khu vực 2 — nhận ngày 28/10/2026 — dự họp 0/0 — chưa tự báo cáo (quá hạn)',
    );
    world.clock.set('2026-11-20T03:00:00Z');
  });

  it('reads another year, refuses a malformed one, and refuses residence staff', async () => {
    // Act
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/cuoinam 2025' });
    const other = world.emu.lastBotMessage(workplaceUser.id)?.text;
    await world.emu.sendUserMessage({ user: workplaceUser, text: '/yearend năm ngoái' });
    const bad = world.emu.lastBotMessage(workplaceUser.id)?.text;
    await world.emu.sendUserMessage({ user: residenceUser, text: '/cuoinam' });

    // Assess
    expect(other).toContain('NHẬN XÉT CUỐI NĂM 2025 CỦA CẤP ỦY NƠI CƯ TRÚ\nĐã nhận 0/3 đảng viên.');
    expect(bad).toBe('Năm chưa đúng. Đồng chí gõ /cuoinam hoặc /cuoinam 2026.');
    expect(world.emu.lastBotMessage(residenceUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi công tác mới xem được tình hình nhận xét cuối năm.',
    );
  });

  it('is in the workplace staff’s menu and help, in Vietnamese and English', () => {
    // Act
    const vi = commandsFor('workplace_staff', catalogue('vi')).map((c) => c.command);
    const en = commandsFor('workplace_staff', catalogue('en'));

    // Assess
    expect(vi).toContain('cuoinam');
    expect(en.find((c) => c.command === 'cuoinam')?.description).toBe('Year-end comments received');
    expect(catalogue('vi').help.workplace).toContain('/cuoinam');
    expect(yearOf(' 2027 ', new Date('2026-11-20T03:00:00Z'))).toBe(2027);
    expect(yearOf('', new Date('2026-12-31T18:00:00Z'))).toBe(2027); // already 1 January in Vietnam
  });
});
