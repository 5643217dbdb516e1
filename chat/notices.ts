// chat: turns notices and invitation states into view models in the recipient's language (channel-independent).
import { formatVietnameseDate, localDate } from '../shared/domain/dates.js';
import { errorOfRefusal } from '../shared/domain/errors.js';
import type { Invitation, InvitationLetter } from '../shared/domain/invitation.js';
import { type Meeting, parseMeetingId } from '../shared/domain/meeting.js';
import type { AnswerView, Notice } from '../shared/ports/chat.js';
import { errorText } from './errors.js';
import { type Catalogue, catalogue, meetingText } from './i18n/index.js';
import { noticeAckData } from './keyboards/absence-notices.js';
import { confirmData } from './keyboards/confirmations.js';
import { paperData } from './keyboards/invitations.js';
import { ownerDecisionData, staffDecisionData } from './keyboards/link-requests.js';
import { addendumData } from './keyboards/minutes.js';
import { answerKeyboard, categoryKeyboard, skipKeyboard } from './keyboards/rsvp.js';
import { button, message, type ViewMessage } from './view.js';

const appName = (channel: 'telegram' | 'zalo') => (channel === 'telegram' ? 'Telegram' : 'Zalo');

export type InvitationMode = 'answer' | 'choose_category' | 'ask_text' | 'started';

/** What the letter shows of a meeting: the meeting itself, or the invitation's copy of it (issue 19). */
export type LetterMeeting = Pick<
  Meeting,
  'id' | 'date' | 'time' | 'place' | 'chairName' | 'agenda' | 'round' | 'year'
> & {
  status?: Meeting['status'];
  rescheduled?: object;
  cancellation?: { reason: string };
};

/** The meeting as the invitation's copy of its letter has it (issue 19), or undefined for an id we did not mint. */
export function letterMeeting(meetingId: string, letter: InvitationLetter): LetterMeeting | undefined {
  const parsed = parseMeetingId(meetingId);
  if (!parsed) return undefined;
  return {
    id: meetingId,
    round: parsed.round,
    year: parsed.year,
    date: letter.date,
    time: letter.time,
    place: letter.place,
    chairName: letter.chairName,
    agenda: letter.agenda,
    ...(letter.rescheduledAt ? { rescheduled: { at: letter.rescheduledAt } } : {}),
  };
}

export interface InvitationViewInput {
  meeting: LetterMeeting;
  committeeName: string;
  memberName: string;
  /** The member invited, put on "Tham dự" (the press then reads their invitation with the chat link). */
  memberId?: string;
  answer?: AnswerView;
  mode?: InvitationMode;
  /** R4 (hd02-2011): the member is exempt on the meeting's date: attending is not required. */
  optional?: boolean;
}

export function answerOf(invitation: Pick<Invitation, 'rsvp' | 'absence' | 'reconfirm'>): AnswerView {
  return {
    rsvp: invitation.rsvp,
    reconfirm: invitation.reconfirm || undefined,
    ...(invitation.absence
      ? {
          category: invitation.absence.category,
          confirmation: invitation.absence.confirmation,
          text: invitation.absence.text || undefined,
        }
      : {}),
  };
}

function answerLine(t: Catalogue, answer: AnswerView | undefined): string | undefined {
  if (!answer || answer.rsvp === 'none') return undefined;
  if (answer.rsvp === 'attending') return t.invitation.answeredAttending;
  return t.invitation.answeredAbsent(
    answer.category ?? 'other',
    answer.text,
    answer.confirmation ?? 'pending',
  );
}

/** The invitation letter, the member's answer so far, and the buttons for the next step. */
export function invitationView(t: Catalogue, input: InvitationViewInput): ViewMessage {
  const m = meetingText(input.meeting);
  const lines = [t.invitation.letter(input.committeeName, input.memberName, m)];
  if (input.optional) lines.push(t.invitation.optional);
  const answered = answerLine(t, input.answer);
  const mode = input.mode ?? 'answer';
  const id = input.meeting.id;
  // A meeting called off shows why and takes no answers; a moved one says its details are the new ones.
  if (input.meeting.status === 'cancelled') {
    lines.push('', t.meetingChange.letterCancelled(input.meeting.cancellation?.reason ?? ''));
    return message(lines.join('\n'));
  }
  if (input.meeting.rescheduled) lines.push(t.meetingChange.letterChanged);
  if (mode === 'started') {
    if (answered) lines.push('', answered);
    lines.push('', t.invitation.started);
    return message(lines.join('\n'));
  }
  if (mode === 'choose_category') {
    lines.push('', t.invitation.askCategory);
    return message(lines.join('\n'), categoryKeyboard(t, id));
  }
  if (answered) lines.push('', answered);
  if (mode === 'ask_text') {
    lines.push(t.invitation.askText);
    return message(lines.join('\n'), skipKeyboard(t, id, input.memberId));
  }
  if (answered) lines.push(input.answer?.reconfirm ? t.meetingChange.reconfirm : t.invitation.canChange);
  return message(lines.join('\n'), answerKeyboard(t, id, input.memberId));
}

/** Issue 16: the meeting moved or was called off, as each invitee is told. */
function meetingChangedView(t: Catalogue, notice: Extract<Notice, { kind: 'meeting_changed' }>): ViewMessage {
  const m = meetingText(notice.meeting);
  if (notice.change === 'cancelled') {
    return message(
      t.meetingChange.memberCancelled(
        notice.committeeName,
        notice.memberName,
        m,
        notice.meeting.cancellation?.reason ?? '',
      ),
    );
  }
  const lines = [t.meetingChange.memberMoved(notice.committeeName, notice.memberName, m)];
  const answered = answerLine(t, notice.answer);
  if (answered) lines.push('', answered);
  // An answer given for the old day is asked for again; one given for the same day stands (buttons to change).
  lines.push(
    notice.reconfirm
      ? t.meetingChange.reconfirm
      : answered
        ? t.invitation.canChange
        : t.meetingChange.pleaseAnswer,
  );
  return message(lines.join('\n'), answerKeyboard(t, notice.meeting.id));
}

/** The answer staff recorded for the member, with the buttons to answer again if it is not right. */
function answerOnBehalfView(
  t: Catalogue,
  notice: Extract<Notice, { kind: 'answer_on_behalf' }>,
): ViewMessage {
  const answer =
    notice.answer.rsvp === 'attending'
      ? t.invitation.attend
      : `${t.invitation.absent} — ${t.category(notice.answer.category ?? 'other')}`;
  return message(
    t.meetingChange.memberNotice(
      notice.committeeName,
      meetingText(notice.meeting),
      answer,
      t.meetingChange.via(notice.via),
      notice.staffName,
      notice.started === true,
    ),
    notice.started ? undefined : answerKeyboard(t, notice.meeting.id),
  );
}

/** R9: a member's reason as the workplace sees it; with the two buttons while it waits for a decision. */
export function absenceCardView(
  t: Catalogue,
  input: { meeting: Meeting; residenceName: string; invitation: Invitation },
): ViewMessage {
  const { invitation } = input;
  const absence = invitation.absence;
  const text = t.confirmations.card(
    invitation.memberName,
    input.residenceName,
    meetingText(input.meeting),
    absence?.category ?? 'other',
    absence?.text,
  );
  if (invitation.rsvp !== 'absent' || !absence)
    return message(`${text}\n\n${t.confirmations.noLongerAbsent}`);
  if (absence.confirmation !== 'pending') {
    return message(`${text}\n\n${t.confirmations.decided(absence.confirmation)}`);
  }
  const action = (decision: 'confirmed' | 'rejected') =>
    confirmData.encode({
      decision,
      meetingId: invitation.meetingId,
      memberId: invitation.memberId,
      from: 'card',
    });
  return message(text, [
    [
      button(t.confirmations.confirm, action('confirmed')),
      button(t.confirmations.reject, action('rejected')),
    ],
  ]);
}

export function noticeView(notice: Notice, languageCode: string | undefined): ViewMessage {
  const t = catalogue(languageCode);
  switch (notice.kind) {
    case 'invitation':
      return invitationView(t, notice);
    case 'meeting_changed':
      return meetingChangedView(t, notice);
    case 'answer_on_behalf':
      return answerOnBehalfView(t, notice);
    case 'meeting_change_report':
      return meetingChangeReportView(t, notice);
    case 'invitation_progress': {
      const m = meetingText(notice.meeting);
      return message(
        notice.done
          ? t.invite.done(
              m,
              notice.sent,
              notice.total,
              notice.noChat,
              notice.undeliverable,
              notice.byPath ?? {},
            )
          : t.invite.progress(notice.sent, notice.total, notice.noChat + notice.undeliverable),
      );
    }
    case 'invitation_preparing':
      return message(t.invite.preparingList(notice.prepared, notice.total));
    case 'allowance_warning':
      return message(
        t.invite.allowanceWarning(meetingText(notice.meeting), notice.needed, notice.used, notice.free),
      );
    case 'unreachable_members': {
      const m = meetingText(notice.meeting);
      const lines = [t.invite.unreachableHeader(m, notice.members.length)];
      notice.members.forEach((member, i) => {
        lines.push(
          t.invite.unreachableLine(
            i + 1,
            member.memberName,
            member.hamletName,
            member.byPhone,
            member.reason === 'undeliverable',
          ),
        );
      });
      return message(lines.join('\n'), [
        [button(t.paperInvitations.button, paperData.encode(notice.meeting.id))],
      ]);
    }
    case 'reminder': {
      const m = meetingText(notice.meeting);
      const text =
        notice.which === 'three_days'
          ? t.reminders.threeDays(notice.committeeName, notice.memberName, m, notice.daysLeft)
          : t.reminders.oneDay(notice.committeeName, notice.memberName, m);
      return message(text, answerKeyboard(t, notice.meeting.id));
    }
    case 'staff_summary': {
      const lines = [t.reminders.summary(meetingText(notice.meeting), notice.daysLeft, notice.tally)];
      const unanswered = notice.unanswered ?? [];
      if (unanswered.length > 0) {
        lines.push('', t.reminders.unansweredHeader(unanswered.length));
        unanswered.forEach((m, i) => {
          lines.push(t.reminders.unansweredLine(i + 1, m.memberName, m.hamletName, m.phone));
        });
      }
      return message(lines.join('\n'));
    }
    case 'evaluations_due':
      return message(
        t.deadlines.evaluations(
          notice.committeeName,
          notice.year,
          notice.left,
          formatVietnameseDate(notice.due),
          notice.daysLeft,
        ),
      );
    case 'self_report_due':
      return message(
        t.deadlines.selfReport(
          notice.memberName,
          notice.year,
          formatVietnameseDate(notice.due),
          notice.daysLeft,
        ),
      );
    case 'absence_for_confirmation':
      return absenceCardView(t, notice);
    case 'absence_decided':
      return message(
        t.notices.decided(
          notice.decision,
          notice.workplaceName,
          meetingText(notice.meeting),
          notice.meetingPassed ?? false,
        ),
      );
    case 'evaluation_recorded':
      return message(
        t.yearEnd.noticeEvaluationRecorded(notice.residenceName, notice.memberName, notice.year),
      );
    case 'both_meetings_missed':
      return message(t.yearEnd.noticeBothMeetingsMissed(notice.memberName, notice.year));
    case 'october_report_compiled':
      return message(t.yearEnd.noticeReportCompiled(notice.committeeName, notice.year, notice.version));
    case 'report_ready':
      return message(
        notice.op === 'compile'
          ? t.yearEnd.reportDone(notice.year, notice.version, notice.changed)
          : t.yearEnd.reportRead(notice.year, notice.version),
      );
    case 'minutes_signature':
      return message(
        notice.sealed ? t.minutes.sealed : `${t.minutes.signed(notice.as)} ${t.minutes.waiting(notice.as)}`,
      );
    case 'refused':
      return message(errorText(t, errorOfRefusal(notice.refusal)));
    case 'report_refused':
      return message(
        notice.reason === 'not_yet' ? t.yearEnd.reportNotYet(notice.year) : t.yearEnd.notReportStaff,
      );
    case 'absent_without_notice':
      return absenceNoticeView(t, notice);
    case 'chat_linked':
      return message(
        t.link.newLinkNotice(notice.channel === 'telegram' ? 'Telegram' : 'Zalo', notice.replaced),
      );
    case 'link_replacement_request':
      return message(t.linkWatch.request(appName(notice.channel)), [
        [
          button(t.linkWatch.confirm, ownerDecisionData(notice.requestId, true)),
          button(t.linkWatch.notMe, ownerDecisionData(notice.requestId, false)),
        ],
      ]);
    case 'link_replacement_for_staff':
      return message(t.linkWatch.forStaff(notice.personName, appName(notice.channel), notice.ownerReached), [
        [
          button(t.linkWatch.approve, staffDecisionData(notice.requestId, true)),
          button(t.linkWatch.refuse, staffDecisionData(notice.requestId, false)),
        ],
      ]);
    case 'link_replacement_decided':
      return message(notice.approved ? t.linkWatch.linkedNow : t.linkWatch.refusedNow);
    case 'link_replacement_refused':
      return message(t.linkWatch.refusedAlert(notice.personName, appName(notice.channel)));
    case 'committee_new_link':
      return message(t.linkWatch.committeeNotice(notice.personName, appName(notice.channel), notice.staff));
    case 'deletion_completed':
      return message(t.linkWatch.deletionCompleted);
    case 'unlinked_by_admin':
      return message(t.linkWatch.unlinkedByAdmin(appName(notice.channel)));
    case 'introductions_issued':
      return message(t.notices.introductionsIssued(notice.workplaceName, notice.residenceName));
    case 'introduction_ended':
      return message(
        t.notices.introductionEnded(
          notice.memberName,
          notice.workplaceName,
          notice.reason,
          notice.endedOn,
          notice.note,
        ),
      );
    case 'travel_notice':
      return message(
        t.notices.travelNotice(
          notice.memberName,
          notice.workplaceName,
          notice.reason,
          notice.from,
          notice.until,
        ),
      );
    case 'import_progress':
      return message(t.imports.progress(notice.fileName, notice.done, notice.total));
    case 'import_summary': {
      const r = notice.result;
      if (r.refused) return message(t.imports.refused(notice.fileName, r.refused));
      return message(
        t.imports.summary(notice.fileName, r.total, r.created, r.existing, r.failed, r.notProcessed),
      );
    }
    case 'addendum_to_countersign':
      return message(
        t.notices.addendumToCountersign(notice.proposerName, notice.seq, meetingText(notice.meeting)),
        [
          [
            button(
              t.minutes.addendumSign(notice.seq),
              addendumData.encode({ meetingId: notice.meeting.id, action: 'sign', seq: notice.seq }),
            ),
          ],
        ],
      );
    case 'comment_answered':
      return message(
        t.notices.commentAnswered(
          notice.topic,
          notice.status === 'done',
          notice.text,
          notice.reason,
          notice.remedy,
        ),
      );
  }
}

/** R10: the notice to the workplace, with "Đã nhận" until acknowledged, then the acknowledgement instead. */
export function absenceNoticeView(
  t: Catalogue,
  notice: Extract<Notice, { kind: 'absent_without_notice' }>,
): ViewMessage {
  const text = t.notices.absentWithoutNotice(
    notice.memberName,
    notice.residenceName,
    meetingText(notice.meeting),
    notice.ground,
  );
  if (notice.acknowledgedAt) {
    const on = formatVietnameseDate(localDate(new Date(notice.acknowledgedAt)));
    return message(`${text}\n\n${t.notices.acknowledged(on)}`);
  }
  return message(text, [
    [button(t.notices.acknowledgeButton, noticeAckData.encode(notice.meeting.id, notice.memberId))],
  ]);
}

/** SMS are Vietnamese (SmsSender's contract); only the invitation has one. */
export function noticeSms(notice: Notice): string {
  const t = catalogue('vi');
  if (notice.kind === 'invitation')
    return t.sms.invitation(notice.committeeName, meetingText(notice.meeting));
  if (notice.kind === 'reminder')
    return notice.which === 'three_days'
      ? t.sms.reminderNoAnswer(notice.committeeName, meetingText(notice.meeting), notice.daysLeft)
      : t.sms.reminderTomorrow(notice.committeeName, meetingText(notice.meeting));
  return noticeView(notice, 'vi').text;
}

/** Issue 19: the staff's report of a move or cancellation, once the worker told every invitee. */
function meetingChangeReportView(
  t: Catalogue,
  notice: Extract<Notice, { kind: 'meeting_change_report' }>,
): ViewMessage {
  const m = meetingText(notice.meeting);
  const c = t.meetingChange;
  const lines = [
    notice.change === 'cancelled'
      ? c.cancelled(m, notice.told, notice.paper.length)
      : c.moved(m, notice.told, notice.paper.length, notice.dateChanged),
  ];
  const paths = c.toldBy(notice.byPath);
  if (paths) lines.push(paths);
  if (notice.paper.length > 0) {
    lines.push('', c.paperHeader(notice.paper.length));
    notice.paper.forEach((p, i) => {
      lines.push(c.paperLine(i + 1, p.memberName, p.hamletName));
    });
  }
  // A moved meeting needs new letters for those on paper: they print with the new details.
  const print =
    notice.paper.length > 0 && notice.change === 'moved'
      ? [[button(t.paperInvitations.button, paperData.encode(notice.meeting.id))]]
      : undefined;
  return message(lines.join('\n'), print);
}
