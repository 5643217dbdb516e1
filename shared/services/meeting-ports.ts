// service support: the ports the meeting use cases (attendance, minutes, comments, R10 notices) receive.
import { NotFoundError } from '../domain/errors.js';
import type { Meeting } from '../domain/meeting.js';
import type { Clock, IdGenerator } from '../ports/common.js';
import type {
  AbsenceNoticeRepository,
  CommentRepository,
  CommitteeRepository,
  EvaluationRepository,
  IdempotencyStore,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  MinutesRepository,
  StaffRepository,
} from '../ports/repositories.js';

/** Everything a meeting use case may need; each use case asks only for the ports it uses (a Pick). */
export interface MeetingPorts {
  committees: CommitteeRepository;
  staff: StaffRepository;
  members: MemberRepository;
  introductions: IntroductionRepository;
  meetings: MeetingRepository;
  invitations: InvitationRepository;
  comments: CommentRepository;
  minutes: MinutesRepository;
  evaluations: EvaluationRepository;
  absenceNotices: AbsenceNoticeRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  ids: IdGenerator;
}

export async function loadMeeting(meetings: MeetingRepository, meetingId: string): Promise<Meeting> {
  const meeting = await meetings.get(meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  return meeting;
}
