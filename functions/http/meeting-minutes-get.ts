// handler: GET /meetings/{id}/minutes — the parts in order, the filled-in sections, signatures, seal check.

import { meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { getMinutes } from '../../shared/services/minutes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: meetingPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    return ok(await getMinutes({ ...d.repos, clock: d.clock }, principal, path.id));
  });
}

export const handler = createHandler(defaultDeps);
