// handler: POST /meetings/{id}/absence-notices/{memberId}/ack — the workplace acknowledges an R10 notice.

import { meetingMemberPathSchema } from '../../shared/schemas/meeting-record.js';
import { acknowledgeAbsenceNotice } from '../../shared/services/absence-notices.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: meetingMemberPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    return ok(
      await acknowledgeAbsenceNotice({ ...d.repos, clock: d.clock }, principal, path.id, path.memberId),
    );
  });
}

export const handler = createHandler(defaultDeps);
