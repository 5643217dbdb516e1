// handler: GET /committees/{id}/evaluations/{year}/{memberId} — one member's evaluation, or the form a new one starts from (R11 pre-set).
import { memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { getEvaluation } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: memberEvaluationPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const view = await getEvaluation({ ...d.repos, clock: d.clock }, principal, {
      orgId: path.id,
      year: path.year,
      memberId: path.memberId,
    });
    return ok(view);
  });
}

export const handler = createHandler(defaultDeps);
