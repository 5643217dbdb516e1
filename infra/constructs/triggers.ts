// infra: what invokes each background function — an EventBridge Scheduler schedule (its own role, the schedules'
// DLQ), its work queue's event source, the table stream of outbox items (with its DLQ and iterator-age alarm),
// the events topic, or the staff pool's pre-token trigger. In the stack's own scope, so logical ids stay.
import { Duration, type Stack } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { BackgroundFunctionDef, QueueName } from '../../shared/config/functions.js';
import { TIME_ZONE } from '../../shared/config/table.js';
import type { StageConfig } from '../config.js';
import { addAlarm } from './alarms.js';
import type { AppFunction } from './app-function.js';
import type { StaffUserPool } from './identity.js';
import { pascal } from './names.js';
import { QUEUE_CONSUMERS, type StackQueues } from './queues.js';

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

/** What the triggers attach to: the stack's queues, the data stack's table and topic, the alarm topic. */
export interface TriggerTargets {
  stage: StageConfig;
  queues: StackQueues;
  /** The schedules' dead-letter queue, present when the registry has a schedule. */
  schedulesDlq: Queue | undefined;
  table: ITableV2;
  topic: ITopic;
  alarmTopic: Topic;
  pool: StaffUserPool | undefined;
}

/** Connects a background function to what invokes it (its registry trigger). */
export function addTrigger(
  scope: Stack,
  def: BackgroundFunctionDef,
  fn: AppFunction,
  t: TriggerTargets,
): void {
  const trigger = def.trigger;
  switch (trigger.kind) {
    case 'schedule': {
      if (!t.schedulesDlq) throw new Error('unreachable: the schedules DLQ exists when a schedule does');
      addSchedule(
        scope,
        def.name,
        `${t.stage.prefix}-${def.name}`,
        trigger.expression,
        fn,
        t.schedulesDlq,
        def.description,
      );
      break;
    }
    case 'queue':
      addQueueConsumer(fn, t.queues, trigger.queue);
      break;
    case 'table-stream':
      addOutboxStream(scope, def.name, fn, t);
      break;
    case 'topic':
      t.topic.addSubscription(new LambdaSubscription(fn.fn));
      break;
    case 'cognito':
      t.pool?.addPreTokenGeneration(fn.fn);
      break;
  }
}

function addQueueConsumer(fn: AppFunction, queues: StackQueues, queue: QueueName): void {
  const { batchSize, maxConcurrency } = QUEUE_CONSUMERS[queue];
  fn.fn.addEventSource(
    new SqsEventSource(queues.named(queue), {
      batchSize,
      reportBatchItemFailures: true,
      // Each worker sends at most TELEGRAM_MESSAGES_PER_SECOND / this (app-functions.ts, specEnvironment).
      maxConcurrency,
    }),
  );
}

/** The outbox relay on the table's stream: new outbox items only, retried, then to a DLQ; alarmed when late. */
function addOutboxStream(scope: Stack, name: string, fn: AppFunction, t: TriggerTargets): void {
  const { stage } = t;
  const dlq = t.queues.deadLetterQueue(
    `${pascal(name)}Dlq`,
    `${stage.prefix}-${name}-dlq`,
    `${name} (stream batches that kept failing; the outbox items stay pending in the table)`,
  );
  fn.fn.addEventSource(
    new DynamoEventSource(t.table, {
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
  addAlarm(scope, t.alarmTopic, `${pascal(name)}IteratorAge`, `${stage.prefix}-${name}-iterator-age`, {
    metric: fn.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
    threshold: Duration.minutes(10).toMilliseconds(),
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `${name} is more than 10 minutes behind the table stream: outbox events are late`,
  });
}

/**
 * An EventBridge Scheduler schedule in Asia/Ho_Chi_Minh. The L1 CfnSchedule, not the L2: the L2's Lambda
 * target grants lambda:InvokeFunction on `function:*` (every version and alias), while this role may
 * invoke exactly the one function and write to the schedules' dead-letter queue, nothing else.
 */
function addSchedule(
  scope: Stack,
  name: string,
  functionName: string,
  expression: string,
  target: AppFunction,
  dlq: Queue,
  description: string,
): void {
  const role = new Role(scope, `${pascal(name)}ScheduleRole`, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': scope.account } },
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
  const schedule = new CfnSchedule(scope, `${pascal(name)}Schedule`, {
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
