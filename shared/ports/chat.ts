// ports: what the use cases tell members and staff through their chat accounts, independent of the channel.
//
// A use case says *what* to tell (a Notice, with the data it needs); the bot renders it in the
// recipient's language as a channel-independent view model, and a channel renderer (Telegram now, Zalo
// next) turns that into API calls. So services never format chat text and never import grammY.

import type { AbsenceNoticeGround } from '../domain/attendance.js';
import type { AnswerStatus } from '../domain/comment.js';
import type { IsoDate } from '../domain/dates.js';
import type { DeadlineRound } from '../domain/deadlines.js';
import type { PathCounts } from '../domain/delivery.js';
import type { Refusal } from '../domain/errors.js';
import type { EndReason } from '../domain/introduction.js';
import type { AbsenceCategory, AnswerChannel, Confirmation, Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import type { ReminderKind, RsvpTally } from '../domain/reminders.js';
import type { ImportJobResult } from './imports.js';
import type { Channel, ChatLink } from './repositories.js';

export interface ChatRecipient {
  channel: Channel;
  chatId: string;
  /** The user's language (from the chat app, kept on the link); Vietnamese when absent. */
  languageCode?: string;
}

export interface SentMessageRef {
  channel: Channel;
  chatId: string;
  messageId: string;
}

export function recipientOf(link: Pick<ChatLink, 'channel' | 'chatId' | 'languageCode'>): ChatRecipient {
  return {
    channel: link.channel,
    chatId: link.chatId,
    languageCode: link.languageCode || undefined,
  };
}

/** The member's answer as shown under an invitation. */
export interface AnswerView {
  rsvp: Invitation['rsvp'];
  category?: AbsenceCategory;
  text?: string;
  confirmation?: Confirmation;
  /** Given for another day before the meeting moved: to be confirmed again (issue 16). */
  reconfirm?: boolean;
}

export interface UnreachableMember {
  memberName: string;
  hamletId: string;
  /** The hamlet as users read it (its name; the id only when the committee does not name it). */
  hamletName: string;
  reason: 'no_chat' | 'undeliverable';
  /** Told by phone instead: the ZNS template on Zalo, or an SMS. */
  byPhone?: 'zns' | 'sms';
}

/** A member who has not answered the invitation, as the staff summary lists them to be phoned. */
export interface UnansweredMember {
  memberName: string;
  /** The hamlet by name ('' when the member has none). */
  hamletName: string;
  phone?: string;
}

export type Notice =
  /** The invitation letter with the buttons "Tham dự" / "Vắng mặt" (also re-rendered after an answer). */
  | {
      kind: 'invitation';
      meeting: Meeting;
      committeeName: string;
      memberName: string;
      /** The member invited: carried by the "Tham dự" button so the press reads their invitation at once. */
      memberId?: string;
      answer?: AnswerView;
      /** R4 (hd02-2011): exempt on the meeting's date, so attending is not required. */
      optional?: boolean;
    }
  /** The one staff message the invitation job keeps editing: "Đã gửi 120/450". */
  | {
      kind: 'invitation_progress';
      meeting: Meeting;
      total: number;
      sent: number;
      noChat: number;
      undeliverable: number;
      done: boolean;
      /** With the final numbers: how many letters each path carried (Telegram, Zalo, ZNS, SMS). */
      byPath?: PathCounts;
    }
  /**
   * Issue 19: the same staff message while the job creates the round's invitations, before any goes out
   * ("Đang chuẩn bị danh sách: 1.500/5.000"); the webhook only queued the job.
   */
  | { kind: 'invitation_preparing'; meeting: Meeting; prepared: number; total: number }
  /**
   * A round would pass the month's free allowance of a channel (Zalo's proactive messages): to the staff who
   * started it, before the letters go out. The round still goes; the messages past the quota are paid.
   */
  | {
      kind: 'allowance_warning';
      meeting: Meeting;
      channel: Channel;
      /** Letters of this round that will count against the allowance (at most). */
      needed: number;
      used: number;
      free: number;
    }
  /**
   * The meeting moved (new date, time or place) or was called off, to each invitee (issue 16). After a move
   * to another day, a member who had answered is asked to confirm again (the answer buttons come with it).
   */
  | {
      kind: 'meeting_changed';
      meeting: Meeting;
      committeeName: string;
      memberName: string;
      change: 'moved' | 'cancelled';
      answer?: AnswerView;
      /** The answer given for the old day is to be confirmed again. */
      reconfirm?: boolean;
    }
  /**
   * Issue 19: to the staff who moved or called off the meeting, once the queued task told every invitee —
   * how many heard (and by which path) and who is to be told on paper (by hamlet, Vietnamese order).
   */
  | {
      kind: 'meeting_change_report';
      meeting: Meeting;
      change: 'moved' | 'cancelled';
      /** The move changed the day: answers are to be confirmed again. */
      dateChanged: boolean;
      /** Told of the change, in this run or an earlier one of the same task. */
      told: number;
      byPath: PathCounts;
      paper: UnreachableMember[];
    }
  /** Staff recorded the member's answer for them (they phoned or came in), to the member's chat. */
  | {
      kind: 'answer_on_behalf';
      meeting: Meeting;
      committeeName: string;
      memberName: string;
      answer: AnswerView;
      via: AnswerChannel;
      staffName: string;
      /** The meeting has started (a reason recorded late): the member cannot answer again, so no buttons. */
      started?: boolean;
    }
  /** Members the bot could not reach, for the staff to print and hand out. */
  | { kind: 'unreachable_members'; meeting: Meeting; members: UnreachableMember[] }
  | {
      kind: 'reminder';
      which: ReminderKind;
      daysLeft: number;
      meeting: Meeting;
      committeeName: string;
      memberName: string;
    }
  | {
      kind: 'staff_summary';
      which: ReminderKind;
      daysLeft: number;
      meeting: Meeting;
      tally: RsvpTally;
      /** Who has not answered yet, by hamlet and name, so the secretary can phone them. */
      unanswered?: UnansweredMember[];
    }
  /** R9: a member's absence reason, to their workplace staff, with "Xác nhận" / "Không xác nhận". */
  | {
      kind: 'absence_for_confirmation';
      meeting: Meeting;
      residenceName: string;
      invitation: Invitation;
    }
  /** R9: the workplace's decision, to the member. */
  | {
      kind: 'absence_decided';
      meeting: Meeting;
      decision: Exclude<Confirmation, 'pending'>;
      workplaceName: string;
      /** Decided once the meeting had begun: a rejected member cannot "arrange to attend" any more. */
      meetingPassed?: boolean;
    }
  /** R17: the residence committee's chair sent a member's year-end evaluation, to the workplace staff. */
  | { kind: 'evaluation_recorded'; year: number; memberName: string; residenceName: string }
  /** R17: the comments of the year still to write, to the residence staff, before and after the deadline. */
  | {
      kind: 'evaluations_due';
      year: number;
      round: DeadlineRound;
      due: IsoDate;
      daysLeft: number;
      left: number;
      committeeName: string;
    }
  /** R19: the member has not sent their year-end self-report, before and after the deadline. */
  | {
      kind: 'self_report_due';
      year: number;
      round: DeadlineRound;
      due: IsoDate;
      daysLeft: number;
      memberName: string;
    }
  /** R11: a member missed both meetings of the year without a confirmed reason, to the workplace staff. */
  | { kind: 'both_meetings_missed'; year: number; memberName: string }
  /** R22: a committee's October report has a new version, to the staff of the board it reports to. */
  | { kind: 'october_report_compiled'; year: number; version: number; committeeName: string }
  /** Issue 19: what /baocao's queued task did, replacing the "being compiled" message (its files follow). */
  | { kind: 'report_ready'; year: number; version: number; op: 'compile' | 'send'; changed: boolean }
  /** The task found the asker no longer allowed, or (a viewer's) no stored report yet. */
  | { kind: 'report_refused'; year: number; reason: 'not_allowed' | 'not_yet' }
  /** Issue 19: /ky's queued signature — signed and waiting for the other signer, or the minutes sealed. */
  | { kind: 'minutes_signature'; as: 'chair' | 'secretary'; sealed: boolean }
  /** A queued task refused what the chat asked: worded as the same refusal in the webhook is. */
  | { kind: 'refused'; refusal: Refusal }
  /** R10: a member absent without notice, to their workplace staff, with a one-tap "Đã nhận". */
  | {
      kind: 'absent_without_notice';
      meeting: Meeting;
      residenceName: string;
      memberId: string;
      memberName: string;
      /** Why (R10): the "still not confirmed" notice is worded apart from the absent-without-reason one. */
      ground?: AbsenceNoticeGround;
      /** Set once the workplace acknowledged (the card is redrawn without its button). */
      acknowledgedAt?: string;
    }
  /**
   * R5: a workplace sent introductions to the ward (at most one notice an hour per workplace and ward, so an
   * imported list of 500 is one message), to the ward's staff, pointing at /tiepnhan.
   */
  | { kind: 'introductions_issued'; workplaceName: string; residenceName: string }
  /** R7: the workplace ended a member's contact with the ward, with the reason and date, to the ward's staff. */
  | {
      kind: 'introduction_ended';
      memberName: string;
      workplaceName: string;
      reason: EndReason;
      /** dd/MM/yyyy. */
      endedOn: string;
      note?: string;
    }
  /** R3: the workplace recorded that a member is away (why, from when, until when), to the ward's staff. */
  | {
      kind: 'travel_notice';
      memberName: string;
      workplaceName: string;
      reason: string;
      /** dd/MM/yyyy. */
      from: string;
      until: string;
    }
  /**
   * A new chat account was linked to the person: to their other chats (a replaced account on the same channel is
   * told it was unlinked), so a link they did not make is noticed at once.
   */
  | { kind: 'chat_linked'; channel: Channel; replaced: boolean }
  /** To the person's current account on that app: a new account asks to replace it (confirm or refuse). */
  | { kind: 'link_replacement_request'; requestId: string; channel: Channel }
  /**
   * To the heads of the person's committees: a new account asks to replace the person's account; they may
   * approve or refuse it (the path when the old account is unreachable). Names the person, never a chat id.
   */
  | {
      kind: 'link_replacement_for_staff';
      requestId: string;
      personName: string;
      channel: Channel;
      ownerReached: boolean;
    }
  /** To the new account: its link was approved (it is linked now) or refused. */
  | { kind: 'link_replacement_decided'; approved: boolean }
  /** To the heads of the person's committees: the person's account said the new link was not theirs. */
  | { kind: 'link_replacement_refused'; personName: string; channel: Channel }
  /** To the heads of the person's committees, on every new link of one of its people. */
  | { kind: 'committee_new_link'; personName: string; channel: Channel; staff: boolean }
  /** To a member whose deletion request was completed (sent before their chat accounts are removed). */
  | { kind: 'deletion_completed' }
  /** To an account the administrator unlinked: notices stop coming here. */
  | { kind: 'unlinked_by_admin'; channel: Channel }
  /** A members' CSV sent to the bot: the one message the import keeps editing ("500/5000 dòng"). */
  | { kind: 'import_progress'; fileName: string; done: number; total: number }
  /** The import's outcome, to the staff who sent the file (the failed lines follow as a CSV file). */
  | { kind: 'import_summary'; fileName: string; result: ImportJobResult }
  /** R16: one signer of the sealed minutes proposed an addendum, to the other, whose countersignature it awaits. */
  | { kind: 'addendum_to_countersign'; meeting: Meeting; seq: number; proposerName: string }
  /** R15 2.3: the answer to a member's comment, to its author. */
  | {
      kind: 'comment_answered';
      topic: string;
      status: AnswerStatus;
      text: string;
      reason?: string;
      remedy?: string;
    };

export type NoticeKind = Notice['kind'];

export type SendOutcome =
  | { ok: true; ref: SentMessageRef }
  /** The user blocked the bot or the chat is gone: permanent, do not retry. */
  | { ok: false; reason: 'blocked' };

export interface ChatMessenger {
  /** Sends a notice; throws on transient failures (after the channel's own bounded retries). */
  send(to: ChatRecipient, notice: Notice): Promise<SendOutcome>;
  /** Replaces a message sent earlier (progress, a decided reason); an unchanged text is not an error. */
  edit(ref: SentMessageRef, notice: Notice, languageCode?: string): Promise<SendOutcome>;
  /** The Vietnamese SMS text of a notice, for members with no reachable chat account. */
  smsText(notice: Notice): string;
  /** Sends a file (the sealed minutes' PDF); a channel without documents leaves it out. */
  sendDocument?(to: ChatRecipient, document: ChatDocument): Promise<SendOutcome>;
  /**
   * The month's allowance of messages the channel counts (Zalo's proactive messages, outside a user's reply
   * window), when it has one: a round of invitations warns the staff before it would pass `free`.
   */
  allowance?(now: Date): Promise<ChannelAllowance | undefined>;
}

export interface ChannelAllowance {
  channel: Channel;
  /** Counted messages sent this calendar month (Asia/Ho_Chi_Minh). */
  used: number;
  /** The month's free quota (1,000 for a verified OA, from the stage settings). */
  free: number;
}

export interface ChatDocument {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  caption?: string;
}
