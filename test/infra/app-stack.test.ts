// infra tests: the stateless stack built from a registry — functions, exact IAM, API, triggers, alarms.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type FunctionRegistry, validateRegistry } from '../../infra/stacks/app-stack.js';
import {
  BACKGROUND_FUNCTIONS,
  type BackgroundFunctionDef,
  type Grant,
  HTTP_GROUPS,
  HTTP_ROUTES,
  type HttpRouteDef,
} from '../../shared/config/functions.js';
import {
  FIXTURE_BACKGROUND_FUNCTIONS,
  FIXTURE_HTTP_GROUPS,
  FIXTURE_HTTP_ROUTES,
  FIXTURE_REGISTRY,
} from '../fixtures/functions/registry.js';
import { CONCRETE_ENV, synthStage } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  DependsOn?: string[];
}

/** A deployed function as the tests expect it: an HTTP group (its routes' grants, union) or a background entry. */
interface DeployedDef {
  name: string;
  grants: readonly Grant[];
  trigger?: BackgroundFunctionDef['trigger'];
}

/** Written out here, independently of infra/constructs/app-functions.ts's groupFunctionSpec. */
function deployedFunctions(registry: FunctionRegistry): DeployedDef[] {
  return [
    ...registry.httpGroups.map((g) => ({
      name: g.name,
      grants: [...new Set(registry.httpRoutes.filter((r) => r.group === g.name).flatMap((r) => r.grants))],
    })),
    ...registry.backgroundFunctions,
  ];
}

/** The registry the real app deploys (shared/config/functions.ts), checked like the fixtures. */
const REAL_REGISTRY: FunctionRegistry = {
  httpGroups: HTTP_GROUPS,
  httpRoutes: HTTP_ROUTES,
  backgroundFunctions: BACKGROUND_FUNCTIONS,
};
const realFunctions = deployedFunctions(REAL_REGISTRY);
/** The groups a Telegram-only stage deploys: not those that need a Zalo OA (test/infra/zalo.test.ts has them). */
const TELEGRAM_ONLY_GROUPS = HTTP_GROUPS.filter((g) => g.requires !== 'zalo');
const TELEGRAM_ONLY_ROUTES = HTTP_ROUTES.filter((r) => TELEGRAM_ONLY_GROUPS.some((g) => g.name === r.group));
const telegramOnly = (defs: readonly DeployedDef[]) =>
  defs.filter((d) => !HTTP_GROUPS.some((g) => g.name === d.name && g.requires === 'zalo'));
const real = synthStage({ registry: REAL_REGISTRY });
const dev = synthStage({ stage: 'dev' });
const prod = synthStage({ stage: 'prod' });
// As the committed prod settings deploy it: the stack's own Cognito user pool and its trigger.
const realProd = synthStage({
  stage: 'prod',
  registry: REAL_REGISTRY,
  env: CONCRETE_ENV,
  // With a Zalo OA too: the largest stack the registry makes, the one the resource budget must hold.
  settings: {
    identity: { kind: 'cognito' },
    zalo: { oaId: '3560000000000000001', appId: '1440000000000000001', proactiveFreePerMonth: 1000 },
  },
});
const all = deployedFunctions(FIXTURE_REGISTRY);
/** What a stage signing in through another OIDC provider deploys: no user pool, so no pool trigger. */
const withoutPool = (defs: readonly DeployedDef[]) => defs.filter((d) => d.trigger?.kind !== 'cognito');

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
  'job-queue:send': [
    {
      Sid: 'JobQueueSend',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': [queueIdIn(template, 'lienhe-dev-jobs'), 'Arn'] },
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
  // These stacks have no Zalo OA: the grant gives nothing (test/infra/zalo.test.ts checks a stage with one).
  'zalo-secrets:read': [],
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
function expectedTriggerStatements(template: Template, def: DeployedDef): Json[] {
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
  if (!def.trigger) return [logs];
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
          Resource: { 'Fn::GetAtt': [queueIdIn(template, `lienhe-dev-${def.trigger.queue}`), 'Arn'] },
        },
      ];
    case 'cognito':
      // Cognito invokes it through a resource policy on the function, nothing on the role.
      return [logs];
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
      // invitations and jobs, each with its DLQ, a DLQ per async or stream function, one for the schedules
      const queues = 4 + asyncInvoked + streams + (schedules > 0 ? 1 : 0);
      const deadLetterQueues = queues - 2;

      // Act / Assess
      t.resourceCountIs('AWS::Lambda::Function', n);
      t.resourceCountIs('AWS::IAM::Role', n + schedules);
      t.resourceCountIs('AWS::Logs::LogGroup', n + 1); // + the API access logs
      t.resourceCountIs('AWS::SQS::Queue', queues);
      t.resourceCountIs('AWS::SQS::QueuePolicy', queues);
      // errors per function, the account's throttles once, + the six stack-wide alarms of observability.ts
      t.resourceCountIs('AWS::CloudWatch::Alarm', n + 1 + deadLetterQueues + streams + 6);
      t.resourceCountIs('AWS::Scheduler::Schedule', schedules);
      t.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
      t.resourceCountIs('AWS::ApiGatewayV2::Route', FIXTURE_HTTP_ROUTES.length);
      // One integration and one invoke permission per group function (+ the topic's for the notifier)
      t.resourceCountIs('AWS::ApiGatewayV2::Integration', FIXTURE_HTTP_GROUPS.length);
      t.resourceCountIs('AWS::Lambda::Permission', FIXTURE_HTTP_GROUPS.length + 1);
      t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      t.resourceCountIs('AWS::SNS::Subscription', 2); // the notifier's, and the alarm e-mail's
      t.resourceCountIs('AWS::SNS::Topic', 1); // the alarm topic; the events topic lives in the data stack
      t.resourceCountIs('AWS::KMS::Key', 1);
    });

    it('for this fixture registry: 6 functions, 8 queues, 20 alarms, 1 schedule', () => {
      // Act / Assess
      dev.appTemplate.resourceCountIs('AWS::Lambda::Function', 6);
      dev.appTemplate.resourceCountIs('AWS::SQS::Queue', 8);
      dev.appTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 20);
      dev.appTemplate.resourceCountIs('AWS::Scheduler::Schedule', 1);
    });

    // CloudFormation refuses a stack over 500 resources; 285 keeps well over 40 % of that free
    // (docs/architecture.md, "Resource budget": 410 with a function per route; 255 in prod with the Cognito
    // pool, Zalo and the retention job; 275 after issues 16–18; 277 with the comment sheet's two routes of
    // issue 17, a route costing one resource; the next saving is one dispatcher for the four scheduled jobs,
    // about 18).
    it.each([
      ['dev', real],
      ['prod in a concrete account', realProd],
    ] as const)('keeps the real %s App stack within 285 resources', (name, stage) => {
      // Act
      const count = Object.keys(stage.appTemplate.toJSON().Resources as Json).length;
      console.info(`App stack (${name}): ${count} resources, ${realFunctions.length} functions`);

      // Assess
      expect(count).toBeLessThanOrEqual(285);
      stage.appTemplate.resourceCountIs(
        'AWS::Lambda::Function',
        (stage === realProd ? realFunctions : withoutPool(telegramOnly(realFunctions))).length,
      );
      stage.appTemplate.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        (stage === realProd ? HTTP_ROUTES : TELEGRAM_ONLY_ROUTES).length,
      );
      stage.appTemplate.resourceCountIs(
        'AWS::ApiGatewayV2::Integration',
        (stage === realProd ? HTTP_GROUPS : TELEGRAM_ONLY_GROUPS).length,
      );
    });
  });

  describe('Resource: functions', () => {
    it('runs every function on nodejs24.x, arm64, ESM bundle handler, with source maps enabled', () => {
      for (const [template, defs] of [
        [dev.appTemplate, all],
        [prod.appTemplate, all],
        [real.appTemplate, withoutPool(telegramOnly(realFunctions))],
        [realProd.appTemplate, realFunctions],
      ] as const) {
        // Act
        const functions = resources(template, 'AWS::Lambda::Function');

        // Assess
        expect(functions).toHaveLength(defs.length);
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
            // Kept in prod, except when the deploy that created it rolls back (a retry must not collide).
            DeletionPolicy: prefix === 'lienhe-prod' ? 'RetainExceptOnCreate' : 'Delete',
          });
        }
      }
    });

    it('sizes functions by trigger: HTTP 10 s, queue 15 min, stream/topic 60 s, schedules 5 min with 1 GB', () => {
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
        'invitation-worker': [512, 900],
        'outbox-relay': [512, 60],
        notifier: [512, 60],
        'october-report': [1024, 300],
      });
    });

    it('gives each function exactly the environment its grants call for, and every one the bot username', () => {
      // Prepare: the identity provider and the bot's username come from the stage's settings
      const jwt = {
        JWT_ISSUER: 'https://id.example.org/realms/lienhe',
        JWT_AUDIENCE: 'lienhe-api',
        JWT_JWKS_URL: 'https://id.example.org/realms/lienhe/protocol/openid-connect/certs',
      };
      const base = {
        ...jwt,
        BOT_USERNAME: 'lienhe_test_bot',
        POWERTOOLS_SERVICE_NAME: 'lienhe-dev',
        POWERTOOLS_METRICS_NAMESPACE: 'LienHe',
        NODE_OPTIONS: '--enable-source-maps',
      };
      const bot = {
        BOT_TOKEN_PARAMETER: '/lienhe-dev/telegram/bot-token',
        WEBHOOK_SECRET_PARAMETER: '/lienhe-dev/telegram/webhook-secret',
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
        SMS_SENDER_ID: 'LienHe',
      });
      expect(env('october-report')).toEqual({
        ...base,
        TABLE_NAME: tableName,
        EVENTS_TOPIC_ARN: topicArn,
        REPORT_FONT_DIR: '/var/task/node_modules/@expo-google-fonts/tinos',
      });
      // The link-code routes build deep links, and since issue 18 the group's waiting-link decisions, unlinks
      // and completed deletion requests tell the people concerned in their chats: the username and the token.
      const realEnv = (name: string) =>
        (fnProps(real.appTemplate, name).Environment as { Variables: Json }).Variables;
      expect(realEnv('link-codes')).toMatchObject({ BOT_USERNAME: 'lienhe_test_bot' });
      expect(realEnv('link-codes')).toHaveProperty('BOT_TOKEN_PARAMETER');
      expect(realEnv('introductions')).not.toHaveProperty('BOT_TOKEN_PARAMETER');
      // The worker queues a round's deliveries on its own queue, and draws a chat's report and sealed minutes
      // (issue 19): the queue's URL and the fonts. Without the URL the deliveries ran inside the preparing call.
      expect(realEnv('invitation-worker')).toMatchObject({
        INVITATION_QUEUE_URL: expect.anything(),
        REPORT_FONT_DIR: '/var/task/node_modules/@expo-google-fonts/tinos',
      });
      for (const [, fn] of resources(real.appTemplate, 'AWS::Lambda::Function')) {
        const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
        expect(vars.BOT_USERNAME).toBe('lienhe_test_bot');
        expect(vars).not.toHaveProperty('REPORT_BOARD_IDS');
      }
    });

    it('times the groups by their work: the CSV import and the October report compile 29 s, the PDFs 20 s', () => {
      // Act
      const timeouts = Object.fromEntries(
        HTTP_GROUPS.map((g) => [g.name, fnProps(realProd.appTemplate, g.name, 'lienhe-prod').Timeout]),
      );

      // Assess
      expect(timeouts).toEqual({
        'telegram-webhook': 10,
        'zalo-webhook': 10,
        'link-codes': 20,
        'meeting-planning': 10,
        introductions: 29,
        meetings: 10,
        minutes: 10,
        'documents-pdf': 20,
        'year-end': 10,
        reports: 29,
        administration: 10,
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

    it.each(withoutPool(telegramOnly(realFunctions)).map((def) => [def.name, def] as const))(
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
        [real.appTemplate, telegramOnly(realFunctions)],
        [realProd.appTemplate, realFunctions],
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

    it('takes the JWT issuer and audience from the stage settings: a deploy needs no parameters', () => {
      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://id.example.org/realms/lienhe', Audience: ['lienhe-api'] },
      });
      for (const stage of [dev, real, realProd]) {
        expect(Object.keys(stage.appTemplate.toJSON().Parameters as Json)).toEqual(['BootstrapVersion']);
      }
    });

    it('sends each route to its group function through one integration and one invoke permission per group', () => {
      // Prepare
      const t = real.appTemplate;
      const apiId = (resources(t, 'AWS::ApiGatewayV2::Api')[0] as [string, Resource])[0];
      const integrations = resources(t, 'AWS::ApiGatewayV2::Integration');
      const integrationOf = (group: string) => {
        const fnId = functionId(t, group);
        const found = integrations.filter(
          ([, i]) =>
            JSON.stringify(i.Properties.IntegrationUri) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
        );
        expect(found, group).toHaveLength(1);
        return (found[0] as [string, Resource])[0];
      };

      // Act / Assess
      for (const route of TELEGRAM_ONLY_ROUTES) {
        t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          Target: join('integrations/', { Ref: integrationOf(route.group) }),
        });
      }
      for (const group of TELEGRAM_ONLY_GROUPS) {
        const permissions = resources(t, 'AWS::Lambda::Permission').filter(
          ([, p]) =>
            JSON.stringify(p.Properties.FunctionName) ===
            JSON.stringify({ 'Fn::GetAtt': [functionId(t, group.name), 'Arn'] }),
        );
        expect(permissions.map(([, p]) => p.Properties)).toEqual([
          {
            Action: 'lambda:InvokeFunction',
            FunctionName: { 'Fn::GetAtt': [functionId(t, group.name), 'Arn'] },
            Principal: 'apigateway.amazonaws.com',
            SourceArn: join(
              'arn:',
              { Ref: 'AWS::Partition' },
              ':execute-api:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':',
              { Ref: apiId },
              '/*/*/*',
            ),
          },
        ]);
      }
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
        VisibilityTimeout: 5400,
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

    it('creates the jobs queue with its DLQ and feeds the registered job worker with partial batches', () => {
      // Prepare
      const t = real.appTemplate;
      const jobsId = queueIdIn(t, 'lienhe-dev-jobs');
      const dlqId = queueIdIn(t, 'lienhe-dev-jobs-dlq');

      // Act / Assess
      t.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'lienhe-dev-jobs',
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 5400,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
      });
      t.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: 'lienhe-dev-jobs-dlq',
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'lienhe-dev-jobs-dlq-depth',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      });
      t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [jobsId, 'Arn'] },
        FunctionName: { Ref: functionId(t, 'job-worker') },
        BatchSize: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 20 },
      });
      // The dispatchers and the worker are told where the queue is.
      for (const name of [
        'reminders',
        'absence-notices',
        'october-report',
        'retention',
        'deadlines',
        'job-worker',
      ]) {
        const env = (fnProps(t, name).Environment as { Variables: Json }).Variables;
        expect(env.JOB_QUEUE_URL, name).toEqual({ Ref: jobsId });
      }
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

    it('alarms on errors of every function, and once on the Lambda throttles of the account, to the alarm topic', () => {
      // Act / Assess
      dev.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'lienhe-dev-lambda-throttles',
        Namespace: 'AWS/Lambda',
        MetricName: 'Throttles',
        Dimensions: Match.absent(),
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        AlarmActions: [{ Ref: alarmTopicId() }],
      });
      for (const def of all) {
        for (const [suffix, metric] of [['errors', 'Errors']] as const) {
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
        'lienhe-dev-jobs-dlq',
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
      const withEmail = dev; // TEST_SETTINGS.alarmEmail

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
      const empty = synthStage({ registry: { httpGroups: [], httpRoutes: [], backgroundFunctions: [] } });

      // Assess
      empty.appTemplate.resourceCountIs('AWS::Lambda::Function', 0);
      empty.appTemplate.resourceCountIs('AWS::Scheduler::Schedule', 0);
      expect(Object.keys(empty.appTemplate.toJSON().Parameters as Json)).toEqual(['BootstrapVersion']);
    });

    it('rejects duplicate names and routes, bad names, bad schedule expressions and a second queue consumer', () => {
      // Prepare
      const route = FIXTURE_HTTP_ROUTES[0] as HttpRouteDef;
      const group = FIXTURE_HTTP_GROUPS[0] as (typeof FIXTURE_HTTP_GROUPS)[number];
      const httpGroups = [group];
      const job = FIXTURE_BACKGROUND_FUNCTIONS.find(
        (f) => f.trigger.kind === 'schedule',
      ) as BackgroundFunctionDef;
      const worker = FIXTURE_BACKGROUND_FUNCTIONS.find(
        (f) => f.trigger.kind === 'queue',
      ) as BackgroundFunctionDef;
      const check = (registry: Partial<FunctionRegistry>) => () =>
        validateRegistry({ httpGroups, httpRoutes: [route], backgroundFunctions: [], ...registry });

      // Act / Assess
      expect(check({ httpRoutes: [route, route] })).toThrow(/Route name "whoami" is registered twice/);
      expect(check({ httpRoutes: [route, { ...route, name: 'other' }] })).toThrow(
        /Route GET \/whoami is registered twice/,
      );
      expect(check({ httpRoutes: [{ ...route, name: 'Who_Am_I' }] })).toThrow(/kebab-case/);
      expect(check({ httpGroups: [group, group] })).toThrow(/Function name "whoami" is registered twice/);
      expect(check({ backgroundFunctions: [{ ...job, name: 'whoami' }] })).toThrow(/registered twice/);
      expect(check({ httpRoutes: [{ ...route, group: 'elsewhere' }] })).toThrow(
        /names the group "elsewhere", which HTTP_GROUPS lacks/,
      );
      expect(check({ httpGroups: [group, { ...group, name: 'idle' }] })).toThrow(/"idle" serves no route/);
      expect(check({ httpGroups: [{ ...group, timeoutSeconds: 60 }] })).toThrow(
        /timeoutSeconds must be 1–30/,
      );
      expect(
        check({
          backgroundFunctions: [{ ...job, trigger: { kind: 'schedule', expression: '0 7 31 10 ? *' } }],
        }),
      ).toThrow(/EventBridge Scheduler expression/);
      expect(
        check({
          httpGroups: [{ ...group, name: 'schedules' }],
          httpRoutes: [{ ...route, group: 'schedules' }],
        }),
      ).toThrow(/reserved/);
      expect(check({ backgroundFunctions: [worker, { ...worker, name: 'second-worker' }] })).toThrow(
        /one consumer/,
      );
      // A consumer per queue is fine: the invitation worker and the job worker.
      expect(
        check({
          backgroundFunctions: [
            worker,
            { ...worker, name: 'job-worker', trigger: { kind: 'queue', queue: 'jobs' } },
          ],
        }),
      ).not.toThrow();
      expect(
        check({ httpGroups: [{ ...group, name: 'jobs' }], httpRoutes: [{ ...route, group: 'jobs' }] }),
      ).toThrow(/reserved/);
      expect(() => validateRegistry(FIXTURE_REGISTRY)).not.toThrow();
      expect(() => validateRegistry(REAL_REGISTRY)).not.toThrow();
    });
  });
});
