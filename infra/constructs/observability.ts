// infra: what the operator watches (docs/operations.md) — the stack-wide alarms (API errors and latency, table
// throttling, the invitation backlog, failed job steps) and the one CloudWatch dashboard of the stage.
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  PeriodOverride,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GSI, METRICS_NAMESPACE } from '../../shared/config/table.js';
import type { StageConfig } from '../config.js';
import type { AppFunction } from './app-function.js';

/**
 * The application's own metrics (Powertools, embedded metric format), each a count: the port's METRIC_NAMES
 * (shared/ports/metrics.ts), which the CDK app may not import; test/infra/observability.test.ts keeps them equal.
 */
export const APP_METRICS = [
  'InvitationsSent',
  'InvitationsUndeliverable',
  'RsvpsRecorded',
  'AbsenceReasonsDecided',
  'ReportsCompiled',
  'JobCommitteesFailed',
  'LinkCodeAttemptsSuspicious',
  /** Only on a stage with a Zalo OA (its alarm and dashboard line too). */
  'ZaloTokenRefreshFailed',
  /** Only on a stage with a Zalo OA: proactive messages past the month's free quota (paid, not refused). */
  'ZaloProactiveOverQuota',
] as const;
export type AppMetricName = (typeof APP_METRICS)[number];

/** The thresholds docs/operations.md explains; one place so the two agree. */
export const ALARM_THRESHOLDS = {
  /** HTTP API 5xx answers in 5 minutes. */
  api5xx: 5,
  /** HTTP API p95 latency, milliseconds, breached in 3 consecutive 5-minute periods. */
  apiLatencyP95Ms: 3000,
  apiLatencyPeriods: 3,
  /** Throttle events on the table or an index in 5 minutes (any is one too many on demand). */
  tableThrottles: 0,
  /** Age of the oldest waiting invitation message, seconds. */
  invitationAgeSeconds: Duration.minutes(15).toSeconds(),
  /** Committees a job failed for, in 5 minutes. */
  jobCommitteesFailed: 1,
  /** Link codes refused past a limit in 5 minutes: one person mistyping stays under it, guessing does not. */
  linkCodeAttemptsSuspicious: 5,
  /**
   * Failed refreshes of the Zalo OA token in 5 minutes: one is enough, since a refresh token works once and a
   * dead pair stops every Zalo send until an administrator installs a new one (docs/operations.md).
   */
  zaloTokenRefreshFailed: 1,
} as const;

const PERIOD = Duration.minutes(5);

export interface ObservabilityProps {
  stage: StageConfig;
  alarmTopic: ITopic;
  api: IHttpApi;
  table: ITableV2;
  invitationQueue: IQueue;
  /** The scheduled jobs' queue (one task per committee): on the dashboard beside the invitations. */
  jobQueue?: IQueue;
  /** Every dead-letter queue by name. */
  deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Every function by registry name. */
  functions: ReadonlyMap<string, AppFunction>;
}

export class Observability extends Construct {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  private readonly topic: ITopic;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = props.alarmTopic;
    const { stage, api, table, invitationQueue } = props;
    const prefix = stage.prefix;
    const appMetric = (metricName: AppMetricName, label?: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        // Powertools' default dimension: POWERTOOLS_SERVICE_NAME, set to the stage prefix by app-functions.ts.
        dimensionsMap: { service: prefix },
        statistic: 'Sum',
        period: PERIOD,
        label: label || undefined,
      });

    this.alarm('Api5xx', `${prefix}-api-5xx`, {
      metric: api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      threshold: ALARM_THRESHOLDS.api5xx,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'The HTTP API answered 5 or more requests with a server error (5xx) in 5 minutes',
    });
    this.alarm('ApiLatencyP95', `${prefix}-api-latency-p95`, {
      metric: api.metricLatency({ period: PERIOD, statistic: 'p95' }),
      threshold: ALARM_THRESHOLDS.apiLatencyP95Ms,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: ALARM_THRESHOLDS.apiLatencyPeriods,
      description: 'The HTTP API p95 latency stayed above 3 s for 15 minutes',
    });
    this.alarm('TableThrottles', `${prefix}-table-throttles`, {
      metric: tableThrottleEvents(table),
      threshold: ALARM_THRESHOLDS.tableThrottles,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: 'DynamoDB throttled reads or writes on the table or an index in the last 5 minutes',
    });
    this.alarm('InvitationQueueAge', `${prefix}-invitation-queue-age`, {
      metric: invitationQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
      threshold: ALARM_THRESHOLDS.invitationAgeSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        'An invitation has waited more than 15 minutes in the queue: the workers are stuck or slow',
    });
    this.alarm('JobCommitteesFailed', `${prefix}-job-committees-failed`, {
      metric: appMetric('JobCommitteesFailed'),
      threshold: ALARM_THRESHOLDS.jobCommitteesFailed,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'A scheduled job gave up on at least one committee (see the job function log group)',
    });
    this.alarm('LinkCodeAttemptsSuspicious', `${prefix}-link-code-attempts`, {
      metric: appMetric('LinkCodeAttemptsSuspicious'),
      threshold: ALARM_THRESHOLDS.linkCodeAttemptsSuspicious,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description:
        'Link codes are being guessed, or a used code is tried again and again (see the webhook log)',
    });
    if (props.stage.zalo) {
      this.alarm('ZaloTokenRefreshFailed', `${prefix}-zalo-token-refresh-failed`, {
        metric: appMetric('ZaloTokenRefreshFailed'),
        threshold: ALARM_THRESHOLDS.zaloTokenRefreshFailed,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        description:
          'The Zalo OA access token could not be refreshed: Zalo sends fail until a new token pair is installed (docs/operations.md)',
      });
    }

    const functions = [...props.functions.entries()];
    const queues: [string, IQueue][] = [
      [`${prefix}-invitations`, invitationQueue],
      ...(props.jobQueue ? ([[`${prefix}-jobs`, props.jobQueue]] as [string, IQueue][]) : []),
      ...props.deadLetterQueues.entries(),
    ];
    const graph = (title: string, left: IMetric[], width = 8, right?: IMetric[]) =>
      new GraphWidget({
        title,
        left,
        right,
        width,
        height: 6,
        period: PERIOD,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${prefix}-overview`,
      defaultInterval: Duration.hours(24),
      periodOverride: PeriodOverride.AUTO,
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${prefix}\nAlarms and what to do: docs/operations.md. Metrics are 5-minute sums unless named.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('API requests', [api.metricCount({ period: PERIOD, statistic: 'Sum', label: 'requests' })]),
      graph('API errors', [
        api.metricServerError({ period: PERIOD, statistic: 'Sum', label: '5xx' }),
        api.metricClientError({ period: PERIOD, statistic: 'Sum', label: '4xx' }),
      ]),
      graph('API latency (ms)', [
        api.metricLatency({ period: PERIOD, statistic: 'p95', label: 'p95' }),
        api.metricLatency({ period: PERIOD, statistic: 'p50', label: 'p50' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Lambda errors per function',
        functions.map(([name, f]) => f.fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: name })),
        12,
      ),
      graph(
        'Lambda throttles per function',
        functions.map(([name, f]) => f.fn.metricThrottles({ period: PERIOD, statistic: 'Sum', label: name })),
        12,
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'DynamoDB consumed capacity',
        [
          table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: 'Sum', label: 'read units' }),
          table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: 'Sum', label: 'write units' }),
        ],
        12,
      ),
      graph(
        'DynamoDB throttle events',
        [
          table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum', label: 'read' }),
          table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum', label: 'write' }),
        ],
        12,
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Queue depth (messages waiting)',
        queues.map(([name, q]) =>
          q.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: name }),
        ),
        12,
      ),
      graph(
        'Queue age of oldest message (s)',
        queues.map(([name, q]) =>
          q.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: name }),
        ),
        12,
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Invitations and answers',
        [
          appMetric('InvitationsSent', 'InvitationsSent'),
          appMetric('InvitationsUndeliverable', 'InvitationsUndeliverable'),
          appMetric('RsvpsRecorded', 'RsvpsRecorded'),
          appMetric('AbsenceReasonsDecided', 'AbsenceReasonsDecided'),
        ],
        12,
      ),
      graph(
        'Reports, jobs and link codes',
        [
          appMetric('ReportsCompiled', 'ReportsCompiled'),
          appMetric('JobCommitteesFailed', 'JobCommitteesFailed'),
          appMetric('LinkCodeAttemptsSuspicious', 'LinkCodeAttemptsSuspicious'),
          ...(props.stage.zalo
            ? [
                appMetric('ZaloTokenRefreshFailed', 'ZaloTokenRefreshFailed'),
                appMetric('ZaloProactiveOverQuota', 'ZaloProactiveOverQuota'),
              ]
            : []),
        ],
        12,
      ),
    );
  }

  private alarm(
    id: string,
    alarmName: string,
    options: {
      metric: IMetric;
      threshold: number;
      comparisonOperator: ComparisonOperator;
      description: string;
      evaluationPeriods?: number;
    },
  ): Alarm {
    const periods = options.evaluationPeriods ?? 1;
    const alarm = new Alarm(this, id, {
      alarmName,
      alarmDescription: `${options.description}. Runbook: docs/operations.md`,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparisonOperator,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      // No traffic is no trouble: a quiet night must not page anyone.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}

/**
 * Read and write throttle events of the table and of each index, summed: one alarm for all (an index's write
 * throttling also throttles the table's writes). FILL turns a quiet period into 0 rather than no data.
 */
export function tableThrottleEvents(table: ITableV2): MathExpression {
  const usingMetrics: Record<string, IMetric> = {};
  for (const kind of ['Read', 'Write'] as const) {
    usingMetrics[`${kind.toLowerCase()}Table`] = table.metric(`${kind}ThrottleEvents`, {
      period: PERIOD,
      statistic: 'Sum',
    });
    for (const index of Object.values(GSI)) {
      usingMetrics[`${kind.toLowerCase()}${index.name}`] = new Metric({
        namespace: 'AWS/DynamoDB',
        metricName: `${kind}ThrottleEvents`,
        dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: index.name },
        period: PERIOD,
        statistic: 'Sum',
      });
    }
  }
  return new MathExpression({
    expression: 'SUM(FILL(METRICS(), 0))',
    usingMetrics,
    period: PERIOD,
    label: 'throttle events (table and indexes)',
  });
}
