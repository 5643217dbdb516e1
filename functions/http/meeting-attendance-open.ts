// handler: POST /meetings/{id}/attendance/open — staff open the sheet, pre-filled from the RSVPs.

import { meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { openAttendance } from '../../shared/services/attendance.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: meetingPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    return ok(await openAttendance({ ...d.repos, clock: d.clock }, principal, path.id));
  });
}

export const handler = createHandler(defaultDeps);
