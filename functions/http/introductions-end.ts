// handler: POST /introductions/{id}/end — the workplace ends the contact with a reason (R7).
import { endRequestSchema, idPathSchema } from '../../shared/schemas/introductions.js';
import { endIntroduction } from '../../shared/services/introductions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { withIdempotencyKey } from '../middleware/idempotency.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { body: endRequestSchema, path: idPathSchema },
    deps,
    async ({ principal, body, path, event }) => {
      const d = deps();
      return withIdempotencyKey(d.repos.idempotency, { event, principal, scope: 'end' }, async () =>
        ok(await endIntroduction(introductionPorts(d), principal, path.id, body)),
      );
    },
  );
}

export const handler = createHandler(defaultDeps);
