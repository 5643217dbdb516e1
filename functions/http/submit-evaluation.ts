// handler: POST /committees/{id}/evaluations/{year}/{memberId}/submit — the chair submits for the committee (R17, R18, R11).
import { memberEvaluationPathSchema, submitEvaluationInputSchema } from '../../shared/schemas/year-end.js';
import { submitEvaluation } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: submitEvaluationInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const view = await submitEvaluation({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        version: body.version,
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
