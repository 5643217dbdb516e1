// Integration: which way a notice goes (issue 15) — a person linked on Telegram and on Zalo gets one letter, on the
// channel they used last, and the other only when that one refuses it; a member no chat reaches gets an SMS; the
// staff's final numbers say which path carried how many. Through both webhooks and emulators, on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring, reminderPorts } from '../../../functions/chat-deps.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../../shared/services/invitations.js';
import { sendMeetingReminders } from '../../../shared/services/reminders.js';
import {
  addMember,
  aPlannedMeeting,
  type BotWorld,
  createBotWorld,
  RESIDENCE,
  WORLD_ZNS_TEMPLATES,
} from '../../support/bot-world.js';
import { aChatPerson, type ChatPerson, linkPerson } from '../../support/chat-channels.js';

const LETTER = 'THƯ MỜI HỌP';
const HOUR = 3600_000;

let world: BotWorld;
let staff: ChatPerson;

beforeAll(async () => {
  world = await createBotWorld({ zalo: true });
  staff = await aChatPerson(world, 'telegram', 'Chủ');
  await linkPerson(world, staff, { kind: 'staff', id: 'chair-1' });
});
afterAll(async () => {
  await world.close();
});

/** A member linked on both channels: first on `first`, an hour later on the other. */
async function onBoth(fullName: string, first: 'telegram' | 'zalo') {
  const member = await addMember(world, { fullName });
  const second = first === 'telegram' ? 'zalo' : 'telegram';
  const chats = {
    [first]: await aChatPerson(world, first, fullName),
    [second]: await aChatPerson(world, second, fullName),
  } as Record<'telegram' | 'zalo', ChatPerson>;
  await linkPerson(world, chats[first], { kind: 'member', id: member.id });
  world.clock.advance(HOUR);
  await linkPerson(world, chats[second], { kind: 'member', id: member.id });
  world.clock.advance(HOUR);
  return { member, ...chats };
}

const letters = (person: ChatPerson) => person.messages().filter((m) => m.text?.startsWith(LETTER));

async function invite(in_: BotWorld, by: ChatPerson, meeting: Meeting) {
  const started = await startInvitations(
    { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
    meeting.id,
    { channel: 'telegram', chatId: by.chatId },
    invitationPorts(invitationWiring(in_.deps, (await in_.deps.telegram()).messenger)),
  );
  await in_.queue.drain();
  return started;
}

describe('Delivery: one letter per person, on the channel they chose last', () => {
  let meeting: Meeting;
  let linkedLastOnZalo: { member: Member; telegram: ChatPerson; zalo: ChatPerson };
  let backOnTelegram: { member: Member; telegram: ChatPerson; zalo: ChatPerson };
  let zaloRefuses: { member: Member; telegram: ChatPerson; zalo: ChatPerson };
  let paperOnly: Member;

  beforeAll(async () => {
    // Prepare: three members on both channels and one with a phone and no chat.
    meeting = await aPlannedMeeting(world);
    linkedLastOnZalo = await onBoth('Phan Thị Hoa', 'telegram');
    backOnTelegram = await onBoth('Võ Văn Kiệt', 'telegram');
    // Kiệt writes on Telegram after linking Zalo: Telegram is the channel he uses now.
    await backOnTelegram.telegram.send('/help');
    zaloRefuses = await onBoth('Đinh Văn Lực', 'telegram');
    // Lực left the OA without Zalo telling us yet: the send answers -213 (not a follower).
    world.zalo?.emu.injectFault({ endpoint: 'message', userId: zaloRefuses.zalo.chatId, error: -213 });
    paperOnly = await addMember(world, { fullName: 'Hồ Thị Giấy', phone: '0901234567' });
    world.sms.sent.length = 0;

    // Act
    await invite(world, staff, meeting);
  });

  it('sends the letter to the channel linked last, and nothing to the other', async () => {
    // Assess
    expect(letters(linkedLastOnZalo.zalo)).toHaveLength(1);
    expect(letters(linkedLastOnZalo.telegram)).toHaveLength(0);
    expect(await world.repos.invitations.get(meeting.id, linkedLastOnZalo.member.id)).toMatchObject({
      delivery: 'sent',
      via: 'zalo',
    });
  });

  it('sends it to the channel the person wrote in last, though the other was linked later', async () => {
    // Assess
    expect(letters(backOnTelegram.telegram)).toHaveLength(1);
    expect(letters(backOnTelegram.zalo)).toHaveLength(0);
    expect(await world.repos.invitations.get(meeting.id, backOnTelegram.member.id)).toMatchObject({
      via: 'telegram',
    });
  });

  it('falls to the other channel when the chosen one refuses for good, and marks that chat blocked', async () => {
    // Assess
    expect(letters(zaloRefuses.zalo)).toHaveLength(0);
    expect(letters(zaloRefuses.telegram)).toHaveLength(1);
    expect(await world.repos.invitations.get(meeting.id, zaloRefuses.member.id)).toMatchObject({
      delivery: 'sent',
      via: 'telegram',
    });
    expect(await world.repos.chatLinks.byChat('zalo', zaloRefuses.zalo.chatId)).toMatchObject({
      blocked: true,
    });
  });

  it('texts the member no chat reaches, and tells the staff which path carried how many', async () => {
    // Assess
    expect(world.sms.sent.map((s) => s.phone)).toEqual(['0901234567']);
    expect(await world.repos.invitations.get(meeting.id, paperOnly.id)).toMatchObject({
      delivery: 'no_chat',
      via: 'sms',
      smsSent: true,
    });
    const report = staff.messages().map((m) => m.text ?? '');
    expect(report.find((t) => t.startsWith('Đã gửi xong thư mời'))).toContain(
      'đồng chí nhận qua tin nhắn (Telegram 2, Zalo 1).',
    );
    expect(report.find((t) => t.startsWith('Đã gửi xong thư mời'))).toContain(
      '• Đã báo qua số điện thoại: 1 tin SMS.',
    );
    expect(report.join('\n')).toContain('Hồ Thị Giấy — Khu vực 1 — đã nhắn SMS');
  });

  it('reminds each person once, on the same chosen channel, however often the job runs', async () => {
    // Prepare: three days before the meeting, nobody has answered.
    world.clock.set(`${meeting.date}T08:00:00+07:00`);
    world.clock.advance(-3 * 24 * HOUR);
    const ports = reminderPorts(world.deps, (await world.deps.telegram()).messenger);
    const reminders = (person: ChatPerson) =>
      person.messages().filter((m) => m.text?.includes('chưa trả lời thư mời'));

    // Act
    const first = await sendMeetingReminders(ports, [meeting], world.clock.now());
    const again = await sendMeetingReminders(ports, [meeting], world.clock.now());

    // Assess
    expect(reminders(linkedLastOnZalo.zalo)).toHaveLength(1);
    expect(reminders(linkedLastOnZalo.telegram)).toHaveLength(0);
    expect(reminders(backOnTelegram.telegram)).toHaveLength(1);
    expect(reminders(backOnTelegram.zalo)).toHaveLength(0);
    expect(first.byPath).toMatchObject({ telegram: expect.any(Number), zalo: 1, sms: 1 });
    expect(again.sent).toBe(0);
  });
});

describe('Delivery by phone and the Zalo allowance: a world with approved ZNS templates and a free quota of 2', () => {
  let zw: BotWorld;
  let zstaff: ChatPerson;
  let meeting: Meeting;

  beforeAll(async () => {
    zw = await createBotWorld({ zalo: true, zaloOutbound: { zns: true, proactiveFreePerMonth: 2 } });
    zstaff = await aChatPerson(zw, 'telegram', 'Chủ');
    await linkPerson(zw, zstaff, { kind: 'staff', id: 'chair-1' });
    meeting = await aPlannedMeeting(zw);
  });
  afterAll(async () => {
    await zw.close();
  });

  it('tells the member no chat reaches by ZNS, and by SMS where ZNS cannot (no Zalo on that phone, a fault)', async () => {
    // Prepare: three members without a chat; one phone has no Zalo account, one send to Zalo fails.
    const onZns = await addMember(zw, { fullName: 'Lý Thị Zét', phone: '0911000001' });
    const noZalo = await addMember(zw, { fullName: 'Lý Văn Không', phone: '0911000002' });
    const zaloDown = await addMember(zw, { fullName: 'Lý Văn Lỗi', phone: '0911000003' });
    zw.zalo?.emu.setZnsUnreachable('0911000002');
    zw.zalo?.emu.injectFault({ endpoint: 'zns', userId: '84911000003', httpStatus: 500, times: 1 });
    zw.sms.sent.length = 0;

    // Act
    await invite(zw, zstaff, meeting);

    // Assess
    const via = async (member: Member) => (await zw.repos.invitations.get(meeting.id, member.id))?.via;
    expect(await via(onZns)).toBe('zns');
    expect(await via(noZalo)).toBe('sms');
    expect(await via(zaloDown)).toBe('sms');
    const zns = zw.zalo?.emu.znsMessages() ?? [];
    expect(zns).toHaveLength(1);
    expect(zns[0]).toMatchObject({ phone: '84911000001', templateId: WORLD_ZNS_TEMPLATES.invitation });
    expect(zns[0]?.templateData).toMatchObject({ member_name: 'Lý Thị Zét' });
    expect(zw.sms.sent.map((s) => s.phone).sort()).toEqual(['0911000002', '0911000003']);
    const report = zstaff.messages().map((m) => m.text ?? '');
    expect(report.join('\n')).toContain('• Đã báo qua số điện thoại: 1 tin Zalo (ZNS), 2 tin SMS.');
    expect(report.join('\n')).toMatch(/— đã gửi tin Zalo \(ZNS\)/);
  });

  it('warns the staff first when a round to Zalo may pass the month’s free proactive messages, and still sends it', async () => {
    // Prepare: three more members, whose chosen chat is Zalo, and a free quota of 2 (the round resumes).
    const people: ChatPerson[] = [];
    for (const name of ['Mạc Văn Một', 'Mạc Văn Hai', 'Mạc Văn Ba']) {
      const member = await addMember(zw, { fullName: name });
      const person = await aChatPerson(zw, 'zalo', name);
      await linkPerson(zw, person, { kind: 'member', id: member.id });
      people.push(person);
    }
    // They linked days ago: their reply windows have closed, so every letter is a proactive message.
    zw.clock.advance(3 * 24 * HOUR);

    // Act
    const started = await invite(zw, zstaff, meeting);

    // Assess
    // The worker tells the staff (the webhook only queued the round, issue 19).
    expect(started.job.run).toBeGreaterThan(1);
    const warning = zstaff.messages().find((m) => m.text?.startsWith('Lưu ý: đợt thư mời họp 20/06/2026'));
    expect(warning?.text).toContain('có thể cần đến 3 tin Zalo gửi chủ động');
    expect(warning?.text).toContain('/2 tin miễn phí');
    for (const person of people) expect(letters(person)).toHaveLength(1);
  });
});
