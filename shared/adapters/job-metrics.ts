// adapter: the JobMetrics port over the structured log — one line per failed committee that a metric filter (or
// the Powertools Metrics binding the integrator adds) turns into `JobCommitteesFailed`.
import type { JobMetrics } from '../ports/jobs.js';
import type { Logger } from './logger.js';

export const JOB_COMMITTEES_FAILED = 'JobCommitteesFailed';

export function loggedJobMetrics(logger: Pick<Logger, 'warn'>): JobMetrics {
  return {
    committeeFailed: (job) => logger.warn(`metric ${JOB_COMMITTEES_FAILED}`, { jobId: job, count: 1 }),
  };
}
