// handler: POST /committees/{id}/evaluations/{year}/{memberId}/consultation — the hamlet head's and hamlet police head's opinions (R18).
import { consultationInputSchema, memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { recordConsultation } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: consultationInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const { version, ...consultation } = body;
      const view = await recordConsultation({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        consultation,
        ...(version !== undefined ? { version } : {}),
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
