// feature: /diemdanh (/attendance) — residence staff take the attendance of their committee's current meeting
// (R13): shown from the RSVPs (opening writes nothing), one tap per member with the target state, 10 per page, totals and each
// absentee's reason with its confirmation status (R9, R10) always shown; the sheet is edited in place.
import { Composer } from 'grammy';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { formatVietnameseDate, localDate } from '../../shared/domain/dates.js';
import type { AbsenceCategory } from '../../shared/domain/invitation.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Principal } from '../../shared/domain/roles.js';
import { assertSheetOpenable, getAttendancePage, markAttendance } from '../../shared/services/attendance.js';
import { recordReads } from '../../shared/services/audit.js';
import { residenceStaff } from '../actors.js';
import type { BotContext } from '../context.js';
import {
  ATTENDANCE_PAGE_PATTERN,
  ATTENDANCE_PATTERN,
  attendanceData,
  attendancePageData,
} from '../keyboards/attendance.js';

export const attendanceFeature = new Composer<BotContext>();

export const ATTENDANCE_PAGE_SIZE = 10;

function sheetPorts(ctx: BotContext) {
  const p = ctx.deps.ports;
  return {
    meetings: p.meetings,
    invitations: p.invitations,
    minutes: p.minutes,
    members: p.members,
    clock: ctx.deps.clock,
  };
}

/** The committee's current meeting: the latest one whose day has come (attendance starts on the day). */
export function currentMeeting(meetings: readonly Meeting[], now: Date): Meeting | undefined {
  const today = localDate(now);
  return meetings
    .filter((m) => m.date <= today)
    .sort((a, b) => (a.date === b.date ? b.time.localeCompare(a.time) : b.date.localeCompare(a.date)))[0];
}

/** One screen of the sheet: one read of it gives the page, the page count and the totals (issue 19). */
async function sheetView(
  ctx: BotContext,
  principal: Principal,
  meetingId: string,
  requestedPage: number,
): Promise<ViewMessage> {
  const sheet = await getAttendancePage(sheetPorts(ctx), principal, meetingId, {
    page: requestedPage,
    pageSize: ATTENDANCE_PAGE_SIZE,
  });
  const { page, pages } = sheet;
  const t = ctx.t.attendance;
  const lines = [
    t.header(formatVietnameseDate(sheet.meeting.date), sheet.meeting.place, page + 1, pages),
    t.totals(sheet.totals.total, sheet.totals.present, sheet.totals.absent),
  ];
  if (sheet.frozen) lines.push(t.frozen);
  if (sheet.rows.length === 0) lines.push(t.empty);
  lines.push('');
  const rows: ViewButton[][] = [];
  for (const [i, row] of sheet.rows.entries()) {
    const n = page * ATTENDANCE_PAGE_SIZE + i + 1;
    lines.push(t.row(n, row.name, row.present));
    if (row.absence) {
      lines.push(
        t.reason(row.absence.status, row.absence.category as AbsenceCategory | undefined, row.absence.text),
      );
    }
    if (!sheet.frozen) {
      rows.push([
        button(
          t.setButton(n, row.name, !row.present),
          attendanceData.encode({ meetingId, memberId: row.memberId, present: !row.present, page }),
        ),
      ]);
    }
  }
  // Issue 18: a screen showing absence reasons' text is in the audit trail, one entry per member shown.
  await recordReads(
    principal,
    sheet.rows
      .filter((row) => row.absence?.text !== undefined)
      .map((row) => ({ action: 'absence_reason.read' as const, memberId: row.memberId, meetingId })),
    'bot',
    { audit: ctx.deps.ports.audit, clock: ctx.deps.clock },
  );
  const nav: ViewButton[] = [];
  if (page > 0) nav.push(button(t.previous, attendancePageData.encode(meetingId, page - 1)));
  if (page < pages - 1) nav.push(button(t.next, attendancePageData.encode(meetingId, page + 1)));
  if (nav.length > 0) rows.push(nav);
  return message(lines.join('\n'), rows);
}

attendanceFeature.command(['diemdanh', 'attendance'], async (ctx) => {
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.attendance.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const meeting = currentMeeting(
    await ctx.deps.ports.meetings.ofCommittee(principal.orgId),
    ctx.deps.clock.now(),
  );
  if (!meeting) {
    await ctx.ui.reply(message(ctx.t.attendance.noMeeting));
    return;
  }
  // Opening writes nothing (issue 19): unmarked rows show their RSVP's forecast. A cancelled meeting is
  // refused; a frozen sheet is only shown.
  await assertSheetOpenable(sheetPorts(ctx), principal, meeting.id);
  await ctx.ui.reply(await sheetView(ctx, principal, meeting.id, 0));
});

attendanceFeature.callbackQuery(ATTENDANCE_PATTERN, async (ctx, next) => {
  const action = attendanceData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.attendance.notResidenceStaff, { alert: true });
    return;
  }
  const change = await markAttendance(
    sheetPorts(ctx),
    principal,
    action.meetingId,
    action.memberId,
    action.present,
  );
  await ctx.ui.answer(
    change.changed
      ? ctx.t.attendance.recorded(change.row.name, change.row.present)
      : ctx.t.attendance.unchanged,
  );
  await ctx.ui.replace(await sheetView(ctx, principal, action.meetingId, action.page));
});

attendanceFeature.callbackQuery(ATTENDANCE_PAGE_PATTERN, async (ctx, next) => {
  const action = attendancePageData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.attendance.notResidenceStaff, { alert: true });
    return;
  }
  await ctx.ui.answer();
  await ctx.ui.replace(await sheetView(ctx, principal, action.meetingId, action.page));
});
