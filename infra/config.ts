// infra: the deployment stages (dev, prod) and the names every stack derives from them; the values come from
// the stage's settings file (infra/stages/<stage>.ts, schema in infra/settings.ts), never from `-c` flags.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  type IdentitySettings,
  loadStageSettings,
  type StageSettings,
  StageSettingsError,
  type ZaloSettings,
} from './settings.js';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** Short, so `<prefix>-<stage>-<function name>` stays within Lambda's 64-character name limit. */
export const PROJECT_PREFIX = 'lienhe';

/**
 * Who signs staff in to the HTTP API: our own Cognito user pool (infra/constructs/identity.ts), or an
 * existing OpenID Connect provider whose tokens carry the same claims.
 */
export type IdentityConfig = IdentitySettings;

export interface StageConfig {
  name: StageName;
  /** `lienhe-dev`: prefix of function names, log groups and SSM parameters. */
  prefix: string;
  /** Stack names: `LienHe-dev-Data`, `LienHe-dev-App`. */
  stackPrefix: string;
  /** Where the stacks go: the settings' region, and their account when pinned there. */
  region: string;
  account?: string;
  logRetentionDays: number;
  /** `logRetentionDays` as the CDK's enum (whose values are the days). */
  logRetention: RetentionDays;
  /** Function log groups: kept on stack deletion in prod (audit), removed with the stack in dev. */
  logRemovalPolicy: RemovalPolicy;
  /** CloudFormation termination protection of the stateful stack. */
  terminationProtection: boolean;
  /** X-Ray active tracing on every function (off by default: it costs per trace). */
  tracing: boolean;
  /** E-mail address subscribed to the alarm topic (it must confirm the subscription). */
  alarmEmail?: string;
  /** The bot's username: `BOT_USERNAME` of every function, for its deep links. */
  botUsername: string;
  /** Who signs the HTTP API's tokens: the stack's Cognito user pool, or the committee's OIDC provider. */
  identity: IdentitySettings;
  /** SMS fallback: the sender id shown on phones and the account's monthly spend cap. */
  sms: { senderId: string; monthlySpendLimitUsd: number };
  /**
   * After a restore (docs/operations.md): the restored table the stacks use instead of the one the data
   * stack created, which is then left in place, retained, outside the stack.
   */
  restoredTable?: { tableName: string; tableStreamArn: string };
  /** SSM SecureString parameter names, created with the CLI before the first deploy (docs/deploy.md). */
  parameters: { botToken: string; webhookSecret: string };
  /** The Zalo OA (issue 15), with its secrets' SecureString names; absent on a Telegram-only stage. */
  zalo?: ZaloStageConfig;
}

export interface ZaloStageConfig extends ZaloSettings {
  parameters: { appSecret: string; oaSecretKey: string };
}

/** The stage's Zalo SecureString names (created by the operator: docs/deploy.md, also `npm run zalo`). */
export function zaloParameterNames(name: StageName): ZaloStageConfig['parameters'] {
  const prefix = `${PROJECT_PREFIX}-${name}`;
  return { appSecret: `/${prefix}/zalo/app-secret`, oaSecretKey: `/${prefix}/zalo/oa-secret-key` };
}

/** The stage's SSM SecureString names (also read by `npm run telegram:register`). */
export function parameterNames(name: StageName): StageConfig['parameters'] {
  const prefix = `${PROJECT_PREFIX}-${name}`;
  return {
    botToken: `/${prefix}/telegram/bot-token`,
    webhookSecret: `/${prefix}/telegram/webhook-secret`,
  };
}

/** A stage from validated settings (infra/settings.ts); tests pass their own. */
export function stageConfig(name: StageName, settings: StageSettings): StageConfig {
  const prefix = `${PROJECT_PREFIX}-${name}`;
  const prod = name === 'prod';
  return {
    name,
    prefix,
    stackPrefix: `LienHe-${name}`,
    region: settings.region,
    account: settings.account || undefined,
    logRetentionDays: settings.logRetentionDays,
    logRetention: settings.logRetentionDays as RetentionDays,
    logRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    terminationProtection: prod,
    tracing: settings.tracing,
    alarmEmail: settings.alarmEmail,
    botUsername: settings.botUsername,
    identity: settings.identity,
    sms: { ...settings.sms },
    parameters: parameterNames(name),
    ...(settings.restoredTable ? { restoredTable: { ...settings.restoredTable } } : {}),
    ...(settings.zalo ? { zalo: { ...settings.zalo, parameters: zaloParameterNames(name) } } : {}),
  };
}

/**
 * Deploy settings that used to be `-c` flags. They now live in the settings file; a flag given anyway stops
 * the synthesis rather than being dropped without a word.
 */
export const RETIRED_CONTEXT_KEYS = ['alarmEmail', 'botUsername', 'reportBoardIds', 'tracing'] as const;

/** The stage named by `-c stage=prod` (default dev, from cdk.json), with its settings file's values. */
export function stageFromContext(
  scope: Construct,
  load: (stage: StageName) => StageSettings = loadStageSettings,
): StageConfig {
  const raw = String(scope.node.tryGetContext('stage') ?? 'dev');
  if (!STAGES.includes(raw as StageName)) {
    throw new StageSettingsError(`Unknown stage "${raw}": use --stage dev or --stage prod`);
  }
  const stage = raw as StageName;
  for (const key of RETIRED_CONTEXT_KEYS) {
    if (scope.node.tryGetContext(key) !== undefined) {
      throw new StageSettingsError(
        `-c ${key} is no longer read: set it in infra/stages/${stage}.ts (docs/deploy.md)`,
      );
    }
  }
  return stageConfig(stage, load(stage));
}
