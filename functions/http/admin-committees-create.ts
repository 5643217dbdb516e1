// handler: POST /committees — an administrator creates a committee under a board of their subtree (a ward with its hamlets).
import { newCommitteeSchema } from '../../shared/schemas/administration.js';
import { createCommittee } from '../../shared/services/committees.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';
import { committeePorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ body: newCommitteeSchema }, deps, async ({ principal, body }) =>
    created(await createCommittee(principal, body, committeePorts(deps()))),
  );
}

export const handler = createHandler(defaultDeps);
