// handler: PUT /committees/{id}/evaluations/{year}/{memberId} — residence staff save the evaluation draft (R11, R17).
import { evaluationDraftInputSchema, memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { saveEvaluationDraft } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: evaluationDraftInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const view = await saveEvaluationDraft({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        form: body.form,
        proposalChangeReason: body.proposalChangeReason || undefined,
        version: body.version,
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
