// handler: PUT /committees/{id} — an administrator above it renames a committee, changes its address or rule set, or
// renames and adds a ward's hamlets.
import * as z from 'zod';
import { committeeChangesSchema } from '../../shared/schemas/administration.js';
import { idSchema } from '../../shared/schemas/common.js';
import { changeCommittee } from '../../shared/services/committees.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { committeePorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema }), body: committeeChangesSchema },
    deps,
    async ({ principal, path, body }) =>
      ok(await changeCommittee(principal, path.id, body, committeePorts(deps()))),
  );
}

export const handler = createHandler(defaultDeps);
