// handler: POST /meetings/{id}/minutes/addenda { text } | { countersign: seq } — an addendum to sealed
// minutes, proposed by one of their two signers and countersigned by the other (R16).

import { addendumBodySchema, meetingPathSchema } from '../../shared/schemas/meeting-record.js';
import { countersignMinutesAddendum, proposeMinutesAddendum } from '../../shared/services/minutes-addenda.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: meetingPathSchema, body: addendumBodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const ports = { ...d.repos, clock: d.clock };
      if (body.countersign !== undefined) {
        return ok(await countersignMinutesAddendum(ports, principal, path.id, body.countersign));
      }
      return created(await proposeMinutesAddendum(ports, principal, path.id, body.text ?? ''));
    },
  );
}

export const handler = createHandler(defaultDeps);
