// handler: POST /meetings/{id}/comments { topic, text } — a member raises a comment (ý kiến) for the meeting.

import { commentBodySchema, meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { raiseComment } from '../../shared/services/comments.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, body: commentBodySchema },
    deps,
    async ({ principal, path, body, event }) => {
      const d = deps();
      const requestId = event.headers?.['idempotency-key'];
      const view = await raiseComment({ ...d.repos, clock: d.clock, ids: d.ids }, principal, {
        topic: body.topic,
        text: body.text,
        meetingId: path.id,
        ...(requestId ? { requestId: requestId.slice(0, 128) } : {}),
      });
      return created(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
