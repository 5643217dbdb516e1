// handler: PUT /meetings/{id}/attendance/{memberId} { present } — marks one member present or absent.

import { attendanceBodySchema, meetingMemberPathSchema } from '../../shared/schemas/meeting-record.js';
import { setAttendance } from '../../shared/services/attendance.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingMemberPathSchema, body: attendanceBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      return ok(
        await setAttendance({ ...d.repos, clock: d.clock }, principal, path.id, path.memberId, body.present),
      );
    },
  );
}

export const handler = createHandler(defaultDeps);
