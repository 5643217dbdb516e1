// handler: GET /committees/{id}/members — a committee's members, paged and Vietnamese-collated.
import { idPathSchema, memberListQuerySchema } from '../../shared/schemas/introductions.js';
import { listCommitteeMembers } from '../../shared/services/committee-members.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: idPathSchema, query: memberListQuerySchema },
    deps,
    async ({ principal, path, query }) =>
      ok(await listCommitteeMembers(introductionPorts(deps()), principal, path.id, query)),
  );
}

export const handler = createHandler(defaultDeps);
