// feature: /traloi (/answer) — residence staff answer members' comments (R15 2.3): the open comments the
// committee's coming 2.3 answers, 8 per page; a press shows one and keeps it as a draft; the next plain
// message is the answer ("done"), or, after «Chưa giải quyết được», the answer, the reason and the remedy.
import { Composer } from 'grammy';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate } from '../../shared/domain/dates.js';
import type { Principal } from '../../shared/domain/roles.js';
import { answerBodySchema } from '../../shared/schemas/meeting-record.js';
import {
  answerComment,
  type CommentToAnswer,
  commentsToAnswer,
  commentToAnswer,
} from '../../shared/services/comments.js';
import { residenceStaff } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import { ANSWER_PATTERN, answerData } from '../keyboards/comment-answers.js';

export const commentAnswersFeature = new Composer<BotContext>();

export const ANSWER_DRAFT = 'comment_answer';
export const ANSWER_PAGE_SIZE = 8;
const MAX_ANSWER = 2_000;
const MAX_REASON = 1_000;

type Step = 'text' | 'reason' | 'remedy';

interface AnswerDraft {
  meetingId: string;
  commentId: string;
  status: 'done' | 'not_done';
  step: Step;
  text?: string;
  reason?: string;
}

function ports(ctx: BotContext) {
  const p = ctx.deps.ports;
  return { meetings: p.meetings, minutes: p.minutes, comments: p.comments, clock: ctx.deps.clock };
}

async function listView(ctx: BotContext, principal: Principal, requestedPage: number): Promise<ViewMessage> {
  const t = ctx.t.answer;
  const open = await commentsToAnswer(ports(ctx), principal, principal.orgId);
  if (!open || open.comments.length === 0) return message(t.empty);
  const pages = Math.ceil(open.comments.length / ANSWER_PAGE_SIZE);
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const meeting = await ctx.deps.ports.meetings.get(open.meetingId);
  const lines = [
    t.header(meeting ? formatVietnameseDate(meeting.date) : undefined, open.comments.length, page + 1, pages),
    '',
  ];
  const rows: ViewButton[][] = [];
  const first = page * ANSWER_PAGE_SIZE;
  for (const [i, comment] of open.comments.slice(first, first + ANSWER_PAGE_SIZE).entries()) {
    const n = first + i + 1;
    lines.push(t.row(n, comment.topic, comment.authorName));
    rows.push([
      button(
        t.topicButton(n, comment.topic),
        answerData.encode({ op: 'pick', meetingId: comment.meetingId, commentId: comment.id }),
      ),
    ]);
  }
  lines.push('', t.pick);
  const nav: ViewButton[] = [];
  if (page > 0) nav.push(button(t.previous, answerData.encode({ op: 'page', page: page - 1 })));
  if (page < pages - 1) nav.push(button(t.next, answerData.encode({ op: 'page', page: page + 1 })));
  if (nav.length > 0) rows.push(nav);
  return message(lines.join('\n'), rows);
}

function answerText(comment: CommentToAnswer): string {
  const answer = comment.answer;
  if (!answer) return '';
  return [answer.text, answer.reason, answer.remedy].filter(Boolean).join(' — ');
}

commentAnswersFeature.command(['traloi', 'answer'], async (ctx) => {
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.answer.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  await ctx.ui.reply(await listView(ctx, principal, 0));
});

commentAnswersFeature.callbackQuery(ANSWER_PATTERN, async (ctx, next) => {
  const action = answerData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.answer.notResidenceStaff, { alert: true });
    return;
  }
  if (action.op === 'page') {
    await ctx.ui.answer();
    await ctx.ui.replace(await listView(ctx, principal, action.page));
    return;
  }
  // Reading checks the comment is this committee's before anything is kept.
  const comment = await commentToAnswer(ports(ctx), principal, action.meetingId, action.commentId);
  const t = ctx.t.answer;
  if (comment.answer) {
    await ctx.ui.answer();
    await ctx.ui.reply(message(t.alreadyAnswered(comment.topic, answerText(comment))));
    return;
  }
  const draft: AnswerDraft = {
    meetingId: comment.meetingId,
    commentId: comment.id,
    status: action.op === 'pick' ? 'done' : 'not_done',
    step: 'text',
  };
  await saveDraft(ctx, { kind: ANSWER_DRAFT, nonce: newNonce(), data: { ...draft } });
  await ctx.ui.answer();
  const shown = t.shown(comment.authorName, comment.topic, comment.text);
  if (action.op === 'pick') {
    await ctx.ui.reply(
      message(`${shown}\n\n${t.promptDone}`, [
        [
          button(
            t.notDoneButton,
            answerData.encode({ op: 'notDone', meetingId: comment.meetingId, commentId: comment.id }),
          ),
        ],
      ]),
    );
  } else {
    await ctx.ui.reply(message(`${shown}\n\n${t.promptNotDone}`));
  }
});

function draftOf(data: Record<string, unknown>): AnswerDraft | undefined {
  const { meetingId, commentId, status, step, text, reason } = data;
  if (typeof meetingId !== 'string' || typeof commentId !== 'string') return undefined;
  if (status !== 'done' && status !== 'not_done') return undefined;
  if (step !== 'text' && step !== 'reason' && step !== 'remedy') return undefined;
  return {
    meetingId,
    commentId,
    status,
    step,
    ...(typeof text === 'string' ? { text } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
}

commentAnswersFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const stored = await ctx.draft();
  if (stored?.kind !== ANSWER_DRAFT) return next();
  const draft = draftOf(stored.data);
  const principal = await residenceStaff(ctx);
  if (!draft || !principal) {
    await clearDraft(ctx);
    return next();
  }
  const t = ctx.t.answer;
  const value = ctx.message.text.normalize('NFC').trim();
  const max = draft.step === 'text' ? MAX_ANSWER : MAX_REASON;
  if (value.length > max) {
    await ctx.ui.reply(message(t.tooLong(max)));
    return;
  }
  if (!value) return;
  // "Not done" takes three messages: the answer, the reason, the remedy (R15 2.3 needs all three).
  if (draft.status === 'not_done' && draft.step !== 'remedy') {
    const following: AnswerDraft =
      draft.step === 'text'
        ? { ...draft, step: 'reason', text: value }
        : { ...draft, step: 'remedy', reason: value };
    await saveDraft(ctx, { kind: ANSWER_DRAFT, nonce: stored.nonce, data: { ...following } });
    await ctx.ui.reply(message(following.step === 'reason' ? t.promptReason : t.promptRemedy));
    return;
  }
  const body = answerBodySchema.parse({
    status: draft.status,
    text: draft.status === 'done' ? value : draft.text,
    ...(draft.status === 'not_done' ? { reason: draft.reason, remedy: value } : {}),
  });
  await clearDraft(ctx);
  // A colleague may have answered meanwhile: theirs stands (the list only offers open comments).
  const comment = await commentToAnswer(ports(ctx), principal, draft.meetingId, draft.commentId);
  if (comment.answer) {
    await ctx.ui.reply(message(t.alreadyAnswered(comment.topic, answerText(comment))));
    return;
  }
  await answerComment(ports(ctx), principal, {
    meetingId: draft.meetingId,
    commentId: draft.commentId,
    ...body,
  });
  await ctx.ui.reply(message(t.answered(comment.topic, comment.authorName)));
});
