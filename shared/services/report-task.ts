// use case: the October report (R22) asked for in a chat — the webhook only queues it (issue 19: a big ward's
// compile read 5,000 members' records inside the webhook); the worker compiles it (or takes the stored one),
// draws the XLSX form and the PDF report, replaces the "being compiled" message with the outcome and sends the
// two files to the chat that asked.
//
// Retries: compiling again stores no new version when nothing changed, and the files of one version go to one
// asking message once (a claim taken after they went: a worker dying between the two sends both again rather
// than none).
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Principal } from '../domain/roles.js';
import type { ChatMessenger, Notice } from '../ports/chat.js';
import type { ReportRenderer } from '../ports/documents.js';
import type { InvitationQueue, ProgressMessage, ReportTask } from '../ports/invitations.js';
import { type Log, silentLog } from '../ports/log.js';
import type { IdempotencyStore, StaffRepository } from '../ports/repositories.js';
import { recipientOfProgress, tellInPlace } from './notice-delivery.js';
import { octoberReportDocument, type ReportPorts, requestOctoberReport } from './october-report.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The asking message's files are claimed this long: a redelivered task within it sends nothing again. */
const SENT_TTL_SECONDS = 7 * 24 * 3600;
const SCOPE = 'report-files';

export interface ReportTaskPorts extends ReportPorts {
  staff: Pick<StaffRepository, 'get' | 'ofCommittee'>;
  renderer: ReportRenderer;
  messenger: ChatMessenger;
  idempotency: IdempotencyStore;
  log?: Log;
}

/** What the webhook does: queues the task for the asking staff (the worker checks their assignment again). */
export async function queueReport(
  ports: { queue: InvitationQueue },
  principal: Principal,
  input: { op: ReportTask['op']; year: number },
  reply: ProgressMessage,
): Promise<ReportTask> {
  const task: ReportTask = {
    kind: 'report',
    op: input.op,
    orgId: principal.orgId,
    year: input.year,
    staffId: principal.sub,
    reply,
  };
  await ports.queue.enqueue([task]);
  return task;
}

/** The worker's part: compile or read, tell the outcome in place of the progress message, send the files. */
export async function runReportTask(task: ReportTask, ports: ReportTaskPorts): Promise<Notice> {
  const log = ports.log ?? silentLog;
  const outcome = await reportOutcome(task, ports);
  await tellInPlace(task.reply, outcome.notice, ports.messenger);
  if (!outcome.principal || outcome.notice.kind !== 'report_ready') return outcome.notice;
  const version = outcome.notice.version;
  const key = `${task.reply.channel}:${task.reply.chatId}:${task.reply.messageId ?? task.orgId}:${task.year}:${version}`;
  if ((await ports.idempotency.status(SCOPE, key)) === 'completed' || !ports.messenger.sendDocument) {
    return outcome.notice;
  }
  const data = await octoberReportDocument(ports, outcome.principal, task);
  const [xlsx, pdf] = await Promise.all([ports.renderer.xlsx(data), ports.renderer.pdf(data)]);
  const name = `bao-cao-lien-he-noi-cu-tru-${task.orgId}-${task.year}`;
  const to = recipientOfProgress(task.reply);
  await ports.messenger.sendDocument(to, { fileName: `${name}.xlsx`, mimeType: XLSX, bytes: xlsx });
  await ports.messenger.sendDocument(to, {
    fileName: `${name}.pdf`,
    mimeType: 'application/pdf',
    bytes: pdf,
  });
  await ports.idempotency.complete(SCOPE, key, SENT_TTL_SECONDS, { version });
  log.info('report sent to chat', { orgId: task.orgId, year: task.year, version });
  return outcome.notice;
}

async function reportOutcome(
  task: ReportTask,
  ports: ReportTaskPorts,
): Promise<{ notice: Notice; principal?: Principal }> {
  // The stored assignment now: a staff member revoked or moved since pressing gets nothing of this committee.
  const assignment = await ports.staff.get(task.staffId, task.orgId);
  const refused = (reason: 'not_allowed' | 'not_yet'): { notice: Notice } => ({
    notice: { kind: 'report_refused', year: task.year, reason },
  });
  if (!assignment) return refused('not_allowed');
  const principal: Principal = { sub: task.staffId, orgId: task.orgId, role: assignment.role };
  try {
    if (task.op === 'compile') {
      // A board sums its wards' stored reports (compiling a ward that has none): quick however large the tree.
      const compiled = await requestOctoberReport(ports, principal, {
        orgId: task.orgId,
        year: task.year,
        children: 'stored',
      });
      return {
        principal,
        notice: {
          kind: 'report_ready',
          year: task.year,
          version: compiled.report.version,
          op: 'compile',
          changed: compiled.changed,
        },
      };
    }
    const stored = await ports.reports.get(task.orgId, task.year);
    if (!stored) return refused('not_yet');
    return {
      principal,
      notice: { kind: 'report_ready', year: task.year, version: stored.version, op: 'send', changed: false },
    };
  } catch (error) {
    // Refusals are told and done; anything else is thrown for the queue to retry.
    if (error instanceof ForbiddenError) return refused('not_allowed');
    if (error instanceof NotFoundError) return refused('not_yet');
    throw error;
  }
}
