// Integration: "In phiếu" in /nhanxet (issue 17 item 3) on both channels — the ward's chair prints every member
// of a hamlet in one PDF from the list, and one member's sheet from the first question (blank: nothing saved
// yet), each received as a document through the channel's webhook and emulator, on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/member.js';
import { addMember, type BotWorld, createBotWorld, RESIDENCE } from '../../support/bot-world.js';
import { aChatPerson, CHANNELS, type ChatPerson, linkPerson } from '../../support/chat-channels.js';
import { pdfLayout } from '../../support/pdf-layout.js';

let world: BotWorld;
let an: Member;
let binh: Member;

beforeAll(async () => {
  world = await createBotWorld({ zalo: true, now: '2026-11-20T09:00:00+07:00' });
  // Vietnamese order is by given name: An before Bình, though "Trần" sorts after "Nguyễn".
  binh = await addMember(world, { fullName: 'Nguyễn Văn Bình', hamletId: 'kv-2' });
  an = await addMember(world, { fullName: 'Trần Thị An', hamletId: 'kv-2' });
});
afterAll(async () => {
  await world.close();
});

/** The caption of the newest file: the file's own text on Telegram, a text just before it on Zalo. */
const captions = (person: ChatPerson) =>
  person
    .messages()
    .slice(-2)
    .map((m) => m.text ?? '')
    .join('\n');

const pdfOf = async (person: ChatPerson, fileName: string) => {
  const file = person.documents().findLast((d) => d.fileName === fileName);
  if (!file?.bytes) throw new Error(`No ${fileName} in ${person.channel}`);
  const layout = await pdfLayout(file.bytes);
  return { layout, text: layout.runs.map((r) => r.text).join('\n') };
};

describe.each(CHANNELS.map((c) => [c]))('"In phiếu" in /nhanxet on %s', (channel) => {
  let chair: ChatPerson;

  beforeAll(async () => {
    const id = `sheet-chair-${channel}`;
    await world.repos.staff.put({ id, orgId: RESIDENCE, role: 'chair', fullName: 'Lý Văn Phiếu' });
    chair = await aChatPerson(world, channel, 'Phiếu');
    await linkPerson(world, chair, { kind: 'staff', id });
  });

  it('sends every member of a hamlet in one PDF, each from a new page, in Vietnamese order', async () => {
    // Act
    await chair.send('/nhanxet');
    const buttons = chair.messages().findLast((m) => m.buttons.length > 0)?.buttons ?? [];
    await chair.press('In phiếu cả Khu vực 2');

    // Assess
    expect(buttons).toContain('In phiếu cả Khu vực 2');
    expect(captions(chair)).toContain('Phiếu nhận xét năm 2026 — Khu vực 2 (2 đảng viên');
    const { layout, text } = await pdfOf(chair, 'phieu-nhan-xet-2026-khu-vuc-2.pdf');
    const pageOf = (m: Member) =>
      layout.runs.find((r) => r.text === `Họ và tên đảng viên: ${m.fullName}`)?.page ?? 0;
    expect(pageOf(an)).toBeGreaterThan(0);
    expect(pageOf(binh)).toBeGreaterThan(pageOf(an));
    expect(text).toContain('PHIẾU NHẬN XÉT');
    expect(text).toContain('ngày …… tháng …… năm 2026'); // nothing saved yet: blank sheets
  });

  it('sends one member’s sheet from the first question of their evaluation', async () => {
    // Act
    await chair.send('/nhanxet');
    await chair.press(`${an.fullName} (Khu vực 2)`);
    const question = chair.messages().findLast((m) => m.buttons.length > 0);
    await chair.press('In phiếu');

    // Assess
    expect(question?.buttons).toContain('In phiếu');
    expect(captions(chair)).toContain(`Phiếu nhận xét năm 2026 — đồng chí ${an.fullName}`);
    const { text } = await pdfOf(chair, 'phieu-nhan-xet-2026-tran-thi-an.pdf');
    expect(text).toContain(`Họ và tên đảng viên: ${an.fullName}`);
    expect(text).not.toContain(binh.fullName);
    expect(text).toContain('T/M ĐẢNG ỦY');
  });
});
