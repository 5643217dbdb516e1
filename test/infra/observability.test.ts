// infra tests: the stack-wide alarms (each with its metric and threshold, to the alarm topic) and the dashboard.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { APP_METRICS } from '../../infra/constructs/observability.js';
import { METRIC_NAMES } from '../../shared/ports/metrics.js';
import { synthStage, TEST_ENV } from './support.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}

const prod = synthStage({ stage: 'prod', env: TEST_ENV });

function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

function idOf(template: Template, type: string, property: string, value: unknown): string {
  const found = resources(template, type).filter(
    ([, r]) => JSON.stringify(r.Properties[property]) === JSON.stringify(value),
  );
  expect(found, `${type} ${property}=${JSON.stringify(value)}`).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
}

function alarm(name: string): Json {
  const found = resources(prod.appTemplate, 'AWS::CloudWatch::Alarm').find(
    ([, r]) => r.Properties.AlarmName === name,
  );
  if (!found) throw new Error(`No alarm ${name}`);
  return found[1].Properties;
}

const topicId = () => (resources(prod.appTemplate, 'AWS::SNS::Topic')[0] as [string, Resource])[0];
const apiId = () => (resources(prod.appTemplate, 'AWS::ApiGatewayV2::Api')[0] as [string, Resource])[0];
const tableName = () => {
  const outputs = prod.dataTemplate.toJSON().Outputs as Record<
    string,
    { Value: unknown; Export?: { Name: string } }
  >;
  const tableId = (resources(prod.dataTemplate, 'AWS::DynamoDB::GlobalTable')[0] as [string, Resource])[0];
  const output = Object.values(outputs).find(
    (o) => o.Export && JSON.stringify(o.Value) === JSON.stringify({ Ref: tableId }),
  );
  return { 'Fn::ImportValue': output?.Export?.Name };
};

describe('Construct: Observability', () => {
  describe('Resource: alarms', () => {
    it('sends every stack-wide alarm and its recovery to the alarm topic, and a quiet period is not a breach', () => {
      for (const name of [
        'lienhe-prod-api-5xx',
        'lienhe-prod-api-latency-p95',
        'lienhe-prod-table-throttles',
        'lienhe-prod-invitation-queue-age',
        'lienhe-prod-job-committees-failed',
      ]) {
        // Act
        const props = alarm(name);

        // Assess
        expect(props.AlarmActions, name).toEqual([{ Ref: topicId() }]);
        expect(props.OKActions, name).toEqual([{ Ref: topicId() }]);
        expect(props.TreatMissingData, name).toBe('notBreaching');
        expect(props.AlarmDescription, name).toMatch(/docs\/operations\.md/);
      }
    });

    it('alarms on 5 or more HTTP API 5xx answers in 5 minutes', () => {
      // Act / Assess
      expect(alarm('lienhe-prod-api-5xx')).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
      });
    });

    it('alarms on an HTTP API p95 latency above 3 s in 3 of 3 periods', () => {
      // Act / Assess
      expect(alarm('lienhe-prod-api-latency-p95')).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }],
        ExtendedStatistic: 'p95',
        Period: 300,
        Threshold: 3000,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
      });
    });

    it('alarms on any read or write throttle event of the table or one of its indexes', () => {
      // Act
      const props = alarm('lienhe-prod-table-throttles');
      const queries = props.Metrics as {
        Id: string;
        Expression?: string;
        ReturnData?: boolean;
        MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Json[] }; Stat: string };
      }[];
      const stats = queries.filter((q) => q.MetricStat).map((q) => q.MetricStat);

      // Assess
      expect(props).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(queries.find((q) => q.Expression)?.Expression).toBe('SUM(FILL(METRICS(), 0))');
      expect(stats).toHaveLength(8);
      for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
        const dims = stats
          .filter((s) => s?.Metric.MetricName === metric)
          .map((s) => {
            expect(s?.Metric.Namespace).toBe('AWS/DynamoDB');
            expect(s?.Stat).toBe('Sum');
            return s?.Metric.Dimensions;
          });
        expect(dims).toContainEqual([{ Name: 'TableName', Value: tableName() }]);
        for (const index of ['gsi1', 'gsi2', 'gsi3']) {
          expect(dims).toContainEqual([
            { Name: 'GlobalSecondaryIndexName', Value: index },
            { Name: 'TableName', Value: tableName() },
          ]);
        }
      }
    });

    it('alarms when the oldest invitation has waited more than 15 minutes', () => {
      // Prepare
      const queue = idOf(prod.appTemplate, 'AWS::SQS::Queue', 'QueueName', 'lienhe-prod-invitations');

      // Act / Assess
      expect(alarm('lienhe-prod-invitation-queue-age')).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 900,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    });

    it("alarms when a job fails for one committee, on the app's own metric with the stage as service", () => {
      // Act / Assess
      expect(alarm('lienhe-prod-job-committees-failed')).toMatchObject({
        Namespace: 'LienHe',
        MetricName: 'JobCommitteesFailed',
        Dimensions: [{ Name: 'service', Value: 'lienhe-prod' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });

    it('tells every function the service name and namespace its metrics are alarmed on', () => {
      for (const [, f] of resources(prod.appTemplate, 'AWS::Lambda::Function')) {
        // Act / Assess
        expect((f.Properties.Environment as { Variables: Json }).Variables).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'lienhe-prod',
          POWERTOOLS_METRICS_NAMESPACE: 'LienHe',
        });
      }
    });
  });

  describe('The metric names', () => {
    it('are the ones the application emits, so none is emitted unwatched and none is watched unemitted', () => {
      // The CDK app reads shared/config only (test/unit/import-direction.test.ts), so it keeps its own list of
      // the port's metric names; this is what makes the two agree.
      expect([...APP_METRICS].sort()).toEqual([...METRIC_NAMES].sort());
    });
  });

  describe('Resource: dashboard', () => {
    it('is one dashboard with the API, every function, the table, every queue and the app metrics', () => {
      // Prepare
      prod.appTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const [, dashboard] = resources(prod.appTemplate, 'AWS::CloudWatch::Dashboard')[0] as [
        string,
        Resource,
      ];
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      const functions = resources(prod.appTemplate, 'AWS::Lambda::Function');
      const queues = resources(prod.appTemplate, 'AWS::SQS::Queue');

      // Act
      const titles = [...body.matchAll(/\\"title\\":\\"([^\\]+)\\"/g)].map((m) => m[1]);

      // Assess
      expect(dashboard.Properties.DashboardName).toBe('lienhe-prod-overview');
      expect(titles).toEqual([
        'API requests',
        'API errors',
        'API latency (ms)',
        'Lambda errors per function',
        'Lambda throttles per function',
        'DynamoDB consumed capacity',
        'DynamoDB throttle events',
        'Queue depth (messages waiting)',
        'Queue age of oldest message (s)',
        'Invitations and answers',
        'Reports, jobs and link codes',
      ]);
      for (const metric of ['Count', '5xx', 'Latency', 'p95']) expect(body).toContain(metric);
      for (const [id] of functions) {
        expect(body).toContain(`{"Ref":"${id}"}`);
      }
      for (const [id] of queues) expect(body).toContain(`{"Fn::GetAtt":["${id}","QueueName"]}`);
      for (const metric of [
        'ConsumedReadCapacityUnits',
        'ConsumedWriteCapacityUnits',
        'WriteThrottleEvents',
      ]) {
        expect(body).toContain(metric);
      }
      // The Zalo lines only on a stage with a Zalo OA (test/infra/zalo.test.ts): this one has none.
      for (const metric of METRIC_NAMES.filter((m) => !m.startsWith('Zalo'))) {
        expect(body).toContain(`[\\"LienHe\\",\\"${metric}\\",\\"service\\",\\"lienhe-prod\\"`);
      }
      expect(body).not.toContain('ZaloTokenRefreshFailed');
      expect(body).not.toContain('ZaloProactiveOverQuota');
    });
  });
});
