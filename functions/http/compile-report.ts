// handler: POST /committees/{id}/reports/{year}?children=fresh|stored — compile the October report now (R22); 201 for a new version, 200 when unchanged.
import { compileReportPathSchema, compileReportQuerySchema } from '../../shared/schemas/year-end.js';
import { requestOctoberReport } from '../../shared/services/october-report.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { created, httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: compileReportPathSchema, query: compileReportQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const outcome = await requestOctoberReport(
        { ...d.repos, clock: d.clock, metrics: d.metrics },
        principal,
        {
          orgId: path.id,
          year: path.year,
          children: query.children,
        },
      );
      d.logger.info('october report compiled on demand', {
        orgId: path.id,
        year: path.year,
        version: outcome.report.version,
        count: outcome.changed ? 1 : 0,
      });
      return (outcome.changed ? created : ok)(outcome);
    },
  );
}

export const handler = createHandler(defaultDeps);
