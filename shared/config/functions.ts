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

const READ: readonly Grant[] = ['table:read'];
/** Writes go through the outbox in the same transaction, so no function here publishes to the topic. */
const READ_WRITE: readonly Grant[] = ['table:read', 'table:write'];

/** A JWT-authenticated route whose handler is `functions/http/<name>.ts`. */
function route(name: string, method: HttpMethod, path: string, grants: readonly Grant[]): HttpRouteDef {
  return { name, method, path, entry: `functions/http/${name}.ts`, auth: true, grants };
}

/** The meeting itself (issue 5): attendance, minutes, comments, R10 notices. */
const MEETING_RECORD_ROUTES: readonly HttpRouteDef[] = [
  route('meeting-attendance-get', 'GET', '/meetings/{id}/attendance', READ),
  route('meeting-attendance-open', 'POST', '/meetings/{id}/attendance/open', READ_WRITE),
  route('meeting-attendance-set', 'PUT', '/meetings/{id}/attendance/{memberId}', READ_WRITE),
  route('meeting-minutes-get', 'GET', '/meetings/{id}/minutes', READ),
  route('meeting-minutes-part-put', 'PUT', '/meetings/{id}/minutes/{part}', READ_WRITE),
  route('meeting-minutes-sign', 'POST', '/meetings/{id}/minutes/sign', READ_WRITE),
  route('meeting-minutes-addendum', 'POST', '/meetings/{id}/minutes/addenda', READ_WRITE),
  route('meeting-minutes-pdf', 'GET', '/meetings/{id}/minutes.pdf', READ),
  route('meeting-comment-raise', 'POST', '/meetings/{id}/comments', READ_WRITE),
  route('meeting-comment-answer', 'POST', '/meetings/{id}/comments/{commentId}/answer', READ_WRITE),
  route('absence-notice-ack', 'POST', '/meetings/{id}/absence-notices/{memberId}/ack', READ_WRITE),
  route('absence-notices-pending', 'GET', '/absence-notices', READ),
];

export const HTTP_ROUTES: readonly HttpRouteDef[] = [...MEETING_RECORD_ROUTES];

export const BACKGROUND_FUNCTIONS: readonly BackgroundFunctionDef[] = [
  {
    name: 'absence-notices',
    entry: 'functions/jobs/absence-notices.ts',
    // 20:00 every day, Vietnam time: the meetings of the last 7 days (today's wait for sealing or tomorrow).
    trigger: { kind: 'schedule', expression: 'cron(0 20 * * ? *)' },
    grants: READ_WRITE,
    description: 'R10: notify workplaces of members absent without notice, once per member and meeting',
  },
];
