// handler: GET /committees/{id}/evaluations/{year}?status=due|done&cursor= — the paged list of members whose evaluation is due or done (R17).
import { evaluationListQuerySchema, evaluationPathSchema } from '../../shared/schemas/year-end.js';
import { listEvaluations } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { pageOf } from './page-query.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: evaluationPathSchema, query: evaluationListQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const page = await listEvaluations({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        status: query.status,
        ...pageOf(query),
      });
      return ok(page);
    },
  );
}

export const handler = createHandler(defaultDeps);
