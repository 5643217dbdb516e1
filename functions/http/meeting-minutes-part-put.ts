// handler: PUT /meetings/{id}/minutes/{part} { text } — writes one part of the minutes (409 once sealed).

import { minutesPartBodySchema, minutesPartPathSchema } from '../../shared/schemas/meeting-record.js';
import { writeMinutesPart } from '../../shared/services/minutes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: minutesPartPathSchema, body: minutesPartBodySchema },
    deps,
    async ({ principal, path, body }) => {
      return ok(await writeMinutesPart(deps().repos, principal, path.id, path.part, body.text));
    },
  );
}

export const handler = createHandler(defaultDeps);
