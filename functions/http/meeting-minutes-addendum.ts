// handler: POST /meetings/{id}/minutes/addenda { text } — a signed correction to sealed minutes (R16).

import { addendumBodySchema, meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { addMinutesAddendum } from '../../shared/services/minutes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, body: addendumBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      return created(await addMinutesAddendum({ ...d.repos, clock: d.clock }, principal, path.id, body.text));
    },
  );
}

export const handler = createHandler(defaultDeps);
