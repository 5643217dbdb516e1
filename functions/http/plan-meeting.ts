// Lambda: POST /committees/{id}/meetings — residence staff plan the June or October contact meeting (R8).
import * as z from 'zod';
import { idSchema } from '../../shared/schemas/common.js';
import { meetingInputSchema } from '../../shared/schemas/entities.js';
import { planMeeting } from '../../shared/services/meetings.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: idSchema }), body: meetingInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const planned = await planMeeting(principal, path.id, body, { ...d.repos, clock: d.clock });
      // R8: warnings (not a weekend, not the round's month) are returned, never refused.
      const payload = { meeting: planned.meeting, warnings: planned.warnings };
      return planned.replay ? ok(payload) : created(payload);
    },
  );
}

export const handler = createHandler(defaultDeps);
