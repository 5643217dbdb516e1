// Lambda: POST /meetings/{id}/reschedule — residence staff move a planned meeting (date, time, place); every invitee
// is told at once (issue 16). 200 with the meeting, R8's warnings on the new date and how the invitees were told.
import * as z from 'zod';
import { meetingIdSchema } from '../../shared/schemas/events.js';
import { meetingMoveBodySchema } from '../../shared/schemas/meeting-change.js';
import { rescheduleMeeting } from '../../shared/services/meeting-changes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { meetingChangePortsOf } from './meeting-change-ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: meetingIdSchema }), body: meetingMoveBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const result = await rescheduleMeeting(principal, path.id, body, meetingChangePortsOf(deps()));
      return ok(result);
    },
  );
}

export const handler = createHandler(defaultDeps);
