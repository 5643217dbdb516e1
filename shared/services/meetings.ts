// use case: planning the twice-yearly contact meeting (R8) — in the bot (/hop) or by POST /committees/{id}/meetings.
import { isResidenceStaffOf } from '../domain/access.js';
import { localDate } from '../domain/dates.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { hasStarted, type Meeting, meetingId, type Round } from '../domain/meeting.js';
import { DEFAULT_AGENDA, type MeetingPlanWarning, meetingPlanWarnings } from '../domain/meeting-plan.js';
import { isFrozen } from '../domain/meeting-protocol.js';
import type { Principal } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type {
  CommitteeRepository,
  MeetingRepository,
  MinutesRepository,
  StaffRepository,
} from '../ports/repositories.js';

export interface MeetingPlanInput {
  year: number;
  round: Round;
  date: string;
  time: string;
  place: string;
  chairStaffId: string;
  agenda?: string;
}

/** What planning and listing meetings read and write (the meeting use cases share MeetingPorts, meeting-ports.ts). */
export interface PlanningPorts {
  committees: Pick<CommitteeRepository, 'get'>;
  staff: Pick<StaffRepository, 'get' | 'ofCommittee'>;
  meetings: Pick<MeetingRepository, 'create' | 'get' | 'ofCommittee'>;
  clock: Clock;
}

export interface PlannedMeeting {
  meeting: Meeting;
  warnings: MeetingPlanWarning[];
  /** True when this exact plan was stored before (a retried request). */
  replay: boolean;
}

/**
 * R8: residence staff plan one meeting per committee, year and round. Dates off a weekend or outside
 * the round's month are warned about, not refused; a second meeting for the round is refused (409).
 */
export async function planMeeting(
  principal: Principal,
  residenceOrgId: string,
  input: MeetingPlanInput,
  ports: PlanningPorts,
): Promise<PlannedMeeting> {
  if (!isResidenceStaffOf(principal, residenceOrgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi cư trú mới lên lịch họp của đơn vị',
      en: 'Only staff of the residence committee plan its meetings',
    });
  }
  const committee = await ports.committees.get(residenceOrgId);
  if (!committee) throw new NotFoundError('committee');
  if (committee.kind !== 'residence') {
    throw new RuleViolationError('R8', {
      vi: 'cuộc họp giữ mối liên hệ do cấp ủy nơi cư trú (phường, xã, thị trấn) tổ chức',
      en: 'contact meetings are held by the residence committee of a ward',
    });
  }
  // A closed committee keeps its history but holds no new meetings (issue 14).
  if (committee.closedAt !== undefined) {
    throw new ConflictError(
      { vi: 'Đơn vị đã giải thể, không lên lịch họp mới', en: 'The committee is closed' },
      'closed',
    );
  }
  if (input.date < localDate(ports.clock.now())) {
    throw new ValidationError({ vi: 'Ngày họp đã qua', en: 'The meeting date is in the past' }, [
      { path: ['date'], message: 'date_in_past' },
    ]);
  }
  const chair = await ports.staff.get(input.chairStaffId);
  if (!chair || chair.orgId !== residenceOrgId) {
    throw new ValidationError(
      { vi: 'Người chủ trì phải là cán bộ của cấp ủy', en: 'The chair must be staff of the committee' },
      [{ path: ['chairStaffId'], message: 'not_committee_staff' }],
    );
  }
  const meeting: Meeting = {
    id: meetingId(residenceOrgId, input.year, input.round),
    residenceOrgId,
    year: input.year,
    round: input.round,
    date: input.date,
    time: input.time,
    place: input.place,
    chairStaffId: chair.id,
    chairName: chair.fullName,
    agenda: input.agenda?.trim() || DEFAULT_AGENDA,
    status: 'planned',
    plannedBy: principal.sub,
    version: 1,
  };
  const warnings = meetingPlanWarnings(meeting, chair);
  const event: DomainEvent<'MeetingPlanned'> = {
    type: 'MeetingPlanned',
    id: `MeetingPlanned:${meeting.id}`,
    occurredAt: ports.clock.now().toISOString(),
    orgIds: [residenceOrgId],
    data: { meetingId: meeting.id, date: meeting.date },
  };
  try {
    await ports.meetings.create(meeting, { events: [event] });
    return { meeting, warnings, replay: false };
  } catch (error) {
    if (!(error instanceof ConflictError) || error.code !== 'meeting_exists') throw error;
    const existing = await ports.meetings.get(meeting.id);
    const same =
      existing &&
      existing.date === meeting.date &&
      existing.time === meeting.time &&
      existing.place === meeting.place &&
      existing.chairStaffId === meeting.chairStaffId;
    if (!same || !existing) throw error;
    return { meeting: existing, warnings, replay: true };
  }
}

/** Planned meetings of a committee that have not started yet, soonest first. */
export async function upcomingMeetings(
  residenceOrgId: string,
  ports: Pick<PlanningPorts, 'meetings' | 'clock'>,
): Promise<Meeting[]> {
  const now = ports.clock.now();
  const all = await ports.meetings.ofCommittee(residenceOrgId);
  return all
    .filter((m) => m.status === 'planned' && !hasStarted(m, now))
    .sort((a, b) => (`${a.date}${a.time}` < `${b.date}${b.time}` ? -1 : 1));
}

/**
 * R9: the meeting that has started whose minutes nobody has signed yet (the latest one): staff may still record
 * the reason of an absentee who phones on the day or after (assertMayAnswerOnBehalf). None once it is signed.
 */
export async function meetingTakingLateReasons(
  residenceOrgId: string,
  ports: Pick<PlanningPorts, 'meetings' | 'clock'> & { minutes: Pick<MinutesRepository, 'get'> },
): Promise<Meeting | undefined> {
  const now = ports.clock.now();
  const started = (await ports.meetings.ofCommittee(residenceOrgId))
    .filter((m) => m.status !== 'cancelled' && hasStarted(m, now))
    .sort((a, b) => (`${a.date}${a.time}` < `${b.date}${b.time}` ? 1 : -1));
  const latest = started[0];
  if (!latest || isFrozen(await ports.minutes.get(latest.id))) return undefined;
  return latest;
}
