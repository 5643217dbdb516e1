// infra: the stack's per-resource alarms and where they go — the alarm topic (its own KMS key that CloudWatch
// may use), an errors alarm per function, one account-wide throttles alarm and a depth alarm per dead-letter
// queue. Created in the stack's own scope so their logical ids are those the stack always had.
import { Duration, type Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StageConfig } from '../config.js';
import type { DeployedFunction } from './app-functions.js';
import { pascal } from './names.js';

export interface AlarmOptions {
  metric: Metric;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  description: string;
}

/** Alarms and OK notices go to the alarm topic, encrypted with its own key that CloudWatch may use. */
export function createAlarmTopic(scope: Stack, stage: StageConfig): Topic {
  const key = new Key(scope, 'AlarmTopicKey', {
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
      conditions: { StringEquals: { 'aws:SourceAccount': scope.account } },
    }),
  );
  const topic = new Topic(scope, 'AlarmTopic', {
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
      conditions: { StringEquals: { 'aws:SourceAccount': scope.account } },
    }),
  );
  if (stage.alarmEmail) topic.addSubscription(new EmailSubscription(stage.alarmEmail));
  return topic;
}

/** One alarm (one evaluation period, missing data not breaching) that notifies the topic when it fires and clears. */
export function addAlarm(
  scope: Stack,
  topic: Topic,
  id: string,
  alarmName: string,
  options: AlarmOptions,
): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmName,
    alarmDescription: options.description,
    metric: options.metric,
    threshold: options.threshold,
    comparisonOperator: options.comparisonOperator,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  alarm.addOkAction(new SnsAction(topic));
  return alarm;
}

/** What every deployed function and dead-letter queue is watched by, in this order (the template's order). */
export function addResourceAlarms(
  scope: Stack,
  topic: Topic,
  stage: StageConfig,
  deployed: readonly DeployedFunction[],
  deadLetterQueues: ReadonlyMap<string, Queue>,
): void {
  for (const d of deployed) {
    const period = Duration.minutes(5);
    addAlarm(scope, topic, `${pascal(d.name)}Errors`, `${stage.prefix}-${d.name}-errors`, {
      metric: d.fn.fn.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: `${d.name} failed at least once in 5 minutes (see its log group)`,
    });
  }
  // Throttling is the account's concurrency running out, whichever function meets it: one alarm on the
  // account's Lambda throttles (the dashboard shows them per function) instead of one per function keeps
  // the stack within its resource budget (docs/architecture.md, "Resource budget").
  if (deployed.length > 0) {
    addAlarm(scope, topic, 'LambdaThrottles', `${stage.prefix}-lambda-throttles`, {
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
  for (const [name, queue] of deadLetterQueues) {
    addAlarm(scope, topic, `${pascal(name)}Depth`, `${name}-depth`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `Messages are waiting in the dead-letter queue ${name}: something failed for good`,
    });
  }
}
