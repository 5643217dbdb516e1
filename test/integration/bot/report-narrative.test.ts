// Integration: the report's narrative in /baocao (R22) on both channels — the sections shown empty with a
// button each, a section written as the next typed message and replaced the same way, then «Tổng hợp báo
// cáo» compiling a report whose PDF prints it; an edit after compiling is said to need a new compilation.
// Each step through the channel's webhook and emulator (ChatPerson), on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotWorld, createBotWorld, RESIDENCE, STAFF } from '../../support/bot-world.js';
import { aChatPerson, CHANNELS, type ChatPerson, linkPerson } from '../../support/chat-channels.js';
import { pdfText } from '../../support/pdf.js';

const FIRST = 'Đa số đảng viên giữ mối liên hệ tốt với chi bộ nơi cư trú.';
const REPLACED = 'Đảng viên tham gia đầy đủ các cuộc họp, gương mẫu ở khu dân cư.';
const PROPOSAL = 'Đề nghị cấp ủy nơi công tác nhắc đảng viên báo vắng trước ngày họp.';

describe.each(CHANNELS)('Feature on %s: the report narrative before compiling (/baocao)', (channel) => {
  let world: BotWorld;
  let chair: ChatPerson;
  const texts = () => chair.messages().map((m) => m.text ?? '');
  const buttons = () => chair.messages().at(-1)?.buttons ?? [];

  beforeAll(async () => {
    world = await createBotWorld({ zalo: channel === 'zalo', now: '2026-10-20T09:00:00+07:00' });
    chair = await aChatPerson(world, channel, 'Chủ');
    await linkPerson(world, chair, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('shows the three sections empty, a button to write each, and compiling allowed without them', async () => {
    // Act
    await chair.send('/baocao');

    // Assess
    const menu = texts().at(-1) ?? '';
    expect(menu).toContain('BÁO CÁO KẾT QUẢ NĂM 2026: PHẦN NHẬN ĐỊNH');
    expect(menu).toContain('• Đánh giá chung: (chưa viết)');
    expect(menu).toContain('• Khó khăn, vướng mắc: (chưa viết)');
    expect(menu).toContain('• Kiến nghị, đề xuất: (chưa viết)');
    expect(menu).toContain('Ba phần nhận định còn trống.');
    expect(buttons()).toEqual([
      'Viết: Đánh giá chung',
      'Viết: Khó khăn, vướng mắc',
      'Viết: Kiến nghị, đề xuất',
      'Tổng hợp báo cáo',
    ]);
    expect(await world.repos.reports.get(RESIDENCE, 2026)).toBeUndefined();
  });

  it('takes the next typed message as the section, and shows it in the menu', async () => {
    // Act
    await chair.press('Viết: Đánh giá chung');
    const asked = texts().at(-1);
    await chair.send(`  ${FIRST}  `);

    // Assess
    expect(asked).toBe('Đồng chí gõ phần «Đánh giá chung» trong một tin nhắn (tối đa 4000 ký tự).');
    expect(texts()).toContain('Đã lưu phần «Đánh giá chung».');
    expect(texts().at(-1)).toContain(`• Đánh giá chung: ${FIRST}`);
    expect(buttons()).toContain('Sửa: Đánh giá chung');
    expect(await world.repos.reports.getNarrative(RESIDENCE, 2026)).toMatchObject({
      version: 1,
      assessment: FIRST,
      updatedBy: STAFF.chair?.id,
    });
    expect(await world.repos.drafts.get(channel, chair.chatId)).toBeUndefined();
  });

  it('shows the current text when editing a section and replaces it with the new message', async () => {
    // Act
    await chair.press('Sửa: Đánh giá chung');
    const asked = texts().at(-1);
    await chair.send(REPLACED);
    await chair.press('Viết: Kiến nghị, đề xuất');
    await chair.send(PROPOSAL);

    // Assess
    expect(asked).toContain(`Nội dung hiện có (tin nhắn mới sẽ thay nội dung này):\n${FIRST}`);
    expect(await world.repos.reports.getNarrative(RESIDENCE, 2026)).toMatchObject({
      version: 3,
      assessment: REPLACED,
      proposals: PROPOSAL,
    });
    expect(texts().at(-1)).not.toContain('Ba phần nhận định còn trống.');
  });

  it('compiles on «Tổng hợp báo cáo»: the report carries the narrative and its PDF prints the sections', async () => {
    // Prepare
    const before = chair.documents().length;

    // Act
    await chair.press('Tổng hợp báo cáo');
    await world.queue.drain(); // the worker compiles and sends (issue 19)

    // Assess
    const report = await world.repos.reports.get(RESIDENCE, 2026);
    expect(report?.narrative).toEqual({ version: 3, assessment: REPLACED, proposals: PROPOSAL });
    const pdf = chair
      .documents()
      .slice(before)
      .find((d) => d.fileName.endsWith('.pdf'));
    const text = await pdfText(pdf?.bytes ?? new Uint8Array());
    expect(text).toContain(`VII. ĐÁNH GIÁ CHUNG ${REPLACED}`);
    expect(text).toContain('VIII. KHÓ KHĂN, VƯỚNG MẮC (không có)');
    expect(text).toContain(`IX. KIẾN NGHỊ, ĐỀ XUẤT ${PROPOSAL}`);
  });

  it('says an edit after compiling needs a new compilation', async () => {
    // Act
    await chair.send('/baocao');
    await chair.press('Viết: Khó khăn, vướng mắc');
    await chair.send('Một số đảng viên đi công tác xa.');

    // Assess
    expect(texts().at(-1)).toContain(
      'Phần nhận định đã sửa sau khi tổng hợp phiên bản 1: cần tổng hợp lại để báo cáo có nội dung mới.',
    );
    expect((await world.repos.reports.get(RESIDENCE, 2026))?.narrative?.difficulties).toBeUndefined();
  });
});
