// handler: GET /meetings/{id}/attendance?cursor=&limit= — one page of the sheet, with the totals of all of it.

import { meetingPathSchema, pageQuerySchema } from '../../shared/schemas/meeting-record.js';
import { getAttendanceSheet } from '../../shared/services/attendance.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, query: pageQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const view = await getAttendanceSheet({ ...d.repos, clock: d.clock }, principal, path.id, {
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return ok(view);
    },
  );
}

export const handler = createHandler(defaultDeps);
