// Integration: the same features on both channels (issue 15) — linking with a code, "Tham dự", "Vắng mặt" with a reason the workplace (on Telegram) confirms, a members' CSV sent as a file — through each channel's webhook and emulator, on DynamoDB Local; and Zalo's own transport guarantees (replays, signatures, follow/unfollow).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloCatalogue, zaloMessageNumber } from '../../../bot/zalo-bot.js';
import { ZaloRenderer } from '../../../chat/channels/zalo/renderer.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import type { Channel } from '../../../shared/ports/repositories.js';
import { importJobId } from '../../../shared/services/import-job.js';
import {
  addMember,
  aPlannedMeeting,
  type BotWorld,
  createBotWorld,
  RESIDENCE,
  relayAndNotify,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';
import {
  aChatPerson,
  aLinkedPerson,
  CHANNELS,
  type ChatPerson,
  inviteOn,
  linkPerson,
} from '../../support/chat-channels.js';

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
    expect(categories).toEqual(['Bận công tác', 'Ốm đau', 'Việc gia đình', 'Lý do khác', '« Quay lại']);
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

/** A members' CSV of `rows` valid lines (member-import.test.ts has the columns), party cards from `firstCard`. */
function membersCsv(firstCard: number, rows: number): string {
  const lines = ['so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${firstCard + i},Trịnh Văn Tệp ${i},1980-01-01,nam,thuong_tru,Khu vực 1,2000-01-01,${RESIDENCE}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A workplace staff member of its own (the import job checks the sender's role again), linked on `channel`. */
async function aLinkedWorkplaceStaff(channel: Channel, id: string): Promise<ChatPerson> {
  await world.repos.staff.put({ id, orgId: WORKPLACE, role: 'workplace_staff', fullName: 'Ngô Văn Tệp' });
  const person = await aChatPerson(world, channel, 'Tệp');
  await linkPerson(world, person, { kind: 'staff', id });
  return person;
}

describe.each(CHANNELS)('Feature on %s: files sent to the bot', (channel) => {
  it("imports the members' CSV a workplace staff member sends, and reports it in the chat", async () => {
    // Prepare
    const staff = await aLinkedWorkplaceStaff(channel, `work-files-${channel}`);
    const firstCard = channel === 'telegram' ? 710_000_000 : 720_000_000;
    const csv = membersCsv(firstCard, 3);

    // Act
    const status = await staff.sendFile({ fileName: 'danh-sach.csv', bytes: csv, mimeType: 'text/csv' });
    const answered = texts(staff).at(-1);
    await world.queue.drain();

    // Assess
    expect(status).toBe(200);
    expect(answered).toBe('Đã nhận tệp danh-sach.csv. Đang chuẩn bị nhập…');
    expect(texts(staff).at(-1)).toContain('Đã nhập xong tệp danh-sach.csv: 3 dòng.\n• Giới thiệu mới: 3');
    for (let i = 0; i < 3; i++) {
      expect(await world.repos.members.byPartyCard(String(firstCard + i))).toMatchObject({
        fullName: `Trịnh Văn Tệp ${i}`,
      });
    }
  });
});

describe('Zalo channel: transport guarantees and what only Zalo does', () => {
  const zaloEmu = () => {
    const emu = world.zalo?.emu;
    if (!emu) throw new Error('no Zalo in this world');
    return emu;
  };

  it('changes state once when the same press is delivered 5 times, and answers each copy 200', async () => {
    // Prepare
    const { member, person } = await aLinkedPerson(world, 'zalo', 'Phan Văn Khải');
    await inviteOn(world, meeting, member, person);
    const emu = zaloEmu();
    const letter = person.messages().at(-1);
    const first = await emu.pressButton(person.chatId, letter?.id ?? '', { title: 'Tham dự' });
    const after = person.messages().length;

    // Act
    const copies = [];
    for (let i = 0; i < 4; i++) copies.push(await emu.redeliver(first));

    // Assess
    expect([first, ...copies].map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    expect(person.messages()).toHaveLength(after);
    expect(await invitationOf(member)).toMatchObject({ rsvp: 'attending', version: 2 });
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    // Prepare
    const { member, person } = await aLinkedPerson(world, 'zalo', 'Vũ Thị Mai');
    await inviteOn(world, meeting, member, person);
    const emu = zaloEmu();
    const payload = person.messages().at(-1)?.id ?? '';
    const button = emu.oaMessages(person.chatId).find((m) => m.messageId === payload)?.buttons?.[0];
    const event = emu.buildEvent('user_send_text', person.chatId, {
      text: String(button?.payload),
      msg_id: 'forged-msg-1',
    });
    const rawBody = JSON.stringify(event);
    const before = person.messages().length;

    // Act
    const response = await fetch(world.zalo?.webhookUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` },
      body: rawBody,
    });
    await response.arrayBuffer();

    // Assess
    expect(response.status).toBe(401);
    expect(person.messages()).toHaveLength(before);
    expect(await invitationOf(member)).toMatchObject({ rsvp: 'none', version: 1 });
  });

  it('greets a new follower with how to link, and marks a linked follower who unfollows as blocked', async () => {
    // Prepare
    const stranger = await aChatPerson(world, 'zalo', 'Khách');
    const { person } = await aLinkedPerson(world, 'zalo', 'Hồ Văn Nam');

    // Act
    await stranger.send('Xin chào');
    const unfollowed = await zaloEmu().unfollow(person.chatId);

    // Assess
    expect(texts(stranger)).toEqual([
      expect.stringContaining('hãy gửi mã liên kết (8 ký tự) do cấp ủy cấp vào cuộc trò chuyện này'),
      expect.stringContaining('Tài khoản Zalo này chưa được liên kết.'),
    ]);
    expect(unfollowed.status).toBe(200);
    expect(await world.repos.chatLinks.byChat('zalo', person.chatId)).toMatchObject({ blocked: true });
  });

  it('draws long texts in parts, more than 5 buttons in several messages, url buttons, and an XLSX as a text', async () => {
    // Prepare
    const person = await aChatPerson(world, 'zalo', 'Thử');
    const runtime = await world.deps.zalo();
    if (!runtime) throw new Error('no Zalo runtime');
    const renderer = new ZaloRenderer(runtime.oa, world.repos.callbackData);
    const t = zaloCatalogue();
    const before = person.messages().length;
    const line = 'Dòng chữ dài để thử việc chia tin nhắn. '.repeat(10);
    const keyboard = [
      ...Array.from({ length: 6 }, (_, i) => [
        { label: `Nút ${i + 1}`, action: `act:${i}:${'x'.repeat(80)}` },
      ]),
      [{ label: 'Trang quản lý', url: 'https://example.org/quan-ly' }],
    ];

    // Act
    await renderer.send(person.chatId, { kind: 'message', text: `${line}\n`.repeat(8), keyboard }, t);
    await renderer.send(
      person.chatId,
      {
        kind: 'document',
        fileName: 'bao-cao.xlsx',
        mimeType: 'application/vnd.ms-excel',
        bytes: new Uint8Array([1, 2, 3]),
      },
      t,
    );
    await renderer.send(
      person.chatId,
      {
        kind: 'document',
        fileName: 'bien-ban.pdf',
        mimeType: 'application/pdf',
        bytes: new TextEncoder().encode('%PDF-1.4'),
      },
      t,
    );

    // Assess
    const sent = zaloEmu().oaMessages(person.chatId).slice(before);
    expect(sent.every((m) => (m.text?.length ?? 0) <= 2000)).toBe(true);
    expect(sent.slice(0, 2).map((m) => m.buttons?.length ?? 0)).toEqual([0, 5]);
    expect(sent[2]).toMatchObject({ text: 'Chọn tiếp:' });
    expect(sent[2]?.buttons?.map((b) => [b.title, b.type])).toEqual([
      ['Nút 6', 'oa.query.hide'],
      ['Trang quản lý', 'oa.open.url'],
    ]);
    // A long action is stored and the button carries its short token (as on Telegram).
    expect(String(sent[1]?.buttons?.[0]?.payload)).toMatch(/^#~/);
    expect(sent[3]?.text).toContain('Zalo không nhận được tệp bao-cao.xlsx');
    expect(sent[4]?.file).toMatchObject({ fileName: 'bien-ban.pdf', mimeType: 'application/pdf' });
  });

  it('imports a file event delivered 5 times once: one job, one answer', async () => {
    // Prepare
    const staff = await aLinkedWorkplaceStaff('zalo', 'work-files-replay');
    const emu = zaloEmu();
    const first = await emu.sendFile(staff.chatId, {
      fileName: 'danh-sach.csv',
      bytes: membersCsv(740_000_000, 1),
      mimeType: 'text/csv',
    });
    await world.queue.drain();
    const after = staff.messages().length;

    // Act
    const copies = [];
    for (let i = 0; i < 4; i++) copies.push(await emu.redeliver(first));
    await world.queue.drain();

    // Assess
    expect([first, ...copies].map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    expect(staff.messages()).toHaveLength(after);
    const msgId = String((first.event.message as { msg_id: string }).msg_id);
    const job = await world.repos.importJobs.get(
      importJobId({ channel: 'zalo', chatId: staff.chatId, messageId: String(zaloMessageNumber(msgId)) }),
    );
    expect(job).toMatchObject({ attempts: 1, result: { created: 1 } });
  });

  it("refuses politely a file whose URL is not on Zalo's file hosts, and fetches nothing", async () => {
    // Prepare: a loopback server standing for a foreign host, counting what reaches it
    const staff = await aLinkedWorkplaceStaff('zalo', 'work-files-foreign');
    const seen: string[] = [];
    const foreign = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.end('so_the_dang\r\n');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const { port } = foreign.address() as AddressInfo;
    const emu = zaloEmu();

    // Act: signed by Zalo (the emulator), but pointing at localhost, then at a look-alike https host
    const local = await emu.sendFile(staff.chatId, {
      fileName: 'danh-sach.csv',
      bytes: membersCsv(730_000_000, 1),
      url: `http://localhost:${port}/danh-sach.csv`,
    });
    const lookAlike = await emu.sendFile(staff.chatId, {
      fileName: 'danh-sach.csv',
      bytes: membersCsv(730_000_000, 1),
      url: `https://zdn.vn.attacker.example/danh-sach.csv`,
    });
    await world.queue.drain();
    await new Promise<void>((resolve) => foreign.close(() => resolve()));

    // Assess
    expect([local.status, lookAlike.status]).toEqual([200, 200]);
    expect(texts(staff).slice(-2)).toEqual([
      'Không đọc được tệp này vì tệp không được gửi qua Zalo. Đồng chí hãy gửi lại tệp trực tiếp vào cuộc trò chuyện này.',
      'Không đọc được tệp này vì tệp không được gửi qua Zalo. Đồng chí hãy gửi lại tệp trực tiếp vào cuộc trò chuyện này.',
    ]);
    expect(seen).toEqual([]);
    for (const delivery of [local, lookAlike]) {
      const msgId = String((delivery.event.message as { msg_id: string }).msg_id);
      const jobId = importJobId({
        channel: 'zalo',
        chatId: staff.chatId,
        messageId: String(zaloMessageNumber(msgId)),
      });
      expect(await world.repos.importJobs.get(jobId)).toBeUndefined();
    }
    expect(await world.repos.members.byPartyCard('730000000')).toBeUndefined();
  });

  it("sends a progress notice's final state only (no message per step), and tells a non-follower apart", async () => {
    // Prepare
    const person = await aChatPerson(world, 'zalo', 'Thư');
    const runtime = await world.deps.zalo();
    if (!runtime) throw new Error('no Zalo runtime');
    const progress = (sent: number, done: boolean) =>
      ({ kind: 'invitation_progress', meeting, total: 3, sent, noChat: 0, undeliverable: 0, done }) as const;
    const to = { channel: 'zalo', chatId: person.chatId } as const;
    const first = await runtime.messenger.send(to, progress(0, false));
    const before = person.messages().length;
    if (!first.ok) throw new Error('not sent');

    // Act
    await runtime.messenger.edit(first.ref, progress(1, false));
    await runtime.messenger.edit(first.ref, progress(2, false));
    const final = await runtime.messenger.edit(first.ref, progress(3, true));
    await zaloEmu().unfollow(person.chatId);
    const toLeaver = await runtime.messenger.send(to, progress(3, true));

    // Assess
    expect(final.ok).toBe(true);
    expect(person.messages()).toHaveLength(before + 1);
    expect(toLeaver).toEqual({ ok: false, reason: 'blocked' });
  });
});
