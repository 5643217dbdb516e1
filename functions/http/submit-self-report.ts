// handler: PUT /members/{id}/self-reports/{year} — the member's own year-end report (R19).
import { memberYearPathSchema, selfReportInputSchema } from '../../shared/schemas/year-end.js';
import { submitSelfReport } from '../../shared/services/year-end.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberYearPathSchema, body: selfReportInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const report = await submitSelfReport({ ...d.repos, clock: d.clock }, principal, {
        memberId: path.id,
        year: path.year,
        activities: body.activities,
        meetingsAttended: body.meetingsAttended,
      });
      return ok(report);
    },
  );
}

export const handler = createHandler(defaultDeps);
