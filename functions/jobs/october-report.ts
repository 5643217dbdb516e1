// job: the October report (R22), fired by EventBridge Scheduler on 31 October at 17:00 Asia/Ho_Chi_Minh (configurable):
// compiles every residence committee under the boards named in REPORT_BOARD_IDS, then their parents.
import type { Context } from 'aws-lambda';
import { jobMetricsOn } from '../../shared/adapters/metrics.js';
import { localYear } from '../../shared/domain/dates.js';
import { compileOctoberReports, type JobSummary } from '../../shared/services/october-report.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { observed } from '../invocation.js';

/** The schedule's input (fixed JSON in the schedule target); both optional, for a manual run of another year or tree. */
export interface OctoberReportJobEvent {
  year?: number;
  boardIds?: string[];
}

export function createHandler(deps: () => AppDeps) {
  return async (event: OctoberReportJobEvent | null | undefined, context?: Context): Promise<JobSummary> => {
    const d = deps();
    const year = typeof event?.year === 'number' ? event.year : localYear(d.clock.now());
    return observed(d, context, `october-report:${year}`, async () => {
      const jobMetrics = jobMetricsOn(d.metrics);
      const boardIds = Array.isArray(event?.boardIds) ? event.boardIds : (d.config.reportBoardIds ?? []);
      if (boardIds.length === 0) {
        d.logger.warn('october report: no boards configured (REPORT_BOARD_IDS)', {
          jobId: 'october-report',
          year,
        });
      }
      const summary = await compileOctoberReports(
        { ...d.repos, clock: d.clock, metrics: d.metrics },
        boardIds,
        year,
        (orgId, error) => {
          jobMetrics.committeeFailed('october-report');
          d.logger.error(
            'october report: a committee failed',
            {
              jobId: 'october-report',
              orgId,
              year,
              errorName: error instanceof Error ? error.name : 'unknown',
              code: (error as { code?: string })?.code,
            },
            error,
          );
        },
      );
      d.logger.info('october report: done', {
        jobId: 'october-report',
        year,
        count: summary.compiled,
        failed: summary.failed.length,
      });
      return summary;
    });
  };
}

export const handler = createHandler(defaultDeps);
