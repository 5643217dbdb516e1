// handler: GET /committees/{id}/staff — the current staff of a committee in the administrator's subtree.
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { staffOfCommittee } from '../../shared/services/staff-assignments.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: z.object({ id: idSchema }) }, deps, async ({ principal, path }) => {
    const d = deps();
    return ok({ items: await staffOfCommittee(principal, path.id, d.repos) });
  });
}

export const handler = createHandler(defaultDeps);
