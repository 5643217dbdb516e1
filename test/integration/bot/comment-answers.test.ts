// Integration: /traloi (/answer) — residence staff answer members' comments in the bot (R15 2.3): the open
// comments of the round the coming 2.3 answers, a press shows one and keeps a draft, the next plain message
// is the answer, and the notifier sends it to the author; refusals, re-delivery and paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../../shared/domain/comment.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import type { StaffAssignment } from '../../../shared/domain/roles.js';
import { planMeeting } from '../../../shared/services/meetings.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';

const OTHER_WARD = 'phuong-cai-khe';
const OTHER_WARD_STAFF: StaffAssignment = {
  id: 'res-ck-1',
  orgId: OTHER_WARD,
  role: 'residence_staff',
  fullName: 'Huỳnh Văn Khế',
};

describe('Feature: /traloi, staff answer members’ comments', () => {
  let world: BotWorld;
  let june: Meeting;
  let author: Member;
  const staffUser = aUser('Thư');
  const authorUser = aUser('Nhung');
  const workplaceUser = aUser('Công');
  const otherWardUser = aUser('Khế');

  beforeAll(async () => {
    world = await createBotWorld();
    june = await aPlannedMeeting(world);
    await planMeeting(
      { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' },
      RESIDENCE,
      {
        year: 2026,
        round: 'october',
        date: '2026-10-17',
        time: '08:00',
        place: 'Hội trường Đảng ủy phường An Hòa',
        chairStaffId: 'chair-1',
      },
      { ...world.repos, clock: world.clock },
    );
    await world.repos.staff.put(OTHER_WARD_STAFF);
    author = await addMember(world, { fullName: 'Nguyễn Thị Hồng Nhung' });
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await link(world, authorUser, { kind: 'member', id: author.id });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    await link(world, otherWardUser, { kind: 'staff', id: OTHER_WARD_STAFF.id });
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
  const press = (user: ReturnType<typeof aUser>, text: string, messageId = last(user)?.messageId ?? 0) =>
    world.emu.pressButton({ user, messageId, text });
  const commentsOfJune = () => world.repos.comments.ofMeeting(june.id);

  it('says so when no comment waits for an answer', async () => {
    // Act
    await say(staffUser, '/traloi');

    // Assess
    expect(last(staffUser)?.text).toBe('Không có ý kiến nào đang chờ trả lời.');
    expect(labels(staffUser)).toEqual([]);
  });

  it('lists the open comments of the previous round once the next meeting has come, with the author', async () => {
    // Prepare: the member raises a comment for the June meeting; the October meeting's 2.3 answers it.
    await say(authorUser, '/gopy Đèn đường: Đề nghị sửa đèn đường hẻm 5 khu vực 1.');
    world.clock.set('2026-10-17T07:00:00+07:00');

    // Act
    await say(staffUser, '/traloi');

    // Assess
    const text = last(staffUser)?.text ?? '';
    expect(text).toContain('Ý KIẾN CHỜ TRẢ LỜI (1) — ý kiến kỳ họp ngày 20/06/2026');
    expect(text).toContain('1. Đèn đường — Nguyễn Thị Hồng Nhung');
    expect(labels(staffUser)).toEqual(['1. Đèn đường']);
  });

  it('shows the pressed comment, keeps a draft, and takes the next message as the answer, once', async () => {
    // Prepare
    const list = last(staffUser)?.messageId ?? 0;

    // Act
    await press(staffUser, '1. Đèn đường', list);
    const shown = last(staffUser)?.text ?? '';
    const draft = await world.repos.drafts.get('telegram', String(staffUser.id));
    const answer = world.emu.nextUpdate.message({
      user: staffUser,
      text: 'Phường đã thay bóng đèn hẻm 5 ngày 10/7.',
    });
    const first = await world.emu.deliver(answer);
    const again = await world.emu.deliver(answer);

    // Assess
    expect(shown).toContain('Ý kiến của đồng chí Nguyễn Thị Hồng Nhung\nChủ đề: Đèn đường');
    expect(shown).toContain('Nội dung: Đề nghị sửa đèn đường hẻm 5 khu vực 1.');
    expect(shown).toContain('Gửi câu trả lời (đã giải quyết) trong tin nhắn tiếp theo.');
    expect(draft?.kind).toBe('comment_answer');
    expect([first.status, again.status]).toEqual([200, 200]);
    const confirmations = world.emu
      .botMessages(staffUser.id)
      .filter((m) => m.text?.startsWith('Đã trả lời ý kiến «Đèn đường»'));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]?.text).toContain('Bot sẽ nhắn câu trả lời cho đồng chí Nguyễn Thị Hồng Nhung.');
    const [comment] = await commentsOfJune();
    expect(comment?.answer).toMatchObject({
      status: 'done',
      text: 'Phường đã thay bóng đèn hẻm 5 ngày 10/7.',
      answeredAtMeetingId: `${RESIDENCE}.2026.10`,
      answeredBy: STAFF.residence?.id,
    });
    expect(await world.repos.drafts.get('telegram', String(staffUser.id))).toBeUndefined();
  });

  it('sends the author the answer through the notifier, once', async () => {
    // Act
    const published = await relayAndNotify(world);
    const republished = await relayAndNotify(world);

    // Assess
    expect(published).toBeGreaterThanOrEqual(1);
    expect(republished).toBe(0);
    const notices = world.emu.botMessages(authorUser.id).filter((m) => m.text?.includes('TRẢ LỜI Ý KIẾN'));
    expect(notices.map((m) => m.text)).toEqual([
      'TRẢ LỜI Ý KIẾN «Đèn đường»\nKết quả: đã thực hiện.\nPhường đã thay bóng đèn hẻm 5 ngày 10/7.',
    ]);
  });

  it('no longer lists the answered comment, and refuses a press of its old button politely', async () => {
    // Prepare
    const oldList = world.emu
      .botMessages(staffUser.id)
      .findLast((m) => m.text?.startsWith('Ý KIẾN CHỜ TRẢ LỜI'));
    const before = (await commentsOfJune())[0]?.answer;

    // Act
    await say(staffUser, '/traloi');
    const listed = last(staffUser)?.text;
    await press(staffUser, '1. Đèn đường', oldList?.messageId ?? 0);

    // Assess
    expect(listed).toBe('Không có ý kiến nào đang chờ trả lời.');
    expect(last(staffUser)?.text).toBe(
      'Ý kiến «Đèn đường» đã được trả lời: Phường đã thay bóng đèn hẻm 5 ngày 10/7.',
    );
    expect(await world.repos.drafts.get('telegram', String(staffUser.id))).toBeUndefined();
    expect((await commentsOfJune())[0]?.answer).toEqual(before);
  });

  it('takes a "not done" answer with its reason and remedy, one message each (R15 2.3)', async () => {
    // Prepare
    await addComment('cmt-nd', 'Nước sinh hoạt', 'Nước máy yếu vào buổi sáng.');
    await say(staffUser, '/traloi');
    await press(staffUser, '1. Nước sinh hoạt');

    // Act
    await press(staffUser, 'Chưa giải quyết được');
    const askedText = last(staffUser)?.text;
    await say(staffUser, 'Chưa cải tạo được đường ống.');
    const askedReason = last(staffUser)?.text;
    await say(staffUser, 'Công ty cấp nước chưa bố trí vốn.');
    const askedRemedy = last(staffUser)?.text;
    await say(staffUser, 'Phường kiến nghị đưa vào kế hoạch quý I/2027.');

    // Assess
    expect(askedText).toContain('Gửi câu trả lời (chưa giải quyết được) trong tin nhắn tiếp theo.');
    expect(askedReason).toBe('Gửi nguyên nhân chưa giải quyết được trong tin nhắn tiếp theo.');
    expect(askedRemedy).toBe('Gửi hướng khắc phục trong tin nhắn tiếp theo.');
    expect(last(staffUser)?.text).toContain('Đã trả lời ý kiến «Nước sinh hoạt».');
    const comment = (await commentsOfJune()).find((c) => c.id === 'cmt-nd');
    expect(comment?.answer).toMatchObject({
      status: 'not_done',
      text: 'Chưa cải tạo được đường ống.',
      reason: 'Công ty cấp nước chưa bố trí vốn.',
      remedy: 'Phường kiến nghị đưa vào kế hoạch quý I/2027.',
    });
  });

  it('refuses members and workplace staff, and another ward’s staff cannot answer this ward’s comment', async () => {
    // Prepare
    await addComment('cmt-x', 'An ninh trật tự', 'Đề nghị tăng tuần tra buổi tối.');
    await say(otherWardUser, '/traloi');
    const forgedOn = last(otherWardUser)?.messageId ?? 0;

    // Act
    await say(authorUser, '/traloi');
    await say(workplaceUser, '/answer');
    await world.emu.pressButton({
      user: otherWardUser,
      messageId: forgedOn,
      data: `ans1|c|${june.id}|cmt-x`,
      force: true,
    });

    // Assess
    const refusal = 'Chỉ cán bộ cấp ủy nơi cư trú mới trả lời ý kiến của đảng viên.';
    expect(last(authorUser)?.text).toBe(refusal);
    expect(last(workplaceUser)?.text).toBe(refusal);
    const pressed = world.emu.callbackQueries(otherWardUser.id).at(-1);
    expect(pressed?.answer).toMatchObject({
      text: 'Đồng chí không có quyền thực hiện thao tác này.',
      show_alert: true,
    });
    expect(await world.repos.drafts.get('telegram', String(otherWardUser.id))).toBeUndefined();
    expect((await commentsOfJune()).find((c) => c.id === 'cmt-x')?.answer).toBeUndefined();
  });

  it('pages the list 8 at a time', async () => {
    // Prepare: with "An ninh trật tự" still open, 10 comments wait.
    for (let i = 1; i <= 9; i += 1) {
      await addComment(`cmt-p${i}`, `Chủ đề ${i}`, `Nội dung ${i}`);
    }

    // Act
    await say(staffUser, '/traloi');
    const firstPage = { text: last(staffUser)?.text ?? '', labels: labels(staffUser) };
    await press(staffUser, 'Trang sau ▶');
    const secondPage = { text: last(staffUser)?.text ?? '', labels: labels(staffUser) };

    // Assess
    expect(firstPage.text).toContain('Ý KIẾN CHỜ TRẢ LỜI (10)');
    expect(firstPage.text).toContain('trang 1/2');
    expect(firstPage.labels).toHaveLength(9);
    expect(firstPage.labels.at(-1)).toBe('Trang sau ▶');
    expect(secondPage.text).toContain('trang 2/2');
    expect(secondPage.labels).toEqual(['9. Chủ đề 8', '10. Chủ đề 9', '◀ Trang trước']);
  });

  /** A comment raised for the June meeting (as raiseComment stores it), at a fixed time so the order is known. */
  let seq = 0;
  async function addComment(id: string, topic: string, text: string): Promise<void> {
    seq += 1;
    const comment: Comment = {
      id,
      meetingId: june.id,
      residenceOrgId: RESIDENCE,
      memberId: author.id,
      authorName: author.fullName,
      topic,
      text,
      raisedAt: new Date(Date.UTC(2026, 5, 10, 0, seq)).toISOString(),
    };
    await world.repos.comments.add(comment);
  }
});
