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
  /** True when the function renders PDFs: the DejaVu fonts are shipped beside its bundle (see `FONTS_DIR`). */
  needsFonts?: boolean;
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
  /** True when the function renders PDFs: the DejaVu fonts are shipped beside its bundle (see `FONTS_DIR`). */
  needsFonts?: boolean;
  /** `npm run job -- <name>` fires a scheduled one locally. */
  description: string;
}

export const HTTP_ROUTES: readonly HttpRouteDef[] = [];

export const BACKGROUND_FUNCTIONS: readonly BackgroundFunctionDef[] = [];
