// domain: comments (ý kiến) raised by members for a meeting, answered at the next one (R15 2.3, 2.5).

export const ANSWER_STATUSES = ['done', 'not_done'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export interface CommentAnswer {
  status: AnswerStatus;
  text: string;
  /** Why it was not done, and the remedy (hướng khắc phục), as 2.3 requires. */
  reason?: string;
  remedy?: string;
  answeredAtMeetingId: string;
  answeredBy: string;
  answeredAt: string;
}

export interface Comment {
  id: string;
  /** The meeting under whose 2.5 it is raised. */
  meetingId: string;
  residenceOrgId: string;
  memberId: string;
  authorName: string;
  topic: string;
  text: string;
  raisedAt: string;
  answer?: CommentAnswer;
}

export function isAnswered(comment: Pick<Comment, 'answer'>): boolean {
  return comment.answer !== undefined;
}
