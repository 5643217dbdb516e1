// use case: the daily reminders job — 3 days before to members with no answer, 1 day before to those attending,
// and a summary for the residence staff; each (meeting, recipient, kind) at most once however often it runs.

import type { Invitation } from '../domain/invitation.js';
import type { Meeting } from '../domain/meeting.js';
import { daysUntil, dueReminder, getsReminder, reminderWindow, tallyRsvps } from '../domain/reminders.js';
import { RESIDENCE_ROLES } from '../domain/roles.js';
import { type ChatMessenger, type Notice, recipientOf } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import { type Log, silentLog } from '../ports/log.js';
import type {
  ChatLinkRepository,
  ChatSubject,
  CommitteeRepository,
  IdempotencyStore,
  InvitationRepository,
  MeetingRepository,
  StaffRepository,
} from '../ports/repositories.js';

export interface ReminderPorts {
  /** Pattern: meetings of every committee held on a date (gsi2 `MEETINGS_ON#<date>`). */
  meetings: Pick<MeetingRepository, 'onDate'>;
  invitations: Pick<InvitationRepository, 'streamSheet'>;
  committees: Pick<CommitteeRepository, 'get'>;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'setBlocked'>;
  idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
  messenger: ChatMessenger;
  clock: Clock;
  log?: Log;
}

export interface ReminderResult {
  meetings: number;
  sent: number;
  failed: number;
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
  const result: ReminderResult = { meetings: 0, sent: 0, failed: 0 };
  for (const meeting of meetings) await remind(meeting);
  log.info('reminders run', { count: result.meetings, sent: result.sent, failed: result.failed });
  return result;

  async function remind(meeting: Meeting): Promise<void> {
    const which = dueReminder(meeting, now);
    if (!which) return;
    result.meetings += 1;
    const daysLeft = daysUntil(meeting, now);
    const committee = await ports.committees.get(meeting.residenceOrgId);
    const sheet: Invitation[] = [];
    for await (const invitation of ports.invitations.streamSheet(meeting.id)) sheet.push(invitation);

    const send = async (subject: ChatSubject, notice: Notice) => {
      for (const link of await ports.chatLinks.ofSubject(subject)) {
        if (link.blocked) continue;
        const key = `${meeting.id}:${subject.kind}:${subject.id}:${which}:${link.channel}:${link.userId}`;
        if (!(await ports.idempotency.claim('reminder', key, REMINDER_TTL_SECONDS))) continue;
        try {
          const outcome = await ports.messenger.send(recipientOf(link), notice);
          if (outcome.ok) result.sent += 1;
          else await ports.chatLinks.setBlocked(link.channel, link.userId, true);
        } catch (error) {
          // One unreachable member must not stop the others; the next run tries this one again.
          await ports.idempotency.release('reminder', key);
          result.failed += 1;
          log.warn('reminder not sent', { meetingId: meeting.id, errorName: (error as Error)?.name }, error);
        }
      }
    };

    for (const invitation of sheet) {
      if (!getsReminder(which, invitation)) continue;
      await send(
        { kind: 'member', id: invitation.memberId },
        {
          kind: 'reminder',
          which,
          daysLeft,
          meeting,
          committeeName: committee?.name ?? meeting.residenceOrgId,
          memberName: invitation.memberName,
        },
      );
    }
    const tally = tallyRsvps(sheet);
    const staff = await ports.staff.ofCommittee(meeting.residenceOrgId);
    for (const person of staff.filter((s) => RESIDENCE_ROLES.includes(s.role))) {
      await send(
        { kind: 'staff', id: person.id },
        { kind: 'staff_summary', which, daysLeft, meeting, tally },
      );
    }
  }
}
