// handler: GET /committees/{id}/deletion-requests — the residence committee's heads see members' deletion
// requests, pending first, each with when it can be completed and why (issue 18; member ids, no names).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { deletionRequestsOf } from '../../shared/services/deletion-requests.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: z.object({ id: idSchema }) }, deps, async ({ principal, path }) => {
    const d = deps();
    const items = await deletionRequestsOf(principal, path.id, { ...d.repos, clock: d.clock });
    return ok({ items: items.map(({ request, possibility }) => ({ ...request, possibility })) });
  });
}

export const handler = createHandler(defaultDeps);
