// adapter: the Metrics port on Powertools Metrics — CloudWatch embedded metric format (EMF) lines on stdout,
// namespace LienHe, one dimension `service` (the stage prefix), flushed once per invocation.
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { MetricName, Metrics } from '../ports/metrics.js';
import { LOCAL_SERVICE_NAME } from './logger.js';

export const METRICS_NAMESPACE = 'LienHe';

/** The Metrics port plus the end of an invocation (functions/ call `flush` once per invocation). */
export interface FlushableMetrics extends Metrics {
  /** Writes what this invocation counted (nothing when it counted nothing) and starts afresh. */
  flush(): void;
}

export interface EmfMetricsOptions {
  /** The `service` dimension. Default: POWERTOOLS_SERVICE_NAME (the infra sets the stage prefix, e.g. `lienhe-prod`), else `lienhe-local`. */
  serviceName?: string;
}

export function createEmfMetrics(options: EmfMetricsOptions = {}): FlushableMetrics {
  const serviceName = options.serviceName ?? (process.env.POWERTOOLS_SERVICE_NAME || LOCAL_SERVICE_NAME);
  const metrics = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    count(name: MetricName, value = 1) {
      metrics.addMetric(name, MetricUnit.Count, value);
    },
    flush() {
      // Powertools warns on every empty flush; most invocations (a read route) count nothing.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}

/**
 * The jobs' `JobMetrics` port (`committeeFailed(job)`) on ours: one JobCommitteesFailed per committee a
 * job could not process. The job's name stays in the log line, not in a dimension: the alarm watches the
 * metric by `service` alone, and an extra dimension would make it a different metric.
 */
export function jobMetricsOn(metrics: Metrics): { committeeFailed(job: string): void } {
  return {
    committeeFailed: (_job: string) => metrics.count('JobCommitteesFailed'),
  };
}
