// feature: /gopy (/comment) — a member raises a comment for their residence committee's next meeting
// (R15 2.5). One message "/gopy chủ đề: nội dung", or "/gopy" and then the next message in that form.
import { Composer } from 'grammy';
import { message } from '../../chat/view.js';
import { timeOrderedIds } from '../../shared/adapters/ids.js';
import { formatVietnameseDate } from '../../shared/domain/dates.js';
import { commentBodySchema } from '../../shared/schemas/meeting-record.js';
import { raiseComment } from '../../shared/services/comments.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';

export const commentsFeature = new Composer<BotContext>();

export const COMMENT_DRAFT = 'comment';

/** "chủ đề: nội dung" → topic and text (split at the first colon), or undefined when not in that form. */
export function parseComment(raw: string): { topic: string; text: string } | undefined {
  const at = raw.indexOf(':');
  if (at < 0) return undefined;
  const parsed = commentBodySchema.safeParse({
    topic: raw.slice(0, at).trim(),
    text: raw.slice(at + 1).trim(),
  });
  return parsed.success ? parsed.data : undefined;
}

async function raise(ctx: BotContext, raw: string): Promise<void> {
  const actor = await ctx.actor();
  if (actor?.kind !== 'member') return;
  const body = parseComment(raw);
  if (!body) {
    await ctx.ui.reply(message(`${ctx.t.comment.badFormat}\n\n${ctx.t.comment.usage}`));
    return;
  }
  const p = ctx.deps.ports;
  const view = await raiseComment(
    {
      members: p.members,
      introductions: p.introductions,
      meetings: p.meetings,
      minutes: p.minutes,
      comments: p.comments,
      idempotency: p.idempotency,
      clock: ctx.deps.clock,
      ids: ctx.deps.ids ?? timeOrderedIds,
    },
    actor.principal,
    { ...body, requestId: `telegram-${ctx.update.update_id}` },
  );
  const meeting = await p.meetings.get(view.meetingId);
  await ctx.ui.reply(
    message(ctx.t.comment.raised(view.topic, meeting ? formatVietnameseDate(meeting.date) : undefined)),
  );
}

commentsFeature.command(['gopy', 'comment'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'member') {
    await ctx.ui.reply(message(actor ? ctx.t.comment.notMember : ctx.t.errors.notLinked));
    return;
  }
  const rest = typeof ctx.match === 'string' ? ctx.match.trim() : '';
  if (rest) {
    await clearDraft(ctx);
    await raise(ctx, rest);
    return;
  }
  await saveDraft(ctx, { kind: COMMENT_DRAFT, nonce: newNonce(), data: {} });
  await ctx.ui.reply(message(`${ctx.t.comment.prompt}\n\n${ctx.t.comment.usage}`));
});

commentsFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind !== COMMENT_DRAFT) return next();
  await clearDraft(ctx);
  await raise(ctx, ctx.message.text);
});
