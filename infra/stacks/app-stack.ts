// infra: the stateless stack — one function per HTTP group and per background entry of the registry
// (shared/config/functions.ts), the HTTP API, schedules, queues, the outbox relay, topic subscriptions and
// alarms. Nothing here is per function: a new registry entry is deployed with its grants and trigger, and
// watched by alarms, without touching this file.
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
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
import {
  type BackgroundFunctionDef,
  type Grant,
  type HttpGroupDef,
  type HttpRouteDef,
  QUEUE_NAMES,
  type QueueName,
  type Trigger,
} from '../../shared/config/functions.js';
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
/**
 * Job workers running at once: one committee a task, so a country's October report (10,000 communes of ~500
 * members, ~1.25 s each) takes about 11 minutes (docs/architecture.md, "Jobs") at ~20,000 RRU/s.
 */
export const JOB_WORKER_CONCURRENCY = 20;

/** How each work queue feeds its one consumer (SQS event source settings). */
export const QUEUE_CONSUMERS: Record<QueueName, { batchSize: number; maxConcurrency: number }> = {
  invitations: { batchSize: 10, maxConcurrency: INVITATION_WORKER_CONCURRENCY },
  // A task compiles one committee (a few seconds for the largest): five keep a batch well inside the timeout.
  jobs: { batchSize: 5, maxConcurrency: JOB_WORKER_CONCURRENCY },
};
export interface FunctionRegistry {
  /** The HTTP functions: each serves the routes whose `group` names it. */
  httpGroups: readonly HttpGroupDef[];
  httpRoutes: readonly HttpRouteDef[];
  backgroundFunctions: readonly BackgroundFunctionDef[];
}

export interface AppStackProps extends StackProps {
  stage: StageConfig;
  registry: FunctionRegistry;
  table: ITableV2;
  topic: ITopic;
  topicKey: IKey;
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

/** What a deployed function is made from: a background entry, or an HTTP group with its routes' union. */
interface FunctionSpec {
  name: string;
  entry: string;
  grants: readonly Grant[];
  bot?: boolean;
  needsFonts?: boolean;
  timeoutSeconds?: number;
  /** Background functions only: what invokes it (a queue consumer splits Telegram's rate with its peers). */
  trigger?: Trigger;
}

/** The function of an HTTP group: its routes' grants (union, registry order), bot and fonts if any route needs them. */
export function groupFunctionSpec(group: HttpGroupDef, routes: readonly HttpRouteDef[]): FunctionSpec {
  const mine = routes.filter((r) => r.group === group.name);
  return {
    name: group.name,
    entry: group.entry,
    grants: [...new Set(mine.flatMap((r) => r.grants))],
    ...(mine.some((r) => r.bot) ? { bot: true } : {}),
    ...(mine.some((r) => r.needsFonts) ? { needsFonts: true } : {}),
    ...(group.timeoutSeconds ? { timeoutSeconds: group.timeoutSeconds } : {}),
  };
}

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
  /** The work queues by name (each with its DLQ), and the two by their own names. */
  readonly queues = new Map<QueueName, Queue>();
  readonly invitationQueue: Queue;
  readonly jobQueue: Queue;
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
    // The Zalo webhook needs an OA: a Telegram-only stage deploys neither its function nor its route.
    const httpGroups = registry.httpGroups.filter((g) => g.requires !== 'zalo' || stage.zalo);

    this.alarmTopic = this.createAlarmTopic(stage);

    for (const name of QUEUE_NAMES) this.queues.set(name, this.createWorkQueue(stage, name));
    this.invitationQueue = this.queueNamed('invitations');
    this.jobQueue = this.queueNamed('jobs');
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
      jobQueue: this.jobQueue,
      botTokenParameter: stage.parameters.botToken,
      webhookSecretParameter: stage.parameters.webhookSecret,
      ...(identity.pool ? { userPool: identity.pool.userPool } : {}),
      ...(stage.zalo
        ? {
            zalo: {
              appId: stage.zalo.appId,
              oaId: stage.zalo.oaId,
              parameters: stage.zalo.parameters,
              proactiveFreePerMonth: stage.zalo.proactiveFreePerMonth,
              ...(stage.zalo.znsTemplates ? { znsTemplates: { ...stage.zalo.znsTemplates } } : {}),
            },
          }
        : {}),
    };
    // functions/deps.ts builds its token verifier at cold start in every function, so all get these.
    const jwtEnvironment: Record<string, string> = {
      [ENV.jwtIssuer]: jwt.issuer,
      [ENV.jwtAudience]: jwt.audience,
      [ENV.jwtJwksUrl]: jwt.jwksUrl,
    };
    // The bot's username is public and every function that builds a deep link (link codes, the bot) needs it.
    const baseEnvironment: Record<string, string> = {
      [ENV.botUsername]: stage.botUsername,
      // Powertools' `service` dimension: the alarms and the dashboard (observability.ts) select by it.
      [ENV.serviceName]: stage.prefix,
      [ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
    };

    const createFunction = (def: FunctionSpec, kind: Kind, description: string): DeployedFunction => {
      const effect = resolveGrants(def.grants, grantResources);
      const asyncInvoked = kind === 'topic' || kind === 'schedule';
      const dlq = asyncInvoked
        ? this.deadLetterQueue(
            `${pascal(def.name)}Dlq`,
            `${stage.prefix}-${def.name}-dlq`,
            `${def.name} (asynchronous invocations that failed after Lambda's retries)`,
          )
        : undefined;
      // The sender id shown on members' phones, where SMS may be sent.
      const smsEnv: Record<string, string> = def.grants.includes('sms:publish')
        ? { [ENV.smsSenderId]: stage.sms.senderId }
        : {};
      // The throttler counts per process: the queue's workers split Telegram's per-bot rate between them.
      const queueEnv: Record<string, string> =
        def.trigger?.kind === 'queue'
          ? {
              [ENV.telegramGlobalPerSecond]: String(
                Math.max(
                  1,
                  Math.floor(
                    TELEGRAM_MESSAGES_PER_SECOND / QUEUE_CONSUMERS[def.trigger.queue].maxConcurrency,
                  ),
                ),
              ),
            }
          : {};
      const fn = new AppFunction(this, pascal(def.name), {
        functionName: `${stage.prefix}-${def.name}`,
        entry: def.entry,
        description,
        // The PDFs need no more memory: 2,000-member minutes render in under a second (architecture.md).
        ...FUNCTION_SIZING[kind],
        ...(def.timeoutSeconds ? { timeout: Duration.seconds(def.timeoutSeconds) } : {}),
        environment: {
          // Not for a pool trigger: the pool names its function and the issuer names the pool, a cycle.
          ...(kind === 'cognito' ? {} : jwtEnvironment),
          ...baseEnvironment,
          ...effect.environment,
          ...smsEnv,
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
    for (const group of httpGroups) {
      const d = createFunction(groupFunctionSpec(group, registry.httpRoutes), 'http', group.description);
      deployed.push(d);
      // One integration and one invoke permission (any route of this API) per group function, not per route:
      // 2 resources per group instead of 2 per route (docs/architecture.md, "Resource budget").
      const integration = new HttpLambdaIntegration(`${pascal(group.name)}Integration`, d.fn.fn, {
        scopePermissionToRoute: false,
      });
      for (const route of registry.httpRoutes.filter((r) => r.group === group.name)) {
        this.addRoute(route, integration);
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
          const { batchSize, maxConcurrency } = QUEUE_CONSUMERS[trigger.queue];
          fn.addEventSource(
            new SqsEventSource(this.queueNamed(trigger.queue), {
              batchSize,
              reportBatchItemFailures: true,
              // Each worker sends at most TELEGRAM_MESSAGES_PER_SECOND / this (see queueEnv above).
              maxConcurrency,
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
    }
    // Throttling is the account's concurrency running out, whichever function meets it: one alarm on the
    // account's Lambda throttles (the dashboard shows them per function) instead of one per function keeps
    // the stack within its resource budget (docs/architecture.md, "Resource budget").
    if (deployed.length > 0) {
      this.alarm('LambdaThrottles', `${stage.prefix}-lambda-throttles`, {
        metric: new Metric({
          namespace: 'AWS/Lambda',
          metricName: 'Throttles',
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description:
          'A Lambda function of the account was throttled in the last 5 minutes (concurrency exhausted)',
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
      jobQueue: this.jobQueue,
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
    if (stage.zalo) {
      // What the operator pastes into the Zalo app's webhook setting (docs/deploy.md, "Zalo").
      new CfnOutput(this, 'ZaloWebhookUrl', {
        value: `${this.apiStage.url.replace(/\/$/, '')}/zalo/webhook`,
        description: 'The Zalo OA webhook URL to set in the Zalo app console',
      });
      new CfnOutput(this, 'ZaloAppSecretParameter', { value: stage.zalo.parameters.appSecret });
      new CfnOutput(this, 'ZaloOaSecretKeyParameter', { value: stage.zalo.parameters.oaSecretKey });
    }
  }

  /** A route of the API, behind the JWT authorizer unless it is registered with auth: false. */
  private addRoute(route: HttpRouteDef, integration: HttpLambdaIntegration): void {
    const routes = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration,
      ...(route.auth ? {} : { authorizer: new HttpNoneAuthorizer() }),
    });
    if (route.auth) return;
    const reason = route.path.startsWith('/zalo/')
      ? 'Called by Zalo, which cannot send a JWT: the handler rejects any event whose X-ZEvent-Signature ' +
        '(SHA-256 with the OA secret key) does not match or whose timestamp is stale (docs/zalo.md).'
      : 'Called by Telegram, which cannot send a JWT: the handler rejects any request without the ' +
        'X-Telegram-Bot-Api-Secret-Token header set when the webhook was registered (docs/deploy.md).';
    for (const r of routes) acknowledge(r, 'AwsSolutions-APIG4', reason);
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

  private queueNamed(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unreachable: every work queue is created (${name})`);
    return queue;
  }

  /** A work queue (`InvitationQueue`, `JobQueue`) that redrives to its DLQ after 5 receives. */
  private createWorkQueue(stage: StageConfig, name: QueueName): Queue {
    const id = name === 'invitations' ? 'InvitationQueue' : `${pascal(name.replace(/s$/, ''))}Queue`;
    const dlq = this.deadLetterQueue(
      `${id}Dlq`,
      `${stage.prefix}-${name}-dlq`,
      `the ${name} queue (messages received 5 times without success)`,
      false,
    );
    const timeout = FUNCTION_SIZING.queue.timeout.toSeconds();
    return new Queue(this, id, {
      queueName: `${stage.prefix}-${name}`,
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
/** Names the stack's own queues use (`lienhe-<stage>-invitations-dlq`, `…-jobs-dlq`, `…-schedules-dlq`). */
const RESERVED_NAMES = new Set<string>([...QUEUE_NAMES, 'schedules']);
const SCHEDULE_EXPRESSION = /^(cron|rate|at)\(.+\)$/;

/** Fails synthesis on a registry the stack cannot deploy faithfully, naming the entry. */
export function validateRegistry(registry: FunctionRegistry): void {
  // Function names: the groups and the background functions (routes are not functions of their own).
  const names = new Set<string>();
  for (const def of [...registry.httpGroups, ...registry.backgroundFunctions]) {
    if (!KEBAB.test(def.name)) throw new Error(`Function name "${def.name}" must be kebab-case`);
    if (names.has(def.name)) throw new Error(`Function name "${def.name}" is registered twice`);
    if (RESERVED_NAMES.has(def.name))
      throw new Error(`Function name "${def.name}" is reserved for the stack's queues`);
    names.add(def.name);
  }
  const groups = new Set(registry.httpGroups.map((g) => g.name));
  const routeNames = new Set<string>();
  const routes = new Set<string>();
  for (const route of registry.httpRoutes) {
    if (!KEBAB.test(route.name)) throw new Error(`Route name "${route.name}" must be kebab-case`);
    if (routeNames.has(route.name)) throw new Error(`Route name "${route.name}" is registered twice`);
    routeNames.add(route.name);
    const key = `${route.method} ${route.path}`;
    if (routes.has(key)) throw new Error(`Route ${key} is registered twice`);
    routes.add(key);
    if (!groups.has(route.group)) {
      throw new Error(`Route "${route.name}" names the group "${route.group}", which HTTP_GROUPS lacks`);
    }
  }
  for (const group of registry.httpGroups) {
    if (!registry.httpRoutes.some((r) => r.group === group.name)) {
      throw new Error(`HTTP group "${group.name}" serves no route`);
    }
    if (group.timeoutSeconds !== undefined && (group.timeoutSeconds < 1 || group.timeoutSeconds > 30)) {
      // API Gateway's HTTP API gives up after 30 s: a longer timeout would run on with nobody waiting.
      throw new Error(`HTTP group "${group.name}": timeoutSeconds must be 1–30, got ${group.timeoutSeconds}`);
    }
  }
  for (const queue of QUEUE_NAMES) {
    const consumers = registry.backgroundFunctions
      .filter((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue)
      .map((f) => f.name);
    if (consumers.length > 1) {
      throw new Error(`The ${queue} queue can have one consumer, not ${consumers.join(', ')}`);
    }
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
