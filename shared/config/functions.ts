// config: the registry of Lambda functions — HTTP routes and background functions — read by the CDK app
// (one NodejsFunction each, with exactly the grants listed) and by the local gateway and scheduler.

/** What a function may touch; the CDK stack turns each into one resource-scoped IAM grant. */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'topic:publish'
  | 'invitation-queue:send'
  | 'bot-secrets:read'
  | 'sms:publish';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRouteDef {
  /** Function name (also the log group's suffix): kebab-case, unique. */
  name: string;
  method: HttpMethod;
  /** API Gateway path syntax, e.g. `/introductions/{id}/receive`. */
  path: string;
  /** Handler file relative to the repository root; it exports `handler`. */
  entry: string;
  /** False only for the Telegram webhook (it authenticates with its secret token instead of a JWT). */
  auth: boolean;
  grants: readonly Grant[];
  /** True when the bundle includes grammY (the bot), which allows a larger bundle. */
  bot?: boolean;
}

export type Trigger =
  /** EventBridge Scheduler, in Asia/Ho_Chi_Minh. */
  | { kind: 'schedule'; expression: string }
  /** SQS queue → Lambda with partial batch responses. */
  | { kind: 'queue'; queue: 'invitations' }
  /** DynamoDB stream → Lambda (the outbox relay). */
  | { kind: 'table-stream' }
  /** SNS topic subscription. */
  | { kind: 'topic' };

export interface BackgroundFunctionDef {
  name: string;
  entry: string;
  trigger: Trigger;
  grants: readonly Grant[];
  bot?: boolean;
  /** `npm run job -- <name>` fires a scheduled one locally. */
  description: string;
}

export const HTTP_ROUTES: readonly HttpRouteDef[] = [
  {
    name: 'telegram-webhook',
    method: 'POST',
    path: '/telegram/webhook',
    entry: 'functions/telegram-webhook.ts',
    // Authenticated by Telegram's X-Telegram-Bot-Api-Secret-Token header, not by a JWT.
    auth: false,
    // Locally the invitation job runs in-process; in AWS /moi enqueues it on SQS.
    grants: ['table:read', 'table:write', 'invitation-queue:send', 'bot-secrets:read'],
    bot: true,
  },
  {
    name: 'create-member-link-code',
    method: 'POST',
    path: '/members/{id}/link-codes',
    entry: 'functions/http/create-member-link-code.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'create-staff-link-code',
    method: 'POST',
    path: '/staff/{id}/link-codes',
    entry: 'functions/http/create-staff-link-code.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'plan-meeting',
    method: 'POST',
    path: '/committees/{id}/meetings',
    entry: 'functions/http/plan-meeting.ts',
    auth: true,
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'send-invitations',
    method: 'POST',
    path: '/meetings/{id}/invitations',
    entry: 'functions/http/send-invitations.ts',
    auth: true,
    // The final report goes to the staff's linked chat, hence the bot token.
    grants: ['table:read', 'table:write', 'invitation-queue:send', 'bot-secrets:read'],
    bot: true,
  },
];

export const BACKGROUND_FUNCTIONS: readonly BackgroundFunctionDef[] = [
  {
    name: 'invitation-worker',
    entry: 'functions/invitation-worker.ts',
    // Give it a concurrency of one (or divide TELEGRAM_GLOBAL_PER_SECOND): the throttler counts per process.
    trigger: { kind: 'queue', queue: 'invitations' },
    grants: ['table:read', 'table:write', 'bot-secrets:read', 'sms:publish'],
    bot: true,
    description:
      'Delivers one invitation per queued member (Telegram, else SMS) and reports progress to the staff',
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
    grants: ['table:read', 'table:write', 'bot-secrets:read'],
    bot: true,
    description:
      'Turns events into chat notices: absence reasons to the workplace (R9), decisions to the member',
  },
  {
    name: 'reminders',
    entry: 'functions/jobs/reminders.ts',
    // 08:00 every day, Asia/Ho_Chi_Minh (the scheduler's time zone).
    trigger: { kind: 'schedule', expression: 'cron(0 8 * * ? *)' },
    grants: ['table:read', 'table:write', 'bot-secrets:read'],
    bot: true,
    description:
      'Reminders 3 days (no answer yet) and 1 day (attending) before each meeting, and staff summaries',
  },
];
