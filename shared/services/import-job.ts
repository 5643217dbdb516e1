// use case: a members' CSV sent to the bot as a file — the webhook records a job and enqueues it; the
// worker downloads the file, imports it part by part (the same import as POST /introductions/import),
// edits the progress message, then sends a summary and, if lines failed, a CSV of them with the reasons.
//
// Exactly once: the job id is the document message's, so a re-delivered update finds its job and enqueues
// nothing; a second delivery of the task finds the first worker's lease (or the finished job) and leaves
// it; a worker that died is replaced once its lease ends, and the import's per-row idempotency makes the
// rows it had written count as "already there". The result is recorded once, and only that recorder
// sends the summary.
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import type { ImportRowError } from '../domain/import-rows.js';
import { isWorkplaceStaff, type Principal } from '../domain/roles.js';
import type { ChatMessenger } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import type { ChatFileSource, ImportJob, ImportJobRepository, ImportJobResult } from '../ports/imports.js';
import type { InvitationQueue, ProgressMessage } from '../ports/invitations.js';
import { type Log, silentLog } from '../ports/log.js';
import type { Channel, StaffRepository } from '../ports/repositories.js';
import { type ImportReport, importIntroductions } from './import.js';
import type { IntroductionPorts } from './introductions.js';

/** Rows between two edits of the progress message. */
export const IMPORT_PROGRESS_ROWS = 500;
/** A worker holds a job this long; a second delivery of the task meanwhile leaves it alone. */
export const IMPORT_LEASE_MS = 15 * 60_000;
/** Telegram lets bots download files up to 20 MB; a 5,000-row CSV is well under 2 MB. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

export interface ImportJobPorts extends IntroductionPorts {
  importJobs: ImportJobRepository;
  staff: IntroductionPorts['staff'] & Pick<StaffRepository, 'get'>;
  files: ChatFileSource;
  messenger: ChatMessenger;
  queue: InvitationQueue;
  clock: Clock;
  log?: Log;
  /** Rows per part (one progress edit each); IMPORT_PROGRESS_ROWS unless a test wants smaller parts. */
  progressRows?: number;
}

export interface ReceivedFile {
  channel: Channel;
  chatId: string;
  /** The document message: one job per message. */
  messageId: string;
  fileId: string;
  fileName: string;
  fileSize?: number;
}

export function importJobId(file: Pick<ReceivedFile, 'channel' | 'chatId' | 'messageId'>): string {
  return `import:${file.channel}:${file.chatId}:${file.messageId}`;
}

/** What the webhook does with the file: checks it, records the job and enqueues it (no bulk work here). */
export async function startImport(
  ports: Pick<ImportJobPorts, 'importJobs' | 'queue' | 'clock'>,
  principal: Principal,
  file: ReceivedFile,
  report: ProgressMessage,
): Promise<{ job: ImportJob; started: boolean }> {
  if (!isWorkplaceStaff(principal)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi công tác đã giới thiệu mới nhập được danh sách đảng viên của đơn vị',
      en: 'Only the staff of the introducing workplace committee import its members',
    });
  }
  if (!/\.csv$/i.test(file.fileName)) {
    throw new ValidationError(
      { vi: 'Tệp phải là tệp CSV (.csv)', en: 'The file must be a CSV file (.csv)' },
      [{ code: 'custom', path: ['file'], message: 'tệp phải có đuôi .csv' }],
    );
  }
  if (file.fileSize !== undefined && file.fileSize > MAX_IMPORT_FILE_BYTES) {
    throw new ValidationError({ vi: 'Tệp quá lớn', en: 'The file is too large' }, [
      { code: 'custom', path: ['file'], message: 'tệp quá lớn (tối đa 5 MB)' },
    ]);
  }
  const job: ImportJob = {
    id: importJobId(file),
    workplaceOrgId: principal.orgId,
    startedBy: principal.sub,
    role: principal.role,
    channel: file.channel,
    fileId: file.fileId,
    fileName: file.fileName,
    createdAt: ports.clock.now().toISOString(),
    report,
  };
  const started = await ports.importJobs.create(job);
  if (!started) return { job: (await ports.importJobs.get(job.id)) ?? job, started: false };
  await ports.queue.enqueue([{ kind: 'import', jobId: job.id }]);
  return { job, started: true };
}

/** The worker's side of one import task. */
export async function runImportJob(jobId: string, ports: ImportJobPorts): Promise<void> {
  const now = ports.clock.now();
  const job = await ports.importJobs.lease(jobId, now, new Date(now.getTime() + IMPORT_LEASE_MS));
  // Finished, unknown, or another worker holds it: nothing to do with this delivery.
  if (!job) return;
  try {
    await runLeased(job, ports);
  } catch (error) {
    // The queue retries the task: the next delivery takes the job at once (rows written stay written).
    await ports.importJobs.release(job.id).catch(() => undefined);
    throw error;
  }
}

async function runLeased(job: ImportJob, ports: ImportJobPorts): Promise<void> {
  const log = ports.log ?? silentLog;
  const progress = progressEditor(job, ports);

  // The sender's assignment is read again: a role revoked since the file was sent stops the import.
  const staff = await ports.staff.get(job.startedBy);
  if (!staff || staff.orgId !== job.workplaceOrgId || staff.role !== 'workplace_staff') {
    await finish(job, { ...EMPTY, refused: 'not_workplace_staff' }, [], ports);
    return;
  }
  const principal: Principal = { sub: staff.id, orgId: staff.orgId, role: staff.role };

  let text: string;
  try {
    text = decodeCsv(await ports.files.download(job.fileId, job.channel));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error; // a failed download is retried by the queue
    await finish(job, { ...EMPTY, refused: 'file_unreadable' }, [], ports);
    return;
  }

  let report: ImportReport;
  try {
    report = await importIntroductions(ports, principal, text, {
      workplaceOrgId: job.workplaceOrgId,
      chunkRows: ports.progressRows ?? IMPORT_PROGRESS_ROWS,
      onProgress: async (done, total) => {
        await ports.importJobs.progress(job.id, done, total);
        await progress(done, total);
      },
    });
  } catch (error) {
    // The whole file is refused (no header, too many rows): told as a failed file, not retried.
    if (!(error instanceof ValidationError)) throw error;
    await finish(job, { ...EMPTY, refused: 'file_unreadable' }, [], ports);
    return;
  }
  log.info('members imported from chat', {
    jobId: job.id,
    count: report.total,
    failed: report.failed,
  });
  await finish(
    job,
    {
      total: report.total,
      created: report.created,
      existing: report.existing,
      failed: report.failed,
      notProcessed: report.notProcessed.length,
    },
    report.errors,
    ports,
  );
}

const EMPTY: ImportJobResult = { total: 0, created: 0, existing: 0, failed: 0, notProcessed: 0 };

function progressEditor(job: ImportJob, ports: ImportJobPorts) {
  return async (done: number, total: number) => {
    if (!job.report.messageId) return;
    await ports.messenger
      .edit(
        { channel: job.report.channel, chatId: job.report.chatId, messageId: job.report.messageId },
        { kind: 'import_progress', fileName: job.fileName, done, total },
        job.report.languageCode,
      )
      .catch(() => undefined); // progress is a courtesy: the import goes on if an edit fails
  };
}

async function finish(
  job: ImportJob,
  result: ImportJobResult,
  errors: readonly ImportRowError[],
  ports: ImportJobPorts,
): Promise<void> {
  if (!(await ports.importJobs.finish(job.id, result, ports.clock.now()))) return;
  const to = {
    channel: job.report.channel,
    chatId: job.report.chatId,
    languageCode: job.report.languageCode || undefined,
  };
  await ports.messenger.send(to, { kind: 'import_summary', fileName: job.fileName, result });
  if (errors.length > 0 && ports.messenger.sendDocument) {
    await ports.messenger.sendDocument(to, {
      fileName: failedLinesFileName(job.fileName),
      mimeType: 'text/csv',
      bytes: new TextEncoder().encode(failedLinesCsv(errors)),
    });
  }
}

export function failedLinesFileName(fileName: string): string {
  return `loi-${fileName.replace(/\.csv$/i, '')}.csv`;
}

/** UTF-8 (with or without a byte-order mark); anything else is refused as unreadable. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError({ vi: 'Tệp không phải văn bản UTF-8', en: 'The file is not UTF-8 text' });
  }
}

const CSV_HEADER = 'dong,ma_loi,ly_do';

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The Vietnamese half of the import's "vi / en" messages. */
/** The rules an import row can break, in the words of the people who read the file (no rule numbers). */
const RULE_REASONS: Record<string, string> = {
  R1: 'cấp ủy nơi cư trú không hợp lệ (phải là đảng ủy xã, phường, thị trấn) hoặc cấp ủy gửi không phải cấp ủy nơi công tác',
  R2: 'nơi ở không phải nơi cư trú hợp lệ (thường trú, hoặc tạm trú từ một năm trở lên còn hạn)',
  R6: 'đảng viên là học sinh, sinh viên do cấp ủy nhà trường giới thiệu',
  R5: 'ngày không hợp lệ (trước ngày giới thiệu hoặc sau hôm nay)',
  R7: 'ngày không hợp lệ (trước ngày giới thiệu hoặc sau hôm nay)',
};

const CODE_REASONS: Record<string, string> = {
  active_introduction:
    'đảng viên đang có giấy giới thiệu còn hiệu lực ở nơi khác; cần kết thúc giấy cũ trước',
  not_found: 'không tìm thấy cấp ủy nơi cư trú (mã nơi cư trú không đúng)',
  forbidden: 'đồng chí không có quyền giới thiệu đảng viên của cấp ủy này',
  conflict: 'đang có thay đổi khác cùng lúc; gửi lại tệp để nhập dòng này',
};

/** Why a line failed, in Vietnamese: the column and what is wrong with it, else the row's error. */
export function failedLineReason(error: ImportRowError): string {
  const issues = (error.issues ?? []).map((issue) => {
    const i = issue as { column?: string; message?: string; path?: readonly unknown[] };
    const where = i.column ?? (i.path && i.path.length > 0 ? i.path.join('.') : '');
    return `${where ? `cột ${where}: ` : ''}${i.message ?? 'không hợp lệ'}`.trim();
  });
  if (issues.length > 0) return issues.join('; ');
  if (error.code === 'rule_violation') return (error.rule && RULE_REASONS[error.rule]) ?? 'trái quy định';
  return CODE_REASONS[error.code] ?? error.message;
}

/**
 * The failed lines as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the accents); the
 * committees' import words its reasons itself (`committeeFailedLineReason`).
 */
export function failedLinesCsv(
  errors: readonly ImportRowError[],
  reasonOf: (error: ImportRowError) => string = failedLineReason,
): string {
  const rows = errors.map((e) => [String(e.line), e.code, reasonOf(e)].map(csvCell).join(','));
  return `\uFEFF${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}
