// infra tests: the stateless stack built from a registry — functions, exact IAM, API, triggers, alarms.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { validateRegistry } from '../../infra/stacks/app-stack.js';
import {
  BACKGROUND_FUNCTIONS,
  type BackgroundFunctionDef,
  type Grant,
  HTTP_ROUTES,
  type HttpRouteDef,
} from '../../shared/config/functions.js';
import {
  FIXTURE_BACKGROUND_FUNCTIONS,
  FIXTURE_HTTP_ROUTES,
  FIXTURE_REGISTRY,
} from '../fixtures/functions/registry.js';
import { synthStage } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DependsOn?: string[];
}

/** The registry the real app deploys (shared/config/functions.ts), checked like the fixtures. */
const realFunctions: (HttpRouteDef | BackgroundFunctionDef)[] = [...HTTP_ROUTES, ...BACKGROUND_FUNCTIONS];
const real = synthStage({ registry: { httpRoutes: HTTP_ROUTES, backgroundFunctions: BACKGROUND_FUNCTIONS } });
const dev = synthStage({
  stage: 'dev',
  botUsername: 'lienhe_test_bot',
  settings: { REPORT_BOARD_IDS: 'quan-ninh-kieu' },
});
const prod = synthStage({ stage: 'prod' });
const all: (HttpRouteDef | BackgroundFunctionDef)[] = [
  ...FIXTURE_HTTP_ROUTES,
  ...FIXTURE_BACKGROUND_FUNCTIONS,
];

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

/** The logical id of a resource found by a property value (e.g. a function by its FunctionName). */
function logicalId(template: Template, type: string, property: string, value: unknown): string {
  const found = resources(template, type).filter(
    ([, r]) => JSON.stringify(r.Properties[property]) === JSON.stringify(value),
  );
  if (found.length !== 1) throw new Error(`Expected one ${type} with ${property}=${JSON.stringify(value)}`);
  return (found[0] as [string, Resource])[0];
}

/** How the app stack refers to a value the data stack exports: `{ 'Fn::ImportValue': <export name> }`. */
function importOf(value: unknown): Json {
  const outputs = dev.dataTemplate.toJSON().Outputs as Record<
    string,
    { Value: unknown; Export?: { Name: string } }
  >;
  const output = Object.values(outputs).find(
    (o) => o.Export && JSON.stringify(o.Value) === JSON.stringify(value),
  );
  if (!output?.Export) throw new Error(`The data stack exports no ${JSON.stringify(value)}`);
  return { 'Fn::ImportValue': output.Export.Name };
}

const dataId = (type: string) => (resources(dev.dataTemplate, type)[0] as [string, Resource])[0];
const tableArn = importOf({ 'Fn::GetAtt': [dataId('AWS::DynamoDB::GlobalTable'), 'Arn'] });
const tableName = importOf({ Ref: dataId('AWS::DynamoDB::GlobalTable') });
const streamArn = importOf({ 'Fn::GetAtt': [dataId('AWS::DynamoDB::GlobalTable'), 'StreamArn'] });
const topicArn = importOf({ Ref: dataId('AWS::SNS::Topic') });
const topicKeyArn = importOf({ 'Fn::GetAtt': [dataId('AWS::KMS::Key'), 'Arn'] });
const queueIdIn = (template: Template, name: string) =>
  logicalId(template, 'AWS::SQS::Queue', 'QueueName', name);
const queueId = (name: string) => queueIdIn(dev.appTemplate, name);
const invitationQueueId = queueId('lienhe-dev-invitations');
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const arn = (service: string, resource: string) =>
  join(
    'arn:',
    { Ref: 'AWS::Partition' },
    `:${service}:`,
    { Ref: 'AWS::Region' },
    ':',
    { Ref: 'AWS::AccountId' },
    resource,
  );

/** The statements each registry grant must produce — written out here, independently of infra/grants.ts. */
const expectedByGrant = (template: Template): Record<Grant, Json[]> => ({
  // The stacks here have no user pool yet (the identity construct adds it): the grant gives nothing.
  'user-pool:admin': [],
  'table:read': [
    {
      Sid: 'TableRead',
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [
        tableArn,
        join(tableArn, '/index/gsi1'),
        join(tableArn, '/index/gsi2'),
        join(tableArn, '/index/gsi3'),
      ],
    },
  ],
  'table:write': [
    {
      Sid: 'TableWrite',
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
      Resource: tableArn,
    },
  ],
  'topic:publish': [
    { Sid: 'TopicPublish', Effect: 'Allow', Action: 'sns:Publish', Resource: topicArn },
    {
      Sid: 'TopicKeyUse',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: topicKeyArn,
    },
  ],
  'invitation-queue:send': [
    {
      Sid: 'InvitationQueueSend',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': [queueIdIn(template, 'lienhe-dev-invitations'), 'Arn'] },
    },
  ],
  'bot-secrets:read': [
    {
      Sid: 'BotSecretsRead',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: [
        arn('ssm', ':parameter/lienhe-dev/telegram/bot-token'),
        arn('ssm', ':parameter/lienhe-dev/telegram/webhook-secret'),
      ],
    },
    {
      Sid: 'BotSecretsDecrypt',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: arn('kms', ':key/*'),
      Condition: {
        StringEquals: { 'kms:ViaService': join('ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com') },
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/ssm' },
      },
    },
  ],
  'sms:publish': [{ Sid: 'SmsPublish', Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }],
});

function functionId(template: Template, name: string, prefix = 'lienhe-dev'): string {
  return logicalId(template, 'AWS::Lambda::Function', 'FunctionName', `${prefix}-${name}`);
}

function fnProps(template: Template, name: string, prefix = 'lienhe-dev'): Json {
  return (
    (template.toJSON().Resources as Record<string, Resource>)[functionId(template, name, prefix)]
      ?.Properties ?? {}
  );
}

/** Every statement of the policies attached to a role (its DefaultPolicy and any other). */
function roleStatements(template: Template, roleId: string): Json[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

function functionStatements(template: Template, name: string): Json[] {
  const role = fnProps(template, name).Role as { 'Fn::GetAtt': [string, string] };
  return roleStatements(template, role['Fn::GetAtt'][0]);
}

/** JSON with object keys in order, so two equal statements print the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Statement order means nothing to IAM: compare as sorted lists. */
const sorted = (statements: Json[]) =>
  [...statements].sort((a, b) => canonical(a).localeCompare(canonical(b)));

/** What the function's trigger adds to its role, besides the registry grants. */
function expectedTriggerStatements(template: Template, def: HttpRouteDef | BackgroundFunctionDef): Json[] {
  const logsId = logicalId(
    template,
    'AWS::Logs::LogGroup',
    'LogGroupName',
    `/aws/lambda/lienhe-dev-${def.name}`,
  );
  const logs = {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: { 'Fn::GetAtt': [logsId, 'Arn'] },
  };
  if (!('trigger' in def)) return [logs];
  const dlq = () => ({ 'Fn::GetAtt': [queueIdIn(template, `lienhe-dev-${def.name}-dlq`), 'Arn'] });
  switch (def.trigger.kind) {
    case 'topic':
    case 'schedule':
      return [logs, { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: dlq() }];
    case 'queue':
      return [
        logs,
        {
          Effect: 'Allow',
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
          ],
          Resource: { 'Fn::GetAtt': [queueIdIn(template, 'lienhe-dev-invitations'), 'Arn'] },
        },
      ];
    case 'table-stream':
      return [
        logs,
        {
          Effect: 'Allow',
          Action: [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
          Resource: streamArn,
        },
        {
          Effect: 'Allow',
          Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          Resource: dlq(),
        },
      ];
  }
}

describe('Stack: AppStack', () => {
  describe('Resource counts', () => {
    it('has one function, role, log group and pair of alarms per registry entry', () => {
      // Prepare
      const t = dev.appTemplate;
      const n = all.length;
      const schedules = FIXTURE_BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule').length;
      const streams = FIXTURE_BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'table-stream').length;
      const asyncInvoked = FIXTURE_BACKGROUND_FUNCTIONS.filter((f) =>
        ['topic', 'schedule'].includes(f.trigger.kind),
      ).length;
      // invitations + its DLQ, a DLQ per async or stream function, one for the schedules
      const queues = 2 + asyncInvoked + streams + (schedules > 0 ? 1 : 0);
      const deadLetterQueues = queues - 1;

      // Act / Assess
      t.resourceCountIs('AWS::Lambda::Function', n);
      t.resourceCountIs('AWS::IAM::Role', n + schedules);
      t.resourceCountIs('AWS::Logs::LogGroup', n + 1); // + the API access logs
      t.resourceCountIs('AWS::SQS::Queue', queues);
      t.resourceCountIs('AWS::SQS::QueuePolicy', queues);
      t.resourceCountIs('AWS::CloudWatch::Alarm', 2 * n + deadLetterQueues + streams);
      t.resourceCountIs('AWS::Scheduler::Schedule', schedules);
      t.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
      t.resourceCountIs('AWS::ApiGatewayV2::Route', FIXTURE_HTTP_ROUTES.length);
      t.resourceCountIs('AWS::ApiGatewayV2::Integration', FIXTURE_HTTP_ROUTES.length);
      t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      t.resourceCountIs('AWS::SNS::Subscription', 1);
      t.resourceCountIs('AWS::SNS::Topic', 1); // the alarm topic; the events topic lives in the data stack
      t.resourceCountIs('AWS::KMS::Key', 1);
    });

    it('for this fixture registry: 6 functions, 6 queues, 18 alarms, 1 schedule', () => {
      // Act / Assess
      dev.appTemplate.resourceCountIs('AWS::Lambda::Function', 6);
      dev.appTemplate.resourceCountIs('AWS::SQS::Queue', 6);
      dev.appTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 18);
      dev.appTemplate.resourceCountIs('AWS::Scheduler::Schedule', 1);
    });
  });

  describe('Resource: functions', () => {
    it('runs every function on nodejs24.x, arm64, ESM bundle handler, with source maps enabled', () => {
      for (const template of [dev.appTemplate, prod.appTemplate]) {
        // Act
        const functions = resources(template, 'AWS::Lambda::Function');

        // Assess
        expect(functions).toHaveLength(all.length);
        for (const [, fn] of functions) {
          expect(fn.Properties).toMatchObject({
            Runtime: 'nodejs24.x',
            Architectures: ['arm64'],
            Handler: 'index.handler',
            Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
          });
          expect(fn.Properties).not.toHaveProperty('TracingConfig');
        }
      }
    });

    it('names each function after its registry entry and logs to its own log group with the stage retention', () => {
      for (const [template, prefix, days] of [
        [dev.appTemplate, 'lienhe-dev', 14],
        [prod.appTemplate, 'lienhe-prod', 90],
      ] as const) {
        for (const def of all) {
          // Act
          const props = fnProps(template, def.name, prefix);
          const logsId = logicalId(
            template,
            'AWS::Logs::LogGroup',
            'LogGroupName',
            `/aws/lambda/${prefix}-${def.name}`,
          );

          // Assess
          expect(props.LoggingConfig).toEqual({ LogGroup: { Ref: logsId } });
          template.hasResource('AWS::Logs::LogGroup', {
            Properties: { LogGroupName: `/aws/lambda/${prefix}-${def.name}`, RetentionInDays: days },
            DeletionPolicy: prefix === 'lienhe-prod' ? 'Retain' : 'Delete',
          });
        }
      }
    });

    it('sizes functions by trigger: HTTP 10 s, queue/stream/topic 60 s, schedules 5 min with 1 GB', () => {
      // Act
      const sizing = Object.fromEntries(
        all.map((def) => {
          const p = fnProps(dev.appTemplate, def.name);
          return [def.name, [p.MemorySize, p.Timeout]];
        }),
      );

      // Assess
      expect(sizing).toEqual({
        whoami: [512, 10],
        'telegram-webhook': [512, 10],
        'invitation-worker': [512, 60],
        'outbox-relay': [512, 60],
        notifier: [512, 60],
        'october-report': [1024, 300],
      });
    });

    it('gives each function exactly the environment its grants call for', () => {
      // Prepare
      const jwt = {
        JWT_ISSUER: { Ref: 'JwtIssuer' },
        JWT_AUDIENCE: { Ref: 'JwtAudience' },
        JWT_JWKS_URL: { Ref: 'JwtJwksUrl' },
      };
      const base = { ...jwt, REPORT_BOARD_IDS: 'quan-ninh-kieu', NODE_OPTIONS: '--enable-source-maps' };
      const bot = {
        BOT_TOKEN_PARAMETER: '/lienhe-dev/telegram/bot-token',
        WEBHOOK_SECRET_PARAMETER: '/lienhe-dev/telegram/webhook-secret',
        BOT_USERNAME: 'lienhe_test_bot',
      };
      const env = (name: string) =>
        (fnProps(dev.appTemplate, name).Environment as { Variables: Json }).Variables;

      // Act / Assess
      expect(env('whoami')).toEqual({ ...base, TABLE_NAME: tableName });
      expect(env('telegram-webhook')).toEqual({ ...base, TABLE_NAME: tableName, ...bot });
      // Two workers at most (MaximumConcurrency below), each with half of Telegram's 30 messages a second
      expect(env('invitation-worker')).toEqual({
        ...base,
        TABLE_NAME: tableName,
        ...bot,
        TELEGRAM_GLOBAL_PER_SECOND: '15',
      });
      expect(env('outbox-relay')).toEqual({ ...base, TABLE_NAME: tableName, EVENTS_TOPIC_ARN: topicArn });
      expect(env('notifier')).toEqual({
        ...base,
        TABLE_NAME: tableName,
        ...bot,
        INVITATION_QUEUE_URL: { Ref: invitationQueueId },
      });
      expect(env('october-report')).toEqual({
        ...base,
        TABLE_NAME: tableName,
        EVENTS_TOPIC_ARN: topicArn,
        REPORT_FONT_DIR: '/var/task/node_modules/dejavu-fonts-ttf/ttf',
      });
    });
  });

  describe('Least privilege', () => {
    it.each(all.map((def) => [def.name, def] as const))(
      'gives %s exactly its grants and its trigger',
      (_, def) => {
        // Prepare
        const byGrant = expectedByGrant(dev.appTemplate);
        const expected = [
          ...def.grants.flatMap((g) => byGrant[g]),
          ...expectedTriggerStatements(dev.appTemplate, def),
        ];

        // Act
        const actual = functionStatements(dev.appTemplate, def.name);

        // Assess
        expect(sorted(actual)).toEqual(sorted(expected));
      },
    );

    it.each(realFunctions.map((def) => [def.name, def] as const))(
      'gives the registered %s exactly its grants and its trigger',
      (_, def) => {
        // Prepare
        const byGrant = expectedByGrant(real.appTemplate);
        const expected = [
          ...def.grants.flatMap((g) => byGrant[g]),
          ...expectedTriggerStatements(real.appTemplate, def),
        ];

        // Act
        const actual = functionStatements(real.appTemplate, def.name);

        // Assess
        expect(sorted(actual)).toEqual(sorted(expected));
      },
    );

    it('lets each schedule role invoke its one function and write to the schedules DLQ, nothing more', () => {
      // Prepare
      const roleId = logicalId(
        dev.appTemplate,
        'AWS::IAM::Role',
        'Description',
        'EventBridge Scheduler: invokes lienhe-dev-october-report only',
      );

      // Act
      const statements = roleStatements(dev.appTemplate, roleId);

      // Assess
      expect(sorted(statements)).toEqual(
        sorted([
          {
            Sid: 'InvokeTheJob',
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: { 'Fn::GetAtt': [functionId(dev.appTemplate, 'october-report'), 'Arn'] },
          },
          {
            Sid: 'DeadLetter',
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': [queueId('lienhe-dev-schedules-dlq'), 'Arn'] },
          },
        ]),
      );
      dev.appTemplate.hasResourceProperties('AWS::IAM::Role', {
        Description: 'EventBridge Scheduler: invokes lienhe-dev-october-report only',
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
      });
    });

    it('attaches no AWS managed policy and uses no wildcard action; "*" only as the SMS resource', () => {
      for (const [template, defs] of [
        [dev.appTemplate, all],
        [real.appTemplate, realFunctions],
      ] as const) {
        // Prepare
        const statements = resources(template, 'AWS::IAM::Policy').flatMap(
          ([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement,
        );

        // Act
        const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
        const starResources = statements.filter((s) => [s.Resource].flat().includes('*'));

        // Assess
        expect(actions.filter((a) => a.includes('*'))).toEqual([]);
        expect(starResources.map((s) => s.Sid)).toEqual(
          defs.filter((d) => d.grants.includes('sms:publish')).map(() => 'SmsPublish'),
        );
        for (const [, role] of resources(template, 'AWS::IAM::Role')) {
          expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
        }
      }
    });
  });

  describe('Resource: HTTP API', () => {
    it('routes every registered path, behind the JWT authorizer unless auth is false', () => {
      // Prepare
      const authorizerId = (
        resources(dev.appTemplate, 'AWS::ApiGatewayV2::Authorizer')[0] as [string, Resource]
      )[0];

      // Act / Assess
      for (const route of FIXTURE_HTTP_ROUTES) {
        dev.appTemplate.hasResourceProperties(
          'AWS::ApiGatewayV2::Route',
          route.auth
            ? {
                RouteKey: `${route.method} ${route.path}`,
                AuthorizationType: 'JWT',
                AuthorizerId: { Ref: authorizerId },
              }
            : {
                RouteKey: `${route.method} ${route.path}`,
                AuthorizationType: 'NONE',
                AuthorizerId: Match.absent(),
              },
        );
      }
      dev.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'POST /telegram/webhook',
        AuthorizationType: 'NONE',
      });
    });

    it('takes the JWT issuer and audience from stack parameters that insist on https', () => {
      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: { Ref: 'JwtIssuer' }, Audience: [{ Ref: 'JwtAudience' }] },
      });
      dev.appTemplate.hasParameter('JwtIssuer', { Type: 'String', AllowedPattern: '^https://\\S+$' });
      dev.appTemplate.hasParameter('JwtJwksUrl', { Type: 'String', AllowedPattern: '^https://\\S+$' });
      dev.appTemplate.hasParameter('JwtAudience', { Type: 'String', MinLength: 1 });
    });

    it('throttles the stage and writes access logs without personal data', () => {
      // Prepare
      const stage = (resources(dev.appTemplate, 'AWS::ApiGatewayV2::Stage')[0] as [string, Resource])[1];

      // Act
      const settings = stage.Properties.AccessLogSettings as { Format: string };
      const format = JSON.parse(settings.Format) as Record<string, string>;

      // Assess
      expect(stage.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      });
      expect(format.requestId).toBe('$context.requestId');
      expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|querystring|requestOverride|\$input/);
    });
  });

  describe('Resource: schedules', () => {
    it('runs each scheduled function in Asia/Ho_Chi_Minh with its expression, a retry policy and the DLQ', () => {
      for (const def of FIXTURE_BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule')) {
        // Prepare
        const expression = def.trigger.kind === 'schedule' ? def.trigger.expression : '';

        // Act / Assess
        dev.appTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
          ScheduleExpression: expression,
          ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
          Target: {
            Arn: { 'Fn::GetAtt': [functionId(dev.appTemplate, def.name), 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId('lienhe-dev-schedules-dlq'), 'Arn'] } },
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
            Input: JSON.stringify({
              job: def.name,
              scheduledTime: '<aws.scheduler.scheduled-time>',
              executionId: '<aws.scheduler.execution-id>',
            }),
          },
        });
      }
      expect(FIXTURE_BACKGROUND_FUNCTIONS.find((f) => f.name === 'october-report')?.trigger).toEqual({
        kind: 'schedule',
        expression: 'cron(0 7 31 10 ? *)',
      });
    });
  });

  describe('Resource: outbox relay', () => {
    it('reads the stream for new outbox items only, bisecting, reporting item failures, bounded, with a DLQ', () => {
      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: streamArn,
        FunctionName: { Ref: functionId(dev.appTemplate, 'outbox-relay') },
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 86400,
        ParallelizationFactor: 1,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [queueId('lienhe-dev-outbox-relay-dlq'), 'Arn'] } },
        },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { type: { S: ['OutboxEvent'] } } },
              }),
            },
          ],
        },
      });
    });
  });

  describe('Resource: invitation queue', () => {
    it('is encrypted, TLS-only, redrives to its DLQ after 5 receives, and feeds the worker with partial batches', () => {
      // Prepare
      const dlqId = queueId('lienhe-dev-invitations-dlq');

      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'lienhe-dev-invitations',
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 360,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
      });
      dev.appTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: invitationQueueId }],
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ],
        },
      });
      dev.appTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [invitationQueueId, 'Arn'] },
        FunctionName: { Ref: functionId(dev.appTemplate, 'invitation-worker') },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      });
    });

    it('encrypts every queue and refuses plain HTTP on each', () => {
      // Act
      const queues = resources(dev.appTemplate, 'AWS::SQS::Queue');
      const policies = resources(dev.appTemplate, 'AWS::SQS::QueuePolicy');

      // Assess
      for (const [id, queue] of queues) {
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
        const policy = policies.find(
          ([, p]) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: id }]),
        );
        expect(JSON.stringify(policy?.[1].Properties.PolicyDocument)).toContain(
          '"aws:SecureTransport":"false"',
        );
      }
    });
  });

  describe('Resource: topic subscriptions', () => {
    it('subscribes each topic function to the events topic, with an async DLQ and two retries', () => {
      // Prepare
      const id = functionId(dev.appTemplate, 'notifier');

      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: topicArn,
        Endpoint: { 'Fn::GetAtt': [id, 'Arn'] },
      });
      dev.appTemplate.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'sns.amazonaws.com',
        SourceArn: topicArn,
        FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
      });
      expect(fnProps(dev.appTemplate, 'notifier').DeadLetterConfig).toEqual({
        TargetArn: { 'Fn::GetAtt': [queueId('lienhe-dev-notifier-dlq'), 'Arn'] },
      });
      dev.appTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: id },
        MaximumRetryAttempts: 2,
      });
    });
  });

  describe('Resource: alarms', () => {
    const alarmTopicId = () => (resources(dev.appTemplate, 'AWS::SNS::Topic')[0] as [string, Resource])[0];

    it('alarms on errors and throttles of every function, to the alarm topic', () => {
      for (const def of all) {
        for (const [suffix, metric] of [
          ['errors', 'Errors'],
          ['throttles', 'Throttles'],
        ] as const) {
          // Act / Assess
          dev.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
            AlarmName: `lienhe-dev-${def.name}-${suffix}`,
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(dev.appTemplate, def.name) } }],
            Statistic: 'Sum',
            Period: 300,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            EvaluationPeriods: 1,
            TreatMissingData: 'notBreaching',
            AlarmActions: [{ Ref: alarmTopicId() }],
            OKActions: [{ Ref: alarmTopicId() }],
          });
        }
      }
    });

    it('alarms as soon as any dead-letter queue holds a message', () => {
      // Prepare
      const dlqs = [
        'lienhe-dev-invitations-dlq',
        'lienhe-dev-schedules-dlq',
        'lienhe-dev-outbox-relay-dlq',
        'lienhe-dev-notifier-dlq',
        'lienhe-dev-october-report-dlq',
      ];

      // Act
      const depthAlarms = resources(dev.appTemplate, 'AWS::CloudWatch::Alarm').filter(
        ([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
      );

      // Assess
      expect(depthAlarms).toHaveLength(dlqs.length);
      for (const name of dlqs) {
        dev.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `${name}-depth`,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(name), 'QueueName'] } }],
          Statistic: 'Maximum',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [{ Ref: alarmTopicId() }],
        });
      }
    });

    it('alarms when the outbox relay falls 10 minutes behind the stream', () => {
      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'lienhe-dev-outbox-relay-iterator-age',
        MetricName: 'IteratorAge',
        Statistic: 'Maximum',
        Threshold: 600000,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it('publishes alarms to an encrypted, TLS-only topic CloudWatch may use, and e-mails it when asked', () => {
      // Prepare
      const withEmail = synthStage({ stage: 'dev', alarmEmail: 'ops@example.org' });

      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      dev.appTemplate.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            }),
          ]),
        },
      });
      dev.appTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
            }),
          ]),
        },
      });
      withEmail.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@example.org',
      });
    });
  });

  describe('Registry', () => {
    it('deploys an empty registry with no functions and no JWT parameters', () => {
      // Act
      const empty = synthStage({ registry: { httpRoutes: [], backgroundFunctions: [] } });

      // Assess
      empty.appTemplate.resourceCountIs('AWS::Lambda::Function', 0);
      empty.appTemplate.resourceCountIs('AWS::Scheduler::Schedule', 0);
      expect(Object.keys(empty.appTemplate.toJSON().Parameters as Json)).toEqual(['BootstrapVersion']);
    });

    it('rejects duplicate names and routes, bad names, bad schedule expressions and a second queue consumer', () => {
      // Prepare
      const route = FIXTURE_HTTP_ROUTES[0] as HttpRouteDef;
      const job = FIXTURE_BACKGROUND_FUNCTIONS.find(
        (f) => f.trigger.kind === 'schedule',
      ) as BackgroundFunctionDef;

      // Act / Assess
      expect(() => validateRegistry({ httpRoutes: [route, route], backgroundFunctions: [] })).toThrow(
        /registered twice/,
      );
      expect(() =>
        validateRegistry({ httpRoutes: [route, { ...route, name: 'other' }], backgroundFunctions: [] }),
      ).toThrow(/Route GET \/whoami is registered twice/);
      expect(() =>
        validateRegistry({ httpRoutes: [{ ...route, name: 'Who_Am_I' }], backgroundFunctions: [] }),
      ).toThrow(/kebab-case/);
      expect(() =>
        validateRegistry({
          httpRoutes: [],
          backgroundFunctions: [{ ...job, trigger: { kind: 'schedule', expression: '0 7 31 10 ? *' } }],
        }),
      ).toThrow(/EventBridge Scheduler expression/);
      expect(() =>
        validateRegistry({ httpRoutes: [{ ...route, name: 'schedules' }], backgroundFunctions: [] }),
      ).toThrow(/reserved/);
      const worker = FIXTURE_BACKGROUND_FUNCTIONS.find(
        (f) => f.trigger.kind === 'queue',
      ) as BackgroundFunctionDef;
      expect(() =>
        validateRegistry({
          httpRoutes: [],
          backgroundFunctions: [worker, { ...worker, name: 'second-worker' }],
        }),
      ).toThrow(/one consumer/);
      expect(() => validateRegistry(FIXTURE_REGISTRY)).not.toThrow();
    });
  });
});
