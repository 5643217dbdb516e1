// feature: a list of committees sent as a file — an administrator sends the CSV of POST /committees/import as a
// document; it is imported in the webhook itself, then a summary and, if lines failed, a CSV of them with why.
//
// Inline, not through the members' import queue: a committee file is a board's tree (tens, at most a few
// hundred lines, capped here at 256 KB), the same use case runs inline behind POST /committees/import
// within API Gateway's 30 s, and it checks every line before writing anything and writes only a file
// without errors — there is no progress worth reporting and no part to resume, so a job record and a
// worker would add nothing. A re-delivered update is skipped by the update claim (create-bot.ts); the
// same file sent again as a new message finds every id taken and writes nothing.
//
// Decided by the sender's role now: an administrator's file is a list of committees; everyone else's goes
// on to the members' import (imports.ts), which refuses whoever is not workplace staff.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import { type DomainError, ValidationError } from '../../shared/domain/errors.js';
import { committeeFailedLineReason, importCommittees } from '../../shared/services/committee-import.js';
import { decodeCsv, failedLinesCsv, failedLinesFileName } from '../../shared/services/import-job.js';
import type { BotContext } from '../context.js';

export const committeeImportFeature = new Composer<BotContext>();

/** About 2,000 lines of committees: far more than a board has, well inside the webhook's time. */
export const MAX_COMMITTEE_FILE_BYTES = 256 * 1024;

committeeImportFeature.on('message:document', async (ctx, next) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.principal.role !== 'admin') return next();
  const t = ctx.t.committeeImport;
  const document = ctx.message.document;
  const fileName = document.file_name ?? 'don-vi.csv';
  if (!/\.csv$/i.test(fileName)) {
    await ctx.ui.reply(message(t.notCsv));
    return;
  }
  // createBotAppDeps always wires it: a bot without it is built wrongly, not a user's mistake.
  if (!ctx.deps.files) throw new Error('The bot has no file source to read a sent file');
  if (document.file_size !== undefined && document.file_size > MAX_COMMITTEE_FILE_BYTES) {
    await ctx.ui.reply(message(t.tooLarge));
    return;
  }
  const user = ctx.chatUser;
  if (!user) return;
  // The file id means something to the channel it was sent on only (Telegram's file_id, Zalo's file URL).
  const bytes = await ctx.deps.files.download(document.file_id, user.channel);
  if (bytes.byteLength > MAX_COMMITTEE_FILE_BYTES) {
    await ctx.ui.reply(message(t.tooLarge));
    return;
  }
  let report: Awaited<ReturnType<typeof importCommittees>>;
  try {
    report = await importCommittees(actor.principal, decodeCsv(bytes), {
      committees: ctx.deps.ports.committees,
      clock: ctx.deps.clock,
    });
  } catch (error) {
    // The whole file is refused (not UTF-8, no header, a required column missing).
    if (!(error instanceof ValidationError)) throw error;
    const why = error.message.startsWith('The file is not UTF-8')
      ? t.notCsv
      : t.unreadable(vietnamese(error));
    await ctx.ui.reply(message(why));
    return;
  }
  ctx.deps.log.info('committees imported from chat', {
    orgId: actor.principal.orgId,
    count: report.total,
    failed: report.failed,
  });
  if (report.failed === 0) {
    await ctx.ui.reply(message(t.created(fileName, report.total, report.created)));
    return;
  }
  await ctx.ui.reply(message(t.failed(fileName, report.total, report.failed)));
  await ctx.ui.reply({
    kind: 'document',
    fileName: failedLinesFileName(fileName),
    mimeType: 'text/csv',
    bytes: new TextEncoder().encode(failedLinesCsv(report.errors, committeeFailedLineReason)),
  });
});

function vietnamese(error: DomainError): string {
  return error.message.replace(/\s*\([^)]*\)\s*$/, '');
}
