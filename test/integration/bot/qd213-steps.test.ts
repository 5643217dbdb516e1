// Integration: qd213-2020's comment procedure through the webhook and the Telegram emulator — on a saved draft
// the ward's chair records the hamlet Front work committee's opinion, then the cell committee's signature (its
// bí thư), then confirms with «Gửi»; the signature is refused before the opinion, an unreadable answer is asked
// again, and a draft of a committee under hd02-2011 offers neither step.
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
  STAFF,
} from '../../support/bot-world.js';
import { aCommittee } from '../../support/builders.js';
import { hd02Form } from '../../support/year-end-seed.js';

const FRONT = 'Ghi ý kiến Ban công tác Mặt trận';
const CELL = 'Ghi chữ ký chi bộ';

describe('Feature: the Front opinion and the cell signature under qd213-2020', () => {
  let world: BotWorld;
  const chair = aUser('Chủ');
  const last = () => world.emu.lastBotMessage(chair.id);
  const labels = () =>
    last()
      ?.replyMarkup?.inline_keyboard.flat()
      .map((b) => b.text) ?? [];
  const press = (text: string) =>
    world.emu.pressButton({ user: chair, messageId: last()?.messageId ?? 0, text });
  const type = (text: string) => world.emu.sendUserMessage({ user: chair, text });
  let member: Member;

  const saveDraftOf = (memberId: string) =>
    saveEvaluationDraft(
      { ...world.repos, clock: world.clock },
      { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
      {
        orgId: RESIDENCE,
        year: 2026,
        memberId,
        form: {
          kind: 'qd213-full',
          criteria: { c1: 1, c2: 1, c3: 1, c4: 1, c5: 1 },
          proposal: 'none',
          otherComments: '',
        },
      },
    );
  const openSaved = async (name: string) => {
    await type('/nhanxet');
    const button = labels().find((l) => l.startsWith(name)) ?? '';
    await press(button);
  };

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T09:00:00+07:00' });
    await world.repos.committees.put(
      aCommittee({ id: RESIDENCE, kind: 'residence', name: 'Đảng ủy phường An Hòa', ruleSet: 'qd213-2020' }),
    );
    member = await addMember(world, { fullName: 'Lê Văn Cường' });
    await link(world, chair, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('records the opinion, then the signature, and the chair confirms the comment', async () => {
    // Prepare
    await saveDraftOf(member.id);
    await openSaved('Lê Văn Cường');
    const summary = labels();

    // Act
    await press(CELL);
    const tooEarly = last()?.text;
    await press(FRONT);
    const firstQuestion = last()?.text;
    await type('Nguyễn Thị\u0007 Hoa');
    const unreadable = last()?.text;
    await type('Nguyễn Thị Hoa');
    await type('Trưởng ban công tác Mặt trận ấp 1');
    await type('Gương mẫu, tích cực tham gia sinh hoạt khu dân cư.');
    await type('18/11/2026');
    const frontRecorded = last()?.text;
    const afterFront = labels();
    await press(CELL);
    await type('Trần Văn Tư');
    const titles = labels();
    await press('Bí thư chi bộ');
    await press('Hôm nay (20/11/2026)');
    const signed = last()?.text;
    await press('Gửi');
    const submitted = last()?.text;

    // Assess
    expect(summary).toEqual(expect.arrayContaining(['Gửi', FRONT, CELL]));
    expect(tooEarly).toContain('cần lấy ý kiến Ban công tác Mặt trận ấp về đồng chí Lê Văn Cường trước');
    expect(firstQuestion).toBe('1/4. Họ và tên người cho ý kiến:');
    expect(unreadable).toContain('ký tự không đọc được');
    expect(frontRecorded).toContain('Đã ghi ý kiến Ban công tác Mặt trận (ngày 18/11/2026)');
    expect(afterFront).toEqual([CELL]);
    expect(titles).toEqual(['Bí thư chi bộ', 'Phó bí thư chi bộ', 'Hủy']);
    expect(signed).toContain('do đồng chí Trần Văn Tư (Bí thư chi bộ) ký thay mặt chi ủy ngày 20/11/2026');
    expect(submitted).toContain('Đã gửi nhận xét năm 2026 của đồng chí Lê Văn Cường');
    const stored = await world.repos.evaluations.get(RESIDENCE, 2026, member.id);
    expect(stored).toMatchObject({
      status: 'submitted',
      frontConsultation: {
        name: 'Nguyễn Thị Hoa',
        position: 'Trưởng ban công tác Mặt trận ấp 1',
        opinion: 'Gương mẫu, tích cực tham gia sinh hoạt khu dân cư.',
        consultedOn: '2026-11-18',
        recordedBy: STAFF.chair?.id,
      },
      cellSignature: { signerName: 'Trần Văn Tư', signerTitle: 'bi_thu', signedOn: '2026-11-20' },
    });
  });

  it('offers neither step on a draft of a committee under hd02-2011', async () => {
    // Prepare
    await world.repos.committees.put(
      aCommittee({ id: RESIDENCE, kind: 'residence', name: 'Đảng ủy phường An Hòa', ruleSet: 'hd02-2011' }),
    );
    const other = await addMember(world, { fullName: 'Phạm Văn Đức' });
    await saveEvaluationDraft(
      { ...world.repos, clock: world.clock },
      { sub: 'res-1', orgId: RESIDENCE, role: 'residence_staff' },
      {
        orgId: RESIDENCE,
        year: 2026,
        memberId: other.id,
        form: hd02Form('none'),
      },
    );

    // Act
    await openSaved('Phạm Văn Đức');
    const summary = labels();

    // Assess
    expect(summary).toContain('Gửi');
    expect(summary).not.toContain(FRONT);
    expect(summary).not.toContain(CELL);
  });
});
