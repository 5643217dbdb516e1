// Integration: linking chat accounts — deep link codes (used, expired, unknown), staff menus, /malienket and the HTTP routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as memberCodeRoute } from '../../../functions/http/create-member-link-code.js';
import { createHandler as staffCodeRoute } from '../../../functions/http/create-staff-link-code.js';
import type { Principal } from '../../../shared/domain/roles.js';
import { createLinkCode } from '../../../shared/services/link-codes.js';
import {
  addMember,
  agreeToNotice,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  STAFF,
} from '../../support/bot-world.js';
import { call, type HttpHandler } from '../../support/http.js';

describe('Feature: linking chat accounts', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await createBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const lastText = (userId: number) => world.emu.lastBotMessage(userId)?.text ?? '';

  async function codeFor(memberId: string, code: string) {
    await world.repos.chatLinks.createLinkCode({
      code,
      subject: { kind: 'member', id: memberId },
      createdBy: 'res-1',
      expiresAt: new Date(world.clock.now().getTime() + 72 * 3600_000).toISOString(),
    });
  }

  it('links a member with /start <code>, once: a second account gets "used", the same account is told it is linked', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Nguyễn Văn Liên' });
    await codeFor(member.id, 'ABCD2345');
    const owner = aUser('Liên');
    const other = aUser('Khác');

    // Act
    await world.emu.sendUserMessage({ user: owner, text: '/start ABCD2345' });
    await agreeToNotice(world, owner, 'ABCD2345');
    const linked = lastText(owner.id);
    await world.emu.sendUserMessage({ user: other, text: '/start ABCD2345' });
    await world.emu.sendUserMessage({ user: owner, text: '/start abcd2345' });

    // Assess
    expect(linked).toContain('Đã liên kết tài khoản với đảng viên Nguyễn Văn Liên');
    expect(linked).toContain('Bấm «Tham dự» hoặc «Vắng mặt»');
    expect(lastText(other.id)).toBe(
      'Mã liên kết này đã được sử dụng. Mỗi mã chỉ dùng được một lần; đồng chí hãy xin mã mới từ cấp ủy.',
    );
    expect(lastText(owner.id)).toMatch(/^Tài khoản này đã được liên kết với Nguyễn Văn Liên từ trước.\n/);
    expect(await world.repos.chatLinks.byChat('telegram', String(other.id))).toBeUndefined();
    expect(await world.repos.chatLinks.ofSubject({ kind: 'member', id: member.id })).toHaveLength(1);
  });

  it('refuses an expired code (after 72 hours) and an unknown one with clear Vietnamese messages', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Lê Văn Trễ' });
    const issued = await createLinkCode({ kind: 'member', id: member.id }, 'res-1', {
      chatLinks: world.repos.chatLinks,
      clock: world.clock,
      newCode: () => 'LATE7777',
    });
    const user = aUser('Trễ');
    world.clock.advance(72 * 3600_000);

    try {
      // Act
      await world.emu.sendUserMessage({ user, text: '/start LATE7777' });
      const expired = lastText(user.id);
      await world.emu.sendUserMessage({ user, text: '/start NOSUCH99' });
      const unknown = lastText(user.id);
      await world.emu.sendUserMessage({ user, text: '/start bad code!' });

      // Assess
      expect(issued.expiresAt).toBe('2026-06-04T01:00:00.000Z');
      expect(expired).toBe(
        'Mã liên kết đã hết hạn (mã có hiệu lực 72 giờ). Đồng chí hãy xin mã mới từ cấp ủy.',
      );
      expect(unknown).toBe(
        'Mã liên kết không đúng. Đồng chí vui lòng kiểm tra lại đường dẫn hoặc xin mã mới từ cấp ủy.',
      );
      expect(lastText(user.id)).toBe(unknown);
    } finally {
      world.clock.set('2026-06-01T08:00:00+07:00');
    }
  });

  it('keeps one chat account to one person: a linked account cannot take another member’s code', async () => {
    // Prepare
    const first = await addMember(world, { fullName: 'Phạm Văn Một' });
    const second = await addMember(world, { fullName: 'Phạm Văn Hai' });
    const user = aUser('Một');
    await link(world, user, { kind: 'member', id: first.id });
    await codeFor(second.id, 'SECOND22');

    // Act
    await world.emu.sendUserMessage({ user, text: '/start SECOND22' });

    // Assess
    expect(lastText(user.id)).toBe(
      'Tài khoản trò chuyện này đã được liên kết với một người khác. Mỗi tài khoản chỉ liên kết với một người.',
    );
    expect(await world.repos.chatLinks.byChat('telegram', String(user.id))).toMatchObject({ id: first.id });
    expect((await world.repos.chatLinks.getLinkCode('SECOND22'))?.usedAt).toBeUndefined();
  });

  it('gives linked staff their role’s commands on their own chat (Vietnamese, and English for English apps)', async () => {
    // Prepare
    const chairUser = aUser('Chủ');
    const workplaceUser = aUser('Công', 'en');

    // Act
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });

    // Assess
    const scope = (id: number) => ({ type: 'chat', chat_id: id });
    expect(world.emu.commands({ scope: scope(chairUser.id) }).map((c) => c.command)).toEqual([
      'tiepnhan',
      'hop',
      'moi',
      'cuochop',
      'diemdanh',
      'bienban',
      'ky',
      'traloi',
      'nhanxet',
      'denghinhanxet',
      'baocao',
      'malienket',
      'maketnoi',
      'start',
      'help',
    ]);
    expect(world.emu.commands({ scope: scope(workplaceUser.id), languageCode: 'en' })).toContainEqual({
      command: 'xacnhan',
      description: 'Confirm absence reasons',
    });
    expect(lastText(chairUser.id)).toContain('Lệnh dành cho cấp ủy nơi cư trú:');
    expect(lastText(workplaceUser.id)).toContain('Commands for the workplace committee:');
  });

  it('issues a code with /malienket to staff of the member’s committees, and refuses members', async () => {
    // Prepare
    const staffUser = aUser('Thư');
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    const member = await addMember(world, { fullName: 'Hồ Thị Mới' });
    const memberUser = aUser('Mới');

    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: `/malienket ${member.id}` });
    const issued = lastText(staffUser.id);
    const code = /: ([A-Z0-9]{8})\n/.exec(issued)?.[1] ?? '';
    await world.emu.sendUserMessage({ user: memberUser, text: `/start ${code}` });
    await agreeToNotice(world, memberUser, code);
    await world.emu.sendUserMessage({ user: memberUser, text: '/linkcode m-001' });
    await world.emu.sendUserMessage({ user: staffUser, text: '/malienket' });

    // Assess
    expect(issued).toContain('Mã liên kết cho Hồ Thị Mới:');
    expect(issued).toContain(`Đường dẫn: https://t.me/emulated_bot?start=${code}`);
    expect(issued).toContain('hết hạn lúc 08:00 04/06/2026');
    expect(await world.repos.chatLinks.byChat('telegram', String(memberUser.id))).toMatchObject({
      id: member.id,
    });
    expect(world.emu.botMessages(memberUser.id).at(-1)?.text).toBe(
      'Đồng chí không có quyền thực hiện thao tác này.',
    );
    expect(lastText(staffUser.id)).toBe('Cách dùng: /malienket <mã đảng viên hoặc mã cán bộ>');
  });

  describe('HTTP routes', () => {
    /** POSTs to a link-code route (`/members/{id}/link-codes` or `/staff/{id}/link-codes`) as `principal`. */
    const post = (handler: HttpHandler, route: string, id: string, principal: Principal) =>
      call(handler, { method: 'POST', route, pathParameters: { id }, principal });

    it('POST /members/{id}/link-codes: 201 for the member’s residence or workplace staff, 403 for another committee', async () => {
      // Prepare
      const member = await addMember(world, { fullName: 'Đỗ Văn Mã' });
      const route = memberCodeRoute(() => world.deps, {
        botUsername: () => 'lienhe_bot',
        newCode: () => `HTTP${member.id.slice(-3)}A`,
      });

      // Act
      const residence = await post(route, '/members/{id}/link-codes', member.id, {
        sub: 'res-1',
        orgId: 'phuong-an-hoa',
        role: 'residence_staff',
      });
      const stranger = await post(route, '/members/{id}/link-codes', member.id, {
        sub: 'work-2',
        orgId: 'truong-dh-can-tho',
        role: 'workplace_staff',
      });
      const missing = await post(route, '/members/{id}/link-codes', 'nobody', {
        sub: 'res-1',
        orgId: 'phuong-an-hoa',
        role: 'residence_staff',
      });

      // Assess
      expect(residence.status).toBe(201);
      expect(residence.json).toEqual({
        code: `HTTP${member.id.slice(-3)}A`,
        expiresAt: '2026-06-04T01:00:00.000Z',
        deepLink: `https://t.me/lienhe_bot?start=HTTP${member.id.slice(-3)}A`,
      });
      expect(stranger.status).toBe(403);
      expect(missing.status).toBe(404);
    });

    it("POST /staff/{id}/link-codes: 201 for the committee's head, 403 for a peer and for another committee", async () => {
      // Prepare
      const route = staffCodeRoute(() => world.deps, {
        botUsername: () => 'lienhe_bot',
        newCode: () => 'STAFF001',
      });

      // Act
      const colleague = await post(route, '/staff/{id}/link-codes', 'res-1', {
        sub: 'chair-1',
        orgId: 'phuong-an-hoa',
        role: 'chair',
      });
      const outsider = await post(route, '/staff/{id}/link-codes', 'res-1', {
        sub: 'work-1',
        orgId: 'so-y-te',
        role: 'workplace_staff',
      });
      // A residence staff member asks for the chair's code, to link a second chat of their own to it.
      const peerForChair = await post(route, '/staff/{id}/link-codes', 'chair-1', {
        sub: 'res-1',
        orgId: 'phuong-an-hoa',
        role: 'residence_staff',
      });

      // Assess
      expect(colleague.status).toBe(201);
      expect((await world.repos.chatLinks.getLinkCode('STAFF001'))?.subject).toEqual({
        kind: 'staff',
        id: 'res-1',
      });
      expect(outsider.status).toBe(403);
      expect(peerForChair.status).toBe(403);
    });
  });
});
