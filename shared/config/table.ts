// Names shared by the storage adapters, the local stack and the CDK app (which imports only constants from here).

/** Generic key attributes of the single table; every key shape built in adapters/dynamodb/keys.ts uses these. */
export const TABLE_ATTRIBUTES = {
  pk: 'pk',
  sk: 'sk',
  gsi1pk: 'gsi1pk',
  gsi1sk: 'gsi1sk',
  gsi2pk: 'gsi2pk',
  gsi2sk: 'gsi2sk',
  gsi3pk: 'gsi3pk',
  gsi3sk: 'gsi3sk',
  ttl: 'ttl',
} as const;

/** The three overloaded global secondary indexes: each projects all attributes. */
export const GSI = {
  gsi1: { name: 'gsi1', pk: TABLE_ATTRIBUTES.gsi1pk, sk: TABLE_ATTRIBUTES.gsi1sk },
  gsi2: { name: 'gsi2', pk: TABLE_ATTRIBUTES.gsi2pk, sk: TABLE_ATTRIBUTES.gsi2sk },
  gsi3: { name: 'gsi3', pk: TABLE_ATTRIBUTES.gsi3pk, sk: TABLE_ATTRIBUTES.gsi3sk },
} as const;

export type GsiName = keyof typeof GSI;

/** Environment variable names read by the functions (parsed in config/env.ts). */
export const ENV = {
  tableName: 'TABLE_NAME',
  topicArn: 'EVENTS_TOPIC_ARN',
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  jwtIssuer: 'JWT_ISSUER',
  jwtAudience: 'JWT_AUDIENCE',
  /** The issuer's signing keys (RS256): the functions verify each token again with them. */
  jwtJwksUrl: 'JWT_JWKS_URL',
  /** The staff's Cognito user pool, for the functions that create and disable sign-ins. */
  userPoolId: 'USER_POOL_ID',
  /** Powertools: the CloudWatch namespace of our metrics (METRICS_NAMESPACE). */
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  botUsername: 'BOT_USERNAME',
  botId: 'BOT_ID',
  telegramApiRoot: 'TELEGRAM_API_ROOT',
  botTokenParameter: 'BOT_TOKEN_PARAMETER',
  webhookSecretParameter: 'WEBHOOK_SECRET_PARAMETER',
  invitationQueueUrl: 'INVITATION_QUEUE_URL',
  /** The scheduled jobs' queue (one task per committee); without it the tasks run in-process. */
  jobQueueUrl: 'JOB_QUEUE_URL',
  /** Local only: the token and webhook secret themselves (in AWS they come from the SSM parameters). */
  botToken: 'BOT_TOKEN',
  webhookSecret: 'WEBHOOK_SECRET',
  /** The throttler's limits per process (Telegram: ~30/s overall, 1/s per chat). */
  telegramGlobalPerSecond: 'TELEGRAM_GLOBAL_PER_SECOND',
  telegramPerChatPerSecond: 'TELEGRAM_PER_CHAT_PER_SECOND',
  smsSenderId: 'SMS_SENDER_ID',
  /** The Zalo OA (issue 15): its id and the app's; no Zalo channel when ZALO_APP_ID is unset. */
  zaloOaId: 'ZALO_OA_ID',
  zaloAppId: 'ZALO_APP_ID',
  /** Zalo's OpenAPI and OAuth roots: the loopback emulator locally, Zalo's own by default. */
  zaloApiRoot: 'ZALO_API_ROOT',
  zaloOauthRoot: 'ZALO_OAUTH_ROOT',
  /** Local only: the app secret (token refresh) and the OA secret key (webhook signature) themselves. */
  zaloAppSecret: 'ZALO_APP_SECRET',
  zaloOaSecretKey: 'ZALO_OA_SECRET_KEY',
  /** In AWS: the SecureString parameters holding them. */
  zaloAppSecretParameter: 'ZALO_APP_SECRET_PARAMETER',
  zaloOaSecretKeyParameter: 'ZALO_OA_SECRET_KEY_PARAMETER',
  /** ZNS (business.openapi.zalo.me): its root (the emulator locally) and the approved template ids. */
  zaloZnsRoot: 'ZALO_ZNS_ROOT',
  zaloZnsTemplateInvitation: 'ZALO_ZNS_TEMPLATE_INVITATION',
  zaloZnsTemplateReminder: 'ZALO_ZNS_TEMPLATE_REMINDER',
  /** The OA's free proactive messages a month (stage settings `zalo.proactiveFreePerMonth`). */
  zaloProactiveFreePerMonth: 'ZALO_PROACTIVE_FREE_PER_MONTH',
  /** The reply window: hours after a user's message, and free replies to it (docs/zalo.md: sources disagree). */
  zaloReplyWindowHours: 'ZALO_REPLY_WINDOW_HOURS',
  zaloFreeRepliesPerMessage: 'ZALO_FREE_REPLIES_PER_MESSAGE',
  /** The October report's schedule (EventBridge Scheduler expression, Asia/Ho_Chi_Minh), read at synth. */
  octoberReportSchedule: 'OCTOBER_REPORT_SCHEDULE',
  /** Where the PDF documents find the Tinos fonts when a bundle copies them (default: the npm package). */
  reportFontDir: 'REPORT_FONT_DIR',
  /** The stage prefix (e.g. `lienhe-prod`): the logs' `service` and the metrics' `service` dimension. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

/** The CloudWatch namespace of the application's own metrics (embedded metric format, Powertools). */
export const METRICS_NAMESPACE = 'LienHe';

export const DEFAULT_TABLE_NAME = 'lien-he-noi-cu-tru';
export { TIME_ZONE } from '../domain/dates.js';
