// Lambda: POST /meetings/{id}/reschedule — residence staff move a planned meeting (date, time, place) (issue 16).
// 202 with the meeting and R8's warnings on the new date: telling every invitee is a queued task (issue 19) whose
// report (how many were told, the paper list) reaches the staff's linked chat.
import * as z from 'zod';
import { meetingIdSchema } from '../../shared/schemas/events.js';
import { meetingMoveBodySchema } from '../../shared/schemas/meeting-change.js';
import { rescheduleMeeting } from '../../shared/services/meeting-changes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';
import { meetingChangePortsOf } from './meeting-change-ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: meetingIdSchema }), body: meetingMoveBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const result = await rescheduleMeeting(principal, path.id, body, meetingChangePortsOf(deps()));
      return jsonResponse(202, result);
    },
  );
}

export const handler = createHandler(defaultDeps);
