// use cases: members' comments (ý kiến) — raised for the next meeting (R15 2.5), answered at the one after
// (R15 2.3: done / not done, why, remedy), and the author told of the answer (CommentAnswered).
import { createHash } from 'node:crypto';
import type { AnswerStatus, Comment, CommentAnswer } from '../domain/comment.js';
import { localDate, localYear } from '../domain/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { parseMeetingId } from '../domain/meeting.js';
import {
  assertMayRunMeeting,
  assertRecordOpen,
  isFrozen,
  meetingForComment,
  nextMeetingId,
  previousMeetingId,
} from '../domain/meeting-protocol.js';
import type { Principal } from '../domain/roles.js';
import { keptCommentViewSchema } from '../schemas/kept-results.js';
import type { MeetingPorts } from './meeting-ports.js';
import { retryOnConflict } from './retry.js';

export interface CommentView {
  id: string;
  meetingId: string;
  topic: string;
  text: string;
  raisedAt: string;
  /** The meeting whose 2.3 answers it. */
  answeredAtMeetingId: string;
  answer?: Omit<CommentAnswer, 'answeredBy'>;
}

function commentView(comment: Comment): CommentView {
  const { answeredBy: _by, ...answer } = comment.answer ?? ({} as CommentAnswer);
  return {
    id: comment.id,
    meetingId: comment.meetingId,
    topic: comment.topic,
    text: comment.text,
    raisedAt: comment.raisedAt,
    answeredAtMeetingId: nextMeetingId(comment.meetingId),
    ...(comment.answer ? { answer } : {}),
  };
}

/** Idempotency records of raised comments are kept a day: long enough for any client retry. */
const COMMENT_REPLAY_TTL_SECONDS = 24 * 3600;

/**
 * A member raises a comment for their residence committee's next meeting: the upcoming planned meeting
 * that has not started, or, when none is planned, the next round by id (it shows once that meeting is
 * planned). `meetingId` may name the meeting in progress, until its minutes are being signed.
 */
export async function raiseComment(
  ports: Pick<
    MeetingPorts,
    'members' | 'introductions' | 'meetings' | 'minutes' | 'comments' | 'idempotency' | 'clock' | 'ids'
  >,
  principal: Principal,
  input: { topic: string; text: string; meetingId?: string; requestId?: string },
): Promise<CommentView> {
  if (principal.role !== 'member') {
    throw new ForbiddenError({
      vi: 'Chỉ đảng viên gửi ý kiến của mình.',
      en: 'Only a member raises their own comment.',
    });
  }
  const member = await ports.members.get(principal.sub);
  if (!member) throw new NotFoundError('member');
  const introduction = (await ports.introductions.ofMember(member.id)).find((i) => i.status === 'received');
  if (!introduction) {
    throw new RuleViolationError('R5', {
      vi: 'đồng chí chưa được cấp ủy nơi cư trú tiếp nhận nên chưa gửi ý kiến được',
      en: 'not yet received by a residence committee',
    });
  }
  const residenceOrgId = introduction.residenceOrgId;
  const now = ports.clock.now();
  const year = localYear(now);
  const known = [
    ...(await ports.meetings.ofCommittee(residenceOrgId, year)),
    ...(await ports.meetings.ofCommittee(residenceOrgId, year + 1)),
  ];
  const next = meetingForComment(residenceOrgId, now, known);
  let target = next;
  if (input.meetingId && input.meetingId !== next) {
    if (parseMeetingId(input.meetingId)?.residenceOrgId !== residenceOrgId) {
      throw new ForbiddenError({
        vi: 'Cuộc họp này không thuộc cấp ủy nơi cư trú của đồng chí.',
        en: 'Not your residence committee’s meeting.',
      });
    }
    const meeting = await ports.meetings.get(input.meetingId);
    if (!meeting) throw new NotFoundError('meeting');
    if (meeting.status === 'held') {
      throw new RuleViolationError('R15', {
        vi: `cuộc họp đã kết thúc; ý kiến mới được đưa vào kỳ họp sau (${next})`,
        en: `that meeting is over; raise it for the next one (${next})`,
      });
    }
    target = meeting.id;
  }
  assertRecordOpen(await ports.minutes.get(target));

  const scope = 'comment';
  const replayKey = input.requestId ? `${member.id}:${input.requestId}` : undefined;
  if (replayKey && !(await ports.idempotency.claim(scope, replayKey, COMMENT_REPLAY_TTL_SECONDS))) {
    const earlier = await ports.idempotency.recall(scope, replayKey, keptCommentViewSchema);
    if (earlier) return earlier;
    throw new ConflictError(
      { vi: 'Yêu cầu này đang được xử lý.', en: 'This request is being processed.' },
      'in_progress',
    );
  }
  const comment: Comment = {
    id: ports.ids.next('cmt'),
    meetingId: target,
    residenceOrgId,
    memberId: member.id,
    authorName: member.fullName,
    topic: input.topic,
    text: input.text,
    raisedAt: now.toISOString(),
  };
  try {
    await ports.comments.add(comment);
  } catch (error) {
    if (replayKey) await ports.idempotency.release(scope, replayKey);
    throw error;
  }
  const view = commentView(comment);
  if (replayKey) await ports.idempotency.complete(scope, replayKey, COMMENT_REPLAY_TTL_SECONDS, view);
  return view;
}

function sameAnswer(
  a: CommentAnswer | undefined,
  b: Omit<CommentAnswer, 'answeredBy' | 'answeredAt'>,
): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    a.text === b.text &&
    (a.reason ?? '') === (b.reason ?? '') &&
    (a.remedy ?? '') === (b.remedy ?? '')
  );
}

/**
 * R15 2.3: residence staff answer a comment raised for `meetingId`; the answer shows under 2.3 of the
 * next meeting and the author is told (CommentAnswered). "Not done" needs the reason and the remedy.
 * Answers change freely until the answering meeting's minutes are being signed.
 */
export async function answerComment(
  ports: Pick<MeetingPorts, 'comments' | 'minutes' | 'clock'>,
  principal: Principal,
  input: {
    meetingId: string;
    commentId: string;
    status: AnswerStatus;
    text: string;
    reason?: string;
    remedy?: string;
  },
): Promise<CommentView> {
  const load = async () => {
    const found = (await ports.comments.ofMeeting(input.meetingId)).find((c) => c.id === input.commentId);
    if (!found) throw new NotFoundError('comment');
    return found;
  };
  const first = await load();
  assertMayRunMeeting(principal, { residenceOrgId: first.residenceOrgId });
  if (input.status === 'not_done' && (!input.reason?.trim() || !input.remedy?.trim())) {
    throw new RuleViolationError('R15', {
      vi: 'ý kiến chưa giải quyết được cần nêu nguyên nhân và hướng khắc phục',
      en: 'a "not done" answer needs the reason and the remedy',
    });
  }
  const answeredAtMeetingId = nextMeetingId(first.meetingId);
  assertRecordOpen(await ports.minutes.get(answeredAtMeetingId));
  const content = {
    status: input.status,
    text: input.text,
    reason: input.reason || undefined,
    remedy: input.remedy || undefined,
    answeredAtMeetingId,
  };
  return retryOnConflict(async () => {
    const comment = await load();
    if (sameAnswer(comment.answer, content)) return commentView(comment);
    const answeredAt = ports.clock.now().toISOString();
    const updated: Comment = { ...comment, answer: { ...content, answeredBy: principal.sub, answeredAt } };
    // The id follows the answer it replaces and the new words: a retry or a colleague sending the same
    // answer at once collides on the outbox item (re-read: already answered), a changed answer is news.
    const digest = createHash('sha256')
      .update(
        JSON.stringify([
          comment.answer?.answeredAt ?? '',
          content.status,
          content.text,
          content.reason ?? '',
          content.remedy ?? '',
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    const event: DomainEvent<'CommentAnswered'> = {
      type: 'CommentAnswered',
      id: `CommentAnswered:${comment.id}:${digest}`,
      occurredAt: answeredAt,
      orgIds: [comment.residenceOrgId],
      data: {
        commentId: comment.id,
        meetingId: comment.meetingId,
        answeredAtMeetingId,
        memberId: comment.memberId,
        status: input.status,
      },
    };
    await ports.comments.save(updated, { events: [event] });
    return commentView(updated);
  });
}

/** A comment as the committee's staff see it when answering: with its author (their own member). */
export interface CommentToAnswer extends CommentView {
  authorName: string;
}

function toAnswer(comment: Comment): CommentToAnswer {
  return { ...commentView(comment), authorName: comment.authorName };
}

/**
 * R15 2.3, for staff about to answer (the bot's /traloi): the comments still unanswered that the
 * committee's coming 2.3 answers. The current meeting is the latest whose day has come; while its record
 * is open its own 2.3 answers the previous round's comments, and once its signing began (or it was held)
 * the answers go to the next round's 2.3, so its own comments are the ones to answer. No meeting yet:
 * nothing to answer. `meetingId` is the round the comments were raised for (what answerComment takes).
 */
export async function commentsToAnswer(
  ports: Pick<MeetingPorts, 'meetings' | 'minutes' | 'comments' | 'clock'>,
  principal: Principal,
  residenceOrgId: string,
): Promise<{ meetingId: string; answeredAtMeetingId: string; comments: CommentToAnswer[] } | undefined> {
  assertMayRunMeeting(principal, { residenceOrgId });
  const today = localDate(ports.clock.now());
  const current = (await ports.meetings.ofCommittee(residenceOrgId))
    .filter((m) => m.date <= today)
    .sort((a, b) => (a.date === b.date ? b.time.localeCompare(a.time) : b.date.localeCompare(a.date)))[0];
  if (!current) return undefined;
  const closed = current.status === 'held' || isFrozen(await ports.minutes.get(current.id));
  const meetingId = closed ? current.id : previousMeetingId(current.id);
  const comments = (await ports.comments.ofMeeting(meetingId)).filter((c) => c.answer === undefined);
  return { meetingId, answeredAtMeetingId: nextMeetingId(meetingId), comments: comments.map(toAnswer) };
}

/** One comment of the staff's committee, with its author and any answer (to show it before answering). */
export async function commentToAnswer(
  ports: Pick<MeetingPorts, 'comments'>,
  principal: Principal,
  meetingId: string,
  commentId: string,
): Promise<CommentToAnswer> {
  const found = (await ports.comments.ofMeeting(meetingId)).find((c) => c.id === commentId);
  if (!found) throw new NotFoundError('comment');
  assertMayRunMeeting(principal, { residenceOrgId: found.residenceOrgId });
  return toAnswer(found);
}
