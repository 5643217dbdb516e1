// handler: POST /committees/{id}/move — an administrator moves a committee under another board (never under itself).
import * as z from 'zod';
import { moveCommitteeSchema } from '../../shared/schemas/administration.js';
import { idSchema } from '../../shared/schemas/common.js';
import { moveCommittee } from '../../shared/services/committees.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { committeePorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema }), body: moveCommitteeSchema },
    deps,
    async ({ principal, path, body }) =>
      ok(await moveCommittee(principal, path.id, body.parentId, committeePorts(deps()))),
  );
}

export const handler = createHandler(defaultDeps);
