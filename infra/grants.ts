// infra: the one mapping from a registry grant (shared/config/functions.ts) to IAM statements, environment
// variables and the cdk-nag acknowledgements it needs. Every statement names its resources; no action has
// a wildcard. Each statement carries a Sid, which also keeps @aws-cdk/aws-iam:minimizePolicies from
// merging it with another, so a role's policy reads as its registry entry.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { Grant } from '../shared/config/functions.js';
import { ENV, GSI } from '../shared/config/table.js';
import { nagResource } from './nag.js';

export interface GrantResources {
  scope: IConstruct;
  table: ITableV2;
  topic: ITopic;
  topicKey: IKey;
  invitationQueue: IQueue;
  /** The scheduled jobs' queue (one task per committee). */
  jobQueue: IQueue;
  /** SSM SecureString parameter names (created with the CLI; CDK cannot create SecureStrings). */
  botTokenParameter: string;
  webhookSecretParameter: string;
  /** The staff's Cognito user pool; absent when the stage signs in through another OIDC provider. */
  userPool?: IUserPool;
  /** The Zalo OA's ids and SecureString names; absent on a Telegram-only stage. */
  zalo?: {
    appId: string;
    oaId: string;
    parameters: { appSecret: string; oaSecretKey: string };
    /** The month's free proactive messages and the approved ZNS template ids (stage settings). */
    proactiveFreePerMonth: number;
    znsTemplates?: { invitation?: string; reminder?: string };
  };
}

export interface GrantEffect {
  statements: PolicyStatement[];
  environment: Record<string, string>;
  /** cdk-nag findings this grant causes on the role's policy, with the reason each is acceptable. */
  acknowledgements: { id: string; reason: string }[];
}

export const TABLE_READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
] as const;

/** TransactWriteItems has no action of its own: IAM checks each item's Put/Update/Delete/ConditionCheck. */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
] as const;

/** What the staff administration may do to sign-ins: no ListUsers, no pool settings, no other pool. */
export const USER_POOL_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminUpdateUserAttributes',
] as const;

/** The ARN of a parameter whose name starts with a slash, e.g. `/lienhe-dev/telegram/bot-token`. */
export function parameterArn(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'ssm',
    resource: 'parameter',
    resourceName: name.replace(/^\//, ''),
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** Any KMS key of the account: the resource of the SecureString decrypt statements (narrowed by conditions). */
function ssmKeyArn(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
}

/** The table and each of its indexes by name (no `index/*`). */
export function tableResources(table: ITableV2): string[] {
  return [table.tableArn, ...Object.values(GSI).map((index) => `${table.tableArn}/index/${index.name}`)];
}

const NOTHING: GrantEffect = { statements: [], environment: {}, acknowledgements: [] };

/** A grant of one statement, with the environment that tells the function where its resources are. */
function allow(
  sid: string,
  actions: readonly string[],
  resources: string[],
  environment: Record<string, string>,
  acknowledgements: GrantEffect['acknowledgements'] = [],
): GrantEffect {
  return {
    statements: [new PolicyStatement({ sid, actions: [...actions], resources })],
    environment,
    acknowledgements,
  };
}

/**
 * Reading SecureString parameters (`<sid>Read`) and decrypting them (`<sid>Decrypt`). SecureStrings are encrypted
 * with the AWS managed key alias/aws/ssm, whose key id is not known at synthesis: an IAM policy cannot name a key
 * by alias, so the resource is "any key of this account", narrowed by conditions to that alias and to calls made
 * through SSM. Each grant that reads secrets carries its own decrypt statement, so that it stands on its own
 * whatever else the function lists.
 */
function secureStringsRead(
  r: GrantResources,
  sid: string,
  parameters: readonly string[],
  environment: Record<string, string>,
  /** Whose parameters, in the acknowledgement's reason ('' for the bot's, 'Zalo ' for the OA's). */
  whose: string,
): GrantEffect {
  const anyKey = ssmKeyArn(r.scope);
  return {
    statements: [
      new PolicyStatement({
        sid: `${sid}Read`,
        actions: ['ssm:GetParameter'],
        resources: parameters.map((name) => parameterArn(r.scope, name)),
      }),
      new PolicyStatement({
        sid: `${sid}Decrypt`,
        actions: ['kms:Decrypt'],
        resources: [anyKey],
        conditions: {
          StringEquals: { 'kms:ViaService': `ssm.${Stack.of(r.scope).region}.amazonaws.com` },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/ssm' },
        },
      }),
    ],
    environment,
    acknowledgements: [
      {
        // The finding names the region and account as the stack knows them: tokens when synthesised without
        // an environment, the concrete values when `npm run synth` has credentials.
        id: `AwsSolutions-IAM5[Resource::${nagResource(r.scope, anyKey)}]`,
        reason:
          `kms:Decrypt for the ${whose}SSM SecureString parameters: the AWS managed key alias/aws/ssm has no ` +
          'ARN known at synthesis, so the statement names any key of this account and is restricted by ' +
          'conditions to kms:ResourceAliases = alias/aws/ssm and kms:ViaService = ssm.<region>.',
      },
    ],
  };
}

export const GRANTS: Record<Grant, (r: GrantResources) => GrantEffect> = {
  'table:read': (r) =>
    allow('TableRead', TABLE_READ_ACTIONS, tableResources(r.table), { [ENV.tableName]: r.table.tableName }),

  // Writes apply to the base table only (indexes are maintained by DynamoDB).
  'table:write': (r) =>
    allow('TableWrite', TABLE_WRITE_ACTIONS, [r.table.tableArn], { [ENV.tableName]: r.table.tableName }),

  'topic:publish': (r) => ({
    statements: [
      new PolicyStatement({ sid: 'TopicPublish', actions: ['sns:Publish'], resources: [r.topic.topicArn] }),
      // SNS encrypts the message with a data key from the topic's key, on the publisher's behalf.
      new PolicyStatement({
        sid: 'TopicKeyUse',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [r.topicKey.keyArn],
      }),
    ],
    environment: { [ENV.topicArn]: r.topic.topicArn },
    acknowledgements: [],
  }),

  // The queue uses SSE-SQS (SQS-owned keys), so senders need no kms permission.
  'invitation-queue:send': (r) =>
    allow('InvitationQueueSend', ['sqs:SendMessage'], [r.invitationQueue.queueArn], {
      [ENV.invitationQueueUrl]: r.invitationQueue.queueUrl,
    }),

  // The dispatchers queue one task per committee; the worker that completes a run queues its roll-ups.
  'job-queue:send': (r) =>
    allow('JobQueueSend', ['sqs:SendMessage'], [r.jobQueue.queueArn], {
      [ENV.jobQueueUrl]: r.jobQueue.queueUrl,
    }),

  'bot-secrets:read': (r) =>
    secureStringsRead(
      r,
      'BotSecrets',
      [r.botTokenParameter, r.webhookSecretParameter],
      {
        [ENV.botTokenParameter]: r.botTokenParameter,
        [ENV.webhookSecretParameter]: r.webhookSecretParameter,
      },
      '',
    ),

  // The Zalo OA's two secrets, and the ids the channel needs (functions/zalo-deps.ts reads them at first use).
  // The rotating token pair is an item of the table: table:read/table:write already cover it. Without a
  // `zalo` settings block the grant gives nothing, so a Telegram-only stage has no Zalo permission anywhere.
  'zalo-secrets:read': (r) =>
    r.zalo
      ? secureStringsRead(
          r,
          'ZaloSecrets',
          [r.zalo.parameters.appSecret, r.zalo.parameters.oaSecretKey],
          {
            [ENV.zaloAppId]: r.zalo.appId,
            [ENV.zaloOaId]: r.zalo.oaId,
            [ENV.zaloAppSecretParameter]: r.zalo.parameters.appSecret,
            [ENV.zaloOaSecretKeyParameter]: r.zalo.parameters.oaSecretKey,
            [ENV.zaloProactiveFreePerMonth]: String(r.zalo.proactiveFreePerMonth),
            ...(r.zalo.znsTemplates?.invitation
              ? { [ENV.zaloZnsTemplateInvitation]: r.zalo.znsTemplates.invitation }
              : {}),
            ...(r.zalo.znsTemplates?.reminder
              ? { [ENV.zaloZnsTemplateReminder]: r.zalo.znsTemplates.reminder }
              : {}),
          },
          'Zalo ',
        )
      : NOTHING,

  // Only the administrator's calls on the one pool; without a pool (an OIDC stage) the grant gives nothing.
  'user-pool:admin': (r) =>
    r.userPool
      ? allow('UserPoolAdmin', USER_POOL_ADMIN_ACTIONS, [r.userPool.userPoolArn], {
          [ENV.userPoolId]: r.userPool.userPoolId,
        })
      : NOTHING,

  'sms:publish': () =>
    allow('SmsPublish', ['sns:Publish'], ['*'], {}, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'SMS: sns:Publish to a phone number has no resource ARN to name, so IAM only accepts "*" for it. ' +
          'This is the one wildcard resource in the app, granted only to functions listing sms:publish.',
      },
    ]),
};

/** The statements, environment and acknowledgements of a registry entry's grants, in registry order. */
export function resolveGrants(grants: readonly Grant[], resources: GrantResources): GrantEffect {
  const effects = [...new Set(grants)].map((grant) => GRANTS[grant](resources));
  return {
    statements: effects.flatMap((e) => e.statements),
    environment: Object.assign({}, ...effects.map((e) => e.environment)),
    acknowledgements: effects.flatMap((e) => e.acknowledgements),
  };
}
