// infra: the stateless stack — one function per registry entry (shared/config/functions.ts), the HTTP API,
// schedules, queues, the outbox relay, topic subscriptions and alarms. Nothing here is per function: a new
// registry entry is deployed with its grants and trigger, and watched by alarms, without touching this file.
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BackgroundFunctionDef, HttpRouteDef, Trigger } from '../../shared/config/functions.js';
import { ENV, METRICS_NAMESPACE, TIME_ZONE } from '../../shared/config/table.js';
import type { StageConfig } from '../config.js';
import { AppFunction, FUNCTION_SIZING } from '../constructs/app-function.js';
import { stageIdentity } from '../constructs/identity.js';
import { Observability } from '../constructs/observability.js';
import { resolveGrants } from '../grants.js';
import { acknowledge } from '../nag.js';

/** Telegram's broadcast limit: about 30 messages a second per bot. */
export const TELEGRAM_MESSAGES_PER_SECOND = 30;
/** Invitation workers running at once (the SQS event source's maximum concurrency). */
export const INVITATION_WORKER_CONCURRENCY = 2;
export interface FunctionRegistry {
  httpRoutes: readonly HttpRouteDef[];
  backgroundFunctions: readonly BackgroundFunctionDef[];
}

export interface AppStackProps extends StackProps {
  stage: StageConfig;
  registry: FunctionRegistry;
  table: ITableV2;
  topic: ITopic;
  topicKey: IKey;
  /** Optional `BOT_USERNAME` for functions that read the bot secrets (context `-c botUsername=...`). */
  botUsername?: string;
  /** Repository root the registry's entries are relative to (the real one unless a test says otherwise). */
  projectRoot?: string;
}

/** The outbox relay's stream filter: only new outbox items (shared/adapters/dynamodb/store.ts writes them). */
export const OUTBOX_FILTER = {
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: { NewImage: { type: { S: FilterRule.isEqual('OutboxEvent') } } },
};

/** What EventBridge Scheduler sends: shared/config/functions.ts `ScheduledJobEvent`. */
export function scheduledJobInput(name: string): string {
  return JSON.stringify({
    job: name,
    scheduledTime: '<aws.scheduler.scheduled-time>',
    executionId: '<aws.scheduler.execution-id>',
  });
}

type Kind = 'http' | Trigger['kind'];

interface DeployedFunction {
  name: string;
  kind: Kind;
  fn: AppFunction;
}

const pascal = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export class AppStack extends Stack {
  readonly functions = new Map<string, AppFunction>();
  /** Every dead-letter queue by a readable name; each has a depth alarm. */
  readonly deadLetterQueues = new Map<string, Queue>();
  readonly invitationQueue: Queue;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly alarmTopic: Topic;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { stage, registry } = props;
    validateRegistry(registry);

    // Staff sign-in: our Cognito user pool, or the stage's OIDC provider (infra/constructs/identity.ts).
    const identity = stageIdentity(this, stage);
    const jwt = identity.issuer;
    // A pool trigger needs a pool: a stage signing in elsewhere does not deploy it.
    const backgroundFunctions = registry.backgroundFunctions.filter(
      (f) => f.trigger.kind !== 'cognito' || identity.pool,
    );

    this.alarmTopic = this.createAlarmTopic(stage);

    this.invitationQueue = this.createInvitationQueue(stage);
    const schedulesDlq = registry.backgroundFunctions.some((f) => f.trigger.kind === 'schedule')
      ? this.deadLetterQueue(
          'SchedulesDlq',
          `${stage.prefix}-schedules-dlq`,
          'EventBridge Scheduler (invocations it could not make)',
        )
      : undefined;

    const grantResources = {
      scope: this,
      table: props.table,
      topic: props.topic,
      topicKey: props.topicKey,
      invitationQueue: this.invitationQueue,
      botTokenParameter: stage.parameters.botToken,
      webhookSecretParameter: stage.parameters.webhookSecret,
      ...(identity.pool ? { userPool: identity.pool.userPool } : {}),
    };
    // functions/deps.ts builds its token verifier at cold start in every function, so all get these.
    const jwtEnvironment: Record<string, string> = {
      [ENV.jwtIssuer]: jwt.issuer,
      [ENV.jwtAudience]: jwt.audience,
      [ENV.jwtJwksUrl]: jwt.jwksUrl,
    };
    const baseEnvironment: Record<string, string> = {
      // Powertools' `service` dimension: the alarms and the dashboard (observability.ts) select by it.
      [ENV.powertoolsServiceName]: stage.prefix,
      [ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
      ...stage.settings,
    };

    const createFunction = (
      def: HttpRouteDef | BackgroundFunctionDef,
      kind: Kind,
      description: string,
    ): DeployedFunction => {
      const effect = resolveGrants(def.grants, grantResources);
      const asyncInvoked = kind === 'topic' || kind === 'schedule';
      const dlq = asyncInvoked
        ? this.deadLetterQueue(
            `${pascal(def.name)}Dlq`,
            `${stage.prefix}-${def.name}-dlq`,
            `${def.name} (asynchronous invocations that failed after Lambda's retries)`,
          )
        : undefined;
      const botEnv: Record<string, string> =
        props.botUsername && def.grants.includes('bot-secrets:read')
          ? { [ENV.botUsername]: props.botUsername }
          : {};
      // The throttler counts per process: the queue's workers split Telegram's per-bot rate between them.
      const queueEnv: Record<string, string> =
        kind === 'queue'
          ? {
              [ENV.telegramGlobalPerSecond]: String(
                Math.floor(TELEGRAM_MESSAGES_PER_SECOND / INVITATION_WORKER_CONCURRENCY),
              ),
            }
          : {};
      const fn = new AppFunction(this, pascal(def.name), {
        functionName: `${stage.prefix}-${def.name}`,
        entry: def.entry,
        description,
        // The PDFs need no more: our writer lays out the 500-member minutes in about 30 ms.
        ...FUNCTION_SIZING[kind],
        environment: {
          // Not for a pool trigger: the pool names its function and the issuer names the pool, a cycle.
          ...(kind === 'cognito' ? {} : jwtEnvironment),
          ...baseEnvironment,
          ...effect.environment,
          ...botEnv,
          ...queueEnv,
        },
        logRetention: stage.logRetention,
        logRemovalPolicy: stage.logRemovalPolicy,
        tracing: stage.tracing,
        ...(def.needsFonts ? { needsFonts: true } : {}),
        ...(dlq ? { deadLetterQueue: dlq } : {}),
        ...(props.projectRoot ? { projectRoot: props.projectRoot } : {}),
      });
      for (const statement of effect.statements) fn.role.addToPrincipalPolicy(statement);
      for (const ack of effect.acknowledgements) acknowledge(fn.role, ack.id, ack.reason);
      this.functions.set(def.name, fn);
      return { name: def.name, kind, fn };
    };

    const deployed: DeployedFunction[] = [];

    // HTTP API: JWT authorizer on every route except those registered with auth: false (the Telegram
    // webhook, which grammY authenticates by its secret token header).
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${stage.prefix}-api`,
      description: 'Liên hệ nơi cư trú: HTTP API and Telegram webhook',
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('JwtAuthorizer', jwt.issuer, { jwtAudience: [jwt.audience] }),
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: stage.logRetention,
      removalPolicy: stage.logRemovalPolicy,
    });
    this.apiStage = new HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Ids, route and outcome only: no source IP, no query string, nothing personal.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    for (const route of registry.httpRoutes) {
      const d = createFunction(route, 'http', `${route.method} ${route.path}`);
      deployed.push(d);
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${pascal(route.name)}Integration`, d.fn.fn),
        ...(route.auth ? {} : { authorizer: new HttpNoneAuthorizer() }),
      });
      if (!route.auth) {
        for (const r of routes) {
          acknowledge(
            r,
            'AwsSolutions-APIG4',
            'Called by Telegram, which cannot send a JWT: the handler rejects any request without the ' +
              'X-Telegram-Bot-Api-Secret-Token header set when the webhook was registered (docs/deploy.md).',
          );
        }
      }
    }

    for (const def of backgroundFunctions) {
      const d = createFunction(def, def.trigger.kind, def.description);
      deployed.push(d);
      const fn = d.fn.fn;
      const trigger = def.trigger;
      switch (trigger.kind) {
        case 'schedule': {
          if (!schedulesDlq) throw new Error('unreachable: the schedules DLQ exists when a schedule does');
          this.schedule(
            def.name,
            `${stage.prefix}-${def.name}`,
            trigger.expression,
            d.fn,
            schedulesDlq,
            def.description,
          );
          break;
        }
        case 'queue': {
          fn.addEventSource(
            new SqsEventSource(this.invitationQueue, {
              batchSize: 10,
              reportBatchItemFailures: true,
              // Each worker sends at most TELEGRAM_MESSAGES_PER_SECOND / this (see queueEnv above).
              maxConcurrency: INVITATION_WORKER_CONCURRENCY,
            }),
          );
          break;
        }
        case 'table-stream': {
          const dlq = this.deadLetterQueue(
            `${pascal(def.name)}Dlq`,
            `${stage.prefix}-${def.name}-dlq`,
            `${def.name} (stream batches that kept failing; the outbox items stay pending in the table)`,
          );
          fn.addEventSource(
            new DynamoEventSource(props.table, {
              startingPosition: StartingPosition.TRIM_HORIZON,
              batchSize: 50,
              bisectBatchOnError: true,
              reportBatchItemFailures: true,
              retryAttempts: 5,
              maxRecordAge: Duration.hours(24),
              parallelizationFactor: 1,
              onFailure: new SqsDlq(dlq),
              filters: [FilterCriteria.filter(OUTBOX_FILTER)],
            }),
          );
          this.alarm(`${pascal(def.name)}IteratorAge`, `${stage.prefix}-${def.name}-iterator-age`, {
            metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
            threshold: Duration.minutes(10).toMilliseconds(),
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            description: `${def.name} is more than 10 minutes behind the table stream: outbox events are late`,
          });
          break;
        }
        case 'topic': {
          props.topic.addSubscription(new LambdaSubscription(fn));
          break;
        }
        case 'cognito': {
          identity.pool?.addPreTokenGeneration(fn);
          break;
        }
      }
    }

    for (const d of deployed) {
      const fn = d.fn.fn;
      const period = Duration.minutes(5);
      this.alarm(`${pascal(d.name)}Errors`, `${stage.prefix}-${d.name}-errors`, {
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `${d.name} failed at least once in 5 minutes (see its log group)`,
      });
      this.alarm(`${pascal(d.name)}Throttles`, `${stage.prefix}-${d.name}-throttles`, {
        metric: fn.metricThrottles({ period, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description: `${d.name} was throttled in the last 5 minutes (account concurrency exhausted)`,
      });
    }
    for (const [name, queue] of this.deadLetterQueues) {
      this.alarm(`${pascal(name)}Depth`, `${name}-depth`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `Messages are waiting in the dead-letter queue ${name}: something failed for good`,
      });
    }

    this.observability = new Observability(this, 'Observability', {
      stage,
      alarmTopic: this.alarmTopic,
      api: this.api,
      table: props.table,
      invitationQueue: this.invitationQueue,
      deadLetterQueues: this.deadLetterQueues,
      functions: this.functions,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    if (identity.pool) {
      new CfnOutput(this, 'UserPoolId', { value: identity.pool.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: identity.pool.audience });
    }
    new CfnOutput(this, 'JwtIssuer', { value: jwt.issuer });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'BotTokenParameter', { value: stage.parameters.botToken });
    new CfnOutput(this, 'WebhookSecretParameter', { value: stage.parameters.webhookSecret });
  }

  /** Alarms and OK notices go to the alarm topic, encrypted with its own key that CloudWatch may use. */
  private createAlarmTopic(stage: StageConfig): Topic {
    const key = new Key(this, 'AlarmTopicKey', {
      alias: `alias/${stage.prefix}-alarms`,
      description: `Encrypts the ${stage.prefix} alarm topic`,
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: `${stage.prefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    if (stage.alarmEmail) topic.addSubscription(new EmailSubscription(stage.alarmEmail));
    return topic;
  }

  private createInvitationQueue(stage: StageConfig): Queue {
    const dlq = this.deadLetterQueue(
      'InvitationQueueDlq',
      `${stage.prefix}-invitations-dlq`,
      'the invitation queue (messages received 5 times without success)',
      false,
    );
    const timeout = FUNCTION_SIZING.queue.timeout.toSeconds();
    return new Queue(this, 'InvitationQueue', {
      queueName: `${stage.prefix}-invitations`,
      ...secureQueueProps,
      // AWS's advice for Lambda consumers: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(timeout * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
  }

  /**
   * A dead-letter queue (SSE-SQS, TLS only, kept 14 days) registered for its depth alarm.
   * `standalone`: no queue names it in a redrive policy (Lambda and Scheduler write to it directly), which
   * cdk-nag's SQS3 cannot see, so that finding is acknowledged.
   */
  private deadLetterQueue(id: string, queueName: string, of: string, standalone = true): Queue {
    const queue = new Queue(this, id, { queueName, ...secureQueueProps, retentionPeriod: Duration.days(14) });
    if (standalone) {
      acknowledge(queue, 'AwsSolutions-SQS3', `This queue is itself the dead-letter queue of ${of}.`);
    }
    this.deadLetterQueues.set(queueName, queue);
    return queue;
  }

  /**
   * An EventBridge Scheduler schedule in Asia/Ho_Chi_Minh. The L1 CfnSchedule, not the L2: the L2's Lambda
   * target grants lambda:InvokeFunction on `function:*` (every version and alias), while this role may
   * invoke exactly the one function and write to the schedules' dead-letter queue, nothing else.
   */
  private schedule(
    name: string,
    functionName: string,
    expression: string,
    target: AppFunction,
    dlq: Queue,
    description: string,
  ) {
    const role = new Role(this, `${pascal(name)}ScheduleRole`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: `EventBridge Scheduler: invokes ${functionName} only`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeTheJob',
        actions: ['lambda:InvokeFunction'],
        resources: [target.fn.functionArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'DeadLetter', actions: ['sqs:SendMessage'], resources: [dlq.queueArn] }),
    );
    const schedule = new CfnSchedule(this, `${pascal(name)}Schedule`, {
      description,
      scheduleExpression: expression,
      scheduleExpressionTimezone: TIME_ZONE,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: target.fn.functionArn,
        roleArn: role.roleArn,
        input: scheduledJobInput(name),
        deadLetterConfig: { arn: dlq.queueArn },
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
    // The role's policy must exist before the first invocation is attempted.
    schedule.node.addDependency(role);
  }

  private alarm(
    id: string,
    alarmName: string,
    options: {
      metric: Metric;
      threshold: number;
      comparisonOperator: ComparisonOperator;
      description: string;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparisonOperator,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    return alarm;
  }
}

const secureQueueProps = {
  // SSE-SQS: encrypted at rest with SQS-owned keys, so Lambda, Scheduler and senders need no key grants.
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies QueueProps;

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names the stack's own queues use (`lienhe-<stage>-invitations-dlq`, `…-schedules-dlq`). */
const RESERVED_NAMES = new Set(['invitations', 'schedules']);
const SCHEDULE_EXPRESSION = /^(cron|rate|at)\(.+\)$/;

/** Fails synthesis on a registry the stack cannot deploy faithfully, naming the entry. */
export function validateRegistry(registry: FunctionRegistry): void {
  const names = new Set<string>();
  const routes = new Set<string>();
  const all = [...registry.httpRoutes, ...registry.backgroundFunctions];
  for (const def of all) {
    if (!KEBAB.test(def.name)) throw new Error(`Function name "${def.name}" must be kebab-case`);
    if (names.has(def.name)) throw new Error(`Function name "${def.name}" is registered twice`);
    if (RESERVED_NAMES.has(def.name))
      throw new Error(`Function name "${def.name}" is reserved for the stack's queues`);
    names.add(def.name);
  }
  for (const route of registry.httpRoutes) {
    const key = `${route.method} ${route.path}`;
    if (routes.has(key)) throw new Error(`Route ${key} is registered twice`);
    routes.add(key);
  }
  const consumers = registry.backgroundFunctions.filter((f) => f.trigger.kind === 'queue').map((f) => f.name);
  if (consumers.length > 1) {
    throw new Error(`The invitation queue can have one consumer, not ${consumers.join(', ')}`);
  }
  for (const def of registry.backgroundFunctions) {
    if (def.trigger.kind === 'schedule' && !SCHEDULE_EXPRESSION.test(def.trigger.expression)) {
      throw new Error(
        `Schedule of "${def.name}" must be an EventBridge Scheduler expression such as cron(0 8 ? * MON *), ` +
          `got "${def.trigger.expression}"`,
      );
    }
  }
}
