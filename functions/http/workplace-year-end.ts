// handler: GET /workplaces/{id}/year-end/{year} — per member introduced: evaluation received, meetings attended, self-report (R19–R21).
import { workplaceYearEndPathSchema, workplaceYearEndQuerySchema } from '../../shared/schemas/year-end.js';
import { workplaceYearEnd } from '../../shared/services/year-end.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { pageOf } from './page-query.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: workplaceYearEndPathSchema, query: workplaceYearEndQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const page = await workplaceYearEnd({ ...d.repos, clock: d.clock }, principal, {
        workplaceOrgId: path.id,
        year: path.year,
        status: query.status,
        ...pageOf(query),
      });
      return ok(page);
    },
  );
}

export const handler = createHandler(defaultDeps);
