// handler: POST /committees/{id}/evaluations/{year}/{memberId}/front-consultation — qd213-2020: the hamlet Front work committee's opinion, before the cell signs.
import { frontConsultationInputSchema, memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { recordFrontConsultation } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: frontConsultationInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const { version, ...consultation } = body;
      const view = await recordFrontConsultation({ ...d.repos, clock: d.clock }, principal, {
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
