// handler: POST /meetings/{id}/minutes/sign { as } — the chair or the secretary signs; the second seals.

import { meetingPathSchema, signBodySchema } from '../../shared/schemas/meeting-record.js';
import { signMinutes } from '../../shared/services/minutes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, body: signBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      return ok(await signMinutes({ ...d.repos, clock: d.clock }, principal, path.id, body.as));
    },
  );
}

export const handler = createHandler(defaultDeps);
