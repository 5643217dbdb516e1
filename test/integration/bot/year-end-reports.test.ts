// Integration: the member's year-end self-report (/baocaocuoinam, R19) and the October report on demand
// (/baocao, R22) sent as two documents, read back from the emulator's stored bytes. The report is the queue's
// work (issue 19): the webhook answers "Đang tổng hợp…", the task edits it into the outcome and sends the files.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/member.js';
import type { ReportTask } from '../../../shared/ports/invitations.js';
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
import { aCommittee } from '../../support/builders.js';

const BOARD = 'quan-ninh-kieu';

describe('Feature: year-end self-report and October report in the bot', () => {
  let world: BotWorld;
  const memberUser = aUser('An');
  const chairUser = aUser('Chủ');
  const workplaceUser = aUser('Công');
  const boardUser = aUser('Quận');
  const boardViewer = aUser('Xem');
  const boardStaff = aUser('Tổng hợp');
  let member: Member;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-20T09:00:00+07:00' });
    await world.repos.committees.put(aCommittee({ id: BOARD, kind: 'board', name: 'Quận ủy Ninh Kiều' }));
    await world.repos.committees.put(
      aCommittee({ id: RESIDENCE, kind: 'residence', name: 'Đảng ủy phường An Hòa', parentId: BOARD }),
    );
    await world.repos.staff.put({
      id: 'board-1',
      orgId: BOARD,
      role: 'residence_staff',
      fullName: 'Huỳnh Văn Quận',
    });
    await world.repos.staff.put({ id: 'board-view', orgId: BOARD, role: 'viewer', fullName: 'Võ Thanh Sơn' });
    await world.repos.staff.put({
      id: 'board-st',
      orgId: BOARD,
      role: 'board_staff',
      fullName: 'Lý Thị Hạnh',
    });
    member = await addMember(world, { fullName: 'Nguyễn Văn An' });
    await addMember(world, { fullName: 'Phạm Thị Lan', category: 'student', hamletId: 'kv-2' });
    await addMember(world, { fullName: 'Đỗ Văn Hùng', hamletId: 'kv-3' });
    await link(world, memberUser, { kind: 'member', id: member.id });
    await link(world, chairUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    await link(world, workplaceUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    await link(world, boardUser, { kind: 'staff', id: 'board-1' });
    await link(world, boardViewer, { kind: 'staff', id: 'board-view' });
    await link(world, boardStaff, { kind: 'staff', id: 'board-st' });
  });
  afterAll(async () => {
    await world.close();
  });

  const lastText = (id: number) => world.emu.lastBotMessage(id)?.text;
  /** /baocao shows the narrative's sections first; «Tổng hợp báo cáo» under that menu compiles. */
  const compileReport = async (user: { id: number; first_name: string }, command = '/baocao') => {
    await world.emu.sendUserMessage({ user, text: command });
    const menu = world.emu.lastBotMessage(user.id);
    await world.emu.pressButton({ user, messageId: menu?.messageId ?? 0, text: 'Tổng hợp báo cáo' });
    await world.queue.drain();
  };
  /** The message that said "Đang tổng hợp…" (or "Đang chuẩn bị…"), as the report's task left it. */
  const outcomeText = (id: number) =>
    world.emu
      .botMessages(id)
      .filter((m) => /^Đang (tổng hợp|chuẩn bị tệp) báo cáo/.test(m.history[0]?.text ?? m.text ?? ''))
      .at(-1)?.text;
  const type = (user: { id: number; first_name: string }, text: string) =>
    world.emu.sendUserMessage({ user, text });

  it('shows the meetings prefilled, takes the activities as one message and stores the report (R19)', async () => {
    // Act
    await type(memberUser, '/baocaocuoinam');
    const intro = lastText(memberUser.id);
    await type(memberUser, 'Tham gia tổ tự quản, vận động vệ sinh môi trường khu phố');
    const done = lastText(memberUser.id);

    // Assess
    expect(intro).toContain('BÁO CÁO CUỐI NĂM 2026');
    expect(intro).toContain('• Số cuộc họp được mời: 0');
    expect(done).toContain('Đã ghi nhận báo cáo cuối năm 2026 của đồng chí');
    expect(await world.repos.yearEnd.getSelfReport(member.id, 2026)).toMatchObject({
      memberId: member.id,
      year: 2026,
      meetingsAttended: 0,
      activities: 'Tham gia tổ tự quản, vận động vệ sinh môi trường khu phố',
    });
    expect(await world.repos.drafts.get('telegram', String(memberUser.id))).toBeUndefined();
  });

  it('refuses /baocaocuoinam to staff and /baocao to members and workplace staff', async () => {
    // Act
    await type(chairUser, '/selfreport');
    const toChair = lastText(chairUser.id);
    await type(memberUser, '/report');
    const toMember = lastText(memberUser.id);
    await type(workplaceUser, '/baocao');
    const toWorkplace = lastText(workplaceUser.id);

    // Assess
    expect(toChair).toBe('Chức năng này dành cho đảng viên đã liên kết tài khoản.');
    expect(toMember).toBe('Chức năng này dành cho cấp ủy nơi cư trú hoặc cấp ủy cấp trên.');
    expect(toWorkplace).toBe('Chức năng này dành cho cấp ủy nơi cư trú hoặc cấp ủy cấp trên.');
    expect(await world.repos.reports.get(RESIDENCE, 2026)).toBeUndefined();
  });

  it('compiles the report from /baocao and sends the XLSX and the PDF as documents', async () => {
    // Act
    await compileReport(chairUser);
    const documents = world.emu.botMessages(chairUser.id).filter((m) => m.document);
    const [xlsxInfo, pdfInfo] = documents.map((m) => m.document);
    const xlsx = world.emu.document(xlsxInfo?.fileId ?? '');
    const pdf = world.emu.document(pdfInfo?.fileId ?? '');
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
    await workbook.xlsx.load(xlsx?.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const members: (string | number)[][] = [];
    workbook.getWorksheet('Đảng viên')?.eachRow((row) => {
      members.push((row.values as (string | number)[]).slice(1));
    });

    // Assess
    expect(documents).toHaveLength(2);
    expect(xlsx?.fileName).toBe(`bao-cao-lien-he-noi-cu-tru-${RESIDENCE}-2026.xlsx`);
    expect(pdf?.fileName).toBe(`bao-cao-lien-he-noi-cu-tru-${RESIDENCE}-2026.pdf`);
    expect(pdf?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(members).toContainEqual(['Đã tiếp nhận', 3]);
    expect(members).toContainEqual(['Học sinh, sinh viên', 1]);
    expect(outcomeText(chairUser.id)).toBe('Báo cáo kết quả năm 2026, phiên bản 1.');
    expect((await world.repos.reports.get(RESIDENCE, 2026))?.body.members.received).toBe(3);
  });

  it('sends the files of one version once when the queue delivers the report task again', async () => {
    // Prepare: the press's task as SQS would deliver it a second time (the first run above sent the files).
    const before = world.emu.botMessages(chairUser.id).filter((m) => m.document).length;
    const progressId = world.emu
      .botMessages(chairUser.id)
      .find((m) => m.history[0]?.text?.startsWith('Đang tổng hợp'))?.messageId;
    const task: ReportTask = {
      kind: 'report',
      op: 'compile',
      orgId: RESIDENCE,
      year: 2026,
      staffId: STAFF.chair?.id ?? '',
      reply: { channel: 'telegram', chatId: String(chairUser.id), messageId: String(progressId) },
    };

    // Act
    await world.queue.enqueue([task]);
    await world.queue.drain();

    // Assess: nothing changed, so no new version and no second pair of files.
    expect(progressId).toBeDefined();
    expect(world.emu.botMessages(chairUser.id).filter((m) => m.document)).toHaveLength(before);
    expect(outcomeText(chairUser.id)).toBe('Báo cáo kết quả năm 2026, phiên bản 1 (số liệu không đổi).');
    expect((await world.repos.reports.get(RESIDENCE, 2026))?.version).toBe(1);
  });

  it('refuses a queued report to a staff member no longer assigned to the committee, sending no file', async () => {
    // Prepare: the workplace's staff member names the ward in a task (as a forged or stale one would).
    const before = world.emu.botMessages(workplaceUser.id).length;

    // Act
    await world.queue.enqueue([
      {
        kind: 'report',
        op: 'compile',
        orgId: RESIDENCE,
        year: 2026,
        staffId: STAFF.workplace?.id ?? '',
        reply: { channel: 'telegram', chatId: String(workplaceUser.id) },
      },
    ]);
    await world.queue.drain();

    // Assess
    const sent = world.emu.botMessages(workplaceUser.id).slice(before);
    expect(sent.map((m) => m.text)).toEqual([
      'Chức năng này dành cho cấp ủy nơi cư trú hoặc cấp ủy cấp trên.',
    ]);
    expect((await world.repos.reports.get(RESIDENCE, 2026))?.version).toBe(1);
  });

  it('tells the board staff that the ward has a new report version (OctoberReportCompiled)', async () => {
    // Act
    await relayAndNotify(world);

    // Assess
    expect(world.emu.lastBotMessage(boardUser.id)?.text).toBe(
      'Đảng ủy phường An Hòa đã có báo cáo kết quả năm 2026 (phiên bản 1).',
    );
    expect(world.emu.botMessages(chairUser.id).some((m) => m.text?.includes('đã có báo cáo'))).toBe(false);
  });

  it("lets the board's staff compile the board's report and the board's viewer read it (not compile it)", async () => {
    // Act
    await type(boardViewer, '/baocao');
    const beforeCompiled = lastText(boardViewer.id);
    await compileReport(boardStaff);
    const staffDocuments = world.emu.botMessages(boardStaff.id).filter((m) => m.document);
    const compiled = outcomeText(boardStaff.id);
    await type(boardViewer, '/report');
    await world.queue.drain();
    const viewerDocuments = world.emu.botMessages(boardViewer.id).filter((m) => m.document);
    const read = outcomeText(boardViewer.id);

    // Assess
    expect(beforeCompiled).toBe(
      'Chưa có báo cáo kết quả năm 2026: cấp ủy chưa tổng hợp. Đồng chí thử lại sau.',
    );
    expect(staffDocuments.map((m) => m.document?.fileName)).toEqual([
      `bao-cao-lien-he-noi-cu-tru-${BOARD}-2026.xlsx`,
      `bao-cao-lien-he-noi-cu-tru-${BOARD}-2026.pdf`,
    ]);
    expect(compiled).toBe('Báo cáo kết quả năm 2026, phiên bản 1.');
    expect(viewerDocuments).toHaveLength(2);
    expect(read).toBe('Báo cáo kết quả năm 2026, phiên bản 1 (bản đã lưu).');
    // The viewer's request compiled nothing: the board's report is still its staff's version 1.
    expect((await world.repos.reports.get(BOARD, 2026))?.version).toBe(1);
    expect((await world.repos.reports.get(BOARD, 2026))?.body.members.received).toBe(3);
  });
});
