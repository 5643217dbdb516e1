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
  [ENV.reportBoardIds]: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    ),
});

export interface AppConfig {
  tableName: string;
  dynamoEndpoint?: string;
  topicArn?: string;
  jwt: { issuer: string; audience: string; secret?: string; jwksUrl?: string };
  region: string;
  /** The Cognito user pool of staff sign-in (AWS only). */
  userPoolId?: string;
  /** Top-level boards whose committees the October report job compiles (REPORT_BOARD_IDS). */
  reportBoardIds?: string[];
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
    ...(parsed[ENV.userPoolId] ? { userPoolId: parsed[ENV.userPoolId] } : {}),
    ...(parsed[ENV.reportBoardIds].length > 0 ? { reportBoardIds: parsed[ENV.reportBoardIds] } : {}),
  };
}
