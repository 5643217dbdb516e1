// config: the functions' environment, parsed by zod once per cold start. The schema has the config's own shape,
// so its type is inferred from it; loadConfig only says which variable feeds which field.
import * as z from 'zod';
import { fromEnv, parseSettings, type Sources } from './settings.js';
import { DEFAULT_TABLE_NAME, ENV } from './table.js';

const appConfigSchema = z.object({
  tableName: z.string().min(3).default(DEFAULT_TABLE_NAME),
  dynamoEndpoint: z.url().optional(),
  topicArn: z.string().optional(),
  jwt: z.object({
    issuer: z.string().default('lien-he-noi-cu-tru'),
    audience: z.string().default('lien-he-api'),
    secret: z.string().min(32).optional(),
    jwksUrl: z.url().optional(),
  }),
  region: z.string().default('ap-southeast-1'),
  /** The logs' service and the metrics' `service` dimension (POWERTOOLS_SERVICE_NAME; `lienhe-local` when unset). */
  serviceName: z.string().min(1).optional(),
  /** The scheduled jobs' SQS queue; absent: the tasks run in the dispatcher's process (local stack, tests). */
  jobQueueUrl: z.url().optional(),
  /** The Cognito user pool of staff sign-in (AWS only). */
  userPoolId: z.string().min(1).optional(),
});

export type AppConfig = z.output<typeof appConfigSchema>;

/** The variable behind each field, so an error names what the operator sets. */
const SOURCES = {
  tableName: ENV.tableName,
  dynamoEndpoint: ENV.dynamoEndpoint,
  topicArn: ENV.topicArn,
  'jwt.issuer': ENV.jwtIssuer,
  'jwt.audience': ENV.jwtAudience,
  'jwt.secret': 'JWT_SECRET',
  'jwt.jwksUrl': 'JWT_JWKS_URL',
  region: 'AWS_REGION',
  serviceName: ENV.serviceName,
  jobQueueUrl: ENV.jobQueueUrl,
  userPoolId: ENV.userPoolId,
} as const satisfies Sources;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const from = fromEnv(env, SOURCES);
  return parseSettings(appConfigSchema, SOURCES, {
    tableName: from('tableName'),
    dynamoEndpoint: from('dynamoEndpoint'),
    topicArn: from('topicArn'),
    jwt: {
      issuer: from('jwt.issuer'),
      audience: from('jwt.audience'),
      secret: from('jwt.secret'),
      jwksUrl: from('jwt.jwksUrl'),
    },
    region: from('region'),
    serviceName: from('serviceName'),
    jobQueueUrl: from('jobQueueUrl'),
    userPoolId: from('userPoolId'),
  });
}
