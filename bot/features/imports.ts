// feature: a members' CSV sent as a file — workplace staff send the same CSV as POST /introductions/import;
// the webhook only records the job and enqueues it, and answers at once with the message the worker keeps
// editing with the progress; the summary and the failed lines (a CSV file) follow from the worker.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { MAX_IMPORT_FILE_BYTES, startImport } from '../../shared/services/import-job.js';
import type { BotContext } from '../context.js';

export const importsFeature = new Composer<BotContext>();

importsFeature.on('message:document', async (ctx, next) => {
  const actor = await ctx.actor();
  // A member's file is not ours to read: the catch-all answers it.
  if (actor?.kind !== 'staff') return next();
  const t = ctx.t.imports;
  if (actor.staff.role !== 'workplace_staff') {
    await ctx.ui.reply(message(t.notWorkplaceStaff));
    return;
  }
  const document = ctx.message.document;
  const fileName = document.file_name ?? 'danh-sach.csv';
  if (!/\.csv$/i.test(fileName)) {
    await ctx.ui.reply(message(t.notCsv));
    return;
  }
  if (document.file_size !== undefined && document.file_size > MAX_IMPORT_FILE_BYTES) {
    await ctx.ui.reply(message(t.tooLarge));
    return;
  }
  const user = ctx.chatUser;
  if (!user) return;
  const progressId = await ctx.ui.reply(message(t.queued(fileName)));
  try {
    const { started } = await startImport(
      { importJobs: ctx.deps.ports.importJobs, queue: ctx.deps.queue, clock: ctx.deps.clock },
      actor.principal,
      {
        channel: user.channel,
        chatId: user.chatId,
        messageId: String(ctx.message.message_id),
        fileId: document.file_id,
        fileName,
        fileSize: document.file_size,
      },
      {
        channel: user.channel,
        chatId: user.chatId,
        messageId: progressId || undefined,
        languageCode: user.languageCode || undefined,
      },
    );
    if (!started) await ctx.ui.reply(message(t.again(fileName)));
  } catch (error) {
    if (error instanceof ValidationError) {
      await ctx.ui.reply(message(t.notCsv));
      return;
    }
    throw error;
  }
});
