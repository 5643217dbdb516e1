// handler: GET /absence-notices?cursor=&limit= — the R10 notices the caller's workplace has not acknowledged.

import { pageQuerySchema } from '../../shared/schemas/meeting-record.js';
import { pendingAbsenceNotices } from '../../shared/services/absence-notices.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ query: pageQuerySchema }, deps, async ({ principal, query }) => {
    const page = await pendingAbsenceNotices(deps().repos, principal, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return ok(page);
  });
}

export const handler = createHandler(defaultDeps);
