// handler: POST /committees/{id}/close — an administrator above it closes a committee (history kept, new work refused).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { closeCommittee } from '../../shared/services/committees.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { committeePorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: z.object({ id: idSchema }) }, deps, async ({ principal, path }) =>
    ok(await closeCommittee(principal, path.id, committeePorts(deps()))),
  );
}

export const handler = createHandler(defaultDeps);
