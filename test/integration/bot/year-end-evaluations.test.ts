// Integration: the year-end evaluation in the bot — /nhanxet under hd02-2011 (duty marks, comments typed or
// skipped, proposal, summary, save, the chair's "Gửi"), the R18 refusal in words, and a qd213-2020 form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/member.js';
import { saveEvaluationDraft } from '../../../shared/services/evaluations.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  relayAndNotify,
  STAFF,
} from '../../support/bot-world.js';
import { aCommittee, anInvitation } from '../../support/builders.js';

function chatHelpers(world: () => BotWorld, user: { id: number; first_name: string }) {
  const last = () => world().emu.lastBotMessage(user.id);
  return {
    last,
    labels: () =>
      last()
        ?.replyMarkup?.inline_keyboard.flat()
        .map((b) => b.text) ?? [],
    press: (text: string) => world().emu.pressButton({ user, messageId: last()?.messageId ?? 0, text }),
    type: (text: string) => world().emu.sendUserMessage({ user, text }),
  };
}

/** A draft evaluation under hd02-2011 with every duty marked good, saved by the residence staff. */
async function saveGoodDraft(world: BotWorld, memberId: string): Promise<void> {
  await saveEvaluationDraft(
    { ...world.repos, clock: world.clock },
    { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
    {
      orgId: RESIDENCE,
      year: 2026,
      memberId,
      form: {
        kind: 'hd02-4duties',
        proposal: 'none',
        duties: {
          d1: { mark: 'good', comment: 'Tốt' },
          d2: { mark: 'good', comment: 'Tốt' },
          d3: { mark: 'good', comment: 'Tốt' },
          d4: { mark: 'good', comment: 'Tốt' },
        },
      },
    },
  );
}

describe('Feature: /nhanxet under hd02-2011', () => {
  let world: BotWorld;
  const chairUser = aUser('Chủ');
  const workplaceUser = aUser('Công');
  const chat = chatHelpers(() => world, chairUser);
  let regular: Member;
  let student: Member;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T09:00:00+07:00' });
    regular = await addMember(world, { fullName: 'Nguyễn Văn An' });
    student = await addMember(world, { fullName: 'Trần Thị Bình', category: 'student', hamletId: 'kv-2' });
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('asks mark and comment per duty, then the proposal, saves the draft and lets the chair send it', async () => {
    // Act
    await chat.type('/nhanxet');
    const list = chat.labels();
    await chat.press('Nguyễn Văn An (Khu vực 1)');
    const firstQuestion = chat.last()?.text;
    const markButtons = chat.labels();
    await chat.press('Tốt');
    const commentQuestion = chat.last()?.text;
    await chat.type('Gương mẫu chấp hành quy định nơi cư trú');
    await chat.press('Tốt');
    await chat.press('Bỏ qua');
    await chat.press('Chưa tốt');
    await chat.type('Ít tham gia sinh hoạt khu phố');
    await chat.press('Tốt');
    await chat.press('Bỏ qua');
    const proposalButtons = chat.labels();
    await chat.press('Biểu dương');
    const summary = chat.last()?.text;
    await chat.press('Lưu nhận xét');
    const saved = chat.last()?.text;
    const draft = await world.repos.evaluations.get(RESIDENCE, 2026, regular.id);
    const sendButtons = chat.labels();
    await chat.press('Gửi');

    // Assess
    expect(list).toEqual([
      'Nguyễn Văn An (Khu vực 1)',
      'Trần Thị Bình (Khu vực 2)',
      'In phiếu cả Khu vực 1',
      'In phiếu cả Khu vực 2',
      'Hủy',
    ]);
    expect(firstQuestion).toContain('Phiếu nhận xét (4 nhiệm vụ) — đồng chí Nguyễn Văn An, năm 2026');
    expect(firstQuestion).toContain('Câu 1/9: Nhiệm vụ 1:');
    expect(markButtons).toEqual(['Tốt', 'Chưa tốt', 'In phiếu', 'Hủy']);
    expect(commentQuestion).toContain('Câu 2/9: Nhận xét nhiệm vụ 1');
    expect(proposalButtons).toEqual(['Biểu dương', 'Không đề nghị (đặt sẵn)', 'Góp ý, phê bình', 'Hủy']);
    expect(summary).toContain('TÓM TẮT NHẬN XÉT');
    expect(summary).toContain('• Nhận xét nhiệm vụ 1: Gương mẫu chấp hành quy định nơi cư trú');
    expect(summary).toContain('• Đề nghị: Biểu dương');
    expect(saved).toContain('Đã lưu bản nhận xét năm 2026 của đồng chí Nguyễn Văn An (bản nháp)');
    expect(sendButtons).toEqual(['Gửi', 'In phiếu']);
    expect(draft).toMatchObject({
      status: 'draft',
      updatedBy: 'chair-1',
      form: {
        kind: 'hd02-4duties',
        proposal: 'commend',
        duties: {
          d1: { mark: 'good', comment: 'Gương mẫu chấp hành quy định nơi cư trú' },
          d2: { mark: 'good', comment: 'Tốt' },
          d3: { mark: 'not_good', comment: 'Ít tham gia sinh hoạt khu phố' },
          d4: { mark: 'good', comment: 'Tốt' },
        },
      },
    });
    expect(chat.last()?.text).toBe(
      'Đã gửi nhận xét năm 2026 của đồng chí Nguyễn Văn An đến cấp ủy nơi công tác.',
    );
    expect((await world.repos.evaluations.get(RESIDENCE, 2026, regular.id))?.status).toBe('submitted');
    expect((await world.repos.outbox.get(`EvaluationRecorded:${RESIDENCE}:2026:${regular.id}`))?.status).toBe(
      'pending',
    );
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
  });

  it('tells the workplace staff that the evaluation arrived (EvaluationRecorded), once', async () => {
    // Act
    await relayAndNotify(world);
    await relayAndNotify(world);

    // Assess
    const notices = world.emu
      .botMessages(workplaceUser.id)
      .filter((m) => m.text?.includes('đã gửi nhận xét cuối năm'));
    expect(notices.map((m) => m.text)).toEqual([
      'Đảng ủy phường An Hòa đã gửi nhận xét cuối năm 2026 của đồng chí Nguyễn Văn An.',
    ]);
  });

  it('refuses to send a student’s evaluation before the consultation, in plain Vietnamese (R18)', async () => {
    // Prepare
    await saveGoodDraft(world, student.id);

    // Act
    await chat.type('/nhanxet');
    const list = chat.labels();
    await chat.press('Trần Thị Bình (Khu vực 2) • nháp');
    const summaryButtons = chat.labels();
    await chat.press('Gửi');

    // Assess
    expect(list).toEqual(['Trần Thị Bình (Khu vực 2) • nháp', 'In phiếu cả Khu vực 2', 'Hủy']);
    expect(summaryButtons).toEqual(['Lưu nhận xét', 'Làm lại', 'Gửi', 'In phiếu', 'Hủy']);
    expect(chat.last()?.text).toContain(
      'cần ghi ý kiến của trưởng khu vực (ấp) và trưởng công an khu vực trước',
    );
    expect((await world.repos.evaluations.get(RESIDENCE, 2026, student.id))?.status).toBe('draft');
  });

  it('answers a button of an abandoned wizard as stale and changes nothing', async () => {
    // Prepare
    await chat.type('/nhanxet');
    const old = chat.last();
    await chat.type('/nhanxet');

    // Act
    const delivery = await world.emu.pressButton({
      user: chairUser,
      messageId: old?.messageId ?? 0,
      text: 'Trần Thị Bình (Khu vực 2) • nháp',
    });

    // Assess
    const answer = world.emu.callbackAnswer(delivery.update.callback_query?.id ?? '');
    expect(answer?.text).toContain('Nút này đã cũ');
    expect(chat.labels()).toEqual(['Trần Thị Bình (Khu vực 2) • nháp', 'In phiếu cả Khu vực 2', 'Hủy']);
  });

  it('records the hamlet opinions in the bot, one message each, then sends the student’s evaluation (R18)', async () => {
    // Prepare: the wizard left by the test above lists her saved draft; «Gửi» is refused (R18).
    await chat.press('Trần Thị Bình (Khu vực 2) • nháp');
    await chat.press('Gửi');
    const refusalButtons = chat.labels();

    // Act
    await chat.press('Ghi ý kiến trưởng ấp, trưởng công an ấp');
    const intro = world.emu.botMessages(chairUser.id).at(-2)?.text;
    const asked = [chat.last()?.text];
    for (const answer of [
      'Nguyễn Văn Ấp',
      'Sinh viên chấp hành tốt quy định nơi cư trú.',
      'Lê Văn An Ninh',
      'Không vi phạm pháp luật, an ninh trật tự.',
    ]) {
      await chat.type(answer);
      asked.push(chat.last()?.text);
    }
    const dateButtons = chat.labels();
    await chat.type('25/11/2026');
    const futureDate = chat.last()?.text;
    await chat.type('18/11/2026');
    const recorded = chat.last()?.text;
    const sendButtons = chat.labels();
    await chat.press('Gửi');

    // Assess
    expect(refusalButtons).toEqual(['Ghi ý kiến trưởng ấp, trưởng công an ấp']);
    expect(intro).toContain('GHI Ý KIẾN TRƯỚC KHI NHẬN XÉT\nĐảng viên: Trần Thị Bình');
    expect(asked).toEqual([
      '1/5. Họ và tên trưởng ấp (khu vực):',
      '2/5. Ý kiến của trưởng ấp (khu vực) về đảng viên:',
      '3/5. Họ và tên trưởng công an ấp (khu vực):',
      '4/5. Ý kiến của trưởng công an ấp (khu vực) về đảng viên:',
      '5/5. Ngày lấy ý kiến (dd/mm/yyyy), hoặc bấm «Hôm nay»:',
    ]);
    expect(dateButtons).toEqual(['Hôm nay (20/11/2026)', 'Hủy']);
    expect(futureDate).toBe('Ngày chưa đúng: đồng chí gõ theo dạng dd/mm/yyyy (không sau hôm nay).');
    expect(recorded).toBe(
      'Đã ghi ý kiến trưởng ấp và trưởng công an ấp (ngày 18/11/2026) cho nhận xét của đồng chí Trần Thị Bình. ' +
        'Bấm «Gửi» để gửi nhận xét.',
    );
    expect(sendButtons).toEqual(['Gửi']);
    expect(chat.last()?.text).toBe(
      'Đã gửi nhận xét năm 2026 của đồng chí Trần Thị Bình đến cấp ủy nơi công tác.',
    );
    expect(await world.repos.evaluations.get(RESIDENCE, 2026, student.id)).toMatchObject({
      status: 'submitted',
      studentConsultation: {
        hamletHeadName: 'Nguyễn Văn Ấp',
        hamletHeadOpinion: 'Sinh viên chấp hành tốt quy định nơi cư trú.',
        policeHeadName: 'Lê Văn An Ninh',
        policeHeadOpinion: 'Không vi phạm pháp luật, an ninh trật tự.',
        consultedOn: '2026-11-18',
        recordedBy: 'chair-1',
      },
    });
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
  });

  it('does not take hamlet opinions for a member who is not a student', async () => {
    // Prepare: a press of the R18 button forged for the (non-student) member already evaluated.
    const before = await world.repos.evaluations.get(RESIDENCE, 2026, regular.id);

    // Act
    await world.emu.pressButton({
      user: chairUser,
      messageId: chat.last()?.messageId ?? 0,
      data: `evc1|2026|${regular.id}|start`,
      force: true,
    });

    // Assess
    expect(chat.last()?.text).toBe(
      'Nhận xét của đồng chí Nguyễn Văn An không cần ghi ý kiến trưởng ấp (không phải học sinh, sinh viên).',
    );
    expect(chat.labels()).toEqual([]);
    expect(await world.repos.drafts.get('telegram', String(chairUser.id))).toBeUndefined();
    expect(await world.repos.evaluations.get(RESIDENCE, 2026, regular.id)).toEqual(before);
  });
  it('lets the chair cancel the hamlet opinions half way, then take today’s date with «Hôm nay» (R18)', async () => {
    // Prepare: a second student with a saved draft, and the R18 button under her refused «Gửi»
    const second = await addMember(world, {
      fullName: 'Phan Thị Cúc',
      category: 'student',
      hamletId: 'kv-1',
    });
    await saveGoodDraft(world, second.id);
    const start = () =>
      world.emu.pressButton({
        user: chairUser,
        messageId: chat.last()?.messageId ?? 0,
        data: `evc1|2026|${second.id}|start`,
        force: true,
      });
    const answerFour = async () => {
      for (const answer of ['Trần Văn Ấp', 'Chấp hành tốt.', 'Võ Văn Công An', 'Không vi phạm.']) {
        await chat.type(answer);
      }
    };

    // Act: four answers, then «Hủy» on the date; then again, with «Hôm nay»
    await start();
    await answerFour();
    await chat.press('Hủy');
    const cancelled = chat.last()?.text;
    const afterCancel = await world.repos.evaluations.get(RESIDENCE, 2026, second.id);
    const draftAfterCancel = await world.repos.drafts.get('telegram', String(chairUser.id));
    await start();
    await answerFour();
    await chat.press('Hôm nay (20/11/2026)');

    // Assess
    expect(cancelled).toBe('Đã hủy.');
    expect(afterCancel?.studentConsultation).toBeUndefined();
    expect(draftAfterCancel).toBeUndefined();
    expect(chat.last()?.text).toContain('(ngày 20/11/2026)');
    expect(chat.labels()).toEqual(['Gửi']);
    expect(
      (await world.repos.evaluations.get(RESIDENCE, 2026, second.id))?.studentConsultation,
    ).toMatchObject({
      hamletHeadName: 'Trần Văn Ấp',
      policeHeadOpinion: 'Không vi phạm.',
      consultedOn: '2026-11-20',
    });
  });
});

describe('Feature: /nhanxet under qd213-2020', () => {
  let world: BotWorld;
  const staffUser = aUser('Thư');
  const workplaceUser = aUser('Công');
  const chat = chatHelpers(() => world, staffUser);
  let member: Member;
  let absentee: Member;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T09:00:00+07:00' });
    await world.repos.committees.put(
      aCommittee({ id: RESIDENCE, kind: 'residence', name: 'Đảng ủy phường An Hòa', ruleSet: 'qd213-2020' }),
    );
    member = await addMember(world, { fullName: 'Lê Văn Cường' });
    absentee = await addMember(world, { fullName: 'Hồ Văn Dũng', hamletId: 'kv-3' });
    // R11: absent from both 2026 meetings without any reply.
    for (const [month, date] of [
      ['06', '2026-06-20'],
      ['10', '2026-10-18'],
    ] as const) {
      await world.repos.invitations.createOnce(
        anInvitation({
          meetingId: `${RESIDENCE}.2026.${month}`,
          memberId: absentee.id,
          memberName: absentee.fullName,
          meetingDate: date,
          hamletId: 'kv-3',
          attendance: 'absent',
        }),
      );
    }
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('asks the five criteria by level, the proposal and other comments, and saves form 3-213', async () => {
    // Act
    await chat.type('/evaluate');
    await chat.press('Lê Văn Cường (Khu vực 1)');
    const first = chat.last()?.text;
    const levels = chat.labels();
    for (let i = 0; i < 5; i++) await chat.press(chat.labels()[0] ?? '');
    await chat.press('Không đề nghị (đặt sẵn)');
    const other = chat.last()?.text;
    await chat.press('Bỏ qua');
    await chat.press('Lưu nhận xét');

    // Assess
    expect(first).toContain('Nhận xét theo mẫu 3-213');
    expect(first).toContain('Câu 1/7: Tiêu chí 1:');
    expect(levels).toHaveLength(5);
    expect(levels.at(-2)).toBe('In phiếu');
    expect(levels.at(-1)).toBe('Hủy');
    expect(other).toContain('Câu 7/7: Nhận xét khác (tiêu chí 7)');
    // Residence staff save; only the chair sends. Under qd213-2020 the Front's opinion and the cell's signature
    // come next.
    expect(chat.labels()).toEqual(['Ghi ý kiến Ban công tác Mặt trận', 'Ghi chữ ký chi bộ', 'In phiếu']);
    const saved = await world.repos.evaluations.get(RESIDENCE, 2026, member.id);
    expect(saved?.form).toMatchObject({ kind: 'qd213-full', proposal: 'none', otherComments: '' });
    expect(saved?.ruleSet).toBe('qd213-2020');
  });

  it('pre-sets criticism for a member who missed both meetings and asks a reason to change it (R11)', async () => {
    // Act
    await chat.type('/nhanxet');
    await chat.press('Hồ Văn Dũng (Khu vực 3) • vắng 2 kỳ');
    for (let i = 0; i < 5; i++) await chat.press(chat.labels()[0] ?? '');
    const proposal = chat.last()?.text;
    const proposals = chat.labels();
    await chat.press('Không đề nghị');
    const askReason = chat.last()?.text;
    await chat.type('Đã đi công tác biên giới cả năm, đơn vị xác nhận muộn');
    await chat.press('Bỏ qua');
    const summary = chat.last()?.text;
    await chat.press('Lưu nhận xét');
    await relayAndNotify(world);

    // Assess
    expect(proposal).toContain('Lưu ý:');
    expect(proposals).toEqual(['Biểu dương', 'Không đề nghị', 'Xem xét xử lý (đặt sẵn)', 'Hủy']);
    expect(askReason).toContain('gõ lý do thay đổi đề xuất');
    expect(summary).toContain(
      '• Lý do thay đổi đề xuất: Đã đi công tác biên giới cả năm, đơn vị xác nhận muộn',
    );
    expect(await world.repos.evaluations.get(RESIDENCE, 2026, absentee.id)).toMatchObject({
      flaggedR11: true,
      proposalChangeReason: 'Đã đi công tác biên giới cả năm, đơn vị xác nhận muộn',
      form: { proposal: 'none' },
    });
    expect(world.emu.lastBotMessage(workplaceUser.id)?.text).toBe(
      'Đồng chí Hồ Văn Dũng vắng cả hai kỳ họp năm 2026 tại nơi cư trú mà không có lý do được xác nhận.',
    );
  });
});
