// handler: GET /committees/{id}/reports/{year}/narrative — the report's narrative as written so far (R22; version 0 when none), for whoever may read the report.
import { reportNarrativePathSchema } from '../../shared/schemas/year-end.js';
import { getReportNarrative } from '../../shared/services/report-narrative.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: reportNarrativePathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    return ok(await getReportNarrative(d.repos, principal, { orgId: path.id, year: path.year }));
  });
}

export const handler = createHandler(defaultDeps);
