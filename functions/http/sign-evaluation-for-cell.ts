// handler: POST /committees/{id}/evaluations/{year}/{memberId}/cell-signature — qd213-2020: the comment signed for the hamlet cell committee (T/M chi ủy).
import { cellSignatureInputSchema, memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { signForCell } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: cellSignatureInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const { version, ...signature } = body;
      const view = await signForCell({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        signature,
        ...(version !== undefined ? { version } : {}),
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
