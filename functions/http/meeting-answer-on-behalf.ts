// Lambda: PUT /meetings/{id}/rsvp/{memberId} — residence staff record the answer of a member who phoned or came in
// (issue 16): who entered it and how the member told them are kept; the member is told on their chat.
import { answerOnBehalfBodySchema } from '../../shared/schemas/meeting-change.js';
import { meetingMemberPathSchema } from '../../shared/schemas/meeting-record.js';
import { recordAnswerOnBehalf } from '../../shared/services/answers-on-behalf.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { meetingChangePortsOf } from './meeting-change-ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingMemberPathSchema, body: answerOnBehalfBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const result = await recordAnswerOnBehalf(
        principal,
        path.id,
        path.memberId,
        {
          answer:
            body.rsvp === 'attending'
              ? { kind: 'attending' }
              : { kind: 'absent', category: body.category ?? 'other' },
          text: body.text,
          via: body.via,
        },
        meetingChangePortsOf(deps()),
      );
      return ok({ invitation: result.invitation, changed: result.changed, memberTold: result.memberTold });
    },
  );
}

export const handler = createHandler(defaultDeps);
