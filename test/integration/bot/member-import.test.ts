// Integration: workplace staff send the members' CSV to the bot as a file — through the webhook and the
// emulator's getFile and file download: the webhook answers at once, the worker imports part by part and
// edits the progress message, then sends a summary and the failed lines as a CSV; nothing is imported twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobPorts } from '../../../functions/queue-worker.js';
import { importJobId, runImportJob } from '../../../shared/services/import-job.js';
import {
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';

const HEADER = 'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru';
/** Parts of 50 rows in the bot world (importProgressRows): two parts and a bit. */
const VALID_ROWS = 60;
/** 60 rows on a shared DynamoDB Local: seconds alone, but a busy machine may be slow. */
const IMPORT_TIMEOUT_MS = 180_000;

function membersCsv(): string {
  const lines = [`\uFEFF${HEADER}`];
  for (let i = 0; i < VALID_ROWS; i++) {
    lines.push(
      `${500_000_000 + i},Nguyễn Văn Số ${i},1980-01-01,nam,thuong_tru,Khu vực 1,2000-01-01,${RESIDENCE}`,
    );
    // Two bad lines among the first part: line 3 (no such date) and line 6 (no such ward).
    if (i === 0)
      lines.push('599999998,Lê Thị Sai,31/02/1990,nữ,thuong_tru,Khu vực 2,2000-01-01,phuong-an-hoa');
    if (i === 2)
      lines.push('599999999,Trần Văn Lạc,1985-05-05,nam,thuong_tru,Khu vực 3,2000-01-01,phuong-khong-co');
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function countIssued(world: BotWorld): Promise<number> {
  let n = 0;
  for await (const _ of world.repos.introductions.streamOfResidence(RESIDENCE, 'issued')) n += 1;
  return n;
}

describe('Feature: importing members by sending the CSV to the bot', () => {
  let world: BotWorld;
  const staffUser = aUser('Công');
  const residenceUser = aUser('Thư');
  const csv = membersCsv();
  /** The document message of the first import, delivered again later. */
  let update: Awaited<ReturnType<BotWorld['emu']['nextUpdate']['message']>>;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-03-02T10:00:00+07:00' });
    await link(world, staffUser, { kind: 'staff', id: STAFF.workplace?.id ?? '' });
    await link(world, residenceUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('refuses a file from residence staff and a file that is not a CSV', async () => {
    // Act
    await world.emu.sendUserMessage({
      user: residenceUser,
      document: { bytes: csv, fileName: 'danh-sach.csv', mimeType: 'text/csv' },
    });
    await world.emu.sendUserMessage({
      user: staffUser,
      document: { bytes: 'PK', fileName: 'danh-sach.xlsx' },
    });

    // Assess
    expect(world.emu.lastBotMessage(residenceUser.id)?.text).toBe(
      'Chỉ cán bộ cấp ủy nơi công tác mới gửi danh sách đảng viên (tệp CSV) để nhập.',
    );
    expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('dưới dạng tệp CSV');
    expect(world.queue.pending).toHaveLength(0);
  });

  it(
    'answers at once, imports in parts with progress, then sends the summary and the failed lines',
    async () => {
      // Prepare
      update = world.emu.nextUpdate.message({
        user: staffUser,
        document: { bytes: csv, fileName: 'danh-sach.csv', mimeType: 'text/csv' },
      });

      // Act
      const delivery = await world.emu.deliver(update);
      const answered = world.emu.lastBotMessage(staffUser.id);
      await world.queue.drain();

      // Assess: the webhook's answer (first version) became the progress message, edited after each 50
      // rows (the line that failed its columns counts as tried before the first part)
      expect(delivery.status).toBe(200);
      const progress = world.emu.message(staffUser.id, answered?.messageId ?? 0);
      expect([...(progress?.history ?? []).map((h) => h.text), progress?.text]).toEqual([
        'Đã nhận tệp danh-sach.csv. Đang chuẩn bị nhập…',
        'Đang nhập tệp danh-sach.csv: đã xử lý 51/62 dòng…',
        'Đang nhập tệp danh-sach.csv: đã xử lý 62/62 dòng…',
      ]);
      const after = world.emu
        .botMessages(staffUser.id)
        .filter((m) => m.messageId > (answered?.messageId ?? 0));
      expect(after.map((m) => m.text ?? m.document?.fileName)).toEqual([
        'Đã nhập xong tệp danh-sach.csv: 62 dòng.\n' +
          '• Giới thiệu mới: 60\n' +
          '• Đã có từ trước (không tạo lại): 0\n' +
          '• Dòng lỗi: 2 (xem tệp danh sách dòng lỗi gửi kèm)',
        'loi-danh-sach.csv',
      ]);
      const failed = world.emu.document(after[1]?.document?.fileId ?? '');
      const failedText = failed?.bytes.toString('utf8') ?? '';
      const failedLines = failedText
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(failedLines[0]).toBe('dong,ma_loi,ly_do');
      expect(failedLines[1]).toMatch(/^3,validation_failed,.*ngay_sinh/);
      expect(failedLines[2]).toBe('6,not_found,không tìm thấy cấp ủy nơi cư trú (mã nơi cư trú không đúng)');
      expect(await countIssued(world)).toBe(VALID_ROWS);
      const job = await world.repos.importJobs.get(
        importJobId({
          channel: 'telegram',
          chatId: String(staffUser.id),
          messageId: String(update.message?.message_id),
        }),
      );
      expect(job).toMatchObject({
        workplaceOrgId: WORKPLACE,
        done: 62,
        total: 62,
        result: { total: 62, created: 60, existing: 0, failed: 2, notProcessed: 0 },
      });
    },
    IMPORT_TIMEOUT_MS,
  );

  it(
    'imports once when the update is re-delivered or the task is delivered twice',
    async () => {
      // Prepare
      const jobs = world.repos.importJobs;
      const sentBefore = world.emu.botMessages(staffUser.id).length;
      const callsBefore = world.emu.calls.length;
      const jobId = importJobId({
        channel: 'telegram',
        chatId: String(staffUser.id),
        messageId: String(update.message?.message_id),
      });
      const { messenger, files } = await world.deps.telegram();

      // Act: Telegram delivers the update again; the queue delivers the task twice more
      const again = await world.emu.deliver(update);
      await world.queue.enqueue([{ kind: 'import', jobId }]);
      await world.queue.drain();
      await runImportJob(jobId, importJobPorts(world.deps, { messenger, files }));

      // Assess
      expect(world.emu.botMessages(staffUser.id)).toHaveLength(sentBefore);
      expect(again.status).toBe(200);
      expect(world.emu.calls.slice(callsBefore).filter((c) => c.method === 'getFile')).toHaveLength(0);
      expect(await countIssued(world)).toBe(VALID_ROWS);
      expect((await jobs.get(jobId))?.attempts).toBe(1);
    },
    IMPORT_TIMEOUT_MS,
  );

  it(
    'creates nothing new when the same file is sent again as a new message',
    async () => {
      // Act
      await world.emu.sendUserMessage({
        user: staffUser,
        document: { bytes: csv, fileName: 'danh-sach.csv', mimeType: 'text/csv' },
      });
      await world.queue.drain();

      // Assess
      const texts = world.emu.botMessages(staffUser.id).map((m) => m.text);
      expect(texts).toContain(
        'Đã nhập xong tệp danh-sach.csv: 62 dòng.\n' +
          '• Giới thiệu mới: 0\n' +
          '• Đã có từ trước (không tạo lại): 60\n' +
          '• Dòng lỗi: 2 (xem tệp danh sách dòng lỗi gửi kèm)',
      );
      expect(await countIssued(world)).toBe(VALID_ROWS);
    },
    IMPORT_TIMEOUT_MS,
  );
});
