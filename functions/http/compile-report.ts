// handler: POST /committees/{id}/reports/{year} — compile the October report now (R22); 201 for a new version, 200 when unchanged.
import { compileReportPathSchema } from '../../shared/schemas/year-end.js';
import { requestOctoberReport } from '../../shared/services/october-report.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { created, httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: compileReportPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const outcome = await requestOctoberReport({ ...d.repos, clock: d.clock }, principal, {
      orgId: path.id,
      year: path.year,
    });
    d.logger.info('october report compiled on demand', {
      orgId: path.id,
      year: path.year,
      version: outcome.report.version,
      count: outcome.changed ? 1 : 0,
    });
    return (outcome.changed ? created : ok)(outcome);
  });
}

export const handler = createHandler(defaultDeps);
