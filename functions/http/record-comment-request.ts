// handler: POST /committees/{id}/evaluations/{year}/{memberId}/comment-request — qd213-2020: a comment requested for an exempt member (33-HD/BTCTW).
import { commentRequestInputSchema, memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import { recordCommentRequest } from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: commentRequestInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const result = await recordCommentRequest({ ...d.repos, clock: d.clock }, principal, {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        ...body,
      });
      return jsonResponse(result.outcome === 'created' ? 201 : 200, result.view);
    },
  );
}

export const handler = createHandler(defaultDeps);
