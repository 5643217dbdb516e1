// use cases: R10 — after the meeting, each member absent without notice raises one AbsentWithoutNotice for
// their workplace committee (exactly once, however often this runs), and the workplace acknowledges it.

import { isWorkplaceStaffOf } from '../domain/access.js';
import { type AbsenceNotice, absenceNoticeEventId } from '../domain/attendance.js';
import { addDays, localDate } from '../domain/dates.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { isAbsentWithoutNotice } from '../domain/invitation.js';
import { hasStarted, type Meeting } from '../domain/meeting.js';
import type { Principal } from '../domain/roles.js';
import type { Page } from '../ports/common.js';
import type { MeetingPorts } from './meeting-ports.js';

export interface AbsenceNoticeRun {
  meetingId: string;
  checked: number;
  /** Notices raised by this run (0 on a re-run: the guard item says it was sent). */
  raised: number;
}

/**
 * R10 for one meeting: streams the sheet and, for every member absent without a reply or without a
 * confirmed reason, writes the guard item `NOTICE#R10#<member>` and the event in one transaction.
 */
export async function sendAbsenceNotices(
  ports: Pick<MeetingPorts, 'invitations' | 'absenceNotices' | 'clock'>,
  meeting: Meeting,
): Promise<AbsenceNoticeRun> {
  const now = ports.clock.now();
  const run: AbsenceNoticeRun = { meetingId: meeting.id, checked: 0, raised: 0 };
  if (!hasStarted(meeting, now)) return run;
  for await (const invitation of ports.invitations.streamSheet(meeting.id)) {
    run.checked += 1;
    if (!isAbsentWithoutNotice(invitation)) continue;
    const notice: AbsenceNotice = {
      meetingId: meeting.id,
      memberId: invitation.memberId,
      residenceOrgId: meeting.residenceOrgId,
      workplaceOrgId: invitation.workplaceOrgId,
      meetingDate: meeting.date,
      raisedAt: now.toISOString(),
    };
    const event: DomainEvent<'AbsentWithoutNotice'> = {
      type: 'AbsentWithoutNotice',
      id: absenceNoticeEventId(meeting.id, invitation.memberId),
      occurredAt: notice.raisedAt,
      orgIds: [invitation.workplaceOrgId, meeting.residenceOrgId],
      data: { meetingId: meeting.id, memberId: invitation.memberId },
    };
    if (await ports.absenceNotices.raiseOnce(notice, { events: [event] })) run.raised += 1;
  }
  return run;
}

/** How many days back the daily job looks, so a missed run (or a late sheet) still gets its notices out. */
export const ABSENCE_NOTICE_LOOKBACK_DAYS = 7;

/**
 * The meetings the daily job looks at on `today`: those held on each of the last days before it, one Query
 * a day (gsi2 `MEETINGS_ON#<date>`). Today's are left for tomorrow — attendance may still be being taken.
 */
export async function meetingsDueForAbsenceNotices(
  ports: Pick<MeetingPorts, 'meetings'>,
  today: string,
  lookbackDays = ABSENCE_NOTICE_LOOKBACK_DAYS,
): Promise<Meeting[]> {
  const meetings: Meeting[] = [];
  for (let back = 1; back <= lookbackDays; back++)
    meetings.push(...(await ports.meetings.onDate(addDays(today, -back))));
  return meetings;
}

/**
 * The daily job (20:00 Vietnam time): meetings held on each of the last days before today. Today's are
 * left for tomorrow — attendance may still be being taken — unless sealing sent them already.
 */
export async function sendDueAbsenceNotices(
  ports: Pick<MeetingPorts, 'meetings' | 'invitations' | 'absenceNotices' | 'clock'>,
  options: { lookbackDays?: number; meetingId?: string } = {},
): Promise<{ meetings: number; checked: number; raised: number }> {
  const total = { meetings: 0, checked: 0, raised: 0 };
  const add = (run: AbsenceNoticeRun) => {
    total.meetings += 1;
    total.checked += run.checked;
    total.raised += run.raised;
  };
  if (options.meetingId) {
    const meeting = await ports.meetings.get(options.meetingId);
    if (!meeting) throw new NotFoundError('Meeting');
    add(await sendAbsenceNotices(ports, meeting));
    return total;
  }
  const today = localDate(ports.clock.now());
  for (const meeting of await meetingsDueForAbsenceNotices(ports, today, options.lookbackDays)) {
    add(await sendAbsenceNotices(ports, meeting));
  }
  return total;
}

/** R10: the workplace staff's one-tap "received" on a notice about one of their members. */
export async function acknowledgeAbsenceNotice(
  ports: Pick<MeetingPorts, 'absenceNotices' | 'clock'>,
  principal: Principal,
  meetingId: string,
  memberId: string,
): Promise<AbsenceNotice> {
  const notice = await ports.absenceNotices.get(meetingId, memberId);
  if (!notice) throw new NotFoundError('Absence notice');
  if (!isWorkplaceStaffOf(principal, notice.workplaceOrgId)) {
    throw new ForbiddenError(
      'Chỉ cấp ủy nơi công tác của đảng viên xác nhận đã nhận thông báo. (Only the member’s workplace committee acknowledges.)',
    );
  }
  if (notice.acknowledgedAt) return notice;
  return ports.absenceNotices.acknowledge(
    meetingId,
    memberId,
    principal.sub,
    ports.clock.now().toISOString(),
  );
}

/** The notices a workplace committee has not acknowledged yet (its to-do list in the bot). */
export async function pendingAbsenceNotices(
  ports: Pick<MeetingPorts, 'absenceNotices'>,
  principal: Principal,
  query: { limit: number; cursor?: string },
): Promise<Page<AbsenceNotice>> {
  if (principal.role !== 'workplace_staff') {
    throw new ForbiddenError('Chỉ cấp ủy nơi công tác xem danh sách này. (Workplace staff only.)');
  }
  return ports.absenceNotices.pendingOfWorkplace(principal.orgId, query);
}
