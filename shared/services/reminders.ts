// use case: the daily reminders job — 3 days before to members with no answer, 1 day before to those attending
// (by chat, else by SMS), and a summary for the residence staff listing who has not answered; each (meeting,
// recipient, kind) at most once however often it runs.

import { compareVietnameseNames } from '../domain/collation.js';
import { hamletName } from '../domain/committee.js';
import { countPath, type PathCounts, pathFields } from '../domain/delivery.js';
import type { Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import { daysUntil, dueReminder, getsReminder, reminderWindow, tallyRsvps } from '../domain/reminders.js';
import { RESIDENCE_ROLES } from '../domain/roles.js';
import type { ChatMessenger, Notice, UnansweredMember } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import { type Log, silentLog } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type {
  ChatLinkRepository,
  ChatSubject,
  CommitteeRepository,
  IdempotencyStore,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { committeeWithHamlets } from './hamlets.js';
import { sendByPhone, sendToPreferredChat } from './notice-delivery.js';

export interface ReminderPorts {
  /** Pattern: meetings of every committee held on a date (gsi2 `MEETINGS_ON#<date>`). */
  meetings: Pick<MeetingRepository, 'onDate'>;
  invitations: Pick<InvitationRepository, 'streamSheet'>;
  committees: Pick<CommitteeRepository, 'get' | 'children'>;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  messenger: ChatMessenger;
  clock: Clock;
  log?: Log;
  /** Phones: of the members the staff summary lists, and of those reminded by SMS. Without it, none shown or texted. */
  members?: Pick<MemberRepository, 'get'>;
  /** R9: a member with no chat the bot can reach gets the reminder by SMS, as they got the invitation. */
  sms?: SmsSender;
  /** Before SMS: the approved ZNS template on Zalo, when the deployment has one. */
  zns?: ZnsSender;
}

export interface ReminderResult {
  meetings: number;
  sent: number;
  failed: number;
  /** How many reminders each path carried (chats, ZNS, SMS). */
  byPath: PathCounts;
}

const REMINDER_TTL_SECONDS = 60 * 24 * 3600;

/** The meetings with a reminder due at `now`: one Query per day of the window (gsi2 `MEETINGS_ON#<date>`). */
export async function meetingsWithRemindersDue(
  ports: Pick<ReminderPorts, 'meetings'>,
  now: Date,
): Promise<Meeting[]> {
  const due: Meeting[] = [];
  for (const date of reminderWindow(now)) {
    for (const meeting of await ports.meetings.onDate(date)) if (dueReminder(meeting, now)) due.push(meeting);
  }
  return due;
}

/** Runs the reminders due at `now` in one process (the scheduled job fans out per committee instead). */
export async function sendReminders(
  ports: ReminderPorts,
  now: Date = ports.clock.now(),
): Promise<ReminderResult> {
  return sendMeetingReminders(ports, await meetingsWithRemindersDue(ports, now), now);
}

/** The reminders of the given meetings (one committee's, for a job task) that are due at `now`. */
export async function sendMeetingReminders(
  ports: ReminderPorts,
  meetings: readonly Meeting[],
  now: Date,
): Promise<ReminderResult> {
  const log = ports.log ?? silentLog;
  const result: ReminderResult = { meetings: 0, sent: 0, failed: 0, byPath: {} };
  for (const meeting of meetings) await remind(meeting);
  log.info('reminders run', {
    count: result.meetings,
    sent: result.sent,
    failed: result.failed,
    ...pathFields(result.byPath),
  });
  return result;

  async function remind(meeting: Meeting): Promise<void> {
    const which = dueReminder(meeting, now);
    if (!which) return;
    result.meetings += 1;
    const daysLeft = daysUntil(meeting, now);
    const committee = await committeeWithHamlets(ports.committees, meeting.residenceOrgId);
    const sheet: Invitation[] = [];
    for await (const invitation of ports.invitations.streamSheet(meeting.id)) sheet.push(invitation);

    /**
     * Once per person, meeting and kind: to the chat they chose last (the other if that one refuses). True when
     * a chat has it (now or in an earlier run), or when a chat failed for now (the next run retries the chat,
     * so no SMS goes in its place).
     */
    const send = async (subject: ChatSubject, notice: Notice): Promise<boolean> => {
      // Keyed by the meeting's day too: a meeting moved to another day is reminded again for it.
      const key = `${meeting.id}:${meeting.date}:${subject.kind}:${subject.id}:${which}:chat`;
      if (!(await ports.idempotency.claim('reminder', key, REMINDER_TTL_SECONDS))) return true;
      try {
        const chat = await sendToPreferredChat(subject, notice, ports);
        if (chat.via) {
          result.sent += 1;
          result.byPath = countPath(result.byPath, chat.via);
          return true;
        }
        // No chat took it: the claim goes back, so a chat linked before the next run still gets it.
        await ports.idempotency.release('reminder', key);
        return false;
      } catch (error) {
        // One unreachable member must not stop the others; the next run tries this one again.
        await ports.idempotency.release('reminder', key);
        result.failed += 1;
        log.warn('reminder not sent', { meetingId: meeting.id, errorName: (error as Error)?.name }, error);
        return true;
      }
    };

    /** R9: the member no chat reaches gets the reminder by phone (ZNS, then SMS), once per meeting and kind. */
    const sendByPhoneOnce = async (memberId: string, notice: Notice): Promise<void> => {
      if (!ports.members || (!ports.sms && !ports.zns)) return;
      const phone = (await ports.members.get(memberId))?.phone;
      if (!phone) return;
      const key = `${meeting.id}:${meeting.date}:member:${memberId}:${which}:sms`;
      if (!(await ports.idempotency.claim('reminder', key, REMINDER_TTL_SECONDS))) return;
      try {
        const via = await sendByPhone(phone, notice, `reminder:${meeting.id}:${memberId}:${which}`, ports);
        if (via) {
          result.sent += 1;
          result.byPath = countPath(result.byPath, via);
        }
      } catch (error) {
        await ports.idempotency.release('reminder', key);
        result.failed += 1;
        // No phone and no member id in the log: the meeting is enough to find the run.
        log.warn(
          'reminder SMS not sent',
          { meetingId: meeting.id, errorName: (error as Error)?.name },
          error,
        );
      }
    };

    for (const invitation of sheet) {
      if (!getsReminder(which, invitation)) continue;
      const notice: Notice = {
        kind: 'reminder',
        which,
        daysLeft,
        meeting,
        committeeName: committee?.name ?? meeting.residenceOrgId,
        memberName: invitation.memberName,
      };
      if (!(await send({ kind: 'member', id: invitation.memberId }, notice)))
        await sendByPhoneOnce(invitation.memberId, notice);
    }
    const tally = tallyRsvps(sheet);
    const unanswered = await unansweredMembers(sheet, committee, ports);
    const staff = await ports.staff.ofCommittee(meeting.residenceOrgId);
    for (const person of staff.filter((s) => RESIDENCE_ROLES.includes(s.role))) {
      await send(
        { kind: 'staff', id: person.id },
        { kind: 'staff_summary', which, daysLeft, meeting, tally, unanswered },
      );
    }
  }
}

/**
 * R9: the members who have not answered, for the secretary to phone: by hamlet (by name), then in
 * Vietnamese order, with the phone on record.
 */
async function unansweredMembers(
  sheet: readonly Invitation[],
  committee: Parameters<typeof hamletName>[0],
  ports: Pick<ReminderPorts, 'members'>,
): Promise<UnansweredMember[]> {
  const out: UnansweredMember[] = [];
  for (const invitation of sheet) {
    if (invitation.rsvp !== 'none') continue;
    const phone = (await ports.members?.get(invitation.memberId))?.phone;
    out.push({
      memberName: invitation.memberName,
      hamletName: invitation.hamletId ? hamletName(committee, invitation.hamletId) : '',
      phone: phone || undefined,
    });
  }
  return out.sort(
    (a, b) =>
      a.hamletName.localeCompare(b.hamletName, 'vi', { numeric: true }) ||
      compareVietnameseNames(a.memberName, b.memberName),
  );
}
