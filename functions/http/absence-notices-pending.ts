// handler: GET /absence-notices?cursor=&limit= — the R10 notices the caller's workplace has not acknowledged.

import { pageQuerySchema } from '../../shared/schemas/meeting-record.js';
import { pendingAbsenceNotices } from '../../shared/services/absence-notices.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { pageOf } from './page-query.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ query: pageQuerySchema }, deps, async ({ principal, query }) => {
    const page = await pendingAbsenceNotices(deps().repos, principal, pageOf(query));
    return ok(page);
  });
}

export const handler = createHandler(defaultDeps);
