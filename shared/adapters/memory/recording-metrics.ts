// adapter: the Metrics port in memory — tests and the local stack read what was counted.
import type { MetricName } from '../../ports/metrics.js';
import type { FlushableMetrics } from '../metrics.js';

export class RecordingMetrics implements FlushableMetrics {
  /** Totals since the start, by metric. */
  readonly totals = new Map<MetricName, number>();
  /** How many invocations flushed. */
  flushes = 0;

  count(name: MetricName, value = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + value);
  }

  flush(): void {
    this.flushes += 1;
  }

  total(name: MetricName): number {
    return this.totals.get(name) ?? 0;
  }
}
