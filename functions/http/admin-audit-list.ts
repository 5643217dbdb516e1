// handler: GET /committees/{id}/audit?from=&to= — the administrator lists who read members' contact books and
// absence reasons for a committee in a time range (issue 18; ids only, no names).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { auditTrail } from '../../shared/services/audit.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

const instant = z.iso.datetime({
  offset: true,
  message: 'thời điểm theo ISO 8601, ví dụ 2026-06-01T00:00:00+07:00',
});

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema }), query: z.object({ from: instant, to: instant }).strict() },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const items = await auditTrail(principal, path.id, query, {
        audit: d.repos.audit,
        committees: d.repos.committees,
      });
      return ok({ items });
    },
  );
}

export const handler = createHandler(defaultDeps);
