// Integration: the staff's and members' year on both channels (issue 15) — /hop, /moi, /gopy, /diemdanh, /bienban
// and /ky (the sealed PDF to both signers), /traloi, /dulieu, then /nhanxet, /cuoinam, /tiepnhan, /maketnoi,
// /baocaocuoinam, /baocao, /malienket and /xacnhan — each step through the channel's webhook and emulator
// (ChatPerson), on DynamoDB Local.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveAttendance } from '../../../shared/domain/attendance.js';
import { MINUTES_PART_LABELS } from '../../../shared/domain/meeting-protocol.js';
import type { Member } from '../../../shared/domain/member.js';
import { MINUTES_PARTS, type MinutesPart } from '../../../shared/domain/minutes.js';
import type { Channel } from '../../../shared/ports/repositories.js';
import { keptLinkCodeSchema } from '../../../shared/schemas/kept-results.js';
import { invitationJobId } from '../../../shared/services/invitations.js';
import {
  addMember,
  authoriseZaloOa,
  type BotWorld,
  createBotWorld,
  RESIDENCE,
  relayAndNotify,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';
import { aMember, anIntroduction } from '../../support/builders.js';
import {
  aChatPerson,
  aLinkedPerson,
  CHANNELS,
  type ChatPerson,
  linkPerson,
} from '../../support/chat-channels.js';
import { pdfText } from '../../support/pdf.js';

let world: BotWorld;
/** The workplace's staff, on Telegram: told of what the ward sends about its members on either channel. */
let workplace: ChatPerson;

beforeAll(async () => {
  // One invitation task at a time: with four, /moi failed once in ten runs with no final numbers in the chat
  // (a progress edit still in flight landing after the final one; the job now draws the final numbers again
  // when that happens, shared/services/invitations.ts). This file is about channels, not the job's races.
  world = await createBotWorld({ zalo: true, queueConcurrency: 1 });
  workplace = await aChatPerson(world, 'telegram', 'Công');
  await linkPerson(world, workplace, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
});
afterAll(async () => {
  await world.close();
});

/**
 * Each channel plans its own round of the one ward (a committee has one meeting per round): Telegram the
 * June meeting, Zalo the October one, so the runs share a world without sharing a meeting.
 */
const PLAN = {
  telegram: {
    round: 'Đợt tháng 6/2026',
    typed: '20/06/2026',
    date: '2026-06-20',
    shown: '20/06/2026',
    meetingId: `${RESIDENCE}.2026.06`,
    before: '2026-06-01T08:00:00+07:00',
    onTheDay: '2026-06-20T09:00:00+07:00',
  },
  zalo: {
    round: 'Đợt tháng 10/2026',
    typed: '17/10/2026',
    date: '2026-10-17',
    shown: '17/10/2026',
    meetingId: `${RESIDENCE}.2026.10`,
    before: '2026-10-01T08:00:00+07:00',
    onTheDay: '2026-10-17T09:00:00+07:00',
  },
} as const satisfies Record<Channel, unknown>;

const texts = (person: ChatPerson) => person.messages().map((m) => m.text ?? '');
const partLabel = (part: MinutesPart) =>
  `${MINUTES_PART_LABELS[part].number} ${MINUTES_PART_LABELS[part].vi}`;

/** A staff member of the ward with `role`, stored and linked on `channel`. */
async function aLinkedStaff(
  channel: Channel,
  id: string,
  role: 'chair' | 'secretary',
  fullName: string,
): Promise<ChatPerson> {
  await world.repos.staff.put({
    id,
    orgId: RESIDENCE,
    role,
    fullName,
    ...(role === 'chair' ? { standing: true } : {}),
  });
  const person = await aChatPerson(world, channel, fullName.split(' ').at(-1) ?? 'X');
  await linkPerson(world, person, { kind: 'staff', id });
  return person;
}

/** The bot's button on the person's newest message that has one whose label contains `part`. */
function labelWith(person: ChatPerson, part: string): string {
  const label = person
    .messages()
    .flatMap((m) => m.buttons)
    .findLast((b) => b.includes(part));
  if (!label) throw new Error(`No button with "${part}" in the ${person.channel} chat`);
  return label;
}

describe.each(CHANNELS)('Feature on %s: the ward staff run a meeting', (channel) => {
  const plan = PLAN[channel];
  const chairName = channel === 'telegram' ? 'Hoàng Văn Trì' : 'Đặng Văn Trì';
  const secretaryName = channel === 'telegram' ? 'Đỗ Thị Thu Ký' : 'Bùi Thị Thu Ký';
  let chair: ChatPerson;
  let secretary: ChatPerson;
  const members: { member: Member; person: ChatPerson }[] = [];

  beforeAll(async () => {
    world.clock.set(plan.before);
    // Months after the world's start with no Zalo traffic, the OA's refresh token (3 months) has run out:
    // the administrator authorises the OA again, as they would in the Zalo console.
    if (channel === 'zalo' && world.zalo) await authoriseZaloOa(world, world.zalo.emu);
    chair = await aLinkedStaff(channel, `chair-${channel}`, 'chair', chairName);
    secretary = await aLinkedStaff(channel, `sec-${channel}`, 'secretary', secretaryName);
    for (const name of ['Nguyễn Thị Hồng Nhung', 'Trương Quốc Việt']) {
      members.push(await aLinkedPerson(world, channel, `${name} ${channel === 'telegram' ? 'Tê' : 'Da'}`));
    }
  });

  it('/hop: the chair plans the meeting through the wizard (round, date, time, place, chair, agenda)', async () => {
    // Prepare
    const before = chair.messages().length;

    // Act
    await chair.send('/hop');
    const rounds = chair.messages().at(-1);
    await chair.press(plan.round);
    await chair.send(plan.typed);
    await chair.press('08:00');
    await chair.send('Nhà văn hóa khu vực 3');
    const chairs = chair.messages().flatMap((m) => m.buttons);
    await chair.press(chairName);
    await chair.press('Dùng nội dung theo hướng dẫn');
    const summary = texts(chair).findLast((t) => t.includes('• Địa điểm:'));
    await chair.press('Xác nhận');

    // Assess
    expect(chairs).toContain(chairName);
    expect(summary).toContain('• Địa điểm: Nhà văn hóa khu vực 3');
    expect(texts(chair).at(-1)).toContain(`Đã lên lịch cuộc họp đợt ${plan.round.slice(4)}: 08:00`);
    expect(texts(chair).at(-1)).toContain('Dùng /moi để gửi thư mời đến đảng viên.');
    expect(await world.repos.meetings.get(plan.meetingId)).toMatchObject({
      date: plan.date,
      time: '08:00',
      place: 'Nhà văn hóa khu vực 3',
      chairStaffId: `chair-${channel}`,
      chairName,
      plannedBy: `chair-${channel}`,
      status: 'planned',
    });
    expect(await world.repos.drafts.get(channel, chair.chatId)).toBeUndefined();
    if (channel === 'zalo') {
      // No edits on Zalo: the rounds stay as sent and each of the 8 steps answered with a new message.
      expect(chair.messages().find((m) => m.id === rounds?.id)?.text).toBe(rounds?.text);
      expect(chair.messages().length).toBeGreaterThanOrEqual(before + 8);
    }
  });

  it('/moi: the chair sends the invitations; the members get the letter and the chair the final numbers', async () => {
    // Act
    await chair.send('/moi');
    const status = await chair.press(labelWith(chair, plan.shown));
    await world.queue.drain();

    // Assess
    expect(status).toBe(200);
    for (const { member, person } of members) {
      const letters = person.messages().filter((m) => m.text?.startsWith('THƯ MỜI HỌP'));
      expect(letters).toHaveLength(1);
      expect(letters[0]?.text).toContain(`08:00, Thứ Bảy, ngày ${plan.shown}`);
      expect(letters[0]?.buttons).toEqual(['Tham dự', 'Vắng mặt']);
      expect(await world.repos.invitations.get(plan.meetingId, member.id)).toMatchObject({
        delivery: 'sent',
        rsvp: 'none',
      });
    }
    const job = await world.repos.invitationJobs.get(invitationJobId(plan.meetingId));
    expect(job).toMatchObject({ finishedRun: 1, undeliverable: 0 });
    const done = texts(chair).findLast((t) => t.startsWith('Đã gửi xong thư mời'));
    expect(done).toContain(
      `Đã gửi xong thư mời họp ${plan.round.slice(4)} (${plan.shown}): ${job?.sent}/${job?.total} đồng chí nhận qua tin nhắn`,
    );
    if (channel === 'zalo') {
      // No edits on Zalo: the progress is not a message per step, the final numbers are one new message.
      expect(texts(chair).filter((t) => t.startsWith('Đang gửi thư mời'))).toHaveLength(0);
    }
  });

  it('/gopy: a member raises a comment for the coming meeting', async () => {
    // Prepare
    const author = members[1];

    // Act
    await author?.person.send('/gopy Đèn đường: Đề nghị sửa đèn đường hẻm 5 khu vực 1.');

    // Assess
    expect(texts(author?.person ?? chair).at(-1)).toContain('Đã ghi nhận ý kiến «Đèn đường».');
    const comments = await world.repos.comments.ofMember(author?.member.id ?? '');
    expect(comments.map((c) => [c.meetingId, c.topic, c.text])).toEqual([
      [plan.meetingId, 'Đèn đường', 'Đề nghị sửa đèn đường hẻm 5 khu vực 1.'],
    ]);
  });

  it('/diemdanh: the secretary opens the sheet on the day and marks present, with one tap, a member who never answered', async () => {
    // Prepare
    const [attending, silent] = members;
    await attending?.person.press('Tham dự');
    world.clock.set(plan.onTheDay);

    // Act
    await secretary.send('/diemdanh');
    const sheet = texts(secretary).at(-1);
    const status = await secretary.press(labelWith(secretary, `${silent?.member.fullName} → có mặt`));

    // Assess
    expect(status).toBe(200);
    expect(sheet).toContain(`ĐIỂM DANH — họp ngày ${plan.shown}`);
    expect(sheet).toContain(`✅ ${attending?.member.fullName}`);
    expect(sheet).toContain(`❌ ${silent?.member.fullName}`);
    expect(texts(secretary).at(-1)).toContain(`✅ ${silent?.member.fullName}`);
    if (channel === 'zalo') {
      // No toast on Zalo: the acknowledgement is a short message before the new state of the sheet.
      expect(texts(secretary).at(-2)).toBe(`${silent?.member.fullName}: có mặt.`);
    }
    // Opening writes no row (issue 19): the attending member shows present by the RSVP, the pressed one is marked.
    const shown = await Promise.all(
      members.map(async ({ member }) => {
        const row = await world.repos.invitations.get(plan.meetingId, member.id);
        return row && effectiveAttendance(row);
      }),
    );
    expect(shown).toEqual(members.map(() => 'present'));
    expect(await world.repos.invitations.get(plan.meetingId, silent?.member.id ?? '')).toMatchObject({
      attendance: 'present',
    });
  });

  it('/bienban + /ky: the secretary writes every part, both sign, and the sealed PDF reaches both signers', async () => {
    // Prepare: each part as the secretary writes it — /bienban, the part's button, its text
    for (const part of MINUTES_PARTS) {
      await secretary.send('/bienban');
      await secretary.press(partLabel(part));
      await secretary.send(`Nội dung phần ${MINUTES_PART_LABELS[part].number}: thống nhất 100%.`);
    }
    // On Zalo a sheet with more than 5 buttons goes on in "Chọn tiếp:" messages under it.
    const written = texts(secretary).findLast((t) => t.startsWith('BIÊN BẢN CUỘC HỌP'));

    // Act
    await chair.send('/ky');
    await world.queue.drain(); // the worker signs and tells the outcome (issue 19)
    const afterChair = texts(chair).at(-1);
    await secretary.send('/ky');
    await world.queue.drain();

    // Assess
    expect(written).toContain(`✅ ${partLabel(MINUTES_PARTS.at(-1) ?? 'opening')}`);
    expect(afterChair).toBe('Đồng chí đã ký biên bản với tư cách chủ trì. Biên bản chờ thư ký ký.');
    expect(texts(secretary).some((t) => t.includes('được niêm phong'))).toBe(true);
    const minutes = await world.repos.minutes.get(plan.meetingId);
    expect(minutes?.seal?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(minutes?.signatures).toMatchObject({
      chair: expect.anything(),
      secretary: expect.anything(),
    });
    for (const signer of [chair, secretary]) {
      const documents = signer.documents();
      expect(documents.map((d) => d.fileName)).toEqual([`bien-ban-${plan.meetingId}.pdf`]);
      const bytes = Buffer.from(documents[0]?.bytes ?? new Uint8Array());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const text = await pdfText(bytes);
      expect(text).toContain(chairName);
      expect(text).toContain(secretaryName);
      expect(text).toContain('thống nhất 100%');
    }
  });

  it("/traloi: after the meeting the secretary answers the member's comment, which reaches its author", async () => {
    // Prepare
    const author = members[1];

    // Act
    await secretary.send('/traloi');
    const list = texts(secretary).findLast((t) => t.startsWith('Ý KIẾN CHỜ TRẢ LỜI'));
    await secretary.press('1. Đèn đường');
    await secretary.send('Phường đã thay bóng đèn hẻm 5.');
    const confirmation = texts(secretary).at(-1);
    await relayAndNotify(world);

    // Assess
    expect(list).toContain(`Ý KIẾN CHỜ TRẢ LỜI (1) — ý kiến kỳ họp ngày ${plan.shown}`);
    expect(list).toContain(`1. Đèn đường — ${author?.member.fullName}`);
    expect(confirmation).toContain('Đã trả lời ý kiến «Đèn đường»');
    const [comment] = await world.repos.comments.ofMember(author?.member.id ?? '');
    expect(comment?.answer).toMatchObject({
      status: 'done',
      text: 'Phường đã thay bóng đèn hẻm 5.',
      answeredBy: `sec-${channel}`,
    });
    expect(texts(author?.person ?? chair).filter((t) => t.startsWith('TRẢ LỜI Ý KIẾN'))).toEqual([
      'TRẢ LỜI Ý KIẾN «Đèn đường»\nKết quả: đã thực hiện.\nPhường đã thay bóng đèn hẻm 5.',
    ]);
  });

  it('/dulieu: the member gets a summary and a PDF of everything held about them, this chat included', async () => {
    // Prepare
    const { member, person } = members[1] ?? { member: undefined, person: chair };
    const before = person.documents().length;

    // Act
    await person.send('/dulieu');

    // Assess
    const summary = texts(person).findLast((t) => t.includes('tài khoản trò chuyện'));
    expect(summary).toContain(member?.fullName);
    expect(summary).toContain('1 ý kiến đã gửi, 0 nhận xét cuối năm');
    const sent = person.documents().slice(before);
    expect(sent.map((d) => d.fileName)).toEqual(['du-lieu-ca-nhan.pdf']);
    const bytes = Buffer.from(sent[0]?.bytes ?? new Uint8Array());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(bytes);
    for (const expected of [member?.fullName ?? '', 'Đèn đường: Đề nghị sửa đèn đường hẻm 5 khu vực 1.']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(channel === 'telegram' ? 'Telegram' : 'Zalo');
    expect(text).not.toContain(member?.id ?? '');
  });
});

describe.each(CHANNELS)('Feature on %s: the ward at the end of the year', (channel) => {
  const name = (base: string) => `${base} ${channel === 'telegram' ? 'Tê' : 'Da'}`;
  let chair: ChatPerson;

  beforeAll(async () => {
    world.clock.set('2026-11-20T09:00:00+07:00');
    chair = await aLinkedStaff(channel, `year-end-${channel}`, 'chair', name('Lý Văn Cuối'));
  });

  it('/nhanxet: the chair evaluates a member duty by duty, saves the draft and sends it to the workplace', async () => {
    // Prepare
    const member = await addMember(world, { fullName: name('Nguyễn Văn Xét') });

    // Act
    await chair.send('/nhanxet');
    await chair.press(labelWith(chair, `${member.fullName} (`));
    await chair.press('Tốt');
    await chair.send('Gương mẫu chấp hành quy định nơi cư trú');
    await chair.press('Tốt');
    await chair.press('Bỏ qua');
    await chair.press('Chưa tốt');
    await chair.send('Ít tham gia sinh hoạt khu phố');
    await chair.press('Tốt');
    await chair.press('Bỏ qua');
    await chair.press('Biểu dương');
    const summary = texts(chair).findLast((t) => t.includes('TÓM TẮT NHẬN XÉT'));
    await chair.press('Lưu nhận xét');
    const saved = texts(chair).findLast((t) => t.startsWith('Đã lưu bản nhận xét'));
    await chair.press('Gửi');
    await relayAndNotify(world);

    // Assess
    expect(summary).toContain('• Nhận xét nhiệm vụ 1: Gương mẫu chấp hành quy định nơi cư trú');
    expect(summary).toContain('• Đề nghị: Biểu dương');
    expect(saved).toContain(`Đã lưu bản nhận xét năm 2026 của đồng chí ${member.fullName} (bản nháp)`);
    expect(texts(chair).at(-1)).toBe(
      `Đã gửi nhận xét năm 2026 của đồng chí ${member.fullName} đến cấp ủy nơi công tác.`,
    );
    expect(await world.repos.evaluations.get(RESIDENCE, 2026, member.id)).toMatchObject({
      status: 'submitted',
      form: {
        kind: 'hd02-4duties',
        proposal: 'commend',
        duties: {
          d1: { mark: 'good', comment: 'Gương mẫu chấp hành quy định nơi cư trú' },
          d3: { mark: 'not_good', comment: 'Ít tham gia sinh hoạt khu phố' },
        },
      },
    });
    expect(await world.repos.drafts.get(channel, chair.chatId)).toBeUndefined();
    expect(texts(workplace)).toContain(
      `Đảng ủy phường An Hòa đã gửi nhận xét cuối năm 2026 của đồng chí ${member.fullName}.`,
    );
  });

  it('/cuoinam: the workplace staff see that the ward sent the evaluation', async () => {
    // Prepare
    const staffId = `work-${channel}`;
    await world.repos.staff.put({
      id: staffId,
      orgId: WORKPLACE,
      role: 'workplace_staff',
      fullName: name('Ngô Văn Sở'),
    });
    const staff = await aChatPerson(world, channel, 'Sở');
    await linkPerson(world, staff, { kind: 'staff', id: staffId });

    // Act
    await staff.send('/cuoinam');

    // Assess: on Zalo a long list comes in parts of at most 2,000 characters
    const seen = texts(staff).slice(-3).join('\n');
    expect(seen).toContain('NHẬN XÉT CUỐI NĂM 2026 CỦA CẤP ỦY NƠI CƯ TRÚ');
    expect(seen).toMatch(
      new RegExp(
        `Đã nhận \\(\\d+\\):[\\s\\S]*${name('Nguyễn Văn Xét')} — Đảng ủy phường An Hòa, Khu vực 1 — nhận ngày 20/11/2026`,
      ),
    );
  });

  it('/tiepnhan: the staff tick a pending introduction and receive the member into the hamlet chosen by name', async () => {
    // Prepare: two members introduced by their workplace, waiting for the ward
    const names = [name('Phan Văn Nhận'), name('Tạ Thị Chờ')];
    for (const [i, fullName] of names.entries()) {
      const member = aMember({
        id: `bulk-${channel}-${i}`,
        fullName,
        partyCardNumber: `7${channel.length}${i}000000`,
      });
      await world.repos.introductions.issue(
        anIntroduction({ id: `bulk-intro-${channel}-${i}`, memberId: member.id, residenceOrgId: RESIDENCE }),
        fullName,
        { newMember: member },
      );
    }

    // Act
    await chair.send('/tiepnhan');
    await chair.press(`☐ ${names[0]} — Chi bộ Sở Y tế`);
    await chair.press('Tiếp nhận 1 đảng viên → chọn ấp, khu vực');
    await chair.press('Khu vực 2');

    // Assess
    expect(texts(chair).at(-1)).toBe('Đã tiếp nhận 1 đảng viên về Khu vực 2.');
    expect(await world.repos.introductions.get(`bulk-intro-${channel}-0`)).toMatchObject({
      status: 'received',
      receipt: { hamletId: 'kv-2', receivedBy: `year-end-${channel}` },
    });
    expect(await world.repos.introductions.get(`bulk-intro-${channel}-1`)).toMatchObject({
      status: 'issued',
    });
  });

  it('/maketnoi: the staff get the printable sheet of link codes, the member just received on it', async () => {
    // Prepare
    const received = `bulk-${channel}-0`;
    const before = chair.documents().length;

    // Act
    await chair.send('/maketnoi');

    // Assess
    const sent = chair.documents().slice(before);
    expect(sent.map((d) => d.fileName)).toEqual([`ma-lien-ket-${RESIDENCE}.pdf`]);
    expect(texts(chair).some((t) => /^Mã liên kết của \d+ đảng viên chưa liên kết tài khoản/.test(t))).toBe(
      true,
    );
    const bytes = Buffer.from(sent[0]?.bytes ?? new Uint8Array());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const code = (
      await world.repos.idempotency.recall('link-sheet', `${RESIDENCE}:${received}`, keptLinkCodeSchema)
    )?.code;
    expect(await pdfText(bytes)).toContain(`${name('Phan Văn Nhận')} Mã liên kết: ${code}`);
    expect((await world.repos.chatLinks.getLinkCode(code ?? ''))?.subject).toEqual({
      kind: 'member',
      id: received,
    });
  });

  it('/baocaocuoinam: a member sends the year-end self-report, the activities as one message', async () => {
    // Prepare
    const { member, person } = await aLinkedPerson(world, channel, name('Võ Văn Báo'));

    // Act
    await person.send('/baocaocuoinam');
    const intro = texts(person).findLast((t) => t.includes('BÁO CÁO CUỐI NĂM 2026'));
    await person.send('Tham gia tổ tự quản, vận động vệ sinh môi trường khu phố');

    // Assess
    expect(intro).toContain('• Số cuộc họp được mời: 0');
    expect(texts(person).at(-1)).toContain('Đã ghi nhận báo cáo cuối năm 2026 của đồng chí');
    expect(await world.repos.yearEnd.getSelfReport(member.id, 2026)).toMatchObject({
      memberId: member.id,
      activities: 'Tham gia tổ tự quản, vận động vệ sinh môi trường khu phố',
    });
    expect(await world.repos.drafts.get(channel, person.chatId)).toBeUndefined();
  });

  it('/baocao: the chair compiles the October report and gets its files the way the channel takes them', async () => {
    // Prepare
    const before = chair.documents().length;
    const file = `bao-cao-lien-he-noi-cu-tru-${RESIDENCE}-2026`;

    // Act: /baocao shows the narrative's sections first; «Tổng hợp báo cáo» compiles
    await chair.send('/baocao');
    await chair.press('Tổng hợp báo cáo');
    await world.queue.drain(); // the worker compiles and sends (issue 19)

    // Assess
    const report = await world.repos.reports.get(RESIDENCE, 2026);
    expect(texts(chair)).toContain(`Báo cáo kết quả năm 2026, phiên bản ${report?.version}.`);
    const sent = chair.documents().slice(before);
    if (channel === 'zalo') {
      // Zalo takes PDF and Word only: the XLSX is named in a message that says where to get it.
      expect(sent.map((d) => d.fileName)).toEqual([`${file}.pdf`]);
      expect(texts(chair)).toContain(
        `Zalo không nhận được tệp ${file}.xlsx. Đồng chí hãy xem tệp này trên trang quản lý hoặc nhờ cán bộ gửi qua Telegram.`,
      );
    } else {
      expect(sent.map((d) => d.fileName)).toEqual([`${file}.xlsx`, `${file}.pdf`]);
    }
    const pdf = Buffer.from(sent.at(-1)?.bytes ?? new Uint8Array());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(report?.body.members.received).toBeGreaterThan(0);
  });
});

describe.each(CHANNELS)('Feature on %s: codes and confirmations', (channel) => {
  const name = (base: string) => `${base} ${channel === 'telegram' ? 'Tê' : 'Da'}`;

  it('/malienket: the staff issue a code for a member, who links with it on the same channel', async () => {
    // Prepare
    const staff = await aLinkedStaff(channel, `codes-${channel}`, 'secretary', name('Mai Thị Mã'));
    const member = await addMember(world, { fullName: name('Hồ Thị Mới') });
    const person = await aChatPerson(world, channel, 'Mới');

    // Act
    await staff.send(`/malienket ${member.id}`);
    const issued = texts(staff).findLast((t) => t.startsWith(`Mã liên kết cho ${member.fullName}:`)) ?? '';
    const code = /: ([A-Z0-9]{8})\n/.exec(issued)?.[1] ?? '';
    await person.send(channel === 'telegram' ? `/start ${code}` : code);
    await person.press('Đồng ý');

    // Assess
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(texts(person).at(-1)).toContain(`Đã liên kết tài khoản với đảng viên ${member.fullName}.`);
    expect(await world.repos.chatLinks.byChat(channel, person.chatId)).toMatchObject({
      kind: 'member',
      id: member.id,
    });
  });

  it('/xacnhan: the workplace staff confirm a pending reason from the list, and the member is told', async () => {
    // Prepare: a member on this channel absent from the October meeting, the reason waiting for the workplace
    const { member, person } = await aLinkedPerson(world, channel, name('Lê Thị Ốm'));
    await world.repos.invitations.createOnce({
      meetingId: PLAN.zalo.meetingId,
      residenceOrgId: RESIDENCE,
      memberId: member.id,
      memberName: member.fullName,
      workplaceOrgId: WORKPLACE,
      hamletId: 'kv-1',
      meetingDate: PLAN.zalo.date,
      delivery: 'sent',
      rsvp: 'absent',
      absence: {
        category: 'illness',
        text: 'Nằm viện điều trị',
        submittedAt: '2026-10-15T02:00:00.000Z',
        confirmation: 'pending',
      },
      attendance: 'absent',
      version: 1,
    });
    const staffId = `confirm-${channel}`;
    await world.repos.staff.put({
      id: staffId,
      orgId: WORKPLACE,
      role: 'workplace_staff',
      fullName: name('Kha Văn Nhận'),
    });
    const staff = await aChatPerson(world, channel, 'Nhận');
    await linkPerson(world, staff, { kind: 'staff', id: staffId });

    // Act
    await staff.send('/xacnhan');
    const list = texts(staff).findLast((t) => t.startsWith('Lý do vắng mặt chờ xác nhận'));
    await staff.press('✅ Xác nhận 1');
    await relayAndNotify(world);

    // Assess
    expect(list).toContain('Lý do vắng mặt chờ xác nhận (1):');
    expect(list).toContain(`1. ${member.fullName} — họp ngày ${PLAN.zalo.shown} (Đảng ủy phường An Hòa)`);
    expect(texts(staff).at(-1)).toBe('Không có lý do vắng mặt nào đang chờ xác nhận.');
    expect(await world.repos.invitations.get(PLAN.zalo.meetingId, member.id)).toMatchObject({
      absence: { confirmation: 'confirmed', decidedBy: staffId },
    });
    expect(texts(person)).toContain(
      `Chi bộ Sở Y tế đã xác nhận lý do vắng mặt của đồng chí tại cuộc họp ngày ${PLAN.zalo.shown}.`,
    );
  });
});
