// use cases: the attendance sheet of a contact meeting — open (forecast from RSVPs), page, toggle (R13, R9).
//
// Totals are computed by streaming the sheet's partition (one Query, DynamoDB pages of ≤ 1 MB, consumed as
// they arrive), not kept in a counter item: the invitations are the only truth, other features (RSVPs,
// late invitations, workplace confirmations) change them without knowing about a counter, and a counter
// would be one hot item every concurrent toggle must also win. See docs/meeting.md.
import {
  type AttendanceTotals,
  absenteeStatus,
  addToTotals,
  assertMayTakeAttendance,
  effectiveAttendance,
  emptyTotals,
  sheetOrderKey,
} from '../domain/attendance.js';
import { NotFoundError } from '../domain/errors.js';
import type { Attendance, Invitation } from '../domain/invitation.js';
import {
  assertMayReadMeeting,
  assertMayRunMeeting,
  assertRecordOpen,
  isFrozen,
} from '../domain/meeting-protocol.js';
import type { AbsenteeStatus } from '../domain/minutes.js';
import type { Principal } from '../domain/roles.js';
import { excuseOn } from '../domain/travel-and-exemption.js';
import type { InvitationRepository, MemberRepository } from '../ports/repositories.js';
import { loadMeeting, type MeetingPorts } from './meeting-ports.js';
import { retryOnConflict } from './retry.js';

export interface AttendanceRow {
  memberId: string;
  name: string;
  hamletId: string;
  workplaceOrgId: string;
  present: boolean;
  /** False while the row only shows the RSVP forecast (nobody marked it yet). */
  recorded: boolean;
  rsvp: Invitation['rsvp'];
  /** For an absentee: how their absence stands (R9, R10), and the reason they gave if any. */
  absence?: { status: AbsenteeStatus; category?: string; text?: string };
  version: number;
}

export interface AttendanceSheetView {
  meetingId: string;
  meeting: { date: string; time: string; place: string; status: string };
  totals: AttendanceTotals;
  rows: AttendanceRow[];
  cursor?: string;
  /** Signing has begun (or the minutes are sealed): the sheet no longer changes. */
  frozen: boolean;
}

export interface AttendanceChange {
  meetingId: string;
  row: AttendanceRow;
  totals: AttendanceTotals;
  changed: boolean;
}

type SheetPorts = Pick<MeetingPorts, 'meetings' | 'invitations' | 'minutes' | 'clock'> & {
  /** The page's absentees' exemptions and travel notices (R4, R3); without it rows show the answer only. */
  members?: Pick<MemberRepository, 'factsOfMany'>;
};

export function attendanceRow(invitation: Invitation): AttendanceRow {
  const present = effectiveAttendance(invitation) === 'present';
  const row: AttendanceRow = {
    memberId: invitation.memberId,
    name: invitation.memberName,
    hamletId: invitation.hamletId,
    workplaceOrgId: invitation.workplaceOrgId,
    present,
    recorded: invitation.attendance !== 'unrecorded',
    rsvp: invitation.rsvp,
    version: invitation.version,
  };
  if (!present) {
    row.absence = {
      status: absenteeStatus(invitation),
      ...(invitation.rsvp === 'absent' && invitation.absence
        ? {
            category: invitation.absence.category,
            text: invitation.absence.text || undefined,
          }
        : {}),
    };
  }
  return row;
}

/** R13 figures over the whole sheet, streamed: memory holds one DynamoDB page at most. */
export async function sheetTotals(
  invitations: InvitationRepository,
  meetingId: string,
): Promise<AttendanceTotals> {
  const totals = emptyTotals();
  for await (const invitation of invitations.streamSheet(meetingId)) addToTotals(totals, invitation);
  return totals;
}

/** One page of the sheet with the totals of all of it. Residence staff (and viewers) of the committee. */
export async function getAttendanceSheet(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
  query: { limit: number; cursor?: string },
): Promise<AttendanceSheetView> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayReadMeeting(principal, meeting);
  const [page, totals, minutes] = await Promise.all([
    ports.invitations.sheet(meetingId, query),
    sheetTotals(ports.invitations, meetingId),
    ports.minutes.get(meetingId),
  ]);
  return {
    meetingId,
    meeting: { date: meeting.date, time: meeting.time, place: meeting.place, status: meeting.status },
    totals,
    rows: await withExcuses(page.items.map(attendanceRow), meeting.date, ports.members),
    cursor: page.cursor || undefined,
    frozen: isFrozen(minutes),
  };
}

export interface AttendancePageView extends Omit<AttendanceSheetView, 'cursor'> {
  /** 0-based, within 0 … pages − 1 (a page asked past the end is the last one). */
  page: number;
  pages: number;
}

/**
 * A numbered page of the sheet (the bot's pages of 10) with the totals of all of it, from one streamed read
 * of the sheet: the totals, the page count and the page's rows in Vietnamese order all come from that
 * read (issue 19: the bot read a 5,000-row sheet six times for one screen, 5 s in the webhook).
 */
export async function getAttendancePage(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
  query: { page: number; pageSize: number },
): Promise<AttendancePageView> {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayReadMeeting(principal, meeting);
  const minutes = ports.minutes.get(meetingId);
  const totals = emptyTotals();
  const all: { key: string; invitation: Invitation }[] = [];
  for await (const invitation of ports.invitations.streamSheet(meetingId)) {
    addToTotals(totals, invitation);
    all.push({ key: sheetOrderKey(invitation), invitation });
  }
  const pages = Math.max(1, Math.ceil(totals.total / query.pageSize));
  const page = Math.min(Math.max(0, query.page), pages - 1);
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = all.slice(page * query.pageSize, (page + 1) * query.pageSize).map((r) => r.invitation);
  return {
    meetingId,
    meeting: { date: meeting.date, time: meeting.time, place: meeting.place, status: meeting.status },
    totals,
    rows: await withExcuses(rows.map(attendanceRow), meeting.date, ports.members),
    frozen: isFrozen(await minutes),
    page,
    pages,
  };
}

/**
 * R4, R3: an absentee of the page under a confirmed exemption, or inside a travel notice's period, shows as
 * such (not expected / excused by the notice), as the minutes will record them; one batch read for the page.
 */
async function withExcuses(
  rows: AttendanceRow[],
  meetingDate: string,
  members: SheetPorts['members'],
): Promise<AttendanceRow[]> {
  const absent = rows.filter((row) => row.absence);
  if (!members || absent.length === 0) return rows;
  const facts = await members.factsOfMany(absent.map((row) => row.memberId));
  return rows.map((row) => {
    const excuse = row.absence ? excuseOn(facts.get(row.memberId) ?? {}, meetingDate) : undefined;
    return excuse && row.absence
      ? { ...row, absence: { ...row.absence, status: absenteeStatus({ rsvp: 'none' }, excuse) } }
      : row;
  });
}

/**
 * Writes one row's attendance, re-reading and retrying when a concurrent write won (optimistic locking),
 * so twenty staff toggling at once all land and none is lost. `decide` sees the fresh row each time.
 */
async function recordAttendance(
  invitations: InvitationRepository,
  meetingId: string,
  memberId: string,
  decide: (invitation: Invitation) => Exclude<Attendance, 'unrecorded'> | undefined,
): Promise<{ invitation: Invitation; changed: boolean }> {
  return retryOnConflict(async () => {
    const invitation = await invitations.get(meetingId, memberId);
    if (!invitation) throw new NotFoundError('invitation');
    const next = decide(invitation);
    if (next === undefined || next === invitation.attendance) return { invitation, changed: false };
    const updated: Invitation = { ...invitation, attendance: next, version: invitation.version + 1 };
    await invitations.save(updated, invitation.version);
    return { invitation: updated, changed: true };
  });
}

async function assertSheetWritable(ports: SheetPorts, principal: Principal, meetingId: string) {
  const meeting = await loadMeeting(ports.meetings, meetingId);
  assertMayRunMeeting(principal, meeting);
  assertMayTakeAttendance(meeting, ports.clock.now());
  assertRecordOpen(await ports.minutes.get(meetingId));
  return meeting;
}

/**
 * Staff open the sheet at the meeting. Nothing is written (issue 19: writing every row took 12.5 s for a
 * ward of 5,000 in the webhook): a row nobody marked shows its RSVP's forecast (those who said they come
 * present, everyone else absent, see effectiveAttendance) and counts so in the totals and the minutes;
 * only the rows staff mark are written. Answers are closed once the meeting starts, so the forecast of an
 * unmarked row changes after that only by a reason recorded on the member's behalf (then absent).
 */
export async function openAttendance(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
): Promise<{ meetingId: string; totals: AttendanceTotals }> {
  await assertSheetWritable(ports, principal, meetingId);
  return { meetingId, totals: await sheetTotals(ports.invitations, meetingId) };
}

/**
 * Opening the sheet where it is taken (the bot's /diemdanh): refused like any write to it (a cancelled
 * meeting, before its day); a frozen sheet is only shown. Reads the meeting and the minutes, not the sheet.
 */
export async function assertSheetOpenable(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
): Promise<{ frozen: boolean }> {
  if (isFrozen(await ports.minutes.get(meetingId))) return { frozen: true };
  await assertSheetWritable(ports, principal, meetingId);
  return { frozen: false };
}

/**
 * Marks one member present or absent and returns the row, without the totals (the bot's press reads the
 * sheet once for its screen, which carries them).
 */
export async function markAttendance(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
  memberId: string,
  present: boolean,
): Promise<Omit<AttendanceChange, 'totals'>> {
  await assertSheetWritable(ports, principal, meetingId);
  const { invitation, changed } = await recordAttendance(ports.invitations, meetingId, memberId, () =>
    present ? 'present' : 'absent',
  );
  return { meetingId, row: attendanceRow(invitation), changed };
}

/** Sets one member present or absent (idempotent: the HTTP PUT and a bot button carrying the target). */
export async function setAttendance(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
  memberId: string,
  present: boolean,
): Promise<AttendanceChange> {
  const change = await markAttendance(ports, principal, meetingId, memberId, present);
  return { ...change, totals: await sheetTotals(ports.invitations, meetingId) };
}

/** One tap flips present ↔ absent from whatever the row shows now; concurrent flips all apply. */
export async function toggleAttendance(
  ports: SheetPorts,
  principal: Principal,
  meetingId: string,
  memberId: string,
): Promise<AttendanceChange> {
  await assertSheetWritable(ports, principal, meetingId);
  const { invitation, changed } = await recordAttendance(ports.invitations, meetingId, memberId, (fresh) =>
    effectiveAttendance(fresh) === 'present' ? 'absent' : 'present',
  );
  return {
    meetingId,
    row: attendanceRow(invitation),
    totals: await sheetTotals(ports.invitations, meetingId),
    changed,
  };
}
