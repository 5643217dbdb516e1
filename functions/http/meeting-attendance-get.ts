// handler: GET /meetings/{id}/attendance?cursor=&limit= — one page of the sheet, with the totals of all of it.

import { meetingPathSchema, pageQuerySchema } from '../../shared/schemas/meeting-record.js';
import { getAttendanceSheet } from '../../shared/services/attendance.js';
import { recordReads } from '../../shared/services/audit.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { pageOf } from './page-query.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, query: pageQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const ports = { ...d.repos, clock: d.clock };
      const view = await getAttendanceSheet(ports, principal, path.id, pageOf(query));
      // Issue 18: a page showing absence reasons' text is in the audit trail, one entry per member shown.
      const reads = view.rows
        .filter((row) => row.absence?.text !== undefined)
        .map((row) => ({
          action: 'absence_reason.read' as const,
          memberId: row.memberId,
          meetingId: path.id,
        }));
      await recordReads(principal, reads, 'http', { audit: d.repos.audit, clock: d.clock });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
