// config: the functions' environment, parsed by zod once per cold start.
import * as z from 'zod';
import { DEFAULT_TABLE_NAME, ENV } from './table.js';

const envSchema = z.object({
  [ENV.tableName]: z.string().min(3).default(DEFAULT_TABLE_NAME),
  [ENV.dynamoEndpoint]: z.url().optional(),
  [ENV.topicArn]: z.string().optional(),
  [ENV.jwtIssuer]: z.string().default('lien-he-noi-cu-tru'),
  [ENV.jwtAudience]: z.string().default('lien-he-api'),
  JWT_SECRET: z.string().min(32).optional(),
  JWT_JWKS_URL: z.url().optional(),
  [ENV.userPoolId]: z.string().min(1).optional(),
  AWS_REGION: z.string().default('ap-southeast-1'),
  [ENV.serviceName]: z.string().min(1).optional(),
  [ENV.jobQueueUrl]: z.url().optional(),
});

export interface AppConfig {
  tableName: string;
  dynamoEndpoint?: string;
  topicArn?: string;
  jwt: { issuer: string; audience: string; secret?: string; jwksUrl?: string };
  region: string;
  /** The logs' service and the metrics' `service` dimension (POWERTOOLS_SERVICE_NAME; `lienhe-local` when unset). */
  serviceName?: string;
  /** The scheduled jobs' SQS queue; absent: the tasks run in the dispatcher's process (local stack, tests). */
  jobQueueUrl?: string;
  /** The Cognito user pool of staff sign-in (AWS only). */
  userPoolId?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.parse(env);
  return {
    tableName: parsed[ENV.tableName],
    ...(parsed[ENV.dynamoEndpoint] ? { dynamoEndpoint: parsed[ENV.dynamoEndpoint] } : {}),
    ...(parsed[ENV.topicArn] ? { topicArn: parsed[ENV.topicArn] } : {}),
    jwt: {
      issuer: parsed[ENV.jwtIssuer],
      audience: parsed[ENV.jwtAudience],
      ...(parsed.JWT_SECRET ? { secret: parsed.JWT_SECRET } : {}),
      ...(parsed.JWT_JWKS_URL ? { jwksUrl: parsed.JWT_JWKS_URL } : {}),
    },
    region: parsed.AWS_REGION,
    ...(parsed[ENV.serviceName] ? { serviceName: parsed[ENV.serviceName] } : {}),
    ...(parsed[ENV.jobQueueUrl] ? { jobQueueUrl: parsed[ENV.jobQueueUrl] } : {}),
    ...(parsed[ENV.userPoolId] ? { userPoolId: parsed[ENV.userPoolId] } : {}),
  };
}
