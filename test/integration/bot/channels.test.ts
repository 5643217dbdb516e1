// Integration: the same features on both channels (issue 15) — linking with a code, "Tham dự", "Vắng mặt" with a reason the workplace (on Telegram) confirms — through each channel's webhook and emulator, on DynamoDB Local; and Zalo's own transport guarantees (replays, signatures, follow/unfollow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { aLinkedPerson, aChatPerson, CHANNELS, type ChatPerson, inviteOn, linkPerson } from '../../support/chat-channels.js';
import {
  addMember,
  aPlannedMeeting,
  type BotWorld,
  createBotWorld,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';

let world: BotWorld;
let meeting: Meeting;
/** The workplace's staff, on Telegram: confirms the reasons of members on either channel. */
let workplace: ChatPerson;

beforeAll(async () => {
  world = await createBotWorld({ zalo: true });
  meeting = await aPlannedMeeting(world);
  workplace = await aChatPerson(world, 'telegram', 'Công');
  await linkPerson(world, workplace, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
});
afterAll(async () => {
  await world.close();
});

const invitationOf = (member: Member) => world.repos.invitations.get(meeting.id, member.id);
const texts = (person: ChatPerson) => person.messages().map((m) => m.text ?? '');

describe.each(CHANNELS)('Feature on %s: linking and answering an invitation', (channel) => {
  it('links a member who sends the code their committee gave them', async () => {
    // Prepare
    const member = await addMember(world, { fullName: 'Đỗ Thị Lan' });
    const person = await aChatPerson(world, channel, 'Lan');

    // Act
    await linkPerson(world, person, { kind: 'member', id: member.id });

    // Assess
    expect(texts(person).at(-1)).toContain(
      'Đã liên kết tài khoản với đảng viên Đỗ Thị Lan. Từ nay đồng chí sẽ nhận thư mời họp và nhắc lịch qua đây.',
    );
    expect(await world.repos.chatLinks.byChat(channel, person.chatId)).toMatchObject({
      channel,
      chatId: person.chatId,
      kind: 'member',
      id: member.id,
    });
  });

  it('records "Tham dự" and shows the answer with the buttons to change it', async () => {
    // Prepare
    const { member, person } = await aLinkedPerson(world, channel, 'Nguyễn Văn Tâm');
    await inviteOn(world, meeting, member, person);
    const letter = person.messages().at(-1);

    // Act
    const status = await person.press('Tham dự');

    // Assess
    expect(status).toBe(200);
    expect(letter?.buttons).toEqual(['Tham dự', 'Vắng mặt']);
    const seen = person.messages();
    const answered = seen.findLast((m) => m.text?.includes('Đồng chí đã trả lời: THAM DỰ.'));
    expect(answered?.buttons).toEqual(['Tham dự', 'Vắng mặt']);
    if (channel === 'zalo') {
      // No edits on Zalo: the letter stays as sent; the acknowledgement (a toast on Telegram) and the new
      // state are new messages under it.
      expect(seen.find((m) => m.id === letter?.id)?.text).toBe(letter?.text);
      expect(seen.slice(-2).map((m) => m.text)).toEqual([
        'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
        expect.stringContaining('Đồng chí đã trả lời: THAM DỰ.'),
      ]);
    }
    expect(await invitationOf(member)).toMatchObject({ rsvp: 'attending', version: 2 });
  });

  it('takes "Vắng mặt" → a category → a typed reason to the workplace on Telegram, who confirms', async () => {
    // Prepare
    const { member, person } = await aLinkedPerson(world, channel, 'Lê Thị Hạnh');
    await inviteOn(world, meeting, member, person);
    const before = person.messages().length;

    // Act
    await person.press('Vắng mặt');
    const categories = person.messages().findLast((m) => m.buttons.includes('Ốm đau'))?.buttons;
    await person.press('Ốm đau');
    await person.send('Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.');
    const thanks = texts(person).at(-1);
    await relayAndNotify(world);
    const card = workplace.messages().at(-1);
    await workplace.press('Xác nhận');
    await relayAndNotify(world);

    // Assess
    expect(categories).toEqual(['Công tác', 'Ốm đau', 'Việc gia đình', 'Lý do khác', '« Quay lại']);
    expect(thanks).toBe('Đã gửi lý do vắng mặt đến cấp ủy nơi công tác để xác nhận. Cảm ơn đồng chí!');
    expect(card?.text).toContain('Lý do: Ốm đau — «Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.»');
    expect(texts(person)).toContain(
      'Chi bộ Sở Y tế đã xác nhận lý do vắng mặt của đồng chí tại cuộc họp ngày 20/06/2026.',
    );
    if (channel === 'zalo') {
      // Each step is a new message on Zalo (the letter, categories, reason prompt, thanks, the decision…).
      expect(person.messages().length).toBeGreaterThanOrEqual(before + 4);
      expect(world.zalo?.emu.callsOf('message').every((c) => c.httpStatus === 200)).toBe(true);
    }
    expect(await invitationOf(member)).toMatchObject({
      rsvp: 'absent',
      absence: {
        category: 'illness',
        text: 'Phẫu thuật ruột thừa, bác sĩ yêu cầu nghỉ 2 tuần.',
        confirmation: 'confirmed',
        decidedBy: 'work-1',
      },
    });
  });
});
