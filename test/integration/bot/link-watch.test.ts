// Integration: issue 18's linking that cannot be abused — the member's consent to the purpose notice before a
// link, a second account on the same app waiting for the old account or a committee head, the committee told
// of every new link, and the administrator's unlink (bot and HTTP), through the webhook and the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as unlinkRoute } from '../../../functions/http/admin-chat-links-unlink.js';
import { createHandler as decideRoute } from '../../../functions/http/link-request-decide.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import { CONSENT_NOTICE_VERSION } from '../../../shared/domain/linking.js';
import type { Principal } from '../../../shared/domain/roles.js';
import type { ChatSubject } from '../../../shared/ports/repositories.js';
import { createLinkCode } from '../../../shared/services/link-codes.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';
import { call } from '../../support/http.js';

const BOARD = 'ban-to-chuc-lw';
const ADMIN = { id: 'admin-lw', orgId: BOARD, role: 'admin' as const, fullName: 'Trần Văn Quản' };
const CHAIR: Principal = { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' };

describe('Feature: linking that cannot be abused (consent, replacement, committee notice, admin unlink)', () => {
  let world: BotWorld;
  const chair = aUser('Chủ');
  const admin = aUser('Quản');
  let codes = 0;

  beforeAll(async () => {
    world = await createBotWorld();
    // The ward sits under a board whose administrator may unlink its people.
    await world.repos.committees.put({ id: BOARD, kind: 'board', name: 'Ban Tổ chức Quận ủy' });
    const ward = await world.repos.committees.get(RESIDENCE);
    if (ward) await world.repos.committees.put({ ...ward, parentId: BOARD });
    await world.repos.staff.put(ADMIN);
    await link(world, chair, { kind: 'staff', id: CHAIR.sub });
    await link(world, admin, { kind: 'staff', id: ADMIN.id });
  });
  afterAll(async () => {
    await world.close();
  });

  const texts = (user: SimulatedUser) => world.emu.botMessages(user.id).map((m) => m.text ?? m.caption ?? '');
  const lastText = (user: SimulatedUser) => texts(user).at(-1) ?? '';
  const say = (user: SimulatedUser, text: string) => world.emu.sendUserMessage({ user, text });
  const labels = (user: SimulatedUser) =>
    world.emu
      .lastBotMessage(user.id)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  /** Presses the button labelled `text` on the newest message that has it. */
  const press = (user: SimulatedUser, text: string) => {
    const target = world.emu
      .botMessages(user.id)
      .findLast((m) => m.replyMarkup?.inline_keyboard.flat().some((b) => b.text === text));
    return world.emu.pressButton({ user, messageId: target?.messageId ?? 0, text });
  };
  /** The button data behind the label on the newest message that has it (to press it again later). */
  const dataOf = (user: SimulatedUser, text: string) => {
    const button = world.emu
      .botMessages(user.id)
      .flatMap((m) => m.replyMarkup?.inline_keyboard.flat() ?? [])
      .findLast((b) => b.text === text);
    return button && 'callback_data' in button ? (button.callback_data ?? '') : '';
  };
  const linkOf = (user: SimulatedUser) => world.repos.chatLinks.byChat('telegram', String(user.id));
  async function codeFor(subject: ChatSubject): Promise<string> {
    const issued = await createLinkCode(subject, 'test', {
      chatLinks: world.repos.chatLinks,
      clock: world.clock,
      newCode: () => `LW${String(++codes).padStart(6, '0')}`,
    });
    return issued.code;
  }

  it('shows a member the purpose notice first: «Không đồng ý» links nothing, «Đồng ý» links with the consent recorded, and /dulieu shows it', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Ngô Thị Đồng' });
    const code = await codeFor({ kind: 'member', id: member.id });
    const refuser = aUser('Từ');
    const agreer = aUser('Đồng');

    // Act
    await say(refuser, `/start ${code}`);
    const notice = lastText(refuser);
    const noticeButtons = labels(refuser);
    const linkedBeforeAnswer = await linkOf(refuser);
    await press(refuser, 'Không đồng ý');
    const codeAfterRefusal = await world.repos.chatLinks.getLinkCode(code);
    await say(agreer, `/start ${code}`);
    await press(agreer, 'Đồng ý');
    const greeting = lastText(agreer);
    await say(agreer, '/dulieu');

    // Assess
    expect(notice).toMatch(/^THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN\n/);
    expect(noticeButtons).toEqual(['Đồng ý', 'Không đồng ý']);
    expect(linkedBeforeAnswer).toBeUndefined();
    expect(await linkOf(refuser)).toBeUndefined();
    expect(lastText(refuser)).toContain('Đồng chí vẫn nhận thư mời giấy hoặc tin nhắn SMS như trước.');
    expect(codeAfterRefusal?.usedAt).toBeUndefined();
    expect(greeting).toContain('Đã liên kết tài khoản với đảng viên Ngô Thị Đồng');
    expect((await linkOf(agreer))?.consent).toEqual({
      version: CONSENT_NOTICE_VERSION,
      at: world.clock.now().toISOString(),
    });
    expect(texts(agreer).find((t) => t.startsWith('Dữ liệu cá nhân hệ thống'))).toContain(
      `Đồng chí đã đồng ý với thông báo xử lý dữ liệu cá nhân (phiên bản ${CONSENT_NOTICE_VERSION}) lúc 08:00 01/06/2026.`,
    );
  });

  it('tells the committee’s heads of a new link: who and which app, never a chat id', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Lý Văn Báo' });
    const user = aUser('Báo');

    // Act
    await link(world, user, { kind: 'member', id: member.id });

    // Assess
    expect(lastText(chair)).toBe(
      'THÔNG BÁO LIÊN KẾT\nĐảng viên Lý Văn Báo vừa liên kết một tài khoản Telegram. ' +
        'Nếu không phải đồng chí ấy thực hiện, đề nghị báo quản trị viên để hủy liên kết.',
    );
    expect(lastText(chair)).not.toContain(String(user.id));
  });

  it('makes a second Telegram account of a member wait: the old account confirms, then it replaces it (once)', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Bùi Văn Thay' });
    const old = aUser('Cũ');
    await link(world, old, { kind: 'member', id: member.id });
    const code = await codeFor({ kind: 'member', id: member.id });
    const second = aUser('Mới');

    // Act
    await say(second, `/start ${code}`);
    await press(second, 'Đồng ý');
    const waiting = lastText(second);
    const linkedWhileWaiting = await linkOf(second);
    const request = lastText(old);
    const requestButtons = labels(old);
    const requestMessage = world.emu.lastBotMessage(old.id)?.messageId ?? 0;
    const confirm = dataOf(old, 'Xác nhận');
    const staffRequest = lastText(chair);
    await press(old, 'Xác nhận');
    // Pressed again (a double tap, a redelivered update) on the same message.
    await world.emu.pressButton({ user: old, messageId: requestMessage, data: confirm, force: true });

    // Assess
    expect(waiting).toContain('Đồng chí đã có một tài khoản Telegram khác được liên kết.');
    expect(linkedWhileWaiting).toBeUndefined();
    expect(request).toMatch(/^YÊU CẦU THAY TÀI KHOẢN\n/);
    expect(requestButtons).toEqual(['Xác nhận', 'Không phải tôi']);
    expect(staffRequest).toContain('Có người dùng mã liên kết của đồng chí Bùi Văn Thay');
    expect(staffRequest).toContain('Tài khoản cũ đã được hỏi xác nhận.');
    expect(await linkOf(second)).toMatchObject({
      id: member.id,
      consent: { version: CONSENT_NOTICE_VERSION },
    });
    expect(await linkOf(old)).toBeUndefined();
    expect(await world.repos.chatLinks.ofSubject({ kind: 'member', id: member.id })).toHaveLength(1);
    expect(texts(second)).toContain(
      'Yêu cầu đã được chấp thuận: tài khoản này đã được liên kết. Từ nay đồng chí nhận thông báo tại đây.',
    );
    expect(texts(old)).toContain('Yêu cầu này đã được xử lý trước đó.');
    expect(lastText(chair)).toContain('Đảng viên Bùi Văn Thay vừa liên kết một tài khoản Telegram.');
  });

  it('refuses the new account when the old one says «Không phải tôi», and alerts the committee', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Đặng Thị Thật' });
    const owner = aUser('Thật');
    await link(world, owner, { kind: 'member', id: member.id });
    const code = await codeFor({ kind: 'member', id: member.id });
    const thief = aUser('Giả');

    // Act
    await say(thief, `/start ${code}`);
    await press(thief, 'Đồng ý');
    await press(owner, 'Không phải tôi');

    // Assess
    expect(await linkOf(thief)).toBeUndefined();
    expect(await linkOf(owner)).toMatchObject({ id: member.id });
    expect(lastText(thief)).toBe(
      'Yêu cầu liên kết tài khoản này đã bị từ chối. Nếu đây là tài khoản của đồng chí, xin liên hệ cấp ủy.',
    );
    expect(lastText(chair)).toMatch(
      /^CẢNH BÁO LIÊN KẾT\nTài khoản Telegram của đồng chí Đặng Thị Thật báo rằng yêu cầu thay tài khoản/,
    );
  });

  it('stops a second account of a staff person (the impersonation of issue 18): their old chat blocked, only the chair’s approval links it', async () => {
    // Prepare
    const own = aUser('Thư');
    await link(world, own, { kind: 'staff', id: 'res-1' });
    await world.emu.userBlocksBot(own);
    const code = await codeFor({ kind: 'staff', id: 'res-1' });
    const second = aUser('Thư hai');
    const route = decideRoute(() => world.deps);
    const decide = (principal: Principal, id: string) =>
      call(route, {
        method: 'POST',
        route: '/link-requests/{id}/decision',
        pathParameters: { id },
        principal,
        body: { approve: true },
      });

    // Act
    await say(second, `/start ${code}`);
    const linkedWhileWaiting = await linkOf(second);
    const staffRequest = lastText(chair);
    const requestId = /\|([A-Za-z0-9_-]+)\|y$/.exec(dataOf(chair, 'Duyệt'))?.[1];
    const bySelf = await decide({ sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' }, requestId ?? '');
    const byChair = await decide(CHAIR, requestId ?? '');
    const again = await decide(CHAIR, requestId ?? '');

    // Assess
    expect(linkedWhileWaiting).toBeUndefined();
    expect(staffRequest).toContain('Không gửi được tin đến tài khoản cũ, nên cần cấp ủy quyết định.');
    expect(bySelf.status).toBe(403);
    expect(byChair.status).toBe(200);
    expect(byChair.json).toMatchObject({ outcome: 'linked', status: 'approved', channel: 'telegram' });
    expect(again.json).toMatchObject({ outcome: 'already_decided', status: 'approved' });
    expect(await linkOf(second)).toMatchObject({ kind: 'staff', id: 'res-1' });
    expect(await linkOf(own)).toBeUndefined();
    expect(lastText(second)).toContain('Yêu cầu đã được chấp thuận');
  });

  it('lets a waiting link lapse after 72 hours: a late approval links nothing', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Hà Văn Muộn' });
    const owner = aUser('Muộn');
    await link(world, owner, { kind: 'member', id: member.id });
    const code = await codeFor({ kind: 'member', id: member.id });
    const second = aUser('Muộn hai');
    await say(second, `/start ${code}`);
    await press(second, 'Đồng ý');
    world.clock.advance(72 * 3600_000);

    try {
      // Act
      await press(chair, 'Duyệt');

      // Assess
      expect(await linkOf(second)).toBeUndefined();
      expect(await linkOf(owner)).toMatchObject({ id: member.id });
      expect(lastText(chair)).toBe('Yêu cầu này đã hết hạn (72 giờ); cần xin mã liên kết mới.');
    } finally {
      world.clock.set('2026-06-01T08:00:00+07:00');
    }
  });

  it('lets the administrator unlink anyone in their committees (HTTP and /huylienketnguoi), telling the person; others get 403', async () => {
    // Prepare
    const first = await addMember(world, { fullName: 'Tạ Văn Một' });
    const second = await addMember(world, { fullName: 'Tạ Văn Hai' });
    const firstUser = aUser('Một');
    const secondUser = aUser('Hai');
    await link(world, firstUser, { kind: 'member', id: first.id });
    await link(world, secondUser, { kind: 'member', id: second.id });
    const route = unlinkRoute(() => world.deps);
    const unlink = (principal: Principal, id: string) =>
      call(route, {
        method: 'DELETE',
        route: '/chat-links/{kind}/{id}',
        pathParameters: { kind: 'member', id },
        principal,
      });

    // Act
    const byChair = await unlink(CHAIR, first.id);
    const byAdmin = await unlink({ sub: ADMIN.id, orgId: BOARD, role: 'admin' }, first.id);
    await say(admin, `/huylienketnguoi ${second.id}`);
    const ask = lastText(admin);
    await press(admin, 'Hủy liên kết');

    // Assess
    expect(byChair.status).toBe(403);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.json).toEqual({ unlinked: 1 });
    expect(await linkOf(firstUser)).toBeUndefined();
    expect(lastText(firstUser)).toBe(
      'Quản trị viên đã hủy liên kết tài khoản Telegram này. Từ nay tài khoản này không nhận thông báo nữa; muốn liên kết lại, đồng chí xin mã mới từ cấp ủy.',
    );
    expect(ask).toBe('Hủy 1 tài khoản đã liên kết của Tạ Văn Hai? Người đó sẽ được báo.');
    expect(lastText(admin)).toBe('Đã hủy 1 tài khoản đã liên kết của Tạ Văn Hai.');
    expect(await linkOf(secondUser)).toBeUndefined();
    expect(lastText(secondUser)).toContain('Quản trị viên đã hủy liên kết tài khoản Telegram này.');
  });
});
