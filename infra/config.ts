// infra: the deployment stages (dev, prod) and the names every stack derives from them.
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ENV } from '../shared/config/table.js';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** Short, so `<prefix>-<stage>-<function name>` stays within Lambda's 64-character name limit. */
export const PROJECT_PREFIX = 'lienhe';

/**
 * Who signs staff in to the HTTP API: our own Cognito user pool (infra/constructs/identity.ts), or an
 * existing OpenID Connect provider whose tokens carry the same claims.
 */
export type IdentityConfig =
  | { kind: 'cognito' }
  | { kind: 'oidc'; issuer: string; audience: string; jwksUrl: string };

export interface StageConfig {
  name: StageName;
  /** `lienhe-dev`: prefix of function names, log groups and SSM parameters. */
  prefix: string;
  /** Stack names: `LienHe-dev-Data`, `LienHe-dev-App`. */
  stackPrefix: string;
  logRetention: RetentionDays;
  /** Function log groups: kept on stack deletion in prod (audit), removed with the stack in dev. */
  logRemovalPolicy: RemovalPolicy;
  /** CloudFormation termination protection of the stateful stack. */
  terminationProtection: boolean;
  /** X-Ray active tracing on every function (off by default: it costs per trace). */
  tracing: boolean;
  /** Optional e-mail address subscribed to the alarm topic (it must confirm the subscription). */
  alarmEmail?: string;
  /** The identity provider behind the HTTP API's JWT authorizer; absent means our Cognito user pool. */
  identity?: IdentityConfig;
  /**
   * After a restore (docs/operations.md): the restored table the stacks use instead of the one the data
   * stack created, which is then left in place, retained, outside the stack.
   */
  restoredTable?: { tableName: string; tableStreamArn: string };
  /** SSM SecureString parameter names, created with the CLI before the first deploy (docs/deploy.md). */
  parameters: { botToken: string; webhookSecret: string };
  /** Deployment settings given as context (`-c reportBoardIds=a,b`), set as environment on every function. */
  settings: Record<string, string>;
}

/** Context keys that become environment variables of every function (functions that do not read them ignore them). */
export const DEPLOYMENT_SETTINGS = {
  /** The October report job compiles the trees under these boards (comma-separated ids). */
  reportBoardIds: ENV.reportBoardIds,
} as const;

export function stageConfig(
  name: StageName,
  options: {
    tracing?: boolean;
    alarmEmail?: string;
    identity?: IdentityConfig;
    restoredTable?: { tableName: string; tableStreamArn: string };
    settings?: Record<string, string>;
  } = {},
): StageConfig {
  const prefix = `${PROJECT_PREFIX}-${name}`;
  const prod = name === 'prod';
  return {
    name,
    prefix,
    stackPrefix: `LienHe-${name}`,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    terminationProtection: prod,
    tracing: options.tracing ?? false,
    ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
    identity: options.identity ?? { kind: 'cognito' },
    ...(options.restoredTable ? { restoredTable: options.restoredTable } : {}),
    parameters: {
      botToken: `/${prefix}/telegram/bot-token`,
      webhookSecret: `/${prefix}/telegram/webhook-secret`,
    },
    settings: options.settings ?? {},
  };
}

/**
 * Reads `-c stage=prod` (default dev, from cdk.json), `-c tracing=true`, `-c alarmEmail=ops@example.org`
 * and the deployment settings (`-c reportBoardIds=quan-ninh-kieu,quan-cai-rang`).
 */
export function stageFromContext(scope: Construct): StageConfig {
  const raw = String(scope.node.tryGetContext('stage') ?? 'dev');
  if (!STAGES.includes(raw as StageName)) {
    throw new Error(`Unknown stage "${raw}": use -c stage=dev or -c stage=prod`);
  }
  const tracing = scope.node.tryGetContext('tracing');
  const alarmEmail = scope.node.tryGetContext('alarmEmail');
  const restoredTableName = scope.node.tryGetContext('restoredTableName');
  const restoredTableStreamArn = scope.node.tryGetContext('restoredTableStreamArn');
  const settings: Record<string, string> = {};
  for (const [key, variable] of Object.entries(DEPLOYMENT_SETTINGS)) {
    const value = scope.node.tryGetContext(key);
    if (typeof value === 'string' && value.trim() !== '') settings[variable] = value.trim();
  }
  return stageConfig(raw as StageName, {
    tracing: tracing === true || tracing === 'true',
    ...(typeof alarmEmail === 'string' && alarmEmail !== '' ? { alarmEmail } : {}),
    ...(typeof restoredTableName === 'string' && typeof restoredTableStreamArn === 'string'
      ? { restoredTable: { tableName: restoredTableName, tableStreamArn: restoredTableStreamArn } }
      : {}),
    settings,
  });
}
