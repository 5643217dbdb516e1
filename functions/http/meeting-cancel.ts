// Lambda: POST /meetings/{id}/cancel { reason } — residence staff call off a planned meeting; reminders, invitations,
// answers and attendance stop (issue 16). 202 with the meeting: telling every invitee the reason is a queued task
// (issue 19) whose report reaches the staff's linked chat. Repeating it changes nothing.
import * as z from 'zod';
import { meetingIdSchema } from '../../shared/schemas/events.js';
import { meetingCancelBodySchema } from '../../shared/schemas/meeting-change.js';
import { cancelMeeting } from '../../shared/services/meeting-changes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';
import { meetingChangePortsOf } from './meeting-change-ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: z.object({ id: meetingIdSchema }), body: meetingCancelBodySchema },
    deps,
    async ({ principal, path, body }) =>
      jsonResponse(202, await cancelMeeting(principal, path.id, body.reason, meetingChangePortsOf(deps()))),
  );
}

export const handler = createHandler(defaultDeps);
