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
/** Writes read first (conditional writes, replays); events go through the outbox, so no topic grant. */
const READ_WRITE: readonly Grant[] = ['table:read', 'table:write'];

export const HTTP_ROUTES: readonly HttpRouteDef[] = [
  // Introductions and the contact book (issue 3, R1–R7); see docs/api.md.
  {
    name: 'introductions-create',
    method: 'POST',
    path: '/introductions',
    entry: 'functions/http/introductions-create.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    name: 'introductions-import',
    method: 'POST',
    path: '/introductions/import',
    entry: 'functions/http/introductions-import.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    name: 'introductions-receive',
    method: 'POST',
    path: '/introductions/{id}/receive',
    entry: 'functions/http/introductions-receive.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    name: 'introductions-end',
    method: 'POST',
    path: '/introductions/{id}/end',
    entry: 'functions/http/introductions-end.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    // Needs the DejaVu fonts copied next to the bundle (fonts/DejaVuSans*.ttf): see shared/adapters/documents/fonts.ts.
    name: 'introductions-letter',
    method: 'GET',
    path: '/introductions/{id}/letter.pdf',
    entry: 'functions/http/introductions-letter.ts',
    auth: true,
    grants: READ,
  },
  {
    name: 'members-travel-notices',
    method: 'POST',
    path: '/members/{id}/travel-notices',
    entry: 'functions/http/members-travel-notices.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    name: 'members-exemptions',
    method: 'POST',
    path: '/members/{id}/exemptions',
    entry: 'functions/http/members-exemptions.ts',
    auth: true,
    grants: READ_WRITE,
  },
  {
    name: 'members-contact-book',
    method: 'GET',
    path: '/members/{id}/contact-book',
    entry: 'functions/http/members-contact-book.ts',
    auth: true,
    grants: READ,
  },
  {
    name: 'committees-members',
    method: 'GET',
    path: '/committees/{id}/members',
    entry: 'functions/http/committees-members.ts',
    auth: true,
    grants: READ,
  },
];

export const BACKGROUND_FUNCTIONS: readonly BackgroundFunctionDef[] = [];
