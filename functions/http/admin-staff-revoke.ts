// handler: DELETE /committees/{id}/staff/{personId}/{role} — an administrator revokes a role; it stops working at once.
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { staffRoleSchema } from '../../shared/schemas/entities.js';
import { revokeStaff } from '../../shared/services/staff-assignments.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema, personId: idSchema, role: staffRoleSchema }) },
    deps,
    async ({ principal, path }) => {
      const d = deps();
      const result = await revokeStaff(
        principal,
        { personId: path.personId, orgId: path.id, role: path.role },
        { committees: d.repos.committees, staff: d.repos.staff, identity: d.identity, clock: d.clock },
      );
      d.logger.info('staff revoked', { orgId: path.id, role: path.role, remaining: result.remaining });
      return ok(result);
    },
  );
}

export const handler = createHandler(defaultDeps);
