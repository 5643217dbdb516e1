// use case: a signature of the minutes asked for in a chat (/ky, R16) — the webhook checks who may sign now and
// queues it (issue 19: at 5,000 members the chair's signature froze 5,000 rows in 7.5 s and the seal, with its
// R10 notices and PDF, took 25 s); the worker signs, sends the sealed PDF to the signers, and replaces the
// "being signed" message with the outcome.
//
// Retries: a signature already given by the same person is not given again (signMinutes), and the PDF goes to
// each signer's chat once (its per-account claims, shared with the notifier's delivery on MinutesSigned).
import { ForbiddenError, NotFoundError, refusalOf } from '../domain/errors.js';
import type { Meeting } from '../domain/meeting.js';
import type { Principal } from '../domain/roles.js';
import type { Notice } from '../ports/chat.js';
import type { InvitationQueue, MinutesSignTask, ProgressMessage } from '../ports/invitations.js';
import type { CounterRepository } from '../ports/repositories.js';
import type { MeetingPorts } from './meeting-ports.js';
import { type RecordPorts, signMinutes } from './minutes.js';
import { type SealedMinutesPorts, sendSealedMinutes } from './minutes-delivery.js';
import { tellInPlace } from './notice-delivery.js';

export type MinutesSignTaskPorts = RecordPorts &
  Pick<MeetingPorts, 'meetings' | 'minutes' | 'staff' | 'clock' | 'absenceNotices'> &
  Omit<SealedMinutesPorts, 'pdf'> & {
    counters?: CounterRepository;
    /** The sealed minutes' PDF renderer; without it the notifier's delivery on MinutesSigned sends the PDF. */
    pdf?: SealedMinutesPorts['pdf'];
  };

/** What the webhook does once assertMaySignNow passed: queue the signature for the worker. */
export async function queueMinutesSignature(
  ports: { queue: InvitationQueue },
  principal: Principal,
  meeting: Pick<Meeting, 'id'>,
  as: MinutesSignTask['as'],
  reply: ProgressMessage,
): Promise<MinutesSignTask> {
  const task: MinutesSignTask = {
    kind: 'minutes-sign',
    meetingId: meeting.id,
    as,
    staffId: principal.sub,
    reply,
  };
  await ports.queue.enqueue([task]);
  return task;
}

/** The worker's part: sign as the stored assignment allows now, send the sealed PDF, tell the outcome. */
export async function runMinutesSignTask(
  task: MinutesSignTask,
  ports: MinutesSignTaskPorts,
): Promise<Notice> {
  const notice = await signed(task, ports).catch((error: unknown): Notice => {
    // A refusal is told in the words the webhook would have used; anything else is the queue's to retry.
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { kind: 'refused', refusal };
  });
  await tellInPlace(task.reply, notice, ports.messenger);
  return notice;
}

async function signed(task: MinutesSignTask, ports: MinutesSignTaskPorts): Promise<Notice> {
  const meeting = await ports.meetings.get(task.meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  // The stored assignment now: a signer revoked since pressing signs nothing.
  const assignment = await ports.staff.get(task.staffId, meeting.residenceOrgId);
  if (!assignment) throw new ForbiddenError();
  const principal: Principal = { sub: task.staffId, orgId: meeting.residenceOrgId, role: assignment.role };
  const result = await signMinutes(ports, principal, meeting.id, task.as);
  const sealed = result.state === 'sealed';
  // R16: sent at once from here; the notifier sends it too on MinutesSigned, to whoever still lacks it.
  if (sealed && ports.pdf) await sendSealedMinutes({ ...ports, pdf: ports.pdf }, principal, meeting);
  return { kind: 'minutes_signature', as: task.as, sealed };
}
