// handler: POST /meetings/{id}/comments/{commentId}/answer — staff answer a comment (R15 2.3 of the next meeting).

import { answerBodySchema, meetingCommentPathSchema } from '../../shared/schemas/meeting-record.js';
import { answerComment } from '../../shared/services/comments.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingCommentPathSchema, body: answerBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const view = await answerComment({ ...d.repos, clock: d.clock }, principal, {
        meetingId: path.id,
        commentId: path.commentId,
        ...body,
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
