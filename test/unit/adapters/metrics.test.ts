// Unit: the EMF metrics adapter — one embedded-metric-format line per flush on stdout, namespace LienHe,
// dimension `service`, counts summed by CloudWatch; nothing written when nothing was counted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmfMetrics, jobMetricsOn, METRICS_NAMESPACE } from '../../../shared/adapters/metrics.js';
import { type CapturedOutput, captureOutput } from '../../support/output.js';

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

const sum = (v: unknown) => (Array.isArray(v) ? v.reduce((a: number, b: number) => a + b, 0) : v);

describe('Adapter: createEmfMetrics (Powertools Metrics)', () => {
  let output: CapturedOutput | undefined;
  afterEach(() => {
    output?.restore();
    vi.unstubAllEnvs();
  });

  it('writes one EMF line per flush with the namespace, the service dimension and the counts', () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'lienhe-prod');
    const metrics = createEmfMetrics();
    output = captureOutput(['stdout']);

    // Act
    metrics.count('RsvpsRecorded');
    metrics.count('RsvpsRecorded');
    metrics.count('InvitationsSent', 3);
    jobMetricsOn(metrics).committeeFailed('october-report');
    metrics.flush();
    metrics.flush();
    output.restore();

    // Assess
    const lines = output.json() as unknown as Emf[];
    expect(lines).toHaveLength(1);
    const [emf] = lines;
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service']],
        Metrics: expect.arrayContaining([
          { Name: 'RsvpsRecorded', Unit: 'Count' },
          { Name: 'InvitationsSent', Unit: 'Count' },
          { Name: 'JobCommitteesFailed', Unit: 'Count' },
        ]),
      },
    ]);
    expect(METRICS_NAMESPACE).toBe('LienHe');
    expect(emf?.service).toBe('lienhe-prod');
    expect(sum(emf?.RsvpsRecorded)).toBe(2);
    expect(emf?.InvitationsSent).toBe(3);
    expect(emf?.JobCommitteesFailed).toBe(1);
    expect(Math.abs((emf?._aws.Timestamp ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('names the local service when POWERTOOLS_SERVICE_NAME is not set', () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', '');
    const metrics = createEmfMetrics();
    output = captureOutput(['stdout']);

    // Act
    metrics.count('ReportsCompiled');
    metrics.flush();
    output.restore();

    // Assess
    expect(output.json()[0]).toMatchObject({ service: 'lienhe-local', ReportsCompiled: 1 });
  });
});
