import { ENV } from './table.js';

// config: the registry of Lambda functions — HTTP routes and background functions — read by the CDK app
// (one NodejsFunction each, with exactly the grants listed) and by the local gateway and scheduler.

/** What a function may touch; the CDK stack turns each into one resource-scoped IAM grant. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'topic:publish'
  | 'invitation-queue:send'
  | 'job-queue:send'
  | 'bot-secrets:read'
  /**
   * The Zalo OA (issue 15): its ids and the two SecureString parameters (app secret, OA secret key). Only on a
   * stage with a `zalo` settings block; elsewhere it gives nothing. The token pair is an item of the table.
   */
  | 'zalo-secrets:read'
  | 'sms:publish'
  /** Create, disable, enable and delete staff sign-ins in the Cognito user pool (`USER_POOL_ID`). */
  | 'user-pool:admin';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRouteDef {
  /** The route's name (its handler file's, and the key of its group router): kebab-case, unique. */
  name: string;
  /**
   * The function that serves it in AWS (HTTP_GROUPS): one function per bounded context, whose router
   * (`functions/http/groups/<group>.ts`) dispatches by route key to this route's handler. The local gateway
   * calls `entry` directly.
   */
  group: string;
  method: HttpMethod;
  /** API Gateway path syntax, e.g. `/introductions/{id}/receive`. */
  path: string;
  /** Handler file relative to the repository root; it exports `handler`. */
  entry: string;
  /** False only for the chat webhooks (Telegram's secret token header, Zalo's signature) instead of a JWT. */
  auth: boolean;
  grants: readonly Grant[];
  /** True when the bundle includes grammY (the bot), which allows a larger bundle. */
  bot?: boolean;
  /** True when the function renders PDFs: the Tinos fonts ship beside its bundle (`REPORT_FONT_DIR`). */
  needsFonts?: boolean;
}

/**
 * One Lambda function serving the HTTP routes whose `group` names it. Its grants are the union of its
 * routes' grants, it bundles grammY if one of them does (`bot`) and ships the fonts if one renders a PDF.
 * Adding a group: a line here and its router file `functions/http/groups/<name>.ts`.
 */
export interface HttpGroupDef {
  /** Function name (also the log group's suffix): kebab-case, unique among groups and background functions. */
  name: string;
  /** The router file, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  /** Lambda timeout in seconds (default: the HTTP sizing, 10 s). API Gateway answers 503 after 30 s regardless. */
  timeoutSeconds?: number;
  /** Deployed only on a stage whose settings have this block (`zalo`: the Zalo OA); with its routes. */
  requires?: 'zalo';
}

export type Trigger =
  /** EventBridge Scheduler, in Asia/Ho_Chi_Minh. */
  | { kind: 'schedule'; expression: string }
  /** SQS queue → Lambda with partial batch responses; one consumer per queue. */
  | { kind: 'queue'; queue: QueueName }
  /** DynamoDB stream → Lambda (the outbox relay). */
  | { kind: 'table-stream' }
  /** SNS topic subscription. */
  | { kind: 'topic' }
  /** A Cognito user pool trigger (AWS only; the local stack signs its own tokens and has no pool). */
  | { kind: 'cognito'; event: 'pre-token-generation' };

/** The stack's work queues (each with a dead-letter queue): the invitation job's, the scheduled jobs'. */
export const QUEUE_NAMES = ['invitations', 'jobs'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * The event EventBridge Scheduler sends to a `schedule` function in AWS (the local scheduler may send the
 * same shape). `scheduledTime` is the slot being run (ISO 8601, UTC): the same on a retry, so it makes a
 * good idempotency key for the job's steps.
 */
export interface ScheduledJobEvent {
  job: string;
  scheduledTime: string;
  executionId: string;
}

export interface BackgroundFunctionDef {
  name: string;
  entry: string;
  trigger: Trigger;
  grants: readonly Grant[];
  bot?: boolean;
  /** True when the function renders PDFs: the Tinos fonts ship beside its bundle (`REPORT_FONT_DIR`). */
  needsFonts?: boolean;
  /** `npm run job -- <name>` fires a scheduled one locally. */
  description: string;
  /** Deployed to AWS only: the local stack does not schedule it (e.g. the outbox sweep: the local relay polls). */
  awsOnly?: boolean;
}

const READ: readonly Grant[] = ['table:read'];
/** Writes go through the outbox in the same transaction, so no function here publishes to the topic. */
const READ_WRITE: readonly Grant[] = ['table:read', 'table:write'];

/**
 * A group whose router is `functions/http/groups/<name>.ts`, or `bot/lambda/groups/<name>.ts` for the bot's own
 * webhooks (`bot: true`): they build the bot, which functions/ does not import (issue 20).
 */
function group(
  name: string,
  description: string,
  options: { timeoutSeconds?: number; requires?: 'zalo'; bot?: true } = {},
): HttpGroupDef {
  const { bot, ...rest } = options;
  return { name, entry: `${bot ? 'bot/lambda' : 'functions/http'}/groups/${name}.ts`, description, ...rest };
}

/** The HTTP functions: one per bounded context (docs/architecture.md, "Resource budget"). */
export const HTTP_GROUPS: readonly HttpGroupDef[] = [
  group('telegram-webhook', 'The Telegram webhook: the bot', { bot: true }),
  // Its own function, not a route of telegram-webhook: a Telegram-only stage deploys nothing of Zalo (the
  // group and its route are left out), and the Telegram bundle, already past its budget, does not carry the
  // Zalo channel. Zalo retries a webhook that is slow, so a cold start of its own costs no event.
  group('zalo-webhook', 'The Zalo OA webhook: the bot on Zalo (issue 15)', { requires: 'zalo', bot: true }),
  // The printable sheet draws a QR code per unlinked member of a ward (hundreds): a PDF's margin, as below.
  // Also the person's chat links and data requests of issue 18 (a waiting link, the admin's unlink, deletion).
  group('link-codes', 'Link codes for members and staff, with the bot deep link; their printable sheet', {
    timeoutSeconds: 20,
  }),
  group('meeting-planning', 'Planning meetings and sending their invitations (R8)'),
  // The CSV import (files of up to 5,000 rows) resumes across requests: 29 s gives each one the most work
  // within API Gateway's 30 s (docs/architecture.md, "Long requests").
  group('introductions', 'Introductions, travel notices, exemptions and the contact book (R1–R7)', {
    timeoutSeconds: 29,
  }),
  group('meetings', 'Attendance, comments and absence notices of a meeting (R9, R10)'),
  group('minutes', 'The minutes of a meeting: parts, signing, addenda (R16)'),
  group(
    'documents-pdf',
    'PDF documents: introduction letters, minutes, paper invitations, October reports, comment sheets',
    {
      timeoutSeconds: 20,
    },
  ),
  group('year-end', 'Evaluations, self-reports and direct collections (R11, R17–R21)'),
  group('reports', 'Compiling the October report of a committee (R22)', { timeoutSeconds: 29 }),
  group('administration', 'The tree of committees, their hamlets and their staff (administrators)'),
];

/** A JWT-authenticated route whose handler is `functions/http/<name>.ts`. */
function route(
  name: string,
  method: HttpMethod,
  path: string,
  grants: readonly Grant[],
  inGroup: string,
): HttpRouteDef {
  return { name, group: inGroup, method, path, entry: `functions/http/${name}.ts`, auth: true, grants };
}

/** Introductions and the contact book (issue 3, R1–R7); see docs/api.md. */
const INTRODUCTION_ROUTES: readonly HttpRouteDef[] = [
  route('introductions-create', 'POST', '/introductions', READ_WRITE, 'introductions'),
  route('introductions-import', 'POST', '/introductions/import', READ_WRITE, 'introductions'),
  route('introductions-receive', 'POST', '/introductions/{id}/receive', READ_WRITE, 'introductions'),
  route('introductions-end', 'POST', '/introductions/{id}/end', READ_WRITE, 'introductions'),
  // Renders the letter as PDF: the fonts ship beside the bundle.
  {
    ...route('introductions-letter', 'GET', '/introductions/{id}/letter.pdf', READ, 'documents-pdf'),
    needsFonts: true,
  },
  route('members-travel-notices', 'POST', '/members/{id}/travel-notices', READ_WRITE, 'introductions'),
  route('members-exemptions', 'POST', '/members/{id}/exemptions', READ_WRITE, 'introductions'),
  route('members-contact-book', 'GET', '/members/{id}/contact-book', READ, 'introductions'),
  route('committees-members', 'GET', '/committees/{id}/members', READ, 'introductions'),
  // Issues (or reuses) link codes and renders them as PDF: writes, and the fonts ship beside the bundle.
  {
    ...route('committee-link-codes-pdf', 'GET', '/committees/{id}/link-codes.pdf', READ_WRITE, 'link-codes'),
    needsFonts: true,
  },
];

/** Administration (issue 14): the tree of committees and their staff, for administrators of a board. */
const ADMINISTRATION_ROUTES: readonly HttpRouteDef[] = [
  route('admin-committees-create', 'POST', '/committees', READ_WRITE, 'administration'),
  route('admin-committees-import', 'POST', '/committees/import', READ_WRITE, 'administration'),
  route('admin-committees-update', 'PUT', '/committees/{id}', READ_WRITE, 'administration'),
  route('admin-committees-move', 'POST', '/committees/{id}/move', READ_WRITE, 'administration'),
  route('admin-committees-close', 'POST', '/committees/{id}/close', READ_WRITE, 'administration'),
  route('admin-staff-list', 'GET', '/committees/{id}/staff', READ, 'administration'),
  // Issue 18: the audit trail of reads of members' contact books and absence reasons.
  route('admin-audit-list', 'GET', '/committees/{id}/audit', READ, 'administration'),
  // Granting with an e-mail creates the person's sign-in account; revoking the last role disables it.
  route(
    'admin-staff-assign',
    'POST',
    '/committees/{id}/staff',
    [...READ_WRITE, 'user-pool:admin'],
    'administration',
  ),
  route(
    'admin-staff-revoke',
    'DELETE',
    '/committees/{id}/staff/{personId}/{role}',
    [...READ_WRITE, 'user-pool:admin'],
    'administration',
  ),
];

/** The meeting itself (issue 5): attendance, minutes, comments, R10 notices. */
const MEETING_RECORD_ROUTES: readonly HttpRouteDef[] = [
  route('meeting-attendance-get', 'GET', '/meetings/{id}/attendance', READ, 'meetings'),
  route('meeting-attendance-open', 'POST', '/meetings/{id}/attendance/open', READ_WRITE, 'meetings'),
  route('meeting-attendance-set', 'PUT', '/meetings/{id}/attendance/{memberId}', READ_WRITE, 'meetings'),
  route('meeting-minutes-get', 'GET', '/meetings/{id}/minutes', READ, 'minutes'),
  route('meeting-minutes-part-put', 'PUT', '/meetings/{id}/minutes/{part}', READ_WRITE, 'minutes'),
  route('meeting-minutes-sign', 'POST', '/meetings/{id}/minutes/sign', READ_WRITE, 'minutes'),
  route('meeting-minutes-addendum', 'POST', '/meetings/{id}/minutes/addenda', READ_WRITE, 'minutes'),
  // Renders the minutes as PDF: the fonts ship beside the bundle.
  {
    ...route('meeting-minutes-pdf', 'GET', '/meetings/{id}/minutes.pdf', READ, 'documents-pdf'),
    needsFonts: true,
  },
  // Prints the paper invitations (R9): takes the round's number once (a write), and the fonts ship beside it.
  {
    ...route(
      'meeting-paper-invitations-pdf',
      'GET',
      '/meetings/{id}/paper-invitations.pdf',
      READ_WRITE,
      'documents-pdf',
    ),
    needsFonts: true,
  },
  route('meeting-comment-raise', 'POST', '/meetings/{id}/comments', READ_WRITE, 'meetings'),
  route(
    'meeting-comment-answer',
    'POST',
    '/meetings/{id}/comments/{commentId}/answer',
    READ_WRITE,
    'meetings',
  ),
  route(
    'absence-notice-ack',
    'POST',
    '/meetings/{id}/absence-notices/{memberId}/ack',
    READ_WRITE,
    'meetings',
  ),
  route('absence-notices-pending', 'GET', '/absence-notices', READ, 'meetings'),
];

/** R22: 31 October, 17:00 in Asia/Ho_Chi_Minh (the schedule's time zone). */
export const DEFAULT_OCTOBER_REPORT_SCHEDULE = 'cron(0 17 31 10 ? *)';

/**
 * The October report's schedule: OCTOBER_REPORT_SCHEDULE when set at synth time (an EventBridge Scheduler
 * `cron(…)`, `rate(…)` or `at(…)` expression, read in Asia/Ho_Chi_Minh), else the default.
 */
export function octoberReportSchedule(env: Record<string, string | undefined> = process.env): string {
  const value = env[ENV.octoberReportSchedule]?.trim();
  if (!value) return DEFAULT_OCTOBER_REPORT_SCHEDULE;
  if (
    !/^(cron\((\S+ ){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/.test(
      value,
    )
  ) {
    throw new Error(`OCTOBER_REPORT_SCHEDULE is not a schedule expression: ${value}`);
  }
  return value;
}

// Year end (issue 6): evaluations (R11, R17, R18), the workplace's side (R19–R21), the October report (R22).
const YEAR_END_ROUTES: readonly HttpRouteDef[] = [
  {
    name: 'list-evaluations',
    group: 'year-end',
    method: 'GET',
    path: '/committees/{id}/evaluations/{year}',
    entry: 'functions/http/list-evaluations.ts',
    auth: true,
    grants: ['table:read'],
  },
  {
    name: 'get-evaluation',
    group: 'year-end',
    method: 'GET',
    path: '/committees/{id}/evaluations/{year}/{memberId}',
    entry: 'functions/http/get-evaluation.ts',
    auth: true,
    grants: ['table:read'],
  },
  {
    name: 'save-evaluation-draft',
    group: 'year-end',
    method: 'PUT',
    path: '/committees/{id}/evaluations/{year}/{memberId}',
    entry: 'functions/http/save-evaluation-draft.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'record-consultation',
    group: 'year-end',
    method: 'POST',
    path: '/committees/{id}/evaluations/{year}/{memberId}/consultation',
    entry: 'functions/http/record-consultation.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'submit-evaluation',
    group: 'year-end',
    method: 'POST',
    path: '/committees/{id}/evaluations/{year}/{memberId}/submit',
    entry: 'functions/http/submit-evaluation.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'record-front-consultation',
    group: 'year-end',
    method: 'POST',
    path: '/committees/{id}/evaluations/{year}/{memberId}/front-consultation',
    entry: 'functions/http/record-front-consultation.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'sign-evaluation-for-cell',
    group: 'year-end',
    method: 'POST',
    path: '/committees/{id}/evaluations/{year}/{memberId}/cell-signature',
    entry: 'functions/http/sign-evaluation-for-cell.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'record-comment-request',
    group: 'year-end',
    method: 'POST',
    path: '/committees/{id}/evaluations/{year}/{memberId}/comment-request',
    entry: 'functions/http/record-comment-request.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'workplace-year-end',
    group: 'year-end',
    method: 'GET',
    path: '/workplaces/{id}/year-end/{year}',
    entry: 'functions/http/workplace-year-end.ts',
    auth: true,
    grants: ['table:read'],
  },
  {
    name: 'submit-self-report',
    group: 'year-end',
    method: 'PUT',
    path: '/members/{id}/self-reports/{year}',
    entry: 'functions/http/submit-self-report.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'record-direct-collection',
    group: 'year-end',
    method: 'POST',
    path: '/members/{id}/direct-collections/{year}',
    entry: 'functions/http/record-direct-collection.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'compile-report',
    group: 'reports',
    method: 'POST',
    path: '/committees/{id}/reports/{year}',
    entry: 'functions/http/compile-report.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'put-report-narrative',
    group: 'reports',
    method: 'PUT',
    path: '/committees/{id}/reports/{year}/narrative',
    entry: 'functions/http/put-report-narrative.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'get-report-narrative',
    group: 'reports',
    method: 'GET',
    path: '/committees/{id}/reports/{year}/narrative',
    entry: 'functions/http/get-report-narrative.ts',
    auth: true,
    grants: ['table:read'],
  },
  {
    // Also serves `/committees/{id}/reports/{year}.xlsx` and `.pdf`: `{year}` is the whole segment.
    name: 'get-report',
    group: 'documents-pdf',
    method: 'GET',
    path: '/committees/{id}/reports/{year}',
    entry: 'functions/http/get-report.ts',
    auth: true,
    grants: ['table:read'],
    // Renders the report as PDF: the fonts ship beside the bundle.
    needsFonts: true,
  },
  // Issue 17: the comment sheet printed, one member's or a hamlet's; renders PDFs (the fonts ship beside).
  {
    ...route(
      'evaluation-sheet-pdf',
      'GET',
      '/committees/{id}/evaluations/{year}/{memberId}/sheet.pdf',
      READ,
      'documents-pdf',
    ),
    needsFonts: true,
  },
  {
    ...route(
      'evaluation-hamlet-sheets-pdf',
      'GET',
      '/committees/{id}/evaluations/{year}/hamlets/{hamletId}/sheets.pdf',
      READ,
      'documents-pdf',
    ),
    needsFonts: true,
  },
];

/** The bot and what it drives (issue 4): the Telegram webhook, link codes, planning, invitations. */
const BOT_ROUTES: readonly HttpRouteDef[] = [
  {
    name: 'telegram-webhook',
    group: 'telegram-webhook',
    method: 'POST',
    path: '/telegram/webhook',
    entry: 'bot/lambda/telegram-webhook.ts',
    // Authenticated by Telegram's X-Telegram-Bot-Api-Secret-Token header, not by a JWT.
    auth: false,
    // /moi enqueues the invitation job on SQS (locally it runs in-process).
    grants: ['table:read', 'table:write', 'invitation-queue:send', 'bot-secrets:read', 'zalo-secrets:read'],
    bot: true,
    // /ky sends the sealed minutes (.pdf): the fonts ship beside the bundle (/baocao's files are the worker's in
    // AWS; on one machine the in-process queue draws them with the webhook's renderer).
    needsFonts: true,
  },
  {
    name: 'zalo-webhook',
    group: 'zalo-webhook',
    method: 'POST',
    path: '/zalo/webhook',
    entry: 'bot/lambda/zalo-webhook.ts',
    // Authenticated by Zalo's X-ZEvent-Signature (SHA-256 with the OA secret key), not by a JWT.
    auth: false,
    // The same features as the Telegram webhook (one implementation): /moi enqueues invitations, a notice may
    // go to a Telegram chat (bot-secrets:read) and the sealed minutes and reports are rendered here.
    grants: ['table:read', 'table:write', 'invitation-queue:send', 'bot-secrets:read', 'zalo-secrets:read'],
    bot: true,
    needsFonts: true,
  },
  route('create-member-link-code', 'POST', '/members/{id}/link-codes', READ_WRITE, 'link-codes'),
  route('create-staff-link-code', 'POST', '/staff/{id}/link-codes', READ_WRITE, 'link-codes'),
  // Issue 18: a waiting link decided by staff, and the administrator's unlink; both tell the chats concerned.
  {
    ...route(
      'link-request-decide',
      'POST',
      '/link-requests/{id}/decision',
      ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read'],
      'link-codes',
    ),
    bot: true,
  },
  // Members' deletion requests (issue 18): seen and completed by the ward's heads; completing tells the member.
  route('deletion-requests-list', 'GET', '/committees/{id}/deletion-requests', READ, 'link-codes'),
  {
    ...route(
      'deletion-request-complete',
      'POST',
      '/committees/{id}/deletion-requests/{memberId}/complete',
      ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read'],
      'link-codes',
    ),
    bot: true,
  },
  {
    ...route(
      'admin-chat-links-unlink',
      'DELETE',
      '/chat-links/{kind}/{id}',
      ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read'],
      'link-codes',
    ),
    bot: true,
  },
  route('plan-meeting', 'POST', '/committees/{id}/meetings', READ_WRITE, 'meeting-planning'),
  {
    // The final report (the members to print for) goes to the staff's linked chat, hence the bot token.
    ...route(
      'send-invitations',
      'POST',
      '/meetings/{id}/invitations',
      ['table:read', 'table:write', 'invitation-queue:send', 'bot-secrets:read', 'zalo-secrets:read'],
      'meeting-planning',
    ),
    bot: true,
  },
  // Issue 16: moving or calling off a meeting tells every invitee at once (chats, ZNS, SMS); an answer staff
  // record for a member is told to the member's chat.
  ...(['meeting-reschedule', 'meeting-cancel'] as const).map((name) => ({
    ...route(
      name,
      'POST',
      `/meetings/{id}/${name === 'meeting-reschedule' ? 'reschedule' : 'cancel'}`,
      ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read', 'sms:publish'],
      'meeting-planning',
    ),
    bot: true,
  })),
  {
    ...route(
      'meeting-answer-on-behalf',
      'PUT',
      '/meetings/{id}/rsvp/{memberId}',
      ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read'],
      'meeting-planning',
    ),
    bot: true,
  },
];

export const HTTP_ROUTES: readonly HttpRouteDef[] = [
  ...BOT_ROUTES,
  ...INTRODUCTION_ROUTES,
  ...MEETING_RECORD_ROUTES,
  ...ADMINISTRATION_ROUTES,
  ...YEAR_END_ROUTES,
];

export const BACKGROUND_FUNCTIONS: readonly BackgroundFunctionDef[] = [
  {
    name: 'invitation-worker',
    entry: 'functions/invitation-worker.ts',
    // The throttler counts per process: the stack runs two workers at most and gives each half of Telegram's
    // 30 messages a second (TELEGRAM_GLOBAL_PER_SECOND=15, infra/constructs/app-functions.ts).
    trigger: { kind: 'queue', queue: 'invitations' },
    // A recipient may be on Zalo: every function that sends notices reads the OA's secrets (zalo-secrets:read).
    // A round's preparation queues one delivery task per member on this same queue (invitation-queue:send):
    // without it the deliveries would run inside the preparing invocation, cut off when it returns.
    grants: [
      'table:read',
      'table:write',
      'invitation-queue:send',
      'bot-secrets:read',
      'zalo-secrets:read',
      'sms:publish',
    ],
    bot: true,
    // A report asked for in a chat (/baocao) is drawn here (.xlsx, .pdf): the fonts ship beside the bundle.
    needsFonts: true,
    description:
      'Delivers one invitation per queued member (Telegram, else SMS), imports, meeting changes and chat reports',
  },
  {
    name: 'outbox-relay',
    entry: 'functions/outbox-relay.ts',
    trigger: { kind: 'table-stream' },
    grants: ['table:write', 'topic:publish'],
    description: 'Publishes new outbox events from the table stream to the SNS topic and marks them sent',
  },
  {
    name: 'notifier',
    entry: 'functions/notifier.ts',
    trigger: { kind: 'topic' },
    grants: ['table:read', 'table:write', 'bot-secrets:read', 'zalo-secrets:read'],
    bot: true,
    // On MinutesSigned it renders the sealed minutes (PDF) for the two signers: the fonts ship beside it.
    needsFonts: true,
    description:
      'Turns events into chat notices: absence reasons to the workplace (R9), decisions to the member, the sealed minutes (R16) to their signers',
  },
  {
    name: 'reminders',
    entry: 'functions/jobs/reminders.ts',
    // 08:00 every day, Asia/Ho_Chi_Minh (the scheduler's time zone). Dispatches; the job worker sends.
    trigger: { kind: 'schedule', expression: 'cron(0 8 * * ? *)' },
    grants: ['table:read', 'table:write', 'job-queue:send'],
    // In-process (no queue) it sends the reminders itself, through the bot.
    bot: true,
    description:
      'Reminders 3 days (no answer yet) and 1 day (attending) before each meeting, and staff summaries: one task per committee',
  },
  {
    name: 'absence-notices',
    entry: 'functions/jobs/absence-notices.ts',
    // 20:00 every day, Vietnam time: the meetings of the last 7 days (today's wait for sealing or tomorrow).
    trigger: { kind: 'schedule', expression: 'cron(0 20 * * ? *)' },
    grants: ['table:read', 'table:write', 'job-queue:send'],
    description:
      'R10: notify workplaces of members absent without notice, once per member and meeting: one task per committee',
  },
  {
    name: 'october-report',
    entry: 'functions/jobs/october-report.ts',
    trigger: { kind: 'schedule', expression: octoberReportSchedule() },
    grants: ['table:read', 'table:write', 'job-queue:send'],
    description:
      'R22: compile the October report of every residence committee (one task each), then roll up every top-level board',
  },
  {
    name: 'retention',
    entry: 'functions/jobs/retention.ts',
    // 03:00 every day, Vietnam time (the quietest hour): a keeping time ends on a day (docs/privacy.md).
    trigger: { kind: 'schedule', expression: 'cron(0 3 * * ? *)' },
    grants: ['table:read', 'table:write', 'job-queue:send'],
    description:
      'Storage limitation (Law 91/2025): removes absence reasons’ free text and anonymises members whose contact ended, one task per residence committee',
  },
  {
    name: 'deadlines',
    entry: 'functions/jobs/deadlines.ts',
    // 09:00 every day, Vietnam time: the rounds due (a week before, the day before, once after) of the
    // year-end comments (R17) and self-reports (R19). Dispatches; the job worker sends.
    trigger: { kind: 'schedule', expression: 'cron(0 9 * * ? *)' },
    grants: ['table:read', 'table:write', 'job-queue:send'],
    // In-process (no queue) it sends the reminders itself, through the bot.
    bot: true,
    description:
      'R17, R19: reminds residence staff of comments still to write and members of their self-report, before and after the deadline: one task per committee',
  },
  {
    name: 'job-worker',
    entry: 'functions/job-worker.ts',
    // One committee per task; the one that completes a run queues its roll-ups (job-queue:send); reminders go
    // out through the bot.
    trigger: { kind: 'queue', queue: 'jobs' },
    grants: ['table:read', 'table:write', 'job-queue:send', 'bot-secrets:read', 'zalo-secrets:read'],
    bot: true,
    description:
      'Does one committee’s share of a scheduled job (reminders, R10 notices, the October report, retention, deadlines) exactly once',
  },
  {
    name: 'outbox-sweep',
    entry: 'functions/outbox-sweep.ts',
    trigger: { kind: 'schedule', expression: 'rate(5 minutes)' },
    grants: ['table:read', 'table:write', 'topic:publish'],
    awsOnly: true,
    description:
      'Publishes outbox events still pending 5 minutes after they occurred (a stream batch given up on), once each',
  },
  {
    name: 'pre-token-generation',
    entry: 'functions/identity/pre-token-generation.ts',
    // The staff user pool's trigger (AWS only): the local stack signs its own tokens.
    trigger: { kind: 'cognito', event: 'pre-token-generation' },
    grants: ['table:read'],
    description:
      'Staff sign-in: puts the staff assignment (staffId, orgId, role) into the tokens, or refuses',
  },
];
