// Integration: the minutes in the bot (issue 5) — /bienban shows the parts in the protocol's order, a picked
// part takes the next message, /ky signs as chair and as secretary, and the sealed PDF reaches both signers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createNotifier } from '../../../functions/notifier.js';
import { snsEvent } from '../../../local/lambda-events.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import { MINUTES_PART_LABELS } from '../../../shared/domain/meeting-protocol.js';
import { MINUTES_PARTS, type MinutesPart } from '../../../shared/domain/minutes.js';
import type { StaffAssignment } from '../../../shared/domain/roles.js';
import { planMeeting } from '../../../shared/services/meetings.js';
import { signMinutes, writeMinutesPart } from '../../../shared/services/minutes.js';
import { proposeMinutesAddendum } from '../../../shared/services/minutes-addenda.js';
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
  WORKPLACE,
} from '../../support/bot-world.js';
import { pdfText } from '../../support/pdf.js';

const SECRETARY: StaffAssignment = {
  id: 'sec-1',
  orgId: RESIDENCE,
  role: 'secretary',
  fullName: 'Đỗ Thị Thu Ký',
};

const partLabel = (part: MinutesPart) =>
  `${MINUTES_PART_LABELS[part].number} ${MINUTES_PART_LABELS[part].vi}`;

describe('Feature: the minutes in the bot', () => {
  let world: BotWorld;
  let meeting: Meeting;
  const chairUser = aUser('Chủ');
  const secretaryUser = aUser('Ký');

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world);
    await world.repos.staff.put(SECRETARY);
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, secretaryUser, { kind: 'staff', id: SECRETARY.id });
    for (const name of ['Nguyễn Thị Hồng Nhung', 'Trương Quốc Việt']) {
      const member = await addMember(world, { fullName: name });
      await world.repos.invitations.createOnce({
        meetingId: meeting.id,
        residenceOrgId: RESIDENCE,
        memberId: member.id,
        memberName: member.fullName,
        workplaceOrgId: WORKPLACE,
        hamletId: 'kv-1',
        meetingDate: meeting.date,
        delivery: 'sent',
        rsvp: 'attending',
        attendance: 'unrecorded',
        version: 1,
      });
    }
    world.clock.set('2026-06-20T09:00:00+07:00');
  });
  afterAll(async () => {
    await world.close();
  });

  const last = (user: { id: number }) => world.emu.lastBotMessage(user.id);
  const say = (text: string) => world.emu.sendUserMessage({ user: secretaryUser, text });

  /** /bienban, press the part's button, then send its text (as the secretary does). */
  async function writePart(part: MinutesPart, text: string) {
    await say('/bienban');
    const sheet = last(secretaryUser);
    await world.emu.pressButton({
      user: secretaryUser,
      messageId: sheet?.messageId ?? 0,
      text: partLabel(part),
    });
    const prompt = last(secretaryUser)?.text;
    await say(text);
    return prompt;
  }

  it('shows the parts in protocol order, none written, with the auto-filled attendance', async () => {
    // Prepare
    await say('/diemdanh');

    // Act
    await say('/minutes');

    // Assess
    const text = last(secretaryUser)?.text ?? '';
    expect(text).toContain('BIÊN BẢN CUỘC HỌP ngày 20/06/2026 — đang soạn');
    const positions = MINUTES_PARTS.map((p) => text.indexOf(`⬜ ${partLabel(p)}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('(tự động điền)');
    expect(text).toContain('Chủ trì: chưa ký — Thư ký: chưa ký');
    const buttons = last(secretaryUser)
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text);
    expect(buttons).toEqual(MINUTES_PARTS.map(partLabel));
  });

  it('a picked part takes the next plain message as its text', async () => {
    // Act
    const prompt = await writePart('opening', 'Đồng chí Trần Văn Chủ tuyên bố lý do, giới thiệu đại biểu.');
    const confirmation = world.emu.botMessages(secretaryUser.id).at(-2)?.text;

    // Assess
    expect(prompt).toBe(`Gửi nội dung phần ${partLabel('opening')} trong tin nhắn tiếp theo.`);
    expect(confirmation).toBe(`Đã ghi phần ${partLabel('opening')}.`);
    expect(last(secretaryUser)?.text).toContain(`✅ ${partLabel('opening')}`);
    const minutes = await world.repos.minutes.get(meeting.id);
    expect(minutes?.parts.opening).toBe('Đồng chí Trần Văn Chủ tuyên bố lý do, giới thiệu đại biểu.');
    expect(await world.repos.drafts.get('telegram', String(secretaryUser.id))).toBeUndefined();
  });

  it('refuses to sign while parts are missing', async () => {
    // Act
    await world.emu.sendUserMessage({ user: chairUser, text: '/ky' });

    // Assess
    // What the rule is about, then what is missing, so the chair knows what to write.
    expect(last(chairUser)?.text).toMatch(
      /^Thao tác này trái với quy định về nội dung cuộc họp: biên bản còn thiếu phần: .*1\.3 Phân công thư ký; .*; 2\.6 Kết luận\.$/,
    );
    expect((await world.repos.minutes.get(meeting.id))?.signatures.chair).toBeUndefined();
  });

  it('chair and secretary sign; the second signature seals and sends the PDF to both', async () => {
    // Prepare: the other eight parts, each through the bot.
    for (const part of MINUTES_PARTS.filter((p) => p !== 'opening')) {
      await writePart(part, `Nội dung phần ${MINUTES_PART_LABELS[part].number}: thống nhất 100%.`);
    }

    // Act
    await world.emu.sendUserMessage({ user: chairUser, text: '/ky' });
    await world.queue.drain(); // the worker signs and edits "Đang ký biên bản…" (issue 19)
    const afterChair = last(chairUser)?.text;
    await world.emu.sendUserMessage({ user: secretaryUser, text: '/sign' });
    await world.queue.drain();

    // Assess
    expect(afterChair).toBe('Đồng chí đã ký biên bản với tư cách chủ trì. Biên bản chờ thư ký ký.');
    expect(world.emu.botMessages(secretaryUser.id).map((m) => m.text)).toContainEqual(
      expect.stringContaining('được niêm phong'),
    );
    const minutes = await world.repos.minutes.get(meeting.id);
    expect(minutes?.seal?.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const user of [chairUser, secretaryUser]) {
      const documents = world.emu.botMessages(user.id).filter((m) => m.document);
      expect(documents).toHaveLength(1);
      const stored = world.emu.document(documents[0]?.document?.fileId ?? '');
      expect(stored?.fileName).toBe(`bien-ban-${meeting.id}.pdf`);
      const text = await pdfText(stored?.bytes ?? Buffer.alloc(0));
      expect(text).toContain('Trần Văn Chủ');
      expect(text).toContain('Đỗ Thị Thu Ký');
      expect(text).toContain('thống nhất 100%');
    }
  });

  it('signing again after the seal sends nothing twice', async () => {
    // Act
    await world.emu.sendUserMessage({ user: secretaryUser, text: '/ky' });
    await world.queue.drain();

    // Assess
    expect(world.emu.botMessages(secretaryUser.id).filter((m) => m.document)).toHaveLength(1);
    expect(world.emu.botMessages(chairUser.id).filter((m) => m.document)).toHaveLength(1);
  });

  it('the notifier, on MinutesSigned, sends nothing the signing already sent', async () => {
    // Act: the outbox relay hands the seal's event to the notifier, as in AWS
    await relayAndNotify(world);

    // Assess
    for (const user of [chairUser, secretaryUser]) {
      expect(world.emu.botMessages(user.id).filter((m) => m.document)).toHaveLength(1);
    }
  });

  it('tells the chair, once, that the secretary’s addendum to the sealed minutes waits for their signature (R16)', async () => {
    // Prepare
    const secretary = { sub: SECRETARY.id, orgId: RESIDENCE, role: 'secretary' as const };
    const ports = { ...world.repos, clock: world.clock };
    const heading = 'PHỤ LỤC BIÊN BẢN CHỜ ĐỒNG CHÍ KÝ';
    const told = (user: { id: number }) =>
      world.emu.botMessages(user.id).filter((m) => m.text?.startsWith(heading));

    // Act
    await proposeMinutesAddendum(ports, secretary, meeting.id, 'Đính chính: phần 2.1 thống nhất 90%.');
    await proposeMinutesAddendum(ports, secretary, meeting.id, 'Đính chính: phần 2.1 thống nhất 90%.');
    await relayAndNotify(world);
    await relayAndNotify(world);

    // Assess
    expect(told(chairUser)).toHaveLength(1);
    expect(told(chairUser)[0]?.text).toContain('Đồng chí Đỗ Thị Thu Ký đã lập và ký phụ lục 1');
    expect(told(secretaryUser)).toHaveLength(0);
  });

  it('the chair countersigns from the notice; a signer writes the next addendum in /bienban and the other countersigns it there (R16)', async () => {
    // Prepare: the notice of the secretary's addendum 1 sits in the chair's chat (previous test)
    const notice = world.emu
      .botMessages(chairUser.id)
      .find((m) => m.text?.startsWith('PHỤ LỤC BIÊN BẢN CHỜ ĐỒNG CHÍ KÝ'));

    // Act: countersign 1 from the notice; the chair writes addendum 2; the secretary countersigns it
    await world.emu.pressButton({
      user: chairUser,
      messageId: notice?.messageId ?? 0,
      text: 'Ký xác nhận phụ lục 1',
    });
    const countersigned = last(chairUser)?.text;
    await world.emu.sendUserMessage({ user: chairUser, text: '/bienban' });
    const chairSheet = last(chairUser);
    await world.emu.pressButton({
      user: chairUser,
      messageId: chairSheet?.messageId ?? 0,
      text: 'Lập phụ lục đính chính',
    });
    const prompt = last(chairUser)?.text;
    await world.emu.sendUserMessage({
      user: chairUser,
      text: 'Đính chính: cuộc họp kết thúc lúc 10 giờ 30.',
    });
    const proposed = last(chairUser)?.text;
    await say('/bienban');
    const secretarySheet = last(secretaryUser);
    await world.emu.pressButton({
      user: secretaryUser,
      messageId: secretarySheet?.messageId ?? 0,
      text: 'Ký xác nhận phụ lục 2',
    });

    // Assess
    expect(countersigned).toBe('Đồng chí đã ký xác nhận phụ lục 1; phụ lục đã được đưa vào biên bản.');
    expect(chairSheet?.text).toContain('Phụ lục 1: Đính chính: phần 2.1 thống nhất 90%. — đã đủ chữ ký');
    expect(prompt).toContain('Gửi nội dung phụ lục đính chính biên bản');
    expect(proposed).toBe('Đồng chí đã lập và ký phụ lục 2. Phụ lục chờ thư ký ký xác nhận.');
    expect(secretarySheet?.text).toContain(
      'Phụ lục 2: Đính chính: cuộc họp kết thúc lúc 10 giờ 30. — chờ thư ký ký xác nhận',
    );
    expect(last(secretaryUser)?.text).toBe(
      'Đồng chí đã ký xác nhận phụ lục 2; phụ lục đã được đưa vào biên bản.',
    );
    const minutes = await world.repos.minutes.get(meeting.id);
    expect(
      minutes?.addenda.map((a) => [a.seq, Boolean(a.signatures.chair && a.signatures.secretary && a.hash)]),
    ).toEqual([
      [1, true],
      [2, true],
    ]);
  });

  it('minutes sealed outside the bot reach both signers from the notifier, once however often SNS delivers', async () => {
    // Prepare: a later meeting whose minutes are written and signed through the use cases (the web app's
    // path, or a webhook that died after sealing): they seal and raise MinutesSigned, and send nothing
    const chair = { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' as const };
    const { meeting: later } = await planMeeting(
      chair,
      RESIDENCE,
      {
        year: 2026,
        round: 'october',
        date: '2026-10-15',
        time: '08:00',
        place: 'Hội trường Đảng ủy phường An Hòa',
        chairStaffId: chair.sub,
      },
      { ...world.repos, clock: world.clock },
    );
    world.clock.set('2026-10-15T10:00:00+07:00');
    const ports = { ...world.repos, clock: world.clock };
    const secretary = { sub: SECRETARY.id, orgId: RESIDENCE, role: 'secretary' as const };
    for (const part of MINUTES_PARTS) {
      await writeMinutesPart(
        ports,
        secretary,
        later.id,
        part,
        `Phần ${MINUTES_PART_LABELS[part].number} (họp 15/10).`,
      );
    }
    await signMinutes(ports, chair, later.id, 'chair');
    const sealed = await signMinutes(ports, secretary, later.id, 'secretary');
    const signedEvent = (await world.repos.outbox.pending(100)).events.find(
      (e) => e.id === `MinutesSigned:${later.id}`,
    );
    const notifier = createNotifier(() => world.deps);
    const delivery = snsEvent('events', JSON.stringify(signedEvent), 'MinutesSigned');

    // Act: the notifier function, as SNS invokes it; then SNS delivers the same message again
    await notifier(delivery);
    await notifier(delivery);

    // Assess
    expect(sealed.state).toBe('sealed');
    expect(signedEvent).toBeDefined();
    for (const user of [chairUser, secretaryUser]) {
      const documents = world.emu.botMessages(user.id).filter((m) => m.document);
      expect(documents).toHaveLength(2);
      const stored = world.emu.document(documents[1]?.document?.fileId ?? '');
      expect(stored?.fileName).toBe(`bien-ban-${later.id}.pdf`);
      expect(await pdfText(stored?.bytes ?? Buffer.alloc(0))).toContain('(họp 15/10)');
    }
  });
});
